import type { PolicyRule, RuleHit } from '../../types';
import { isRecord } from '../../../model/json';
import { hit, NO_HITS } from './lib/support';

export const emptyObjectPrincipal: PolicyRule<'EMPTY_OBJECT_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'EMPTY_OBJECT_PRINCIPAL',
    severity: 'suggestion',
    title: 'Principal is an empty object',
    description:
      'A Principal (or NotPrincipal) with no principal type in it names nobody, so the statement has no effect (Access Analyzer check EMPTY_OBJECT_PRINCIPAL, a suggestion).',
    fix: 'Name the principals, e.g. "Principal": {} -> "Principal": {"AWS": "arn:aws:iam::111122223333:root"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const element of ['Principal', 'NotPrincipal'] as const) {
        const principal = s.raw[element];
        if (isRecord(principal) && Object.keys(principal).length === 0)
          (hits ??= []).push(hit(`${element} must name at least one principal, received {}: the statement has no effect`, [...s.path, element]));
      }
    }
    return hits ?? NO_HITS;
  },
};
