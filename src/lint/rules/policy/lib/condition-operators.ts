import type { JsonPath, StatementView } from '../../../types';
import { isRecord } from '../../../../model/json';

/** A condition operator as written in a statement, with its path, whatever its block holds (empty blocks included). */
export interface OperatorAt {
  readonly operator: string;
  readonly block: unknown;
  readonly path: JsonPath;
}

/** The operators of a statement's Condition element, in order; none when Condition is not an object. */
export function operatorsOf(s: StatementView): readonly OperatorAt[] {
  const condition = s.raw['Condition'];
  if (!isRecord(condition)) return [];
  return Object.keys(condition).map((operator) => ({ operator, block: condition[operator], path: [...s.path, 'Condition', operator] }));
}
