import type { PolicyRule } from '../../types';
import { notGrantHits } from './lib/not-grants';
import { CREATE_SLR } from './lib/star-grants';

export const createSlrWithNotActionAndNotResource: PolicyRule<'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    severity: 'warning',
    title: 'NotAction and NotResource allow iam:CreateServiceLinkedRole',
    description:
      'An Allow statement with NotAction that does not exclude iam:CreateServiceLinkedRole, and with NotResource, can allow creating unintended service-linked roles (Access Analyzer check CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE, a general warning). Not reported with an iam:AWSServiceName condition.',
    fix: 'Allow iam:CreateServiceLinkedRole on named role ARNs in Resource, e.g. "Resource": "arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS", or add an iam:AWSServiceName condition. Or add iam:CreateServiceLinkedRole to NotAction.',
    source: 'access-analyzer',
    offline: true,
  },
  // What an identity may pass or create: resource, endpoint and trust policies do not grant these actions to callers this way.
  appliesTo: ['identity'],
  check(unit) {
    return notGrantHits(
      unit.view.statements,
      CREATE_SLR,
      'not-action-not-resource',
      () => `NotAction does not exclude iam:CreateServiceLinkedRole and NotResource leaves the roles open`,
    );
  },
};
