import type { PolicyRule } from '../../types';
import { keyStatus } from './lib/condition-keys';
import { conditionHits, hit, showValue } from './lib/support';

export const invalidServiceConditionKey: PolicyRule<'INVALID_SERVICE_CONDITION_KEY'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_SERVICE_CONDITION_KEY',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'The service does not define this condition key',
    description:
      'A `service:name` condition key must be one the service defines in the Service Authorization Reference (Access ' +
      'Analyzer check INVALID_SERVICE_CONDITION_KEY, an error). An unknown key is absent from every request: the condition ' +
      'is false (true for negated operators), whatever the values.',
    fix: 'Use a key the service defines, e.g. "ecr:ResourceTag/team" or the global "aws:ResourceTag/team", instead of "ecr:Tag/team".',
  },
  check(unit, { iam }) {
    return conditionHits(unit.view.statements, (c) => {
      const status = keyStatus(iam, c.key);
      if (status.kind !== 'unknown-service-key') return undefined;
      return hit(`the condition key ${showValue(c.key)} does not exist in the service ${status.service}`, c.path, `Condition::${c.key}`);
    });
  },
};
