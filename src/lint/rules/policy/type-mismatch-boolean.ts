import type { PolicyRule } from '../../types';
import { isBoolValue, hasVariable } from './lib/condition-values';
import { conditionValueHits, hit, operatorFamily, showValue } from './lib/support';

export const typeMismatchBoolean: PolicyRule<'TYPE_MISMATCH_BOOLEAN'> = {
  kind: 'policy',
  meta: {
    code: 'TYPE_MISMATCH_BOOLEAN',
    severity: 'warning',
    title: 'A Bool condition has a value other than true or false',
    description:
      'The Bool operator compares a key with true or false; any other value never matches as intended (Access Analyzer check TYPE_MISMATCH_BOOLEAN, a general warning; IAM User Guide, "Boolean condition operators"). Values with policy variables are left to INVALID_VARIABLE_FOR_OPERATOR.',
    fix: 'Write true or false, e.g. "Bool": {"aws:SecureTransport": "yes"} -> "Bool": {"aws:SecureTransport": "true"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) => {
      if (operatorFamily(c.baseOperator) !== 'Bool' || isBoolValue(v.value) || hasVariable(v.value)) return undefined;
      return hit(
        `the value of ${showValue(c.key)} under ${c.operator} must be true or false, received ${showValue(v.value)}`,
        v.path,
        `Condition::${c.key}::${v.value}`,
      );
    });
  },
};
