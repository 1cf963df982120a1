import type { PolicyRule } from '../../types';
import { policyText, sizeWithoutWhitespace } from './lib/policy-size';
import { hit } from './lib/support';

/**
 * Maximum size of a service control policy document: 5,120 characters (AWS Organizations User Guide,
 * "Quotas and service limits for AWS Organizations":
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html). The console
 * removes white space outside quoted strings before it counts; the CLI and SDKs save the text as sent.
 */
const SCP_QUOTA = 5120;

export const policySizeExceedsScpQuota: PolicyRule<'POLICY_SIZE_EXCEEDS_SCP_QUOTA'> = {
  kind: 'policy',
  meta: {
    code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'The SCP is larger than 5,120 characters',
    description:
      'A service control policy may hold at most 5,120 characters (AWS Organizations quotas; Access Analyzer check ' +
      'POLICY_SIZE_EXCEEDS_SCP_QUOTA, an error). White space outside strings is not counted, as the console removes it before saving: a ' +
      'policy over the quota even without it is refused however it is sent (through the CLI or an SDK, the white space counts too).',
    fix: 'Split the statements over several SCPs, or merge statements and use wildcards at the end of actions, e.g. "iam:Get*".',
  },
  appliesTo: ['scp'],
  check(unit) {
    const text = policyText(unit);
    // White space only shrinks the count: a short text cannot be over the quota.
    if (text.length <= SCP_QUOTA) return [];
    const size = sizeWithoutWhitespace(text);
    if (size <= SCP_QUOTA) return [];
    return [hit(`the service control policy must have at most ${SCP_QUOTA} characters without white space, received ${size}`, [])];
  },
};
