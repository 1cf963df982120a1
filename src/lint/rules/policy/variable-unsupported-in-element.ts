import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';

export const variableUnsupportedInElement: PolicyRule<'VARIABLE_UNSUPPORTED_IN_ELEMENT'> = {
  kind: 'policy',
  meta: {
    code: 'VARIABLE_UNSUPPORTED_IN_ELEMENT',
    severity: 'error',
    title: 'A policy variable stands in Action or Principal',
    description:
      'IAM replaces policy variables in the Resource element and in condition values only; in Action, NotAction, Principal ' +
      'or NotPrincipal `${…}` is literal text (Access Analyzer check VARIABLE_UNSUPPORTED_IN_ELEMENT, an error; IAM User Guide, ' +
      '"Where you can use policy variables").',
    fix: 'Move the variable into a condition, e.g. "Principal": {"AWS": "arn:aws:iam::${aws:PrincipalAccount}:root"} -> "Principal": "*" with "StringEquals": {"aws:PrincipalAccount": "111122223333"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const values of [s.actions, s.notActions, s.principalValues]) {
        if (values === undefined) continue;
        for (const v of values) {
          if (v.value.includes('${'))
            (hits ??= []).push(
              hit(`policy variables must stand in Resource or Condition only, received ${showValue(v.value)}`, v.path, `Variable::${v.value}`),
            );
        }
      }
    }
    return hits ?? NO_HITS;
  },
};
