import type { PolicyRule } from '../../types';
import { isNumberValue } from './lib/condition-values';
import { conditionHits, hit, showValue } from './lib/support';

const BOUNDS = new Set(['NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals']);

export const redundantConditionValueNum: PolicyRule<'REDUNDANT_CONDITION_VALUE_NUM'> = {
  kind: 'policy',
  meta: {
    code: 'REDUNDANT_CONDITION_VALUE_NUM',
    severity: 'suggestion',
    title: 'A numeric bound lists several values where one decides',
    description:
      'The values of one key are ORed, so "NumericLessThan": {"aws:MultiFactorAuthAge": ["2700", "3600"]} is the same as ' +
      '3600 alone (Access Analyzer check REDUNDANT_CONDITION_VALUE_NUM, a suggestion).',
    fix: 'Keep the one value that decides: the greatest for LessThan, the least for GreaterThan, e.g. ["2700", "3600"] -> "3600".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionHits(unit.view.statements, (c) => {
      if (!BOUNDS.has(c.baseOperator) || c.setOperator !== undefined || c.values.length < 2) return undefined;
      const numbers = c.values.filter((v) => isNumberValue(v.value)).map((v) => Number(v.value));
      if (numbers.length < 2) return undefined;
      const keep = c.baseOperator.startsWith('NumericLess') ? Math.max(...numbers) : Math.min(...numbers);
      return hit(
        `the values of ${showValue(c.key)} under ${c.operator} are redundant: the single value ${keep} has the same effect`,
        c.path,
        `Condition::${c.key}`,
      );
    });
  },
};
