/** Condition keys given an empty list of values, for the four EMPTY_ARRAY_CONDITION* rules, which differ by operator form. */
import { isRecord } from '../../../../model/json';
import type { JsonPath, StatementView } from '../../../types';
import { operatorsOf } from './condition-operators';

export type EmptyConditionKind = 'plain' | 'ForAllValues' | 'ForAnyValue' | 'IfExists';

export interface EmptyConditionValue {
  readonly kind: EmptyConditionKind;
  readonly operator: string;
  readonly key: string;
  readonly path: JsonPath;
}

const NONE: readonly EmptyConditionValue[] = [];

/** Every `"key": []` of a statement's conditions; the set qualifier decides the kind before IfExists. */
export function emptyConditionValues(s: StatementView): readonly EmptyConditionValue[] {
  // The view leaves out only non-string values, so a key with no values in the view is the only candidate.
  if (!s.conditions.some((c) => c.values.length === 0)) return NONE;
  const out: EmptyConditionValue[] = [];
  for (const o of operatorsOf(s)) {
    if (!isRecord(o.block)) continue;
    const kind: EmptyConditionKind = o.operator.startsWith('ForAllValues:')
      ? 'ForAllValues'
      : o.operator.startsWith('ForAnyValue:')
        ? 'ForAnyValue'
        : o.operator.endsWith('IfExists')
          ? 'IfExists'
          : 'plain';
    for (const key of Object.keys(o.block)) {
      const value = o.block[key];
      if (Array.isArray(value) && value.length === 0) out.push({ kind, operator: o.operator, key, path: [...o.path, key] });
    }
  }
  return out;
}
