import type { PolicyRule } from '../../types';
import { notGrantHits } from './lib/not-grants';
import { PASS_ROLE } from './lib/star-grants';

export const passRoleWithNotResource: PolicyRule<'PASS_ROLE_WITH_NOT_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'PASS_ROLE_WITH_NOT_RESOURCE',
    severity: 'security_warning',
    title: 'iam:PassRole is allowed with NotResource',
    description:
      'An Allow statement that names iam:PassRole and uses NotResource lets the principal pass every role not listed, to any service (Access Analyzer check PASS_ROLE_WITH_NOT_RESOURCE, a security warning). Not reported with an iam:PassedToService condition.',
    fix: 'Allow iam:PassRole on named roles in Resource, e.g. "Resource": "arn:aws:iam::111122223333:role/app-task-role", or add "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}.',
    source: 'access-analyzer',
    offline: true,
  },
  // What an identity may pass or create: resource, endpoint and trust policies do not grant these actions to callers this way.
  appliesTo: ['identity'],
  check(unit) {
    return notGrantHits(
      unit.view.statements,
      PASS_ROLE,
      'action-not-resource',
      () => `iam:PassRole must be allowed on named roles in Resource, received NotResource: every role not listed may be passed`,
    );
  },
};
