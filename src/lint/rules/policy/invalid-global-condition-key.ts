import type { PolicyRule } from '../../types';
import { keyStatus } from './lib/condition-keys';
import { conditionHits, hit, showValue } from './lib/support';

export const invalidGlobalConditionKey: PolicyRule<'INVALID_GLOBAL_CONDITION_KEY'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_GLOBAL_CONDITION_KEY',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'The aws: condition key does not exist',
    description:
      'Keys with the `aws:` prefix must be global condition keys of the IAM User Guide ("AWS global condition context keys"; ' +
      'Access Analyzer check INVALID_GLOBAL_CONDITION_KEY, an error). Tag keys need their tag name: aws:ResourceTag/team. ' +
      'Key names are case-insensitive (aws:sourcevpce is aws:SourceVpce); aws:SourceVpcEndpoint is no key at all.',
    fix: 'Use a global key, e.g. "aws:SourceVpce" instead of "aws:SourceVpcEndpoint".',
  },
  check(unit, { iam }) {
    return conditionHits(unit.view.statements, (c) => {
      if (keyStatus(iam, c.key).kind !== 'unknown-global') return undefined;
      return hit(`the condition key ${showValue(c.key)} does not exist`, c.path, `Condition::${c.key}`);
    });
  },
};
