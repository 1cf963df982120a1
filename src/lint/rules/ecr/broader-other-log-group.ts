import type { StackRule } from '../../types';
import { cite } from '../../../model/aws-sources';
import { GRANT_VIEW_NOTE, grantHits } from './grant-view';

/** The view of check's least-privilege warning BROADER_OTHER_LOG_GROUP (src/pull/probes.ts), at the resource that grants it. */
export const broaderOtherLogGroup: StackRule<'BROADER_OTHER_LOG_GROUP'> = {
  kind: 'stack',
  meta: {
    code: 'BROADER_OTHER_LOG_GROUP',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'Grants write to a log group no task logs to',
    description:
      'The execution role (or the logs endpoint policy) allows logs:PutLogEvents on a log group none of its tasks logs to ' +
      '(awslogs-group): a Resource of "*", as in AmazonECSTaskExecutionRolePolicy. Anything running as the role can then ' +
      'write into, and forge entries of, every log group of the account. ' +
      GRANT_VIEW_NOTE +
      `${cite('ECS-EXEC', 'PL')}.`,
    fix: 'Name the log groups of the tasks: {"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:us-east-1:111122223333:log-group:/ecs/my-app:*"}.',
  },
  check: (stack) => grantHits(stack, 'BROADER_OTHER_LOG_GROUP'),
};
