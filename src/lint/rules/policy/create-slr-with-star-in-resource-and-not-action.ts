import type { PolicyRule } from '../../types';
import { notGrantHits } from './lib/not-grants';
import { CREATE_SLR } from './lib/star-grants';
import { showValue } from './lib/support';

export const createSlrWithStarInResourceAndNotAction: PolicyRule<'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION'> = {
  kind: 'policy',
  meta: {
    code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    severity: 'warning',
    title: 'NotAction allows iam:CreateServiceLinkedRole on any role',
    description:
      'An Allow statement with NotAction that does not exclude iam:CreateServiceLinkedRole, on "*" or any role, can allow creating unintended service-linked roles (Access Analyzer check CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION, a general warning). Not reported with an iam:AWSServiceName condition.',
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
      'not-action-star-resource',
      (value) => `NotAction does not exclude iam:CreateServiceLinkedRole and the resource ${showValue(value)} leaves every service-linked role open to it`,
    );
  },
};
