import type { PolicyRule } from '../../types';
import { policyText, sizeWithoutWhitespace } from './lib/policy-size';
import { hit } from './lib/support';
import { AWS_SOURCES } from '../../../model/aws-sources';

/** Managed policy size quota (AWS_SOURCES['IAM-QUOTAS']). */
const IDENTITY_POLICY_QUOTA = 6144;

export const policySizeExceedsIdentityPolicyQuota: PolicyRule<'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'> = {
  kind: 'policy',
  meta: {
    code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
    severity: 'warning',
    source: 'access-analyzer',
    offline: true,
    title: 'The identity policy is larger than 6,144 characters',
    description:
      'A managed policy may hold at most 6,144 characters, white space not counted; inline policies share 10,240 (role), ' +
      `5,120 (group) or 2,048 (user) characters (IAM User Guide, "IAM and AWS STS quotas", ${AWS_SOURCES['IAM-QUOTAS'].url}; Access Analyzer ` +
      'check POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA, a general warning). IAM refuses a larger managed policy.',
    fix: 'Split the statements over several policies, or merge statements and use wildcards such as "ecr:BatchGet*" where least privilege allows.',
  },
  appliesTo: ['identity'],
  check(unit) {
    const text = policyText(unit);
    // White space only shrinks the count: a short text cannot be over the quota.
    if (text.length <= IDENTITY_POLICY_QUOTA) return [];
    const size = sizeWithoutWhitespace(text);
    if (size <= IDENTITY_POLICY_QUOTA) return [];
    return [hit(`the policy must have at most ${IDENTITY_POLICY_QUOTA} characters without white space, received ${size}`, [])];
  },
};
