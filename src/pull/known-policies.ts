import { awsManagedPolicyName, ECS_TASK_EXECUTION_ROLE_POLICY_ACTIONS, ECS_TASK_EXECUTION_ROLE_POLICY_NAME } from '../model/aws-facts';
import type { WirePolicy } from '../normalize/canonicalize';

/**
 * Policies whose content the check knows without the template saying it.
 */

/**
 * AWS managed `AmazonECSTaskExecutionRolePolicy`: the four ECR pull actions and the two awslogs
 * actions on `"*"` (docs/aws-facts.md §3; its current version in the AWS managed policy corpus,
 * test/check/known-policies.test.ts compares the two when the corpus is present).
 */
export const AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY: WirePolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [...ECS_TASK_EXECUTION_ROLE_POLICY_ACTIONS],
      Resource: '*',
    },
  ],
};

/** AWS managed policies by name (the last part of `arn:PARTITION:iam::aws:policy/[PATH/]NAME`). */
export const KNOWN_MANAGED_POLICIES: Readonly<Record<string, WirePolicy>> = {
  [ECS_TASK_EXECUTION_ROLE_POLICY_NAME]: AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY,
};

export { awsManagedPolicyName };

/**
 * The policy AWS attaches to a VPC endpoint created without one: full access (PL, "Control access
 * to VPC endpoints using endpoint policies"; docs/aws-facts.md §3).
 */
export const DEFAULT_ENDPOINT_POLICY: WirePolicy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

/**
 * Stands for what lets ECR's own service account read the layer bucket: the bucket is AWS's and the
 * presigned URL is signed by ECR (docs/aws-facts.md §1 hop 3, DP), so the task's identity policies play no
 * part; only the S3 gateway endpoint policy can refuse the download.
 */
export function ecrServiceLayerAccess(layerObjectArns: readonly string[]): WirePolicy {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: [...layerObjectArns] }] };
}

/** Stands for identity policies the check cannot see (a role outside the template, probes of endpoint policies). */
export const ALLOW_EVERYTHING: WirePolicy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
