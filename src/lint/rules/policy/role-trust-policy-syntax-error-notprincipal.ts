import type { PolicyRule } from '../../types';
import { elementHits } from './lib/support';

const ELEMENTS = ['NotPrincipal'] as const;
const messageOf = (): string => 'a role trust policy must name who may assume the role with Principal, received NotPrincipal';

export const roleTrustPolicySyntaxErrorNotPrincipal: PolicyRule<'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A role trust policy uses NotPrincipal',
    description:
      '"Role trust policies do not support NotPrincipal" (IAM User Guide, "IAM policy validation check reference", Access Analyzer check ' +
      'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL, an error; https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    fix: 'Name the principals that may assume the role, e.g. "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/x"} -> "Principal": {"AWS": "arn:aws:iam::111122223333:role/deploy"}.',
  },
  appliesTo: ['trust'],
  check: (unit) => elementHits(unit.view.statements, ELEMENTS, messageOf),
};
