import type { StackRule } from '../../types';
import { cite } from '../../../model/aws-sources';
import { GRANT_VIEW_NOTE, grantHits } from './grant-view';

/** The view of check's least-privilege warning BROADER_ECR_DELETE (src/pull/probes.ts), at the resource that grants it. */
export const broaderEcrDelete: StackRule<'BROADER_ECR_DELETE'> = {
  kind: 'stack',
  meta: {
    code: 'BROADER_ECR_DELETE',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'Grants delete the repository the tasks pull',
    description:
      'The execution role (or an ECR endpoint policy) allows ecr:DeleteRepository on the repository the tasks pull: ' +
      'anything running as the role could delete the images every task needs. A pull needs the three pull actions only. ' +
      GRANT_VIEW_NOTE +
      `${cite('ECS-EXEC', 'PL')}.`,
    fix: 'Grant only the pull actions: "Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"], not ecr:*, ecr:Delete* or *.',
  },
  check: (stack) => grantHits(stack, 'BROADER_ECR_DELETE'),
};
