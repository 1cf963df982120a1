import type { PolicyRule } from '../../types';
import { CREATE_SLR, openResourceHits } from './lib/star-grants';
import { showValue } from './lib/support';

const message = (resource: string): string =>
  `iam:CreateServiceLinkedRole must name the service-linked roles it may create, received the resource ${showValue(resource)}`;

export const createSlrWithStarInResource: PolicyRule<'CREATE_SLR_WITH_STAR_IN_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
    severity: 'warning',
    source: 'access-analyzer',
    offline: true,
    title: 'iam:CreateServiceLinkedRole is allowed for any service',
    description:
      'An Allow statement with the action iam:CreateServiceLinkedRole on "*" (or on any role under aws-service-role/) can ' +
      'create unintended service-linked roles (Access Analyzer check CREATE_SLR_WITH_STAR_IN_RESOURCE, a general warning). ' +
      'Not reported when an iam:AWSServiceName condition names the services.',
    fix: 'Scope it to the service, e.g. "Resource": "arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS*", or add "Condition": {"StringEquals": {"iam:AWSServiceName": "ecs.amazonaws.com"}}.',
  },
  // A grant to pass or create roles means something only in a policy attached to a principal: the
  // Action "*" of an endpoint's or a bucket's policy allows no one anything (IAM User Guide, policy types).
  appliesTo: ['identity'],
  check(unit) {
    return openResourceHits(unit.view.statements, CREATE_SLR, message);
  },
};
