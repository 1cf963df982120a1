import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';

// IAM unique IDs start with a prefix per kind: AIDA for users (IAM User Guide, "IAM identifiers", unique ID prefixes).
const ID = /^AIDA[A-Z0-9]{12,}$/;

export const invalidUserReference: PolicyRule<'INVALID_USER_REFERENCE'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_USER_REFERENCE',
    severity: 'warning',
    title: 'A Principal names a user by its unique ID',
    description:
      "IAM turns a user ARN in a Principal into the user's unique ID (AIDA…) when it saves a resource policy; writing the ID " +
      'yourself ties the policy to that one user: if it is deleted and created again, the policy no longer matches it (Access ' +
      'Analyzer check INVALID_USER_REFERENCE, a general warning).',
    fix: 'Write the user ARN, e.g. "AIDAEXAMPLEID12345678" -> "arn:aws:iam::111122223333:user/app".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const p of s.principalValues) {
        if (p.type === 'AWS' && ID.test(p.value))
          (hits ??= []).push(hit(`the principal ${showValue(p.value)} should be the user's ARN rather than its unique ID`, p.path, `Principal::${p.value}`));
      }
    }
    return hits ?? NO_HITS;
  },
};
