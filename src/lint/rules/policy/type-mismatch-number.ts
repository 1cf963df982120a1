import type { PolicyRule } from '../../types';
import { isNumberValue, hasVariable } from './lib/condition-values';
import { conditionValueHits, hit, operatorFamily, showValue } from './lib/support';

export const typeMismatchNumber: PolicyRule<'TYPE_MISMATCH_NUMBER'> = {
  kind: 'policy',
  meta: {
    code: 'TYPE_MISMATCH_NUMBER',
    severity: 'warning',
    title: 'A Numeric condition has a value that is not a number',
    description:
      'Numeric operators compare a key with a number, such as 3600 or 1.5; any other value does not work as intended (Access Analyzer check TYPE_MISMATCH_NUMBER, a general warning; IAM User Guide, "Numeric condition operators").',
    fix: 'Write a number, e.g. "NumericLessThan": {"aws:MultiFactorAuthAge": "1h"} -> "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) => {
      if (operatorFamily(c.baseOperator) !== 'Numeric' || isNumberValue(v.value) || hasVariable(v.value)) return undefined;
      return hit(
        `the value of ${showValue(c.key)} under ${c.operator} must be a number, received ${showValue(v.value)}`,
        v.path,
        `Condition::${c.key}::${v.value}`,
      );
    });
  },
};
