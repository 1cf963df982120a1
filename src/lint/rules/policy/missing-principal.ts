import type { PolicyRule } from '../../types';
import { hit } from './lib/support';

export const missingPrincipal: PolicyRule<'MISSING_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_PRINCIPAL',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A resource-based policy statement has no Principal',
    description:
      'Resource-based policies, role trust policies included, must name who they apply to in Principal or NotPrincipal ' +
      '(Access Analyzer check MISSING_PRINCIPAL, an error). VPC endpoint policies have their own rule, VPCE_POLICY_MISSING_PRINCIPAL.',
    fix: 'Add a Principal, e.g. "Principal": {"AWS": "arn:aws:iam::111122223333:root"} or, in a trust policy, {"Service": "ecs-tasks.amazonaws.com"}.',
  },
  appliesTo: ['resource', 'trust'],
  check(unit) {
    return unit.view.statements
      .filter((s) => s.raw['Principal'] === undefined && s.raw['NotPrincipal'] === undefined)
      .map((s) => hit('the statement must have a Principal element, received none', s.path));
  },
};
