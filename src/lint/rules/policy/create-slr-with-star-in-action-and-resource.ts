import type { PolicyRule } from '../../types';
import { CREATE_SLR, wildcardActionHits } from './lib/star-grants';
import { showValue } from './lib/support';

const message = (action: string): string => `the action ${showValue(action)} allows iam:CreateServiceLinkedRole for any service`;

export const createSlrWithStarInActionAndResource: PolicyRule<'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
    severity: 'warning',
    source: 'access-analyzer',
    offline: true,
    title: 'A wildcard action allows iam:CreateServiceLinkedRole for any service',
    description:
      'An Allow statement whose Action wildcard covers iam:CreateServiceLinkedRole ("*", "iam:*", "iam:Create*") with a ' +
      'Resource of "*" allows creating any service-linked role (Access Analyzer check ' +
      'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE, a general warning). Not reported with an iam:AWSServiceName condition.',
    fix: 'List the actions needed instead of the wildcard; grant iam:CreateServiceLinkedRole separately with an iam:AWSServiceName condition.',
  },
  // A grant to pass or create roles means something only in a policy attached to a principal: the
  // Action "*" of an endpoint's or a bucket's policy allows no one anything (IAM User Guide, policy types).
  appliesTo: ['identity'],
  check(unit) {
    return wildcardActionHits(unit.view.statements, CREATE_SLR, message);
  },
};
