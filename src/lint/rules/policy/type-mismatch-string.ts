import type { PolicyRule } from '../../types';
import { isBase64Value, hasVariable } from './lib/condition-values';
import { conditionValueHits, hit, operatorFamily, showValue } from './lib/support';

export const typeMismatchString: PolicyRule<'TYPE_MISMATCH_STRING'> = {
  kind: 'policy',
  meta: {
    code: 'TYPE_MISMATCH_STRING',
    severity: 'warning',
    title: 'A BinaryEquals condition has a value that is not base64',
    description:
      'BinaryEquals compares a key with a base64-encoded value; a value that is not base64 does not work as intended (Access Analyzer check TYPE_MISMATCH_STRING, a general warning; IAM User Guide, "Binary condition operators").',
    fix: 'Encode the bytes in base64, e.g. "BinaryEquals": {"key": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) => {
      if (operatorFamily(c.baseOperator) !== 'Binary' || isBase64Value(v.value) || hasVariable(v.value)) return undefined;
      return hit(
        `the value of ${showValue(c.key)} under ${c.operator} must be a base64-encoded value, received ${showValue(v.value)}`,
        v.path,
        `Condition::${c.key}::${v.value}`,
      );
    });
  },
};
