/**
 * Argument checks at the public entry points: a JavaScript caller (or one that casts) can pass
 * anything, and every public function must answer bad input with a PolicygenInputError naming the
 * argument, never a TypeError from deep inside. Each check returns an issue or undefined, so that an
 * entry reports every bad argument at once; they run once per call, never per statement.
 */
import { PolicygenInputError, showValue, type InputIssue } from './errors';

type Check = InputIssue | undefined;

/** A value's kind as a reader would say it: `null`, `a list`, `a number 5`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list ${showValue(value)}`;
  if (typeof value === 'object') return `an object ${showValue(value)}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol' || typeof value === 'bigint') return `a ${typeof value}`;
  return `a ${typeof value} ${showValue(value)}`;
}

const issue = (field: string, expected: string, value: unknown, hint?: string): InputIssue => ({
  field,
  expected,
  received: describeValue(value),
  ...(hint !== undefined ? { hint } : {}),
});

export const isPlainRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An options object (or, with `optional`, nothing). */
export function objectArg(value: unknown, field: string, optional = false): Check {
  if (optional && value === undefined) return undefined;
  return isPlainRecord(value) ? undefined : issue(field, optional ? 'be an object when given' : 'be an object', value);
}

export function stringArg(value: unknown, field: string, optional = false): Check {
  if (optional && value === undefined) return undefined;
  return typeof value === 'string' ? undefined : issue(field, optional ? 'be a string when given' : 'be a string', value);
}

export function booleanArg(value: unknown, field: string): Check {
  return value === undefined || typeof value === 'boolean' ? undefined : issue(field, 'be true or false when given', value);
}

export function functionArg(value: unknown, field: string): Check {
  return typeof value === 'function' ? undefined : issue(field, 'be a function', value);
}

/** A list; each element checked by `element` (named `field[i]`), up to the first bad one. */
export function listArg(value: unknown, field: string, element?: (v: unknown, f: string) => Check, optional = false): Check {
  if (optional && value === undefined) return undefined;
  if (!Array.isArray(value)) return issue(field, optional ? 'be a list when given' : 'be a list', value);
  if (element === undefined) return undefined;
  for (let i = 0; i < value.length; i++) {
    const bad = element(value[i], `${field}[${i}]`);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/** One of a closed set of strings. */
export function oneOfArg(value: unknown, field: string, allowed: readonly string[], optional = false): Check {
  if (optional && value === undefined) return undefined;
  return typeof value === 'string' && allowed.includes(value) ? undefined : issue(field, `be one of ${allowed.join(', ')}`, value);
}

/** A safe integer in [min, max]. */
export function integerArg(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER, optional = false): Check {
  if (optional && value === undefined) return undefined;
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max
    ? undefined
    : issue(field, `be a whole number from ${min} to ${max}`, value);
}

/** The fields of an options object, when it is one: `check(options.x, 'x')` for each present. */
export function fieldsArg(options: unknown, checks: Readonly<Record<string, (value: unknown, field: string) => Check>>): Check[] {
  if (!isPlainRecord(options)) return [];
  return Object.entries(checks).map(([name, check]) => check(options[name], name));
}

/** Throws one PolicygenInputError with every issue found, or returns. */
export function checkArgs(...checks: readonly (Check | readonly Check[])[]): void {
  const issues = checks.flat().filter((c): c is InputIssue => c !== undefined);
  if (issues.length > 0) throw new PolicygenInputError(issues);
}
