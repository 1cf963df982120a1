import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';

export const scpSyntaxErrorActionWildcard: PolicyRule<'SCP_SYNTAX_ERROR_ACTION_WILDCARD'> = {
  kind: 'policy',
  meta: {
    code: 'SCP_SYNTAX_ERROR_ACTION_WILDCARD',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'An SCP action has a wildcard before its end',
    description:
      'In a service control policy, Action and NotAction values "can include wildcards (*) only at the end of a string": iam:Get* but ' +
      'not iam:*role (IAM User Guide, "IAM policy validation check reference", Access Analyzer check SCP_SYNTAX_ERROR_ACTION_WILDCARD, ' +
      'an error; https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html). The page still lists ' +
      'this check, although AWS Organizations accepts wildcards at the beginning or middle of SCP actions since September 2025 (AWS ' +
      'Security Blog, "AWS Organizations service control policy now supports full IAM language"): policygen reports what Access Analyzer ' +
      'reports; turn the rule off in .policygen.json when the SCP is meant for the new syntax. Runs for --policy-type scp.',
    fix: 'List the actions, or end the pattern at the wildcard, e.g. "iam:*Role" -> "iam:CreateRole", "iam:DeleteRole".',
  },
  appliesTo: ['scp'],
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const a of [...(s.actions ?? []), ...(s.notActions ?? [])]) {
        const first = a.value.search(/[*?]/);
        if (first >= 0 && first < a.value.length - 1 && a.value !== '*')
          (hits ??= []).push(hit(`an SCP action may have a wildcard (*) only at its end, received ${showValue(a.value)}`, a.path, `Action::${a.value}`));
      }
    }
    return hits ?? NO_HITS;
  },
};
