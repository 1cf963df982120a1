import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';

/**
 * Global condition keys that AWS calls deprecated, with the keys to use instead (IAM User Guide, "IAM
 * policy validation check reference", DEPRECATED_GLOBAL_CONDITION_KEY:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html). Lower-cased.
 */
const DEPRECATED_GLOBAL_KEYS = new Map<string, string>([['aws:arn', 'aws:PrincipalArn or aws:SourceArn']]);

export const deprecatedGlobalConditionKey: PolicyRule<'DEPRECATED_GLOBAL_CONDITION_KEY'> = {
  kind: 'policy',
  meta: {
    code: 'DEPRECATED_GLOBAL_CONDITION_KEY',
    severity: 'warning',
    source: 'access-analyzer',
    offline: true,
    title: 'A condition uses a deprecated global condition key',
    description:
      'aws:ARN is deprecated: AWS recommends aws:PrincipalArn (the ARN of the caller) or aws:SourceArn (the resource a service acts for) ' +
      'instead (Access Analyzer check DEPRECATED_GLOBAL_CONDITION_KEY, a general warning).',
    fix: 'Name the newer key, e.g. "ArnLike": {"aws:ARN": "arn:aws:iam::111122223333:role/app"} -> "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app"}.',
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const c of s.conditions) {
        const instead = DEPRECATED_GLOBAL_KEYS.get(c.key.toLowerCase());
        if (instead !== undefined)
          (hits ??= []).push(hit(`the condition key ${showValue(c.key)} is deprecated: use ${instead}`, c.path, `Condition::${c.key}`));
      }
    }
    return hits ?? NO_HITS;
  },
};
