import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';
import { variableHostValues, variableIssues } from './lib/variables';

export const emptyVariable: PolicyRule<'EMPTY_VARIABLE'> = {
  kind: 'policy',
  meta: {
    code: 'EMPTY_VARIABLE',
    severity: 'error',
    title: 'A policy variable is empty',
    description: 'The variable ${} names nothing (Access Analyzer check EMPTY_VARIABLE, an error; IAM User Guide, "IAM policy elements: Variables and tags").',
    fix: 'Name the variable or remove it, e.g. "home/${}/*" -> "home/${aws:username}/*".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const v of variableHostValues(s)) {
        for (const issue of variableIssues(v.value)) {
          if (issue.problem === 'empty')
            (hits ??= []).push(
              hit(
                `the policy variable ${showValue(issue.text)} in ${showValue(v.value)} must name a request value, e.g. \${aws:username}`,
                v.path,
                `Variable::${issue.text}`,
              ),
            );
        }
      }
    }
    return hits ?? NO_HITS;
  },
};
