import type { PolicyRule } from '../../types';
import { notGrantHits } from './lib/not-grants';
import { PASS_ROLE } from './lib/star-grants';
import { showValue } from './lib/support';

export const passRoleWithStarInResourceAndNotAction: PolicyRule<'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION'> = {
  kind: 'policy',
  meta: {
    code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    severity: 'security_warning',
    title: 'NotAction allows iam:PassRole on any role',
    description:
      'An Allow statement with NotAction that does not exclude iam:PassRole, on "*" or any role, lets the principal pass any role to any service (Access Analyzer check PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION, a security warning). Not reported with an iam:PassedToService condition.',
    fix: 'Allow iam:PassRole on named roles in Resource, e.g. "Resource": "arn:aws:iam::111122223333:role/app-task-role", or add "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}. Or add iam:PassRole to NotAction.',
    source: 'access-analyzer',
    offline: true,
  },
  // What an identity may pass or create: resource, endpoint and trust policies do not grant these actions to callers this way.
  appliesTo: ['identity'],
  check(unit) {
    return notGrantHits(
      unit.view.statements,
      PASS_ROLE,
      'not-action-star-resource',
      (value) => `NotAction does not exclude iam:PassRole and the resource ${showValue(value)} leaves every role open to it`,
    );
  },
};
