import type { PolicyRule } from '../../types';
import { notGrantHits } from './lib/not-grants';
import { PASS_ROLE } from './lib/star-grants';
import { showValue } from './lib/support';

export const passRoleWithStarInActionAndNotResource: PolicyRule<'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
    severity: 'security_warning',
    title: 'A wildcard action allows iam:PassRole with NotResource',
    description:
      'An Allow statement whose wildcard action (iam:*, iam:Pass*, *) matches iam:PassRole and that uses NotResource lets the principal pass every role not listed (Access Analyzer check PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE, a security warning). Not reported with an iam:PassedToService condition.',
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
      'star-action-not-resource',
      (value) => `the action ${showValue(value)} allows iam:PassRole with NotResource: every role not listed may be passed`,
    );
  },
};
