import type { PolicyRule } from '../../types';
import { policyText, sizeWithoutWhitespace } from './lib/policy-size';
import { hit } from './lib/support';

/** Default role trust policy length quota (AWS_SOURCES['IAM-QUOTAS']). */
const TRUST_POLICY_QUOTA = 2048;

export const policySizeExceedsRoleTrustPolicyQuota: PolicyRule<'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA'> = {
  kind: 'policy',
  meta: {
    code: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
    severity: 'warning',
    source: 'access-analyzer',
    offline: true,
    title: 'The role trust policy is larger than 2,048 characters',
    description:
      'A role trust policy may hold 2,048 characters by default, white space not counted; the quota can be raised to 8,192 ' +
      '(IAM User Guide, "IAM and AWS STS quotas"; Access Analyzer check POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA, a general warning).',
    fix: 'Shorten the trust policy (one statement per principal type, conditions instead of long principal lists), or ask for a quota increase.',
  },
  appliesTo: ['trust'],
  check(unit) {
    const text = policyText(unit);
    // White space only shrinks the count: a short text cannot be over the quota.
    if (text.length <= TRUST_POLICY_QUOTA) return [];
    const size = sizeWithoutWhitespace(text);
    if (size <= TRUST_POLICY_QUOTA) return [];
    return [hit(`the trust policy must have at most ${TRUST_POLICY_QUOTA} characters without white space (default quota), received ${size}`, [])];
  },
};
