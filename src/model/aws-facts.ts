/**
 * AWS facts that more than one layer needs, each written once with its source. Flat and sectioned:
 * add a fact under its section, with the AWS document it comes from (short names as in docs/aws-facts.md).
 * Nothing here reads a file or the environment.
 */
import { PolicygenInputError } from './errors';
import { describeValue } from './validate-args';

// ---------------------------------------------------------------------------------------------
// ECR image pull: actions (docs/aws-facts.md §1, hops 1 and 2)
// ---------------------------------------------------------------------------------------------

/**
 * The ecr.api call that returns the registry credentials; needs `"Resource": "*"` (ECR-VPCE;
 * ECS-EXEC "Amazon ECS task execution IAM role").
 */
const ECR_AUTH_ACTION = 'ecr:GetAuthorizationToken';

/**
 * What a pull needs on the repository through ecr.dkr: the manifest and the layer URLs. AWS's
 * managed AmazonEC2ContainerRegistryPullOnly (2024) grants exactly these (plus GetAuthorizationToken
 * and BatchImportUpstreamImage) and no BatchCheckLayerAvailability, so a role without it pulls.
 */
export const ECR_REQUIRED_PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] as const;

/**
 * Granted by the ECS-EXEC example and AmazonECSTaskExecutionRolePolicy, used by docker to skip layers
 * it has; harmless to grant, wrong to require (docs/aws-facts.md §1, hop 2).
 */
export const ECR_OPTIONAL_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability'] as const;

/** The repository actions policygen grants for a pull: the required ones and the optional one, sorted. */
export const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] as const;

// ---------------------------------------------------------------------------------------------
// ECR image pull: the layer bucket (docs/aws-facts.md §1 hop 3 and §3)
// ---------------------------------------------------------------------------------------------

/**
 * The AWS-owned bucket that holds every ECR image layer of a Region, reached through the S3 gateway
 * endpoint (ECR-VPCE, "Minimum Amazon S3 bucket permissions for Amazon ECR").
 */
export function layerBucketName(region: string): string {
  // A cheap guard (the name is built per statement in lint): a Symbol or an object would make no bucket name.
  if (typeof region !== 'string' || region === '')
    throw new PolicygenInputError([{ field: 'region', expected: 'be a Region name such as "us-east-1"', received: describeValue(region) }]);
  return `prod-${region}-starport-layer-bucket`;
}

/** The layer bucket as written in a policy for some Region, the Region captured; global, for matchAll. */
export const LAYER_BUCKET_IN_TEXT = /prod-([a-z0-9-]+)-starport-layer-bucket/g;

/**
 * True when text (an ARN, or an intrinsic such as `!Sub …prod-${AWS::Region}-starport-layer-bucket/*`)
 * names the layer bucket of some Region, whatever that Region turns out to be.
 */
export const namesLayerBucket = (text: string): boolean => /starport-layer-bucket/i.test(text);

// ---------------------------------------------------------------------------------------------
// AWS managed policies (IAM User Guide, "AWS managed policies"; the AWS managed policy corpus)
// ---------------------------------------------------------------------------------------------

/** The managed policy ECS-EXEC attaches to a task execution role. */
export const ECS_TASK_EXECUTION_ROLE_POLICY_NAME = 'AmazonECSTaskExecutionRolePolicy';

/**
 * What AmazonECSTaskExecutionRolePolicy allows, on `"*"`: the four ECR pull actions and the two
 * awslogs actions (docs/aws-facts.md §3; test/check/known-policies.test.ts compares it with the corpus).
 */
export const ECS_TASK_EXECUTION_ROLE_POLICY_ACTIONS = [
  ECR_AUTH_ACTION,
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
] as const;

/**
 * AWS managed policies for pulling images (and the catch-all ones) that grant ecr:BatchGetImage on
 * `*`, by name: attached to a role for ECS tasks, they show the stack pulls from ECR. Checked against
 * the corpus of AWS managed policies in test/lint/rules/ecr/managed-policies.test.ts.
 */
export const MANAGED_POLICIES_GRANTING_PULL: ReadonlySet<string> = new Set([
  'AdministratorAccess',
  'AmazonEC2ContainerRegistryFullAccess',
  'AmazonEC2ContainerRegistryPowerUser',
  'AmazonEC2ContainerRegistryPullOnly',
  'AmazonEC2ContainerRegistryReadOnly',
  ECS_TASK_EXECUTION_ROLE_POLICY_NAME,
  'PowerUserAccess',
]);

/** AWS managed policies with an Allow of `*`, `ecr:*` or NotAction (without conditions) that grants every ECR action. */
export const MANAGED_POLICIES_GRANTING_ALL_ECR: ReadonlySet<string> = new Set([
  'AWSElasticBeanstalkFullAccess',
  'AdministratorAccess',
  'AmazonEC2ContainerRegistryFullAccess',
  'PowerUserAccess',
]);

/**
 * `arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy` -> `AmazonECSTaskExecutionRolePolicy`;
 * the partition may be symbolic (`${AWS::Partition}`), the path any depth; undefined for other ARNs.
 */
export function awsManagedPolicyName(arn: string): string | undefined {
  return /^arn:[^:]+:iam::aws:policy\/(?:[^/]+\/)*([\w+=,.@-]+)$/.exec(arn)?.[1];
}
