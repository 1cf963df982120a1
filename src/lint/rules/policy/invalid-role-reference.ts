import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';

// IAM unique IDs start with a prefix per kind: AROA for roles (IAM User Guide, "IAM identifiers", unique ID prefixes).
const ID = /^AROA[A-Z0-9]{12,}$/;

export const invalidRoleReference: PolicyRule<'INVALID_ROLE_REFERENCE'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_ROLE_REFERENCE',
    severity: 'warning',
    title: 'A Principal names a role by its unique ID',
    description:
      "IAM turns a role ARN in a Principal into the role's unique ID (AROA…) when it saves a resource policy; writing the ID " +
      'yourself ties the policy to that one role: if it is deleted and created again, the policy no longer matches it (Access ' +
      'Analyzer check INVALID_ROLE_REFERENCE, a general warning).',
    fix: 'Write the role ARN, e.g. "AROAEXAMPLEID12345678" -> "arn:aws:iam::111122223333:role/app".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const p of s.principalValues) {
        if (p.type === 'AWS' && ID.test(p.value))
          (hits ??= []).push(hit(`the principal ${showValue(p.value)} should be the role's ARN rather than its unique ID`, p.path, `Principal::${p.value}`));
      }
    }
    return hits ?? NO_HITS;
  },
};
