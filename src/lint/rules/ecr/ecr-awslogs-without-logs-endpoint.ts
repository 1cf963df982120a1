import type { StackRule } from '../../types';
import { endpointsOf } from './pull-path';
import { blockedByNetwork, pullReportOf } from './pull-view';
import { cite } from '../../../model/aws-sources';

/**
 * awslogs sends logs:CreateLogStream and logs:PutLogEvents to CloudWatch Logs; in subnets without
 * an internet route only a logs interface endpoint carries them (docs/aws-facts.md §1 hop 4, §2). A stack
 * with endpoints and no NAT or internet gateway route is taken to be such a network.
 */
export const ecrAwslogsWithoutLogsEndpoint: StackRule<'ECR_AWSLOGS_WITHOUT_LOGS_ENDPOINT'> = {
  kind: 'stack',
  meta: {
    code: 'ECR_AWSLOGS_WITHOUT_LOGS_ENDPOINT',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'awslogs log driver without a logs interface endpoint',
    description:
      'A container with the awslogs log driver needs CloudWatch Logs; ECR-VPCE and ECS-VPCE require the com.amazonaws.REGION.logs ' +
      'interface endpoint when the VPC has no internet access. When the stack declares VPC endpoints, no NAT gateway and no route to ' +
      'an internet gateway, and no logs endpoint, the task fails to start (ResourceInitializationError: failed to validate logger ' +
      'args). ' +
      'On CloudFormation templates the rule is a view of the walk of `policygen check`: it reports exactly where check blocks a hop of the pull for this reason (an internet route, with a public IP for awsvpc tasks, carries the hop instead), and nothing where check cannot decide. ' +
      `${cite('ECS-EXEC', 'ECS-VPCE')}.`,
    fix:
      'Add the endpoint: {Type: AWS::EC2::VPCEndpoint, Properties: {ServiceName: !Sub "com.amazonaws.${AWS::Region}.logs", ' +
      'VpcEndpointType: Interface, PrivateDnsEnabled: true, SubnetIds: [...], SecurityGroupIds: [...]}}.',
  },
  check(stack) {
    const report = pullReportOf(stack);
    // The view of check's walk: the task definitions whose awslogs calls it blocks for want of a logs endpoint.
    const blocked = report === undefined ? undefined : blockedByNetwork(report, 'no-endpoint', ['logs']);
    if (blocked === undefined) {
      if (stack.endpoints.length === 0 || stack.hasInternetRoute) return [];
      const logs = endpointsOf(stack, 'logs');
      if (logs.found.length > 0 || logs.undecided) return [];
    }
    return stack.taskDefinitions.flatMap((task) => {
      const containers = task.containers.filter(
        (c) =>
          c.logDriver?.known === true &&
          c.logDriver.value === 'awslogs' &&
          (blocked === undefined || blocked.some((s) => s.task === task.resource && s.container === c.name)),
      );
      const first = containers[0];
      if (first === undefined) return [];
      return [
        {
          message: `${task.resource} logs with awslogs (${containers.map((c) => c.name).join(', ')}) but the stack declares VPC endpoints, no route to the internet and no logs endpoint: the task cannot reach CloudWatch Logs and fails to start; add the com.amazonaws.REGION.logs interface endpoint`,
          path: stack.format === 'cloudformation' ? [...first.path, 'LogConfiguration', 'LogDriver'] : first.path,
          resource: task.resource,
        },
      ];
    });
  },
};
