import type { PolicyRule } from '../../types';
import { elementHits, PRINCIPAL_ELEMENTS } from './lib/support';

const messageOf = (element: string): string => `${element} must not be present in an identity-based policy`;

export const unsupportedPrincipal: PolicyRule<'UNSUPPORTED_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'UNSUPPORTED_PRINCIPAL',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'An identity policy names a Principal',
    description:
      'An identity-based policy applies to the user, group or role it is attached to; IAM rejects a Principal or NotPrincipal ' +
      'element in it (Access Analyzer check UNSUPPORTED_PRINCIPAL, an error).',
    fix: 'Remove Principal from the statement; to limit who may use the permission, attach the policy only to that role, or use a condition such as aws:PrincipalArn in a resource policy.',
  },
  appliesTo: ['identity'],
  // Runs on every identity policy, where principals are rare: elementHits allocates nothing without one.
  check: (unit) => elementHits(unit.view.statements, PRINCIPAL_ELEMENTS, messageOf),
};
