import type { PolicyRule } from '../../types';
import { elementHits } from './lib/support';

const ELEMENTS = ['Resource', 'NotResource'] as const;
const messageOf = (element: string): string => `${element} must not be present in a role trust policy: it applies to the role it is attached to`;

export const roleTrustPolicySyntaxErrorResource: PolicyRule<'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A role trust policy names a Resource',
    description:
      '"Role trust policies apply to the role that they are attached to. You cannot specify a resource." (IAM User Guide, "IAM policy ' +
      'validation check reference", Access Analyzer check ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE, an error; ' +
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    fix: 'Remove Resource or NotResource from the statement, e.g. {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}.',
  },
  appliesTo: ['trust'],
  check: (unit) => elementHits(unit.view.statements, ELEMENTS, messageOf),
};
