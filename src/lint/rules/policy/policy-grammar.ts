import { isRecord } from '../../../model/json';
import { validatePolicyDocument, valueAt } from '../../../model/validate-policy';
import type { PolicyRule } from '../../types';
import { isIntrinsic } from '../../../template/intrinsics';
import { hit } from './lib/support';

/** True when the value at `path`, or one of its ancestors, is a CloudFormation intrinsic: known only at deploy. */
function withinIntrinsic(document: unknown, path: readonly (string | number)[]): boolean {
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
 * (NULL_WITH_IF_EXISTS). Reported once, under that code.
 */
function reportedByOwnRule(document: unknown, path: readonly (string | number)[]): boolean {
  const value = valueAt(document, path);
  const last = path[path.length - 1];
  if (path.length === 1 && last === 'Statement') return value === undefined || (Array.isArray(value) && value.length === 0);
  if (last === 'Principal' || last === 'NotPrincipal') return isRecord(value) && Object.keys(value).length === 0;
  return path[path.length - 2] === 'Condition' && typeof last === 'string' && /^(?:ForAnyValue:|ForAllValues:)?NullIfExists$/.test(last);
}

/**
 * The JSON grammar of a policy (schemas/iam-policy.schema.json): one finding per schema issue, at its
 * path. The Version value is left to INVALID_VERSION so that it is reported once, under Access
 * Analyzer's code.
 */
export const policyGrammar: PolicyRule<'POLICY_GRAMMAR'> = {
  kind: 'policy',
  meta: {
    code: 'POLICY_GRAMMAR',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'The policy does not follow the IAM policy grammar',
    description:
      'Checks the document against the IAM JSON policy grammar (IAM User Guide, "Grammar of the IAM JSON policy language"; ' +
      'schemas/iam-policy.schema.json): Effect is Allow or Deny, exactly one of Action/NotAction, at most one of ' +
      'Resource/NotResource and Principal/NotPrincipal, known condition operators, no unknown elements. IAM rejects such a ' +
      'policy; Access Analyzer reports the same problems as MISSING_EFFECT, INVALID_EFFECT, MISSING_ACTION, ' +
      'UNSUPPORTED_ELEMENT_COMBINATION, INVALID_POLICY_ELEMENT, INVALID_CONDITION_OPERATOR, INVALID_PRINCIPAL_KEY and DATA_TYPE_MISMATCH.',
    fix: 'Correct the element named in the message, e.g. "Effect": "Alow" -> "Effect": "Allow", or remove NotAction when Action is present.',
  },
  check(unit) {
    return validatePolicyDocument(unit.document)
      .filter((issue) => !(issue.path.length === 1 && issue.path[0] === 'Version'))
      .filter((issue) => !reportedByOwnRule(unit.document, issue.path))
      .filter((issue) => !(unit.templateValues === true && withinIntrinsic(unit.document, issue.path)))
      .map((issue) => hit(issue.message, issue.path));
  },
};
