import type { PolicyRule } from '../../types';
import { hasVariable } from './lib/condition-values';
import { conditionValueHits, hit, operatorFamily, showValue } from './lib/support';

export const invalidVariableForOperator: PolicyRule<'INVALID_VARIABLE_FOR_OPERATOR'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_VARIABLE_FOR_OPERATOR',
    severity: 'error',
    title: 'A policy variable is used with an operator other than String or ARN',
    description:
      'Conditions replace policy variables only under String and ARN operators; Numeric, Date, Bool, Binary, IpAddress and ' +
      'Null operators do not (Access Analyzer check INVALID_VARIABLE_FOR_OPERATOR, an error; IAM User Guide, "Using policy ' +
      'variables in the Condition element").',
    fix: 'Compare with a literal value, or use a String operator, e.g. "NumericEquals": {"aws:MultiFactorAuthAge": "${aws:EpochTime}"} -> a fixed number.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) => {
      if (!hasVariable(v.value)) return undefined;
      const family = operatorFamily(c.baseOperator);
      if (family === undefined || family === 'String' || family === 'Arn') return undefined;
      return hit(
        `policy variables must be used with String or ARN operators, received ${showValue(v.value)} under ${c.operator}`,
        v.path,
        `Condition::${c.key}::${v.value}`,
      );
    });
  },
};
