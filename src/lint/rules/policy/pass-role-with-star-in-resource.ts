import type { PolicyRule } from '../../types';
import { openResourceHits, PASS_ROLE } from './lib/star-grants';
import { showValue } from './lib/support';

const message = (resource: string): string => `iam:PassRole must name the roles it may pass, received the resource ${showValue(resource)}`;

export const passRoleWithStarInResource: PolicyRule<'PASS_ROLE_WITH_STAR_IN_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
    severity: 'security_warning',
    source: 'access-analyzer',
    offline: true,
    title: 'iam:PassRole is allowed on any role',
    description:
      'An Allow statement with the action iam:PassRole and a Resource of "*" (or a role ARN whose name is only a wildcard, ' +
      'such as arn:aws:iam::111122223333:role/*) lets the principal hand any role, an administrator role included, to a ' +
      'service (Access Analyzer check PASS_ROLE_WITH_STAR_IN_RESOURCE, a security warning). Not reported when the statement ' +
      'has an iam:PassedToService condition, as Access Analyzer recommends.',
    fix: 'Name the roles, e.g. "Resource": "arn:aws:iam::111122223333:role/app-task-role", or add "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}.',
  },
  // A grant to pass or create roles means something only in a policy attached to a principal: the
  // Action "*" of an endpoint's or a bucket's policy allows no one anything (IAM User Guide, policy types).
  appliesTo: ['identity'],
  check(unit) {
    return openResourceHits(unit.view.statements, PASS_ROLE, message);
  },
};
