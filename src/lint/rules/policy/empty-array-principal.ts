import type { PolicyRule, RuleHit } from '../../types';
import { isRecord } from '../../../model/json';
import { hit, NO_HITS } from './lib/support';

export const emptyArrayPrincipal: PolicyRule<'EMPTY_ARRAY_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'EMPTY_ARRAY_PRINCIPAL',
    severity: 'suggestion',
    title: 'A principal type has an empty list',
    description: 'A principal type with no values, such as "Principal": {"AWS": []}, names nobody (Access Analyzer check EMPTY_ARRAY_PRINCIPAL, a suggestion).',
    fix: 'Name the principals, e.g. "AWS": [] -> "AWS": ["arn:aws:iam::111122223333:root"], or remove the type.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const element of ['Principal', 'NotPrincipal'] as const) {
        const principal = s.raw[element];
        if (!isRecord(principal)) continue;
        for (const type of Object.keys(principal)) {
          const values = principal[type];
          if (Array.isArray(values) && values.length === 0)
            (hits ??= []).push(hit(`${element}.${type} must list at least one principal, received []`, [...s.path, element, type]));
        }
      }
    }
    return hits ?? NO_HITS;
  },
};
