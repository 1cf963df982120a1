import type { PolicyRule } from '../../types';
import { grammarIssues } from './lib/grammar-issues';
import { hit } from './lib/support';

/**
 * The JSON grammar of a policy (schemas/iam-policy.schema.json): one finding per schema issue that
 * has no Access Analyzer code of its own (lib/grammar-issues.ts maps the others), at its path.
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
      'policy. Problems Access Analyzer names are reported under its codes (MISSING_EFFECT, INVALID_EFFECT, MISSING_ACTION, ' +
      'UNSUPPORTED_ELEMENT_COMBINATION, INVALID_POLICY_ELEMENT, INVALID_CONDITION_OPERATOR, INVALID_PRINCIPAL_FORMAT, INVALID_PRINCIPAL_KEY, ' +
      'DATA_TYPE_MISMATCH); this rule reports the rest of the grammar.',
    fix: 'Correct the element named in the message, e.g. "Effect": "Alow" -> "Effect": "Allow", or remove NotAction when Action is present.',
  },
  check(unit) {
    return grammarIssues(unit)
      .filter((issue) => issue.code === 'POLICY_GRAMMAR')
      .map((issue) => hit(issue.message, issue.path));
  },
};
