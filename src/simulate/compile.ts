import { PolicygenInputError, showValue, type InputIssue } from '../model/errors';
import { checkArgs, describeValue, isPlainRecord } from '../model/validate-args';
import type { WirePolicy } from '../normalize/canonicalize';
import { arnPatternMatches, compileArnPattern, type ArnPattern } from './arn';
import { compileCondition, conditionMatches, parseOperator, type CompiledCondition } from './conditions';
import { compilePattern, globMatches, globOf, patternGlob, tokenize, type CompiledPattern, type Glob } from './pattern';
import { compilePrincipals, DIRECT, NO_MATCH, principalMatch, type CompiledPrincipals, type PrincipalMatch } from './principal';
import type { PreparedRequest } from './prepared-request';

/** A resource pattern: `*`, an ARN pattern (matched per segment), or any other text as one glob. */
type ResourceMatcher = { readonly all: true } | { readonly arn: ArnPattern } | { readonly text: CompiledPattern } | { readonly never: true };

interface ListElement<T> {
  /** NotAction / NotResource / NotPrincipal. */
  readonly not: boolean;
  readonly items: T;
}

export interface CompiledStatement {
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: ListElement<{ readonly all: boolean; readonly globs: readonly Glob[] }>;
  readonly resources: ListElement<readonly ResourceMatcher[]> | undefined;
  readonly principals: ListElement<CompiledPrincipals> | undefined;
  readonly conditions: readonly CompiledCondition[];
}

const COMPILED = Symbol('policygen.CompiledPolicy');

/** A policy with its matchers built: evaluate many requests against it without recompiling. */
export interface CompiledPolicy {
  readonly [COMPILED]: true;
  readonly statements: readonly CompiledStatement[];
}

export const isCompiledPolicy = (value: unknown): value is CompiledPolicy =>
  typeof value === 'object' && value !== null && (value as { [COMPILED]?: true })[COMPILED] === true;

type Problem = (field: string, value: unknown, expected: string) => void;

const isWireValue = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const WIRE_LIST = 'be a string or a list of strings';

/** A policy element's values as text; anything else (an object, null, a nested list) is a problem, and left out. */
function wireList(value: unknown, field: string, problem: Problem): string[] {
  const values: readonly unknown[] = Array.isArray(value) ? value : [value];
  if (!values.every(isWireValue)) {
    problem(field, value, WIRE_LIST);
    return values.filter(isWireValue).map(String);
  }
  return values.map(String);
}

/** `"*"` or `{ "AWS": "…" | […] , … }`, with every value text; undefined (and a problem) otherwise. */
function principalElement(value: unknown, field: string, problem: Problem): unknown {
  if (value === '*') return value;
  if (!isPlainRecord(value)) {
    problem(field, value, 'be "*" or an object such as {"AWS": "111122223333"}');
    return undefined;
  }
  return Object.fromEntries(Object.entries(value).map(([type, values]) => [type, wireList(values, `${field}.${type}`, problem)]));
}

// Enough to show what is wrong: a document with 20,000 bad statements needs no 20,000 lines.
const MAX_ISSUES = 50;

/**
 * Builds a policy's matchers once: wildcard patterns, ARN segments, CIDR ranges, dates and numbers
 * are parsed here, so evaluating a request builds no regular expression and parses no policy text.
 * Policy variables work only with `"Version": "2012-10-17"`; under an older or missing Version they
 * are literal text (IAM User Guide, "IAM policy elements: Variables and tags").
 * Throws PolicygenInputError (with every problem found) for a document IAM would reject outright.
 *
 * @example
 * const role = compilePolicy(executionRolePolicy);
 * for (const request of requests) evaluate(request, [{ label: 'role', kind: 'identity', document: role }]);
 */
export function compilePolicy(document: WirePolicy): CompiledPolicy {
  checkArgs(documentShapeIssues(document));
  const issues: InputIssue[] = [];
  let unlisted = 0;
  const problem: Problem = (field, value, expected) => {
    if (issues.length < MAX_ISSUES) issues.push({ field, received: showValue(value), expected });
    else unlisted++;
  };
  const variables = document.Version === '2012-10-17';
  const raw = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as readonly Record<string, unknown>[];
  const statements = raw.map((s, index) => compileStatement(s, index, variables, problem));
  if (unlisted > 0) issues.push({ field: 'policy', expected: `have no more problems than the ${MAX_ISSUES} listed`, received: `${unlisted} more` });
  if (issues.length > 0) throw new PolicygenInputError(issues);
  return { [COMPILED]: true, statements };
}

/** The document and its statements are objects; compileStatement checks each statement's elements. */
function documentShapeIssues(document: unknown): InputIssue[] {
  if (!isPlainRecord(document)) return [{ field: 'policy', expected: 'be a policy document (an object with a Statement)', received: describeValue(document) }];
  const raw = document['Statement'];
  if (!isPlainRecord(raw) && !Array.isArray(raw))
    return [{ field: 'Statement', expected: 'be a statement or a list of statements', received: describeValue(raw) }];
  if (!Array.isArray(raw)) return [];
  const bad = raw.findIndex((s) => !isPlainRecord(s));
  return bad < 0 ? [] : [{ field: `Statement[${bad}]`, expected: 'be an object with an Effect', received: describeValue(raw[bad]) }];
}

function compileStatement(s: Record<string, unknown>, index: number, variables: boolean, problem: Problem): CompiledStatement {
  const at = `Statement[${index}]`;
  const issue = (field: string, value: unknown, expected: string) => problem(`${at}.${field}`, value, expected);
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') issue('Effect', s.Effect, 'be "Allow" or "Deny"');
  if ((s.Action === undefined) === (s.NotAction === undefined)) issue('Action', s.Action ?? s.NotAction, 'be given, or NotAction, but not both');
  if (s.Resource !== undefined && s.NotResource !== undefined) issue('Resource', s.Resource, 'not be given together with NotResource');
  if (s.Principal !== undefined && s.NotPrincipal !== undefined) issue('Principal', s.Principal, 'not be given together with NotPrincipal');

  const actionValues = wireList(s.Action ?? s.NotAction ?? [], s.Action !== undefined ? 'Action' : 'NotAction', issue);
  const resourceValues = s.Resource ?? s.NotResource;
  const principalName = s.Principal !== undefined ? 'Principal' : 'NotPrincipal';
  const principal = s[principalName] === undefined ? undefined : principalElement(s[principalName], principalName, issue);
  return {
    index,
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: {
      not: s.NotAction !== undefined,
      items: {
        all: actionValues.includes('*'),
        globs: actionValues.map((a) => globOf(tokenize(a, { wildcards: true, variables: false }), true)),
      },
    },
    resources:
      resourceValues === undefined
        ? undefined
        : {
            not: s.NotResource !== undefined,
            items: wireList(resourceValues, s.Resource !== undefined ? 'Resource' : 'NotResource', issue).map((r) => compileResource(r, variables)),
          },
    principals: principal === undefined ? undefined : { not: s.NotPrincipal !== undefined, items: compilePrincipals(principal) },
    conditions: compileConditions(s.Condition, variables, (field, value, expected) => issue(`Condition${field}`, value, expected)),
  };
}

function compileResource(value: string, variables: boolean): ResourceMatcher {
  if (value === '*') return { all: true };
  if (value.startsWith('arn:')) {
    const arn = compileArnPattern(value, variables ? 'resource-part' : 'none', true);
    return arn ? { arn } : { never: true };
  }
  return { text: compilePattern(value, { wildcards: true, variables }) };
}

function compileConditions(block: unknown, variables: boolean, issue: (field: string, value: unknown, expected: string) => void): CompiledCondition[] {
  if (block === undefined) return [];
  if (typeof block !== 'object' || block === null) {
    issue('', block, 'be an object of condition operators');
    return [];
  }
  const out: CompiledCondition[] = [];
  for (const [name, keys] of Object.entries(block as Record<string, unknown>)) {
    const operator = parseOperator(name);
    if (operator === undefined) {
      issue(`[${JSON.stringify(name)}]`, name, 'be an IAM condition operator such as StringEquals or ForAnyValue:StringLike');
      continue;
    }
    if (typeof keys !== 'object' || keys === null) {
      issue(`[${JSON.stringify(name)}]`, keys, 'be an object of condition keys and values');
      continue;
    }
    for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
      out.push(compileCondition(operator, key, wireList(values, `[${JSON.stringify(name)}][${JSON.stringify(key)}]`, issue), variables));
    }
  }
  return out;
}

/** Whether the request's resource matches; `undefined` when a variable of the pattern has no value. */
function resourceMatches(matcher: ResourceMatcher, request: PreparedRequest): boolean | undefined {
  if ('all' in matcher) return true;
  if ('never' in matcher) return false;
  if ('arn' in matcher) return request.resourceArn !== undefined && arnPatternMatches(matcher.arn, request.resourceArn, request.lookup);
  const glob = patternGlob(matcher.text, request.lookup);
  return glob === undefined ? undefined : globMatches(glob, request.resource);
}

/**
 * Resource: some pattern matches. NotResource: none matches, and none has a variable without a
 * value: such a variable "causes the statement to be invalid" (IAM User Guide, "IAM policy elements:
 * Variables and tags"), so a NotResource statement does not apply rather than apply to everything.
 */
function resourcesMatch(resources: ListElement<readonly ResourceMatcher[]>, request: PreparedRequest): boolean {
  let unknown = false;
  for (const matcher of resources.items) {
    const hit = resourceMatches(matcher, request);
    if (hit === true) return !resources.not;
    if (hit === undefined) unknown = true;
  }
  return resources.not && !unknown;
}

/**
 * Whether a statement applies to the request, and how its principal matched: DIRECT, ACCOUNT_LEVEL
 * (a resource policy naming only the account) or NO_MATCH. Identity policies have no principal.
 */
export function statementMatch(statement: CompiledStatement, request: PreparedRequest, checkPrincipal: boolean): PrincipalMatch {
  const { actions } = statement;
  const actionHit = actions.items.all || actions.items.globs.some((g) => globMatches(g, request.action));
  if (actionHit === actions.not) return NO_MATCH;

  let match: PrincipalMatch = DIRECT;
  if (checkPrincipal) {
    // A resource or endpoint policy statement without Principal applies to no one (IAM rejects it).
    if (statement.principals === undefined) return NO_MATCH;
    const found = principalMatch(statement.principals.items, request);
    match = statement.principals.not ? (found === NO_MATCH ? DIRECT : NO_MATCH) : found;
    if (match === NO_MATCH) return NO_MATCH;
  }

  if (statement.resources !== undefined && !resourcesMatch(statement.resources, request)) return NO_MATCH;

  for (const condition of statement.conditions) {
    if (!conditionMatches(condition, request)) return NO_MATCH;
  }
  return match;
}
