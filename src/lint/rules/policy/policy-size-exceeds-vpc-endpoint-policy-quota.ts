import type { PolicyRule } from '../../types';
import { policyText } from './lib/policy-size';
import { ENDPOINT_POLICY_TYPES, hit } from './lib/support';
import { AWS_SOURCES } from '../../../model/aws-sources';

/** Endpoint policy size quota, white space included (PrivateLink Guide, endpoint policies: AWS_SOURCES.PL). */
const VPC_ENDPOINT_POLICY_QUOTA = 20480;

export const policySizeExceedsVpcEndpointPolicyQuota: PolicyRule<'POLICY_SIZE_EXCEEDS_VPC_ENDPOINT_POLICY_QUOTA'> = {
  kind: 'policy',
  meta: {
    code: 'POLICY_SIZE_EXCEEDS_VPC_ENDPOINT_POLICY_QUOTA',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'The VPC endpoint policy is larger than 20,480 characters',
    description:
      'An endpoint policy cannot exceed 20,480 characters, white space included (AWS PrivateLink Guide, "Control access to ' +
      `VPC endpoints using endpoint policies", ${AWS_SOURCES.PL.url}). The text` +
      ' is measured as written when the input gives it, ' +
      'otherwise as compact JSON.',
    fix: 'Remove indentation from the policy text, merge statements, or move fine-grained rules to identity policies.',
  },
  appliesTo: ENDPOINT_POLICY_TYPES,
  check(unit) {
    const size = policyText(unit).length;
    if (size <= VPC_ENDPOINT_POLICY_QUOTA) return [];
    return [hit(`the endpoint policy must have at most ${VPC_ENDPOINT_POLICY_QUOTA} characters including white space, received ${size}`, [])];
  },
};
