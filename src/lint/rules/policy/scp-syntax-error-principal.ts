import type { PolicyRule } from '../../types';
import { elementHits, PRINCIPAL_ELEMENTS } from './lib/support';

export const scpSyntaxErrorPrincipal: PolicyRule<'SCP_SYNTAX_ERROR_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'SCP_SYNTAX_ERROR_PRINCIPAL',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A service control policy names a Principal',
    description:
      'Service control policies "do not support the Principal or NotPrincipal elements"; an SCP applies to the principals of the ' +
      'accounts it is attached to (Access Analyzer check SCP_SYNTAX_ERROR_PRINCIPAL, an error; IAM User Guide, "IAM policy validation ' +
      'check reference"). Runs for --policy-type scp.',
    fix: 'Remove Principal and match the principal in a condition, e.g. "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"}}.',
  },
  appliesTo: ['scp'],
  check: (unit) => elementHits(unit.view.statements, PRINCIPAL_ELEMENTS, (element) => `${element} must not be present in a service control policy`),
};
