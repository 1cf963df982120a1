import type { StackRule } from '../../types';
import { cite } from '../../../model/aws-sources';
import { GRANT_VIEW_NOTE, grantHits } from './grant-view';

/** The view of check's least-privilege warning BROADER_OTHER_REPOSITORY (src/pull/probes.ts), at the resource that grants it. */
export const broaderOtherRepository: StackRule<'BROADER_OTHER_REPOSITORY'> = {
  kind: 'stack',
  meta: {
    code: 'BROADER_OTHER_REPOSITORY',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'Grants pull from a repository no task of the stack pulls',
    description:
      "The execution role (or an ECR endpoint policy) allows ecr:BatchGetImage on a repository of the stack's account that " +
      'no task pulls: a Resource of "*" or a repository wildcard. Anything running as the role can then read every image ' +
      'of the registry (the ECS task execution role needs the pull actions on the repositories its tasks pull only). AWS ' +
      'managed AmazonECSTaskExecutionRolePolicy grants the pull on "*", so a role that attaches it gets this finding at ' +
      'its ManagedPolicyArns entry. ' +
      GRANT_VIEW_NOTE +
      `${cite('ECS-EXEC', 'PL')}.`,
    fix: 'Name the repositories the tasks pull: {"Effect":"Allow","Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],"Resource":"arn:aws:ecr:us-east-1:111122223333:repository/my-app"}; `policygen execution-role-policy` writes it.',
  },
  check: (stack) => grantHits(stack, 'BROADER_OTHER_REPOSITORY'),
};
