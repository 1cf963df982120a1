import type { StackRule } from '../../types';
import { cite } from '../../../model/aws-sources';
import { GRANT_VIEW_NOTE, grantHits } from './grant-view';

/** The view of check's least-privilege warning BROADER_OTHER_ACCOUNT_REPOSITORY (src/pull/probes.ts), at the resource that grants it. */
export const broaderOtherAccountRepository: StackRule<'BROADER_OTHER_ACCOUNT_REPOSITORY'> = {
  kind: 'stack',
  meta: {
    code: 'BROADER_OTHER_ACCOUNT_REPOSITORY',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'Grants pull from a repository of another account',
    description:
      'The execution role (or an ECR endpoint policy) allows ecr:BatchGetImage on a repository of an account other than ' +
      'the ones the tasks pull from: an account of "*" in the repository ARN, or a Resource of "*". Through an endpoint, ' +
      'that is a path to copy images into, or out of, any account. ' +
      GRANT_VIEW_NOTE +
      `${cite('ECS-EXEC', 'PL')}.`,
    fix: 'Write the account into the repository ARNs (arn:aws:ecr:us-east-1:111122223333:repository/my-app), or add {"StringEquals":{"aws:ResourceAccount":["111122223333"]}} to the ECR endpoint policy.',
  },
  check: (stack) => grantHits(stack, 'BROADER_OTHER_ACCOUNT_REPOSITORY'),
};
