/**
 * Small helpers shared by the policy rules: splitting actions, classifying condition operators,
 * and the constants several rules read. No rule logic lives here.
 */
import { showValue } from '../../../../model/errors';
import type { ConditionView, JsonPath, PolicyType, RuleHit, StatementView, ValueAt } from '../../../types';

export { showValue };

export const hit = (message: string, path: JsonPath, detail?: string): RuleHit => (detail === undefined ? { message, path } : { message, path, detail });

/** What a rule returns when it finds nothing, as nearly every call does: one array for all of them. */
export const NO_HITS: readonly RuleHit[] = [];

export const hasWildcard = (s: string): boolean => s.includes('*') || s.includes('?');

export interface ActionName {
  /** As written, before the first colon. */
  readonly service: string;
  /** As written, after the first colon. */
  readonly name: string;
}

/** `ecr:BatchGetImage` -> { service: 'ecr', name: 'BatchGetImage' }; undefined without a colon. */
export function splitAction(value: string): ActionName | undefined {
  const colon = value.indexOf(':');
  return colon < 0 ? undefined : { service: value.slice(0, colon), name: value.slice(colon + 1) };
}

/** The condition operator families of the IAM User Guide ("Condition operators"). */
export type OperatorFamily = 'String' | 'Arn' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Null';

const FAMILY_BY_BASE = new Map<string, OperatorFamily>([
  ...['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'].map(
    (o) => [o, 'String'] as const,
  ),
  ...['ArnEquals', 'ArnNotEquals', 'ArnLike', 'ArnNotLike'].map((o) => [o, 'Arn'] as const),
  ...['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'].map(
    (o) => [o, 'Numeric'] as const,
  ),
  ...['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'].map((o) => [o, 'Date'] as const),
  ['Bool', 'Bool'],
  ['BinaryEquals', 'Binary'],
  ['IpAddress', 'IpAddress'],
  ['NotIpAddress', 'IpAddress'],
  ['Null', 'Null'],
]);

/** The family of a base operator (`StringEquals` -> String); undefined for an unknown operator (the grammar rule reports it). */
export const operatorFamily = (baseOperator: string): OperatorFamily | undefined => FAMILY_BY_BASE.get(baseOperator);

/** Operators that treat `*` and `?` as wildcards. */
export const isLikeOperator = (baseOperator: string): boolean => baseOperator.endsWith('Like');

/** Negated operators match when the key is absent from the request (IAM User Guide, condition operators). */
export const isNegatedOperator = (baseOperator: string): boolean => baseOperator.includes('Not');

export { ENDPOINT_POLICY_TYPES } from '../../../types';

/** Multivalued keys have an `ArrayOf…` type in the Service Authorization Reference. */
export const isMultivaluedType = (types: readonly string[] | undefined): boolean => types !== undefined && types.some((t) => t.startsWith('ArrayOf'));

/** The first condition of a statement on `key` (case-insensitive), if any. */
export function conditionOn(statement: StatementView, key: string): ConditionView | undefined {
  const lower = key.toLowerCase();
  return statement.conditions.find((c) => c.key.toLowerCase() === lower);
}

/**
 * The hits of a rule that judges each condition on its own: `hitOf` is called for every condition
 * of every statement, in order. NO_HITS when it finds nothing.
 *
 * @example conditionHits(unit.view.statements, (c) => (c.key === 'aws:SourceVpce' ? undefined : hit('…', c.path)))
 */
export function conditionHits(
  statements: readonly StatementView[],
  hitOf: (condition: ConditionView, statement: StatementView) => RuleHit | undefined,
): readonly RuleHit[] {
  let hits: RuleHit[] | undefined;
  for (let si = 0; si < statements.length; si++) {
    const statement = statements[si] as StatementView;
    const conditions = statement.conditions;
    for (let ci = 0; ci < conditions.length; ci++) {
      const found = hitOf(conditions[ci] as ConditionView, statement);
      if (found !== undefined) (hits ??= []).push(found);
    }
  }
  return hits ?? NO_HITS;
}

/** The elements that name principals. */
export const PRINCIPAL_ELEMENTS = ['Principal', 'NotPrincipal'] as const;

/**
 * One hit for each of `elements` (Principal, NotPrincipal …) that a statement has, for rules of
 * policy types that must not have them. Nothing is allocated for a policy without them.
 */
export function elementHits(statements: readonly StatementView[], elements: readonly string[], message: (element: string) => string): readonly RuleHit[] {
  let hits: RuleHit[] | undefined;
  for (let si = 0; si < statements.length; si++) {
    const s = statements[si] as StatementView;
    for (let e = 0; e < elements.length; e++) {
      const element = elements[e] as string;
      if (s.raw[element] !== undefined) (hits ??= []).push(hit(message(element), [...s.path, element]));
    }
  }
  return hits ?? NO_HITS;
}

/**
 * The hits of a rule that judges each condition value on its own: `hitOf` is called for every value
 * of every condition of every statement, in order. NO_HITS when it finds nothing.
 */
export function conditionValueHits(
  statements: readonly StatementView[],
  hitOf: (condition: ConditionView, value: ValueAt) => RuleHit | undefined,
): readonly RuleHit[] {
  let hits: RuleHit[] | undefined;
  for (let si = 0; si < statements.length; si++) {
    const conditions = (statements[si] as StatementView).conditions;
    for (let ci = 0; ci < conditions.length; ci++) {
      const c = conditions[ci] as ConditionView;
      for (let vi = 0; vi < c.values.length; vi++) {
        const found = hitOf(c, c.values[vi] as ValueAt);
        if (found !== undefined) (hits ??= []).push(found);
      }
    }
  }
  return hits ?? NO_HITS;
}
