import type { PolicyRule } from '../../types';
import { IAM_POLICY_TYPES, repeatedSidHits } from './lib/repeated-sids';

export const uniqueSidsRequired: PolicyRule<'UNIQUE_SIDS_REQUIRED'> = {
  kind: 'policy',
  meta: {
    code: 'UNIQUE_SIDS_REQUIRED',
    severity: 'error',
    title: 'Two statements of an IAM policy have the same Sid',
    description:
      '"In IAM, the Sid value must be unique within a JSON policy" (Access Analyzer check UNIQUE_SIDS_REQUIRED, an error; IAM ' +
      'User Guide, "IAM JSON policy elements: Sid"): IAM refuses an identity or role trust policy with a repeated Sid ' +
      '(MalformedPolicyDocument), so the deployment fails. Other policy types get UNIQUE_SIDS_RECOMMENDED.',
    fix: 'Rename the later statement, e.g. the second "Sid": "Pull" -> "Sid": "PullFromCache".',
    source: 'access-analyzer',
    offline: true,
  },
  appliesTo: IAM_POLICY_TYPES,
  check: repeatedSidHits,
};
