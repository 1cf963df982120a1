import type { PolicyRule, RuleHit, StatementView } from '../../types';
import { starGrant } from './lib/star-grants';
import { hit, showValue } from './lib/support';
import { PASS_ROLE_PROBE } from './pass-role-with-star-in-resource';

export const passRoleWithStarInActionAndResource: PolicyRule<'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
    severity: 'security_warning',
    title: 'A wildcard action allows iam:PassRole on any role',
    description:
      'An Allow statement whose Action has a wildcard that covers iam:PassRole ("*", "iam:*", "iam:Pass*") and whose Resource ' +
      'is "*" or any role lets the principal pass every role to any service (Access Analyzer check ' +
      'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE, a security warning). Not reported with an iam:PassedToService condition.',
    fix: 'List the actions needed instead of a wildcard, and grant iam:PassRole in its own statement on named roles, e.g. "arn:aws:iam::111122223333:role/app-task-role".',
  },
  check(unit) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const s = statements[si] as StatementView;
      const grant = starGrant(s, 'iam:passrole', PASS_ROLE_PROBE, 'iam:PassedToService');
      if (grant === undefined) continue;
      const resources = grant.openResources.map((r) => r.value).join(', ');
      for (const a of grant.wildcardActions) {
        hits.push(hit(`the action ${showValue(a.value)} allows iam:PassRole on the resources ${resources}: name the roles`, a.path, `Action::${a.value}`));
      }
    }
    return hits;
  },
};
