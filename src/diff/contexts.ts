import type { IamCatalog } from '../catalog/types';
import { canonicalConditionKey } from '../normalize/condition-keys';
import { compilePolicy, evaluate, type CompiledPolicy, type RequestContext } from '../simulate';
import { parseDate, parseNumber, parseOperator } from '../simulate/conditions';
import { parseIpRange, type IpRange } from '../simulate/ip';
import type { FreshValues } from './fresh';
import { patternTokens, variableKeys } from './patterns';
import { isPrincipalKey } from './principals';
import type { DiffStatement } from './statements';
import { instanceOf } from './witness';

/** A context key's value: text, or a list for a multivalued key. */
export type ContextValue = string | readonly string[];

/** A condition key the universe varies. */
export interface ContextKey {
  readonly lower: string;
  /** Canonical spelling (README: condition key names are case-insensitive). */
  readonly name: string;
  /** A list in the request (aws:TagKeys): iam-data says ArrayOf…, or, for a key it does not know, a ForAnyValue/ForAllValues operator uses it. */
  readonly multi: boolean;
  /** Values tried besides "absent": the documents' values first, then values neither names. */
  readonly candidates: readonly ContextValue[];
}

/** One context of the universe: a value (or undefined: absent) per key of a key list. */
export type Context = readonly (ContextValue | undefined)[];

/** Below this many combinations the keys of an action are tried in every combination. */
const MAX_CONTEXT_PRODUCT = 256;

export const RESOURCE_ACCOUNT_KEY = 'aws:resourceaccount';

interface Usage {
  readonly family: string;
  readonly like: boolean;
  readonly value: string;
  readonly variables: boolean;
}

/** Lower-case keys a statement reads: its condition keys and the policy variables of its Resource and condition values. */
export function keysOfStatement(statement: DiffStatement): string[] {
  const keys = new Set(statement.conditions.map((c) => c.key.toLowerCase()));
  if (statement.variables) {
    for (const r of statement.resources?.patterns ?? []) for (const k of variableKeys(r, true)) keys.add(k);
    for (const c of statement.conditions) for (const v of c.values) for (const k of variableKeys(v, false)) keys.add(k);
  }
  return [...keys];
}

const VARIABLE_FAMILIES = new Set(['string', 'bool', 'arn']);

/** The keys the documents read, except those derived from the caller (PRINCIPAL_KEYS), by lower-case name. */
export function contextKeys(statements: readonly DiffStatement[], iam: IamCatalog, fresh: FreshValues): Map<string, ContextKey> {
  const spellings = new Map<string, Set<string>>();
  const usages = new Map<string, Usage[]>();
  const withSet = new Set<string>();
  const note = (lower: string, spelling: string) => {
    if (!spellings.has(lower)) spellings.set(lower, new Set());
    spellings.get(lower)!.add(canonicalConditionKey(spelling));
    if (!usages.has(lower)) usages.set(lower, []);
  };
  for (const s of statements) {
    for (const key of keysOfStatement(s)) note(key, key);
    for (const c of s.conditions) {
      const lower = c.key.toLowerCase();
      note(lower, c.key);
      const operator = parseOperator(c.operator);
      if (operator === undefined) continue;
      if (operator.set !== undefined) withSet.add(lower);
      const family = operator.base.family;
      for (const value of c.values)
        usages
          .get(lower)!
          .push({ family, like: operator.base.like === true || family === 'arn', value, variables: s.variables && VARIABLE_FAMILIES.has(family) });
    }
  }
  const out = new Map<string, ContextKey>();
  for (const [lower, names] of spellings) {
    if (isPrincipalKey(lower)) continue;
    const name = [...names].sort()[0]!;
    const types = iam.conditionKeyTypes(name);
    const multi = types === undefined ? withSet.has(lower) : types.some((t) => t.startsWith('ArrayOf'));
    out.set(lower, { lower, name, multi, candidates: candidatesOf(usages.get(lower) ?? [], multi, fresh) });
  }
  return out;
}

/**
 * The values a key is tried with: each value of the documents (a wildcard pattern as one string
 * it matches; a CIDR range as its first and last address; numbers and dates as written), then
 * values neither document has (a fresh string, and another where a value holds a policy variable;
 * one below the smallest and one above the largest number or date; an IPv4 and an IPv6 address from
 * elsewhere). A multivalued key gets one-element lists of these,
 * the empty list, all the documents' values, and those plus a fresh one.
 */
function candidatesOf(usages: readonly Usage[], multi: boolean, fresh: FreshValues): ContextValue[] {
  const documented = new Set<string>();
  const others: string[] = [];
  const numbers: number[] = [];
  const dates: number[] = [];
  const families = new Set(usages.map((u) => u.family));
  for (const u of usages) {
    switch (u.family) {
      case 'string':
      case 'arn':
        documented.add(instanceOf(patternTokens(u.value, { wildcards: u.like, variables: u.variables ? 'all' : 'none', arn: u.family === 'arn' }, fresh)));
        break;
      case 'numeric': {
        const n = parseNumber(u.value);
        if (n !== undefined) (documented.add(u.value), numbers.push(n));
        break;
      }
      case 'date': {
        const ms = parseDate(u.value);
        if (ms !== undefined) (documented.add(u.value), dates.push(ms));
        break;
      }
      case 'bool':
        documented.add('true').add('false');
        break;
      case 'ip': {
        const range = parseIpRange(u.value);
        if (range !== undefined) documented.add(rangeEnd(range, false)).add(rangeEnd(range, true));
        break;
      }
      case 'binary':
        documented.add(u.value);
        break;
    }
  }
  if (families.size === 0 || families.has('string') || families.has('arn') || families.has('binary') || families.has('null')) others.push(fresh.fill);
  // A value compared with a policy variable (`StringNotEquals … ${aws:username}`) needs one that
  // differs from every variable's value, which is `fill` too.
  if (usages.some((u) => u.variables && u.value.includes('${'))) others.push(`other-${fresh.fill}`);
  if (families.has('numeric')) others.push(...(numbers.length === 0 ? ['0'] : [String(Math.min(...numbers) - 1), String(Math.max(...numbers) + 1)]));
  if (families.has('date')) {
    const iso = (ms: number) => new Date(ms).toISOString();
    others.push(...(dates.length === 0 ? [iso(0)] : [iso(Math.min(...dates) - 1000), iso(Math.max(...dates) + 1000)]));
  }
  if (families.has('ip')) others.push(fresh.ip, fresh.ip6);
  const docs = [...documented].sort();
  const scalars = [...docs, ...others.filter((o) => !documented.has(o))];
  const unique = [...new Set(scalars)];
  if (!multi) return unique;
  const lists: ContextValue[] = [...unique.map((v) => [v]), []];
  if (docs.length > 1) lists.push(docs);
  if (docs.length > 0 && !documented.has(fresh.fill)) lists.push([...docs, fresh.fill]);
  return lists;
}

/** The first (`last` false) or last address of a CIDR range, as text the evaluator parses. */
function rangeEnd(range: IpRange, last: boolean): string {
  let bits = range.v6 ? range.prefix : 96 + range.prefix;
  const groups = range.groups.map((g) => {
    const mask = bits >= 16 ? 0xffff : bits <= 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
    bits -= 16;
    return last ? (g & mask) | (~mask & 0xffff) : g & mask;
  });
  return range.v6 ? groups.map((g) => g.toString(16)).join(':') : `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
}

/** The request context of a universe context. */
export function toRequestContext(keys: readonly ContextKey[], context: Context): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  keys.forEach((k, i) => {
    const v = context[i];
    if (v !== undefined) out[k.name] = v;
  });
  return out;
}

/**
 * Which value of one key makes a statement's conditions on that key hold: evaluated with the
 * statement's own conditions on that key alone, so the answer is the evaluator's.
 */
export class ConditionOracle {
  private readonly cache = new Map<string, CompiledPolicy>();

  satisfies(statement: DiffStatement, key: ContextKey, value: ContextValue | undefined): boolean {
    const id = `${statement.id}\u0000${key.lower}`;
    let policy = this.cache.get(id);
    if (policy === undefined) {
      const condition: Record<string, Record<string, readonly string[]>> = {};
      for (const c of statement.conditions) if (c.key.toLowerCase() === key.lower) (condition[c.operator] ??= {})[c.key] = c.values;
      policy = compilePolicy({
        ...(statement.variables ? { Version: '2012-10-17' } : {}),
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }],
      });
      this.cache.set(id, policy);
    }
    const context: RequestContext = value === undefined ? {} : { [key.name]: value };
    return (
      evaluate({ principal: { arn: 'arn:aws:iam::000000000000:role/oracle' }, action: 'oracle:Check', resource: '*', context }, [
        { label: 'oracle', kind: 'identity', document: policy },
      ]).decision === 'Allow'
    );
  }
}

/**
 * The contexts an action is tried with, over `keys` (the keys its statements read):
 * - every combination when there are at most MAX_CONTEXT_PRODUCT (mode `standard`);
 * - else, from base contexts (every key absent; and, per statement, each of its keys set to the
 *   first value that satisfies the statement's conditions on it), each key varied alone over all
 *   its values (`standard`), or the base contexts only (`bases`, when the universe is capped).
 * Values are tried documents' first and absent last.
 */
export function contextsFor(keys: readonly ContextKey[], statements: readonly DiffStatement[], mode: 'standard' | 'bases', oracle: ConditionOracle): Context[] {
  if (keys.length === 0) return [[]];
  const options = keys.map((k): readonly (ContextValue | undefined)[] => [...k.candidates, undefined]);
  const product = options.reduce((n, o) => n * o.length, 1);
  if (mode === 'standard' && product <= MAX_CONTEXT_PRODUCT) return cartesian(options);

  const bases: Context[] = [keys.map(() => undefined)];
  for (const s of statements) {
    const read = new Set(s.conditions.map((c) => c.key.toLowerCase()));
    if (!keys.some((k) => read.has(k.lower))) continue;
    bases.push(keys.map((k, i) => (read.has(k.lower) ? options[i]!.find((v) => oracle.satisfies(s, k, v)) : undefined)));
  }
  const seen = new Set<string>();
  const out: Context[] = [];
  const push = (c: Context) => {
    const id = JSON.stringify(c);
    if (!seen.has(id)) (seen.add(id), out.push(c));
  };
  for (const base of bases) {
    push(base);
    if (mode === 'bases') continue;
    options.forEach((values, i) => {
      for (const v of values) push(base.map((b, j) => (j === i ? v : b)));
    });
  }
  return out;
}

function cartesian(options: readonly (readonly (ContextValue | undefined)[])[]): Context[] {
  const out: Context[] = [];
  const index = options.map(() => 0);
  for (;;) {
    out.push(index.map((n, i) => options[i]![n]));
    let i = options.length - 1;
    while (i >= 0 && ++index[i]! === options[i]!.length) index[i--] = 0;
    if (i < 0) return out;
  }
}
