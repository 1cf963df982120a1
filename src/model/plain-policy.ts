/**
 * A quick yes to "does this document follow schemas/iam-policy.schema.json?" for the documents
 * nearly every file holds: plain strings and lists where the grammar wants them. It answers true
 * only when the schema validator would (a property test checks that over random documents); any
 * doubt answers false and the caller runs the validator, which also says what is wrong. `lint` runs
 * it on every policy: the generated validator builds a path string per value it visits, this loop
 * builds nothing.
 */
import { isRecord } from './json';

/** The schema's IamConditionBlock patternProperties key; a test checks that the two agree. */
export const CONDITION_OPERATOR =
  /^(ForAnyValue:|ForAllValues:)?((String(Not)?Equals(IgnoreCase)?|String(Not)?Like|Numeric(Not)?Equals|Numeric(LessThan|GreaterThan)(Equals)?|Date(Not)?Equals|Date(LessThan|GreaterThan)(Equals)?|Bool|BinaryEquals|(Not)?IpAddress|Arn(Not)?(Equals|Like))(IfExists)?|Null)$/;

function isStringOrStrings(v: unknown): boolean {
  if (typeof v === 'string') return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

const isScalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function isConditionValue(v: unknown): boolean {
  if (isScalar(v)) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isScalar(v[i])) return false;
  return true;
}

function isPrincipal(v: unknown): boolean {
  if (v === '*') return true;
  if (!isRecord(v)) return false;
  let count = 0;
  for (const key in v) {
    if (key !== 'AWS' && key !== 'Service' && key !== 'Federated' && key !== 'CanonicalUser') return false;
    if (!isStringOrStrings(v[key])) return false;
    count++;
  }
  return count > 0;
}

function isCondition(v: unknown): boolean {
  if (!isRecord(v)) return false;
  for (const operator in v) {
    const block = v[operator];
    if (!CONDITION_OPERATOR.test(operator) || !isRecord(block)) return false;
    for (const key in block) if (!isConditionValue(block[key])) return false;
  }
  return true;
}

function isStatement(v: unknown): boolean {
  if (!isRecord(v)) return false;
  for (const key in v) {
    const value = v[key];
    switch (key) {
      case 'Sid':
        if (typeof value !== 'string') return false;
        break;
      case 'Effect':
        if (value !== 'Allow' && value !== 'Deny') return false;
        break;
      case 'Action':
      case 'NotAction':
      case 'Resource':
      case 'NotResource':
        if (!isStringOrStrings(value)) return false;
        break;
      case 'Principal':
      case 'NotPrincipal':
        if (!isPrincipal(value)) return false;
        break;
      case 'Condition':
        if (!isCondition(value)) return false;
        break;
      default:
        return false;
    }
  }
  // Effect required; exactly one of Action and NotAction; at most one of each other pair.
  return (
    v['Effect'] !== undefined &&
    (v['Action'] === undefined) !== (v['NotAction'] === undefined) &&
    (v['Resource'] === undefined || v['NotResource'] === undefined) &&
    (v['Principal'] === undefined || v['NotPrincipal'] === undefined)
  );
}

/** True only when `doc` certainly follows the policy grammar; false means "ask the validator". */
export function isPlainPolicyDocument(doc: unknown): boolean {
  if (!isRecord(doc)) return false;
  for (const key in doc) {
    const value = doc[key];
    if (key === 'Version') {
      if (value !== '2012-10-17' && value !== '2008-10-17') return false;
    } else if (key === 'Id') {
      if (typeof value !== 'string') return false;
    } else if (key !== 'Statement') return false;
  }
  const statement = doc['Statement'];
  if (!Array.isArray(statement)) return isStatement(statement);
  if (statement.length === 0) return false;
  for (let i = 0; i < statement.length; i++) if (!isStatement(statement[i])) return false;
  return true;
}
