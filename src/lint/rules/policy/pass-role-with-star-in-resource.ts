import type { PolicyRule, RuleHit, StatementView } from '../../types';
import { starGrant } from './lib/star-grants';
import { hit, showValue } from './lib/support';

export const PASS_ROLE_PROBE = 'role/zq-policygen-probe-role';

export const passRoleWithStarInResource: PolicyRule<'PASS_ROLE_WITH_STAR_IN_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
    severity: 'security_warning',
    title: 'iam:PassRole is allowed on any role',
    description:
      'An Allow statement with the action iam:PassRole and a Resource of "*" (or a role ARN whose name is only a wildcard, ' +
      'such as arn:aws:iam::111122223333:role/*) lets the principal hand any role, an administrator role included, to a ' +
      'service (Access Analyzer check PASS_ROLE_WITH_STAR_IN_RESOURCE, a security warning). Not reported when the statement ' +
      'has an iam:PassedToService condition, as Access Analyzer recommends.',
    fix: 'Name the roles, e.g. "Resource": "arn:aws:iam::111122223333:role/app-task-role", or add "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}.',
  },
  check(unit) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const s = statements[si] as StatementView;
      const grant = starGrant(s, 'iam:passrole', PASS_ROLE_PROBE, 'iam:PassedToService');
      if (grant === undefined || grant.literalActions.length === 0) continue;
      for (const r of grant.openResources) {
        hits.push(hit(`iam:PassRole must name the roles it may pass, received the resource ${showValue(r.value)}`, r.path, `Resource::${r.value}`));
      }
    }
    return hits;
  },
};
