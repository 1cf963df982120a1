import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';
import { variableHostValues, variableIssues } from './lib/variables';

export const missingQuoteInVariable: PolicyRule<'MISSING_QUOTE_IN_VARIABLE'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_QUOTE_IN_VARIABLE',
    severity: 'error',
    title: 'The default value of a policy variable is not in single quotes',
    description:
      "A default value follows the name after a comma and is enclosed in single quotes: ${aws:username, 'anonymous'} (Access Analyzer check MISSING_QUOTE_IN_VARIABLE, an error).",
    fix: 'Quote the default, e.g. "${aws:username, anonymous}" -> "${aws:username, \'anonymous\'}".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const v of variableHostValues(s)) {
        for (const issue of variableIssues(v.value)) {
          if (issue.problem === 'missing-quote')
            (hits ??= []).push(
              hit(`the default value of the policy variable ${showValue(issue.text)} must be enclosed in single quotes`, v.path, `Variable::${issue.text}`),
            );
        }
      }
    }
    return hits ?? NO_HITS;
  },
};
