import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';
import { variableHostValues, variableIssues } from './lib/variables';

export const unsupportedSpaceInVariable: PolicyRule<'UNSUPPORTED_SPACE_IN_VARIABLE'> = {
  kind: 'policy',
  meta: {
    code: 'UNSUPPORTED_SPACE_IN_VARIABLE',
    severity: 'error',
    title: 'A policy variable name has a space',
    description:
      'The name inside ${…} must not contain spaces; only the default value after the comma may (Access Analyzer check UNSUPPORTED_SPACE_IN_VARIABLE, an error).',
    fix: 'Remove the space, e.g. "${aws:user name}" -> "${aws:username}".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const v of variableHostValues(s)) {
        for (const issue of variableIssues(v.value)) {
          if (issue.problem === 'space')
            (hits ??= []).push(
              hit(`the policy variable ${showValue(issue.text)} in ${showValue(v.value)} must not have a space in its name`, v.path, `Variable::${issue.text}`),
            );
        }
      }
    }
    return hits ?? NO_HITS;
  },
};
