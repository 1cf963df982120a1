import type { PolicyType, PolicyUnit, RuleHit } from '../../../types';
import { hit, NO_HITS, showValue } from './support';

/**
 * Policy types where IAM keeps the policy, so that "the Sid value must be unique within a JSON
 * policy" (IAM User Guide, "IAM policy validation check reference", UNIQUE_SIDS_REQUIRED, and "IAM
 * JSON policy elements: Sid": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).
 * IAM refuses a duplicate with MalformedPolicyDocument. In services with an Id element (SQS, SNS) a
 * Sid is a sub-ID of the policy's Id, and the reference names no other type that requires unique Sids.
 */
export const IAM_POLICY_TYPES: readonly PolicyType[] = ['identity', 'trust'];

/** A hit at each Sid that an earlier statement of the policy already has (empty Sids are EMPTY_SID_VALUE's). */
export function repeatedSidHits(unit: PolicyUnit): readonly RuleHit[] {
  const statements = unit.view.statements;
  if (statements.length < 2) return NO_HITS;
  let hits: RuleHit[] | undefined;
  const seen = new Set<string>();
  for (const s of statements) {
    // A statement behind an undecided Fn::If may share its Sid with the other branch's: only one is deployed.
    if (s.sid === undefined || s.sid === '' || s.conditional) continue;
    if (seen.has(s.sid)) (hits ??= []).push(hit(`Sid must be unique within the policy, received ${showValue(s.sid)} again`, [...s.path, 'Sid']));
    else seen.add(s.sid);
  }
  return hits ?? NO_HITS;
}
