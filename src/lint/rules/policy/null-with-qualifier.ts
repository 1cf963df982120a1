import type { PolicyRule } from '../../types';
import { conditionHits, hit, showValue } from './lib/support';

export const nullWithQualifier: PolicyRule<'NULL_WITH_QUALIFIER'> = {
  kind: 'policy',
  meta: {
    code: 'NULL_WITH_QUALIFIER',
    severity: 'suggestion',
    title: 'The Null operator has ForAllValues or ForAnyValue',
    description:
      'With ForAllValues the Null operator always returns true, with ForAnyValue always false (Access Analyzer check ' +
      'NULL_WITH_QUALIFIER, a suggestion; IAM User Guide, "Multivalued context keys").',
    fix: 'Drop the qualifier, e.g. "ForAnyValue:Null": {"aws:TagKeys": "false"} -> "Null": {"aws:TagKeys": "false"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionHits(unit.view.statements, (c) => {
      if (c.baseOperator !== 'Null' || c.setOperator === undefined) return undefined;
      return hit(`the Null operator must not be qualified with ${c.setOperator}:, received ${showValue(c.operator)}`, c.path, `Condition::${c.key}`);
    });
  },
};
