import type { PolicyRule } from '../../types';
import { uniqueIdPrincipalHits } from './lib/unique-id-principals';

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
    return uniqueIdPrincipalHits(unit, 'user');
  },
};
