import { globMatch } from '../../../catalog/iam-catalog';
import type { PolicyRule, RuleHit, StatementView, ValueAt } from '../../types';
import { repeatedIndices } from './lib/repeats';
import { hasWildcard, hit, showValue } from './lib/support';

/**
 * True when every resource `a` matches is matched by `b`. With `b` using only `*`, matching `a`'s text
 * (its own wildcards read as letters) is enough: each of them falls inside one of `b`'s stars. A `?`
 * in `b` could stand for one of `a`'s stars, so that case is left alone. The flags say whether each
 * text has a wildcard and whether `b` has a `?`, worked out once per statement.
 */
function covers(b: string, bWildcard: boolean, bQuestion: boolean, a: string, aWildcard: boolean): boolean {
  if (!bWildcard) return false;
  if (aWildcard && bQuestion) return false;
  return globMatch(b, a);
}

/** The text before the first `*` or `?`. */
function literalHead(pattern: string): string {
  let end = pattern.length;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */) {
      end = i;
      break;
    }
  }
  return pattern.slice(0, end);
}

export const redundantResource: PolicyRule<'REDUNDANT_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'REDUNDANT_RESOURCE',
    severity: 'suggestion',
    source: 'access-analyzer',
    offline: true,
    title: 'A resource is already matched by another resource of the statement',
    description:
      'A Resource value is redundant when another value of the same statement matches every resource it matches, e.g. ' +
      'arn:aws:iam::111122223333:role/jane-admin next to arn:aws:iam::111122223333:role/jane* (Access Analyzer check ' +
      'REDUNDANT_RESOURCE, a suggestion). Resource ARNs are compared case-sensitively.',
    fix: 'Remove the redundant ARN, e.g. drop "arn:aws:iam::111122223333:role/jane-admin" when "…:role/jane*" stays, or list only the ARNs you mean.',
  },
  check(unit) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const resources: readonly ValueAt[] = (statements[si] as StatementView).resources ?? [];
      if (resources.length < 2) continue;
      // Without a wildcard, only a value listed twice can be redundant.
      const values: string[] = [];
      let anyWildcard = false;
      for (let i = 0; i < resources.length; i++) {
        const value = (resources[i] as ValueAt).value;
        values.push(value);
        if (!anyWildcard && hasWildcard(value)) anyWildcard = true;
      }
      if (!anyWildcard) {
        for (const i of repeatedIndices(values) ?? []) {
          const a = resources[i] as ValueAt;
          hits.push(hit(`the resource ${showValue(a.value)} is redundant: it is listed twice`, a.path, `Resource::${a.value}`));
        }
        continue;
      }
      // A wildcard covers only values that start with its literal head (the text before its first * or
      // ?): checking that first spares most glob matches in statements that list many ARNs.
      const isWildcard: boolean[] = [];
      const hasQuestion: boolean[] = [];
      const wildcards: number[] = [];
      const heads: string[] = [];
      for (let i = 0; i < values.length; i++) {
        const value = values[i] as string;
        const wildcard = hasWildcard(value);
        isWildcard.push(wildcard);
        hasQuestion.push(value.includes('?'));
        if (wildcard) {
          wildcards.push(i);
          heads.push(literalHead(value));
        }
      }
      const firstIndex = new Map<string, number>();
      for (let i = 0; i < values.length; i++) {
        const a = resources[i] as ValueAt;
        const value = values[i] as string;
        if (firstIndex.has(value)) {
          hits.push(hit(`the resource ${showValue(a.value)} is redundant: it is listed twice`, a.path, `Resource::${a.value}`));
          continue;
        }
        firstIndex.set(value, i);
        // The first wildcard, in order, that covers the value (of two that cover each other, the earlier stays).
        let by = -1;
        for (let k = 0; k < wildcards.length; k++) {
          const index = wildcards[k] as number;
          const other = values[index] as string;
          if (
            index !== i &&
            other !== value &&
            value.startsWith(heads[k] as string) &&
            covers(other, true, hasQuestion[index] as boolean, value, isWildcard[i] as boolean) &&
            (index < i || !covers(value, isWildcard[i] as boolean, hasQuestion[i] as boolean, other, true))
          ) {
            by = index;
            break;
          }
        }
        if (by >= 0)
          hits.push(hit(`the resource ${showValue(a.value)} is redundant: ${showValue(values[by])} already matches it`, a.path, `Resource::${a.value}`));
      }
    }
    return hits;
  },
};
