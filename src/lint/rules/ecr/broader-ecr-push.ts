import type { StackRule } from '../../types';
import { cite } from '../../../model/aws-sources';
import { GRANT_VIEW_NOTE, grantHits } from './grant-view';

/** The view of check's least-privilege warning BROADER_ECR_PUSH (src/pull/probes.ts), at the resource that grants it. */
export const broaderEcrPush: StackRule<'BROADER_ECR_PUSH'> = {
  kind: 'stack',
  meta: {
    code: 'BROADER_ECR_PUSH',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'Grants push to the repository the tasks pull',
    description:
      'The execution role (or an ECR endpoint policy) allows ecr:PutImage or ecr:InitiateLayerUpload on the repository the ' +
      'tasks pull: anything running as the role could overwrite the image the next task starts. A pull needs ' +
      'ecr:BatchGetImage, ecr:GetDownloadUrlForLayer and ecr:BatchCheckLayerAvailability only. ' +
      GRANT_VIEW_NOTE +
      `${cite('ECS-EXEC', 'PL')}.`,
    fix: 'Grant only the pull actions: "Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"] (not ecr:* or *); push from the CI role instead.',
  },
  check: (stack) => grantHits(stack, 'BROADER_ECR_PUSH'),
};
