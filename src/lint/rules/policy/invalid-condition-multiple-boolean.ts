import type { PolicyRule } from '../../types';
import { conditionHits, hit, showValue } from './lib/support';

export const invalidConditionMultipleBoolean: PolicyRule<'INVALID_CONDITION_MULTIPLE_BOOLEAN'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_CONDITION_MULTIPLE_BOOLEAN',
    severity: 'error',
    title: 'A Bool condition lists several values',
    description:
      'A Boolean key holds one value, true or false; listing several under Bool does not return what you expect ' +
      '(Access Analyzer check INVALID_CONDITION_MULTIPLE_BOOLEAN, an error).',
    fix: 'Give one value, e.g. "Bool": {"aws:SecureTransport": ["true", "false"]} -> "Bool": {"aws:SecureTransport": "true"}, or drop the condition.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionHits(unit.view.statements, (c) => {
      if (c.baseOperator !== 'Bool' || c.values.length < 2) return undefined;
      return hit(`the Boolean key ${showValue(c.key)} must have one value, received ${c.values.length}`, c.path, `Condition::${c.key}`);
    });
  },
};
