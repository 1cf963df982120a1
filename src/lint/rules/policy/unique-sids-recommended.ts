import { POLICY_TYPES, type PolicyRule } from '../../types';
import { IAM_POLICY_TYPES, repeatedSidHits } from './lib/repeated-sids';

export const uniqueSidsRecommended: PolicyRule<'UNIQUE_SIDS_RECOMMENDED'> = {
  kind: 'policy',
  meta: {
    code: 'UNIQUE_SIDS_RECOMMENDED',
    severity: 'warning',
    title: 'Two statements have the same Sid',
    description:
      'Statement IDs should be unique within a policy (Access Analyzer check UNIQUE_SIDS_RECOMMENDED, a general warning). ' +
      'In identity and role trust policies IAM requires it, and UNIQUE_SIDS_REQUIRED (an error) reports them there instead; ' +
      'this warning covers the resource, SCP, RCP and endpoint policies, for which the reference names no requirement.',
    fix: 'Rename the later statement, e.g. the second "Sid": "Pull" -> "Sid": "PullFromCache".',
    source: 'access-analyzer',
    offline: true,
  },
  appliesTo: POLICY_TYPES.filter((t) => !IAM_POLICY_TYPES.includes(t)),
  check: repeatedSidHits,
};
