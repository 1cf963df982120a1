import { ECS_AGENT_ACTIONS, clusterArn, containerInstancesArn, parseClusterName, tasksArn } from '../model/ecs-agent';
import { parseAccountId } from '../model/ids';
import type { CanonicalStatement, Statement } from '../model/policy';
import { canonicalizePolicy } from '../normalize/canonicalize';
import { advisory, sortAdvisories, type Advisory } from './advisories';
import {
  checkOptions,
  IssueCollector,
  quotaCheck,
  resolveRegion,
  sizeAdvisories,
  sizeWithoutWhiteSpace,
  type GeneratedPolicy,
  type RegionOptions,
} from './common';
import { generateExecutionRolePolicy, INLINE_POLICIES_LIMIT, MANAGED_POLICY_LIMIT, type ExecutionRolePolicyOptions } from './execution-role-policy';

/** The pull's endpoint and VPC conditions, repositories and log groups are those of the execution role. */
type SharedPullOptions = Pick<ExecutionRolePolicyOptions, 'vpceIds' | 'vpcIds' | 'repositories' | 'logGroups' | 'createLogGroup' | 'pullThroughCachePrefixes'>;

export interface InstanceRolePolicyOptions extends RegionOptions, SharedPullOptions {
  /** Account of the cluster, the container instances and (without an ARN) the repositories and log groups. */
  readonly account: string;
  /** Name of the ECS cluster the instances register into (ECS_CLUSTER of the agent). */
  readonly cluster: string;
  /**
   * Some tasks on these instances have no execution role: the instance role then pulls their images
   * and sends their awslogs (docs/aws-facts.md, ECS-EXEC), so it also gets the pull and the logs.
   */
  readonly tasksWithoutExecutionRole?: boolean;
}

/**
 * The EC2 container instance role policy: the ECS container agent's calls (ECS Developer Guide,
 * "Amazon ECS container instance IAM role"), each scoped to the cluster where the Service
 * Authorization Reference lists a resource type for it (src/model/ecs-agent.ts), and, when tasks
 * have no execution role, the same ECR pull and awslogs statements as the execution role's, under
 * the same endpoint conditions. Secrets, parameters and environment files are not granted: ECS reads
 * them only with a task execution role (ECS-EXEC).
 *
 * @example generateInstanceRolePolicy({ region: 'us-west-2', account: '111122223333', cluster: 'batch' })
 */
export function generateInstanceRolePolicy(options: InstanceRolePolicyOptions): GeneratedPolicy {
  checkOptions(options, {
    account: 'string',
    cluster: 'string',
    tasksWithoutExecutionRole: 'boolean',
    vpceIds: 'strings',
    vpcIds: 'strings',
    repositories: 'strings',
    logGroups: 'strings',
    createLogGroup: 'boolean',
    pullThroughCachePrefixes: 'strings',
  });
  const issues = new IssueCollector();
  const { region, advisories: regionAdvisories } = resolveRegion(options, issues);
  const account = issues.take(parseAccountId(options.account));
  const cluster = issues.take(parseClusterName(options.cluster));
  issues.throwIfAny();
  const r = region!;
  const acct = account!;
  const name = cluster!;

  const statements: Statement[] = [
    { Effect: 'Allow', Action: [...ECS_AGENT_ACTIONS.anyResource], Resource: ['*'] },
    { Effect: 'Allow', Action: [...ECS_AGENT_ACTIONS.onCluster], Resource: [clusterArn(r, acct, name)] },
    { Effect: 'Allow', Action: [...ECS_AGENT_ACTIONS.onContainerInstances], Resource: [containerInstancesArn(r, acct, name)] },
    { Effect: 'Allow', Action: [...ECS_AGENT_ACTIONS.listTags], Resource: [containerInstancesArn(r, acct, name), tasksArn(r, acct, name)] },
  ];
  const advisories: Advisory[] = [...regionAdvisories, advisory('container-instance-role-narrower-than-managed')];
  const pullStatements: CanonicalStatement[] = [];
  if (options.tasksWithoutExecutionRole === true) {
    // One writer for the pull and the logs: the execution role's generator, given only what the
    // instance role does for such tasks.
    const pull = generateExecutionRolePolicy({
      region: options.region,
      ...(options.allowUnlistedRegion === undefined ? {} : { allowUnlistedRegion: options.allowUnlistedRegion }),
      account: options.account,
      vpceIds: options.vpceIds,
      vpcIds: options.vpcIds,
      repositories: options.repositories,
      logGroups: options.logGroups,
      createLogGroup: options.createLogGroup,
      pullThroughCachePrefixes: options.pullThroughCachePrefixes,
    });
    pullStatements.push(...pull.document.Statement);
    advisories.push(...pull.advisories.filter((a) => a.id !== 'policy-size-exceeds-quota'));
  }

  const document = canonicalizePolicy({ Version: '2012-10-17', Statement: [...canonicalizePolicy({ Statement: statements }).Statement, ...pullStatements] });
  const characters = sizeWithoutWhiteSpace(document);
  const sizes = [
    quotaCheck('managed-policy', MANAGED_POLICY_LIMIT, characters, false),
    quotaCheck('inline-policies', INLINE_POLICIES_LIMIT, characters, false),
  ];
  return { document, sizes, advisories: sortAdvisories([...advisories, ...sizeAdvisories(sizes)]) };
}
