import { globMatch } from '../../iam-catalog';
import type { PolicyRule, RuleHit, ValueAt } from '../../types';
import { hasWildcard, hit, showValue } from './lib/support';

/**
 * True when every resource `a` matches is matched by `b`. With `b` using only `*`, matching `a`'s text
 * (its own wildcards read as letters) is enough: each of them falls inside one of `b`'s stars. A `?`
 * in `b` could stand for one of `a`'s stars, so that case is left alone.
 */
function covers(b: string, a: string): boolean {
  if (!hasWildcard(b)) return false;
  if (hasWildcard(a) && b.includes('?')) return false;
  return globMatch(b, a);
}

export const redundantResource: PolicyRule<'REDUNDANT_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'REDUNDANT_RESOURCE',
    severity: 'suggestion',
    title: 'A resource is already matched by another resource of the statement',
    description:
      'A Resource value is redundant when another value of the same statement matches every resource it matches, e.g. ' +
      'arn:aws:iam::111122223333:role/jane-admin next to arn:aws:iam::111122223333:role/jane* (Access Analyzer check ' +
      'REDUNDANT_RESOURCE, a suggestion). Resource ARNs are compared case-sensitively.',
    fix: 'Remove the redundant ARN, e.g. drop "arn:aws:iam::111122223333:role/jane-admin" when "…:role/jane*" stays, or list only the ARNs you mean.',
  },
  check(unit) {
    const hits: RuleHit[] = [];
    for (const s of unit.view.statements) {
      const resources: readonly ValueAt[] = s.resources ?? [];
      if (resources.length < 2) continue;
      const wildcards = resources.map((r, index) => ({ r, index })).filter(({ r }) => hasWildcard(r.value));
      const firstIndex = new Map<string, number>();
      resources.forEach((a, i) => {
        const first = firstIndex.get(a.value);
        if (first !== undefined) {
          hits.push(hit(`the resource ${showValue(a.value)} is redundant: it is listed twice`, a.path, `Resource::${a.value}`));
          return;
        }
        firstIndex.set(a.value, i);
        const by = wildcards.find(({ r, index }) => index !== i && r.value !== a.value && covers(r.value, a.value) && (index < i || !covers(a.value, r.value)));
        if (by !== undefined) hits.push(hit(`the resource ${showValue(a.value)} is redundant: ${showValue(by.r.value)} already matches it`, a.path, `Resource::${a.value}`));
      });
    }
    return hits;
  },
};
