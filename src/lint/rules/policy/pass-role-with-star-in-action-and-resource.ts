import type { PolicyRule } from '../../types';
import { PASS_ROLE, type StarGrant, wildcardActionHits } from './lib/star-grants';
import { showValue } from './lib/support';

const message = (action: string, grant: StarGrant): string =>
  `the action ${showValue(action)} allows iam:PassRole on the resources ${grant.openResources.map((r) => r.value).join(', ')}: name the roles`;

export const passRoleWithStarInActionAndResource: PolicyRule<'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
    severity: 'security_warning',
    source: 'access-analyzer',
    offline: true,
    title: 'A wildcard action allows iam:PassRole on any role',
    description:
      'An Allow statement whose Action has a wildcard that covers iam:PassRole ("*", "iam:*", "iam:Pass*") and whose Resource ' +
      'is "*" or any role lets the principal pass every role to any service (Access Analyzer check ' +
      'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE, a security warning). Not reported with an iam:PassedToService condition.',
    fix: 'List the actions needed instead of a wildcard, and grant iam:PassRole in its own statement on named roles, e.g. "arn:aws:iam::111122223333:role/app-task-role".',
  },
  // A grant to pass or create roles means something only in a policy attached to a principal: the
  // Action "*" of an endpoint's or a bucket's policy allows no one anything (IAM User Guide, policy types).
  appliesTo: ['identity'],
  check(unit) {
    return wildcardActionHits(unit.view.statements, PASS_ROLE, message);
  },
};
