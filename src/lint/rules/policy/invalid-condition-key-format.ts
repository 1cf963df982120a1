import type { PolicyRule } from '../../types';
import { keyStatus } from './lib/condition-keys';
import { conditionHits, hit, showValue } from './lib/support';

export const invalidConditionKeyFormat: PolicyRule<'INVALID_CONDITION_KEY_FORMAT'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_CONDITION_KEY_FORMAT',
    severity: 'error',
    title: 'A condition key is not written as service:keyname',
    description:
      'Condition keys are a service prefix, a colon and the key name: aws:SourceVpce, ecr:ResourceTag/team (Access Analyzer ' +
      'check INVALID_CONDITION_KEY_FORMAT, an error). A key without its prefix, such as SourceVpce, is no key at all.',
    fix: 'Add the prefix, e.g. "SourceVpce" -> "aws:SourceVpce".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit, { iam }) {
    return conditionHits(unit.view.statements, (c) => {
      if (keyStatus(iam, c.key).kind !== 'malformed') return undefined;
      return hit(`the condition key ${showValue(c.key)} must have the format service:keyname, e.g. aws:SourceVpce`, c.path, `Condition::${c.key}`);
    });
  },
};
