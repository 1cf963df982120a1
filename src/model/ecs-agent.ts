import { fail, ok, showValue, type Result } from './errors';
import type { RegionInfo } from './region';

/**
 * The Amazon ECS container agent's own calls, made with the container instance role. Sources:
 * - Amazon ECS Developer Guide, "Amazon ECS container instance IAM role"
 *   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html) and the AWS
 *   managed policy it attaches, AmazonEC2ContainerServiceforEC2Role
 *   (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2ContainerServiceforEC2Role.html);
 * - the resource types of each action: Service Authorization Reference, "Actions, resources, and
 *   condition keys for Amazon Elastic Container Service"
 *   (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html).
 *
 * The managed policy grants every action on `*`. policygen scopes each to the one cluster where the
 * reference lists a resource type: DiscoverPollEndpoint has none (so `*`); the register and submit
 * actions take the `cluster`; Poll, StartTelemetrySession and UpdateContainerInstancesState take a
 * `container-instance` (`container-instance/CLUSTER/ID`); ListTagsForResource is scoped by the managed
 * policy itself to tasks and container instances.
 */
export const ECS_AGENT_ACTIONS = {
  /** No resource type: the agent asks where to poll before it is registered. */
  anyResource: ['ecs:DiscoverPollEndpoint'],
  onCluster: [
    'ecs:DeregisterContainerInstance',
    'ecs:RegisterContainerInstance',
    'ecs:SubmitAttachmentStateChanges',
    'ecs:SubmitContainerStateChange',
    'ecs:SubmitTaskStateChange',
  ],
  onContainerInstances: ['ecs:Poll', 'ecs:StartTelemetrySession', 'ecs:UpdateContainerInstancesState'],
  /** Read by the agent for the task metadata endpoint's tags; the managed policy scopes it the same way. */
  listTags: ['ecs:ListTagsForResource'],
} as const;

/** EC2 instances assume the container instance role through their instance profile (ECS Developer Guide, "Amazon ECS container instance IAM role"). */
export const EC2_SERVICE_PRINCIPAL = 'ec2.amazonaws.com';

/** An ECS cluster name: up to 255 letters, digits, hyphens and underscores (ECS API Reference, CreateCluster, `clusterName`). */
const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export function parseClusterName(value: unknown, field = 'cluster'): Result<string> {
  return typeof value === 'string' && CLUSTER_NAME.test(value)
    ? ok(value)
    : fail({ field, received: showValue(value), expected: 'be an ECS cluster name: 1 to 255 letters, digits, hyphens and underscores, such as "batch"' });
}

export const clusterArn = (region: RegionInfo, account: string, cluster: string): string =>
  `arn:${region.partition}:ecs:${region.name}:${account}:cluster/${cluster}`;

export const containerInstancesArn = (region: RegionInfo, account: string, cluster: string): string =>
  `arn:${region.partition}:ecs:${region.name}:${account}:container-instance/${cluster}/*`;

export const tasksArn = (region: RegionInfo, account: string, cluster: string): string =>
  `arn:${region.partition}:ecs:${region.name}:${account}:task/${cluster}/*`;
