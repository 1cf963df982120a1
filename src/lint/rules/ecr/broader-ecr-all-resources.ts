import type { StackRule } from '../../types';
import { cite } from '../../../model/aws-sources';
import { GRANT_VIEW_NOTE, grantHits } from './grant-view';

/** The view of check's least-privilege warning BROADER_ECR_ALL_RESOURCES (src/pull/probes.ts), at the resource that grants it. */
export const broaderEcrAllResources: StackRule<'BROADER_ECR_ALL_RESOURCES'> = {
  kind: 'stack',
  meta: {
    code: 'BROADER_ECR_ALL_RESOURCES',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'Grants administer the registry (ECR actions on "*")',
    description:
      'The execution role (or an ECR endpoint policy) allows ecr:PutRegistryPolicy on "*": registry administration, from ' +
      'ecr:* or * on every resource. Only ecr:GetAuthorizationToken needs "*"; every other ECR action of a pull is on a ' +
      'repository. ' +
      GRANT_VIEW_NOTE +
      `${cite('ECS-EXEC', 'PL')}.`,
    fix: 'Keep "*" for ecr:GetAuthorizationToken alone: {"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"}, and the pull actions on repository ARNs.',
  },
  check: (stack) => grantHits(stack, 'BROADER_ECR_ALL_RESOURCES'),
};
