/**
 * The JSON grammar issues of a policy (schemas/iam-policy.schema.json, through validatePolicyDocument),
 * each under the Access Analyzer code that names the same problem (IAM User Guide, "IAM policy
 * validation check reference": https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
 * One mapping for the grammar rules: each reports the issues of its code, POLICY_GRAMMAR the rest.
 */
import { isRecord } from '../../../../model/json';
import { validatePolicyDocument, valueAt, type SchemaPath } from '../../../../model/validate-policy';
import { isIntrinsic } from '../../../../template/intrinsics';
import type { PolicyUnit } from '../../../types';

export type GrammarCode =
  | 'MISSING_EFFECT'
  | 'INVALID_EFFECT'
  | 'MISSING_ACTION'
  | 'UNSUPPORTED_ELEMENT_COMBINATION'
  | 'INVALID_POLICY_ELEMENT'
  | 'INVALID_PRINCIPAL_FORMAT'
  | 'INVALID_PRINCIPAL_KEY'
  | 'INVALID_CONDITION_OPERATOR'
  | 'DATA_TYPE_MISMATCH'
  | 'POLICY_GRAMMAR';

export interface GrammarIssue {
  readonly code: GrammarCode;
  readonly path: SchemaPath;
  readonly message: string;
}

const DOCUMENT_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_KEYS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
/** The wording validatePolicyDocument gives a value of the wrong JSON type. */
const WRONG_TYPE = /must be (?:a string|an object|an array|a number|a boolean)(?: or an? (?:array|object|string))?, received/;

/** True when the value at `path`, or one of its ancestors, is a CloudFormation intrinsic: known only at deploy. */
function withinIntrinsic(document: unknown, path: SchemaPath): boolean {
  let value = document;
  for (let i = 0; i <= path.length; i++) {
    if (isIntrinsic(value)) return true;
    if (i === path.length || value === null || typeof value !== 'object') return false;
    value = (value as Record<string | number, unknown>)[path[i]!];
  }
  return false;
}

/**
 * True for the grammar issues that a rule with Access Analyzer's own code reports: a missing or empty
 * Statement (MISSING_STATEMENT), an empty Principal object (EMPTY_OBJECT_PRINCIPAL) and NullIfExists
 * (NULL_WITH_IF_EXISTS); the Version value is INVALID_VERSION's. Reported once, under that code.
 */
function reportedByOwnRule(document: unknown, path: SchemaPath): boolean {
  if (path.length === 1 && path[0] === 'Version') return true;
  const value = valueAt(document, path);
  const last = path[path.length - 1];
  if (path.length === 1 && last === 'Statement') return value === undefined || (Array.isArray(value) && value.length === 0);
  if (last === 'Principal' || last === 'NotPrincipal') return isRecord(value) && Object.keys(value).length === 0;
  return path[path.length - 2] === 'Condition' && typeof last === 'string' && /^(?:ForAnyValue:|ForAllValues:)?NullIfExists$/.test(last);
}

/** A statement's path: ['Statement', i], or ['Statement'] when Statement is one object. */
const isStatementPath = (document: unknown, path: SchemaPath): boolean =>
  path[0] === 'Statement' && (path.length === 1 || (path.length === 2 && typeof path[1] === 'number')) && isRecord(valueAt(document, path));

function codeOf(document: unknown, path: SchemaPath, message: string): GrammarCode {
  const value = valueAt(document, path);
  const last = path[path.length - 1];
  const parent = path.slice(0, -1);
  if (last === 'Effect' && isStatementPath(document, parent))
    return value === undefined ? 'MISSING_EFFECT' : typeof value === 'string' ? 'INVALID_EFFECT' : 'DATA_TYPE_MISMATCH';
  if (isStatementPath(document, path)) {
    const statement = value as Record<string, unknown>;
    return statement['Action'] === undefined && statement['NotAction'] === undefined ? 'MISSING_ACTION' : 'UNSUPPORTED_ELEMENT_COMBINATION';
  }
  if (typeof last === 'string' && value !== undefined) {
    if (parent.length === 0 && isRecord(document) && !DOCUMENT_ELEMENTS.has(last)) return 'INVALID_POLICY_ELEMENT';
    if (isStatementPath(document, parent) && !STATEMENT_ELEMENTS.has(last)) return 'INVALID_POLICY_ELEMENT';
    if (parent[parent.length - 1] === 'Condition' && isStatementPath(document, parent.slice(0, -1)) && isRecord(valueAt(document, parent)))
      return message.includes('condition operator') ? 'INVALID_CONDITION_OPERATOR' : 'DATA_TYPE_MISMATCH';
    const holder = parent[parent.length - 1];
    if ((holder === 'Principal' || holder === 'NotPrincipal') && isRecord(valueAt(document, parent)) && !PRINCIPAL_KEYS.has(last))
      return 'INVALID_PRINCIPAL_KEY';
  }
  if ((last === 'Principal' || last === 'NotPrincipal') && value !== undefined && !isRecord(value) && value !== '*') return 'INVALID_PRINCIPAL_FORMAT';
  return WRONG_TYPE.test(message) ? 'DATA_TYPE_MISMATCH' : 'POLICY_GRAMMAR';
}

// Ten rules ask for the issues of the same unit: validated once.
const issuesByUnit = new WeakMap<PolicyUnit, readonly GrammarIssue[]>();

/** Every grammar issue of the unit's document with its code, one per path and code. */
export function grammarIssues(unit: PolicyUnit): readonly GrammarIssue[] {
  let issues = issuesByUnit.get(unit);
  if (issues === undefined) {
    const seen = new Set<string>();
    const list: GrammarIssue[] = [];
    for (const issue of validatePolicyDocument(unit.document)) {
      if (reportedByOwnRule(unit.document, issue.path)) continue;
      if (unit.templateValues === true && withinIntrinsic(unit.document, issue.path)) continue;
      const code = codeOf(unit.document, issue.path, issue.message);
      // A grammar rule reports the first message of a path and code (Effect: 1 is both "not a string" and "not Allow or Deny"),
      // except that one statement can hold two exclusive pairs (Action with NotAction, Resource with NotResource): each is reported.
      const key = `${code}\u0000${issue.path.join('\u0000')}${code === 'UNSUPPORTED_ELEMENT_COMBINATION' ? `\u0000${issue.message}` : ''}`;
      if (code !== 'POLICY_GRAMMAR' && seen.has(key)) continue;
      seen.add(key);
      list.push({ code, path: issue.path, message: issue.message });
    }
    issues = list;
    issuesByUnit.set(unit, issues);
  }
  return issues;
}
