import { arnPatternMatches, compileArnPattern, splitArn, type ArnPattern } from './arn';
import { ipInRange, parseIp, parseIpRange, type IpRange } from './ip';
import { compilePattern, globMatches, patternGlob, type CompiledPattern } from './pattern';
import type { ContextEntry, PreparedRequest } from './prepared-request';

/**
 * Condition operators. Rules, from the IAM User Guide unless said otherwise:
 * - "Condition operators": "If the key that you specify in a policy condition is not present in the
 *   request context, the values do not match and the condition is false. If the policy condition
 *   requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is
 *   not present, the condition is true. This logic applies to all condition operators except
 *   …IfExists and Null check." `…IfExists`: "If the key is not present, evaluate the condition
 *   element as true."
 * - "Creating a condition with multiple context keys or values": several values of one key are ORed;
 *   for a negated operator the values are NORed (the key matches none of them); several keys and
 *   several operators are ANDed.
 * - "Single-valued vs. multivalued context keys": ForAllValues is true when every request value
 *   matches, and also when the key is missing or its set is empty; ForAnyValue is true when at least
 *   one request value matches, and false when the key is missing or its set is empty.
 *   "Multivalued context keys require a condition set operator": policygen evaluates a multivalued
 *   key (a list in the request) under an operator without ForAllValues/ForAnyValue as not matching,
 *   negated operators included. [unverified: the documentation does not say.]
 * - A policy value whose variable has no value matches nothing; under a negated operator it makes
 *   the condition false ("IAM policy elements: Variables and tags").
 * - Date values are ISO 8601 (W3C profile) or epoch seconds; a value of digits only is epoch time.
 *   [unverified: `2024` could also be read as the year.]
 * - An empty list is a present key: Null says false. [unverified]
 */

type Family = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';
type Comparison = 'eq' | 'lt' | 'lte' | 'gt' | 'gte';

interface BaseOperator {
  readonly family: Family;
  readonly negated: boolean;
  readonly comparison?: Comparison;
  readonly like?: boolean;
  readonly ignoreCase?: boolean;
}

const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = (() => {
  const table: [string, BaseOperator][] = [
    ['StringEquals', { family: 'string', negated: false }],
    ['StringNotEquals', { family: 'string', negated: true }],
    ['StringEqualsIgnoreCase', { family: 'string', negated: false, ignoreCase: true }],
    ['StringNotEqualsIgnoreCase', { family: 'string', negated: true, ignoreCase: true }],
    ['StringLike', { family: 'string', negated: false, like: true }],
    ['StringNotLike', { family: 'string', negated: true, like: true }],
    ['Bool', { family: 'bool', negated: false }],
    ['BinaryEquals', { family: 'binary', negated: false }],
    ['IpAddress', { family: 'ip', negated: false }],
    ['NotIpAddress', { family: 'ip', negated: true }],
    // "The ArnEquals and ArnLike condition operators behave identically."
    ['ArnEquals', { family: 'arn', negated: false }],
    ['ArnLike', { family: 'arn', negated: false }],
    ['ArnNotEquals', { family: 'arn', negated: true }],
    ['ArnNotLike', { family: 'arn', negated: true }],
    ['Null', { family: 'null', negated: false }],
  ];
  for (const family of ['numeric', 'date'] as const) {
    const prefix = family === 'numeric' ? 'Numeric' : 'Date';
    table.push(
      [`${prefix}Equals`, { family, negated: false, comparison: 'eq' }],
      [`${prefix}NotEquals`, { family, negated: true, comparison: 'eq' }],
      [`${prefix}LessThan`, { family, negated: false, comparison: 'lt' }],
      [`${prefix}LessThanEquals`, { family, negated: false, comparison: 'lte' }],
      [`${prefix}GreaterThan`, { family, negated: false, comparison: 'gt' }],
      [`${prefix}GreaterThanEquals`, { family, negated: false, comparison: 'gte' }],
    );
  }
  return new Map(table.map(([name, op]) => [name.toLowerCase(), op]));
})();

export interface ParsedOperator {
  readonly base: BaseOperator;
  readonly set: 'any' | 'all' | undefined;
  readonly ifExists: boolean;
}

/** `ForAnyValue:StringEqualsIfExists` → its parts; `undefined` for an unknown operator. */
export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name.toLowerCase();
  let set: ParsedOperator['set'];
  if (rest.startsWith('foranyvalue:')) ((set = 'any'), (rest = rest.slice('foranyvalue:'.length)));
  else if (rest.startsWith('forallvalues:')) ((set = 'all'), (rest = rest.slice('forallvalues:'.length)));
  let base = BASE_OPERATORS.get(rest);
  let ifExists = false;
  if (base === undefined && rest.endsWith('ifexists')) {
    base = BASE_OPERATORS.get(rest.slice(0, -'ifexists'.length));
    ifExists = true;
  }
  // Null takes neither IfExists nor a set operator ("You can add IfExists to … any condition operator
  // name except the Null condition").
  if (base === undefined || (base.family === 'null' && (ifExists || set !== undefined))) return undefined;
  return { base, set, ifExists };
}

/** One policy value, compiled for its operator family. */
type CompiledValue =
  | { readonly family: 'string'; readonly pattern: CompiledPattern }
  | { readonly family: 'bool'; readonly pattern: CompiledPattern }
  | { readonly family: 'numeric' | 'date'; readonly number: number | undefined }
  | { readonly family: 'binary'; readonly text: string }
  | { readonly family: 'ip'; readonly range: IpRange | undefined }
  | { readonly family: 'arn'; readonly pattern: ArnPattern | undefined }
  | { readonly family: 'null'; readonly wantsAbsent: boolean | undefined };

export interface CompiledCondition {
  readonly operator: ParsedOperator;
  /** Lower case: condition key names are case-insensitive. */
  readonly key: string;
  readonly values: readonly CompiledValue[];
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;
// W3C profile of ISO 8601 ("Date condition operators"): YYYY, YYYY-MM, YYYY-MM-DD, and with a time,
// hh:mm[:ss[.s]] and a zone designator.
const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;

export const parseNumber = (value: string): number | undefined => (NUMBER.test(value) ? Number(value) : undefined);

/** Milliseconds since the epoch: epoch seconds or an ISO 8601 date. */
export function parseDate(value: string): number | undefined {
  if (EPOCH.test(value)) return Number(value) * 1000;
  if (!ISO_DATE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function compileCondition(operator: ParsedOperator, key: string, values: readonly string[], variables: boolean): CompiledCondition {
  const { base } = operator;
  const compiled = values.map((value): CompiledValue => {
    switch (base.family) {
      case 'string':
        return {
          family: 'string',
          pattern: compilePattern(value, { wildcards: base.like === true, variables }, base.ignoreCase === true),
        };
      case 'bool':
        return { family: 'bool', pattern: compilePattern(value, { wildcards: false, variables }, true) };
      case 'numeric':
        return { family: 'numeric', number: parseNumber(value) };
      case 'date':
        return { family: 'date', number: parseDate(value) };
      case 'binary':
        return { family: 'binary', text: value };
      case 'ip':
        return { family: 'ip', range: parseIpRange(value) };
      case 'arn':
        return { family: 'arn', pattern: compileArnPattern(value, variables ? 'all' : 'none', false) };
      case 'null': {
        const lower = value.toLowerCase();
        return { family: 'null', wantsAbsent: lower === 'true' ? true : lower === 'false' ? false : undefined };
      }
    }
  });
  return { operator, key: key.toLowerCase(), values: compiled };
}

const MATCH = 1;
const NO_MATCH = 0;
/** The value cannot be compared: an unparsable number, date, address or ARN, or a variable without a value. */
const UNKNOWN = 2;
type Outcome = typeof MATCH | typeof NO_MATCH | typeof UNKNOWN;

function compare(comparison: Comparison, request: number, policy: number): boolean {
  switch (comparison) {
    case 'eq':
      return request === policy;
    case 'lt':
      return request < policy;
    case 'lte':
      return request <= policy;
    case 'gt':
      return request > policy;
    case 'gte':
      return request >= policy;
  }
}

/** Tests one request value against one policy value with the positive form of the operator. */
function testOne(base: BaseOperator, value: CompiledValue, requestValue: string, request: PreparedRequest): Outcome {
  switch (value.family) {
    case 'string': {
      const glob = patternGlob(value.pattern, request.lookup);
      if (glob === undefined) return UNKNOWN;
      const subject = base.ignoreCase ? requestValue.toLowerCase() : requestValue;
      return globMatches(glob, subject) ? MATCH : NO_MATCH;
    }
    case 'bool': {
      const glob = patternGlob(value.pattern, request.lookup);
      const want = glob?.text;
      const got = requestValue.toLowerCase();
      if ((want !== 'true' && want !== 'false') || (got !== 'true' && got !== 'false')) return UNKNOWN;
      return want === got ? MATCH : NO_MATCH;
    }
    case 'numeric':
    case 'date': {
      const got = value.family === 'numeric' ? parseNumber(requestValue) : parseDate(requestValue);
      if (value.number === undefined || got === undefined) return UNKNOWN;
      return compare(base.comparison!, got, value.number) ? MATCH : NO_MATCH;
    }
    case 'binary':
      return value.text === requestValue ? MATCH : NO_MATCH;
    case 'ip': {
      const ip = parseIp(requestValue);
      if (value.range === undefined || ip === undefined) return UNKNOWN;
      return ipInRange(ip, value.range) ? MATCH : NO_MATCH;
    }
    case 'arn': {
      const arn = splitArn(requestValue);
      if (value.pattern === undefined || arn === undefined) return UNKNOWN;
      const hit = arnPatternMatches(value.pattern, arn, request.lookup);
      return hit === undefined ? UNKNOWN : hit ? MATCH : NO_MATCH;
    }
    case 'null':
      return UNKNOWN;
  }
}

/** The operator (negation included) applied to one request value against all policy values. */
function testValue(condition: CompiledCondition, requestValue: string, request: PreparedRequest): boolean {
  const { base } = condition.operator;
  let unknown = false;
  for (const value of condition.values) {
    const outcome = testOne(base, value, requestValue, request);
    if (outcome === MATCH) return !base.negated;
    if (outcome === UNKNOWN) unknown = true;
  }
  return base.negated && !unknown;
}

export function conditionMatches(condition: CompiledCondition, request: PreparedRequest): boolean {
  const { base, set, ifExists } = condition.operator;
  const entry: ContextEntry | undefined = request.context.get(condition.key);
  if (base.family === 'null') {
    const absent = entry === undefined;
    return condition.values.some((v) => v.family === 'null' && v.wantsAbsent === absent);
  }
  if (entry === undefined) {
    // Set operators decide a missing key themselves, IfExists or not: ForAllValues is true and
    // ForAnyValue false (AWS denies under ForAnyValue:StringEqualsIfExists with aws:TagKeys missing,
    // re:Post QU9HFmDzP0QGuU-fd7rS6B7w; test/simulate/regressions.test.ts).
    if (set !== undefined) return set === 'all';
    return ifExists || base.negated;
  }
  if (set === 'any') return entry.values.some((v) => testValue(condition, v, request));
  if (set === 'all') return entry.values.every((v) => testValue(condition, v, request));
  if (entry.multi) return false;
  return testValue(condition, entry.values[0]!, request);
}
