import type { PolicyRule } from '../../types';
import { uniqueIdPrincipalHits } from './lib/unique-id-principals';

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
    return uniqueIdPrincipalHits(unit, 'role');
  },
};
