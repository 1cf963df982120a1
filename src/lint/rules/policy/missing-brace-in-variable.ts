import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';
import { variableHostValues, variableIssues } from './lib/variables';

export const missingBraceInVariable: PolicyRule<'MISSING_BRACE_IN_VARIABLE'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_BRACE_IN_VARIABLE',
    severity: 'error',
    title: 'A policy variable has no closing brace',
    description:
      'A policy variable is written ${name}; without the closing brace IAM does not read it as a variable (Access Analyzer check MISSING_BRACE_IN_VARIABLE, an error; IAM User Guide, "IAM policy elements: Variables and tags").',
    fix: 'Close the variable, e.g. "arn:aws:s3:::bucket/${aws:username/*" -> "arn:aws:s3:::bucket/${aws:username}/*".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const v of variableHostValues(s)) {
        for (const issue of variableIssues(v.value)) {
          if (issue.problem === 'missing-brace')
            (hits ??= []).push(
              hit(`the policy variable ${showValue(issue.text)} in ${showValue(v.value)} must end with a closing brace }`, v.path, `Variable::${issue.text}`),
            );
        }
      }
    }
    return hits ?? NO_HITS;
  },
};
