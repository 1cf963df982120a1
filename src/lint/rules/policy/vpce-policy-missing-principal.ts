import type { PolicyRule } from '../../types';
import { ENDPOINT_POLICY_TYPES, hit } from './lib/support';
import { cite } from '../../../model/aws-sources';

export const vpcePolicyMissingPrincipal: PolicyRule<'VPCE_POLICY_MISSING_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'VPCE_POLICY_MISSING_PRINCIPAL',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'An endpoint policy statement has no Principal',
    description:
      'An endpoint policy "must contain a Principal element" (AWS PrivateLink Guide, "Control access to VPC endpoints using ' +
      'endpoint policies"). Identity-policy style statements copied into an endpoint policy are the usual cause. ' +
      `${cite('PL')}.`,
    fix: 'Add "Principal": "*" and scope callers with conditions, e.g. "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}.',
  },
  appliesTo: ENDPOINT_POLICY_TYPES,
  check(unit) {
    return unit.view.statements
      .filter((s) => s.raw['Principal'] === undefined && s.raw['NotPrincipal'] === undefined)
      .map((s) => hit('the endpoint policy statement must have a Principal element, received none: add "Principal": "*"', s.path));
  },
};
