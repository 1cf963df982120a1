import { createHash } from 'node:crypto';
import type { CanonicalStatement, ConditionBlock, Effect, OneOrMany, Policy, PolicyDocument, Principal, PrincipalType, Statement } from '../model/policy';
import { PolicygenInputError, type InputIssue } from '../model/errors';
import { checkArgs, describeValue, isPlainRecord } from '../model/validate-args';
import { canonicalConditionKey } from './condition-keys';

/** A policy as it arrives from outside: the AWS wire shape, loosely typed. */
export interface WirePolicy {
  readonly Version?: string;
  readonly Statement: WireStatement | readonly WireStatement[];
}
type WireValue = string | number | boolean;
type WireList = WireValue | readonly WireValue[];
type WirePrincipal = '*' | { readonly [type: string]: WireList };
export interface WireStatement {
  readonly Sid?: string;
  readonly Effect: Effect;
  readonly Principal?: WirePrincipal;
  readonly NotPrincipal?: WirePrincipal;
  readonly Action?: WireList;
  readonly NotAction?: WireList;
  readonly Resource?: WireList;
  readonly NotResource?: WireList;
  readonly Condition?: { readonly [operator: string]: { readonly [key: string]: WireList } };
}

const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'CanonicalUser', 'Federated', 'Service'];

/**
 * The one canonical form of a policy, returned by every generator:
 * - Version `2012-10-17`; keys in a fixed order (Sid, Effect, Principal, Action, Resource, Condition);
 * - actions with a lower-case service prefix; values sorted and deduplicated (actions and condition
 *   key names case-insensitively, as IAM compares them); a single value written as a string;
 * - statements deduplicated and ordered by content; each Sid derived from the statement's content,
 *   so the same permissions always carry the same Sid, whatever the input order or wording.
 * Merging statements is deliberately not done: it is only safe under preconditions (same effect,
 * principal and condition) that generators already satisfy by construction.
 */
export function canonicalizePolicy(policy: Policy | WirePolicy): PolicyDocument {
  checkArgs(wirePolicyIssues(policy));
  const statements = toList(policy.Statement as Statement | readonly Statement[]).map((s) => canonicalStatementBody(s as WireStatement));
  const unique = new Map<string, Omit<CanonicalStatement, 'Sid'>>();
  for (const body of statements) unique.set(JSON.stringify(body), body);
  const [first, ...rest] = [...unique.entries()].sort(([a], [b]) => compareText(a, b)).map(([json, body]) => withSid(body, json));
  if (first === undefined)
    throw new PolicygenInputError([{ field: 'Statement', expected: 'hold at least one statement: IAM rejects an empty policy', received: 'an empty list' }]);
  return { Version: '2012-10-17', Statement: [first, ...rest] };
}

function canonicalStatementBody(s: WireStatement): Omit<CanonicalStatement, 'Sid'> {
  const out: Omit<CanonicalStatement, 'Sid'> = { Effect: s.Effect };
  if (s.Principal !== undefined) out.Principal = canonicalPrincipal(s.Principal);
  if (s.NotPrincipal !== undefined) out.NotPrincipal = canonicalPrincipal(s.NotPrincipal);
  if (s.Action !== undefined) out.Action = wire(sortedUnique(toStrings(s.Action).map(canonicalAction), true));
  if (s.NotAction !== undefined) out.NotAction = wire(sortedUnique(toStrings(s.NotAction).map(canonicalAction), true));
  if (s.Resource !== undefined) out.Resource = wire(sortedUnique(toStrings(s.Resource), false));
  if (s.NotResource !== undefined) out.NotResource = wire(sortedUnique(toStrings(s.NotResource), false));
  if (s.Condition !== undefined && Object.keys(s.Condition).length > 0) out.Condition = canonicalCondition(s.Condition);
  return out;
}

function canonicalPrincipal(p: WirePrincipal | Principal): CanonicalStatement['Principal'] {
  if (p === '*') return '*';
  const map = p as { readonly [type: string]: WireList };
  const out: { [T in PrincipalType]?: OneOrMany } = {};
  for (const type of PRINCIPAL_TYPES) {
    const values = map[type];
    if (values !== undefined) out[type] = wire(sortedUnique(toStrings(values), false));
  }
  return out;
}

function canonicalCondition(c: ConditionBlock | { readonly [operator: string]: { readonly [key: string]: WireList } }): {
  [operator: string]: { [key: string]: OneOrMany };
} {
  const out: { [operator: string]: { [key: string]: OneOrMany } } = {};
  for (const operator of Object.keys(c).sort(compareText)) {
    const keys: { [key: string]: string[] } = {};
    for (const [key, values] of Object.entries(c[operator] ?? {})) {
      const name = canonicalConditionKey(key);
      keys[name] = [...(keys[name] ?? []), ...toStrings(values as WireList)];
    }
    const block: { [key: string]: OneOrMany } = {};
    for (const key of Object.keys(keys).sort(compareText)) block[key] = wire(sortedUnique(keys[key] ?? [], false));
    out[operator] = block;
  }
  return out;
}

/** `ECR:GetAuthorizationToken` and `ecr:GetAuthorizationToken` are one action: the prefix is written lower-case. */
function canonicalAction(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? action : action.slice(0, colon).toLowerCase() + action.slice(colon);
}

function withSid(body: Omit<CanonicalStatement, 'Sid'>, json: string): CanonicalStatement {
  const services = new Set<string>();
  for (const action of toStrings(body.Action ?? body.NotAction ?? [])) {
    const service = action.split(':')[0] ?? '';
    services.add(service === '*' ? 'All' : pascal(service));
  }
  const digest = createHash('sha256').update(json).digest('hex').slice(0, 8);
  return { Sid: `${body.Effect}${[...services].sort(compareText).join('')}${digest}`, ...body };
}

function pascal(word: string): string {
  return word
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function toList<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function toStrings(value: WireList | readonly string[]): string[] {
  return toList(value as WireValue | readonly WireValue[]).map((v) => String(v));
}

function sortedUnique(values: readonly string[], caseInsensitive: boolean): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    const key = caseInsensitive ? v.toLowerCase() : v;
    if (!seen.has(key)) seen.set(key, v);
  }
  return [...seen.entries()].sort(([a], [b]) => compareText(a, b)).map(([, v]) => v);
}

function wire(values: string[]): OneOrMany {
  return values.length === 1 ? values[0]! : values;
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const isWireValue = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
const isWireList = (v: unknown): boolean => isWireValue(v) || (Array.isArray(v) && v.every(isWireValue));
const WIRE_LIST = 'be a string or a list of strings';
// Enough to show what is wrong; a generated document with 20,000 bad statements needs no 20,000 lines.
const MAX_ISSUES = 20;

/**
 * What canonicalizePolicy reads, checked before it reads it: a document from JSON or a JavaScript
 * caller may hold anything. Only the shape; what IAM accepts beyond it is lint's business.
 */
function wirePolicyIssues(policy: unknown): InputIssue[] {
  if (!isPlainRecord(policy)) return [{ field: 'policy', expected: 'be a policy document (an object with a Statement)', received: describeValue(policy) }];
  const raw = policy['Statement'];
  if (!isPlainRecord(raw) && !Array.isArray(raw))
    return [{ field: 'Statement', expected: 'be a statement or a list of statements', received: describeValue(raw) }];
  const issues: InputIssue[] = [];
  const add = (field: string, expected: string, value: unknown) => issues.push({ field, expected, received: describeValue(value) });
  // Array.from reads a hole of a sparse list as undefined, which forEach would skip.
  Array.from(toList(raw as unknown)).forEach((statement, i) => {
    if (issues.length >= MAX_ISSUES) return;
    const at = Array.isArray(raw) ? `Statement[${i}]` : 'Statement';
    if (!isPlainRecord(statement)) return add(at, 'be an object with an Effect', statement);
    if (statement['Effect'] !== 'Allow' && statement['Effect'] !== 'Deny') add(`${at}.Effect`, 'be "Allow" or "Deny"', statement['Effect']);
    if (statement['Sid'] !== undefined && typeof statement['Sid'] !== 'string') add(`${at}.Sid`, 'be a string when given', statement['Sid']);
    for (const name of ['Action', 'NotAction', 'Resource', 'NotResource']) {
      if (statement[name] !== undefined && !isWireList(statement[name])) add(`${at}.${name}`, WIRE_LIST, statement[name]);
    }
    for (const name of ['Principal', 'NotPrincipal']) {
      const principal = statement[name];
      if (principal === undefined || principal === '*') continue;
      if (!isPlainRecord(principal)) add(`${at}.${name}`, 'be "*" or an object such as {"AWS": "111122223333"}', principal);
      else
        for (const type of PRINCIPAL_TYPES)
          if (principal[type] !== undefined && !isWireList(principal[type])) add(`${at}.${name}.${type}`, WIRE_LIST, principal[type]);
    }
    const condition = statement['Condition'];
    if (condition === undefined) return;
    if (!isPlainRecord(condition)) return add(`${at}.Condition`, 'be an object of operators', condition);
    for (const [operator, block] of Object.entries(condition)) {
      if (!isPlainRecord(block)) add(`${at}.Condition.${operator}`, 'be an object of condition keys', block);
      else for (const [key, values] of Object.entries(block)) if (!isWireList(values)) add(`${at}.Condition.${operator}.${key}`, WIRE_LIST, values);
    }
  });
  return issues;
}
