import type { PolicyRule } from '../../types';
import { conditionHits, conditionOn, hit, showValue } from './lib/support';

/**
 * Condition keys that are "more secure when paired with a related key", and the keys to pair them
 * with. The IAM User Guide names one pair: aws:VpcSourceIp with aws:SourceVpc ("IAM policy validation
 * check reference", Security Warning – Missing paired condition keys,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
 * a VPC private address means nothing without the VPC it belongs to.
 */
const PAIRED_KEYS: ReadonlyMap<string, readonly string[]> = new Map([['aws:vpcsourceip', ['aws:SourceVpc']]]);

export const missingPairedConditionKeys: PolicyRule<'MISSING_PAIRED_CONDITION_KEYS'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_PAIRED_CONDITION_KEYS',
    severity: 'security_warning',
    source: 'access-analyzer',
    offline: true,
    title: 'A condition key is used without the key it must be paired with',
    description:
      'aws:VpcSourceIp compares a private IP address, which many VPCs share: without aws:SourceVpc in the same condition block, a request ' +
      'from the same address in any other VPC matches (Access Analyzer check MISSING_PAIRED_CONDITION_KEYS, a security warning). The IAM ' +
      'User Guide names this pair; keys it does not name are not judged.',
    fix: 'Add the paired key to the same Condition, e.g. "IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"} plus "StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}.',
  },
  check(unit) {
    return conditionHits(unit.view.statements, (c, s) => {
      const missing = PAIRED_KEYS.get(c.key.toLowerCase())?.filter((key) => conditionOn(s, key) === undefined);
      if (missing === undefined || missing.length === 0) return undefined;
      return hit(
        `the condition key ${showValue(c.key)} must be paired with ${missing.map((k) => showValue(k)).join(', ')} in the same Condition, received none`,
        c.path,
      );
    });
  },
};
