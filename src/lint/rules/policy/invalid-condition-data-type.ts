import { isRecord } from '../../../model/json';
import type { PolicyRule } from '../../types';
import { conditionHits, hit, showValue } from './lib/support';

export const invalidConditionDataType: PolicyRule<'INVALID_CONDITION_DATA_TYPE'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_CONDITION_DATA_TYPE',
    severity: 'error',
    title: 'The values of one condition key mix JSON types',
    description:
      'The values given for one condition key must share one JSON type: ["true", false] or [10, "20"] mix strings with ' +
      'Booleans or numbers (Access Analyzer check INVALID_CONDITION_DATA_TYPE, an error).',
    fix: 'Write every value the same way, e.g. ["true", false] -> ["true", "false"].',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionHits(unit.view.statements, (c) => {
      if (c.values.length < 2) return undefined;
      // The view gives every value as text: the JSON types are read from the document itself.
      const condition = c.path.length >= 2 ? valueAtStatement(unit.view.statements, c.path) : undefined;
      if (!Array.isArray(condition)) return undefined;
      const types = new Set(condition.map((v) => typeof v));
      if (types.size < 2) return undefined;
      return hit(`the values of ${showValue(c.key)} must share one JSON type, received ${[...types].sort().join(' and ')}`, c.path, `Condition::${c.key}`);
    });
  },
};

/** The raw value at a condition key's path: ['Statement', i, 'Condition', operator, key] (or without i). */
function valueAtStatement(
  statements: readonly { readonly path: readonly (string | number)[]; readonly raw: Readonly<Record<string, unknown>> }[],
  path: readonly (string | number)[],
): unknown {
  const listed = typeof path[1] === 'number';
  const s = statements.find((st) => (listed ? st.path[1] === path[1] : st.path.length === 1));
  const condition = s?.raw['Condition'];
  const operator = path[listed ? 3 : 2];
  const key = path[listed ? 4 : 3];
  if (!isRecord(condition) || typeof operator !== 'string' || typeof key !== 'string') return undefined;
  const block = condition[operator];
  return isRecord(block) ? block[key] : undefined;
}
