import { endpointServiceName, parseRegion } from '../../../model/region';
import type { JsonPath, StackModel, StackRule, TaskDefinitionModel } from '../../types';
import { ecrPullEvidence, endpointRegion, endpointsOf } from './pull-path';
import { blockedByNetwork, firstBy, pullReportOf } from './pull-view';
import { cite } from '../../../model/aws-sources';
import type { CheckReport } from '../../../pull';

interface Requirement {
  readonly service: string;
  readonly type: 'Interface' | 'Gateway';
  readonly why: string;
}

/** docs/aws-facts.md §2, the rows every ECR pull or every EC2 host needs (logs has its own rule). */
const ECR_API: Requirement = {
  service: 'ecr.api',
  type: 'Interface',
  why: 'ecr:GetAuthorizationToken, the registry auth token (Fargate platform 1.4.0 and later, EC2 launch type)',
};
const ECR_DKR: Requirement = {
  service: 'ecr.dkr',
  type: 'Interface',
  why: 'the image manifest and the layer URLs (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer)',
};
const S3: Requirement = { service: 's3', type: 'Gateway', why: 'the image layers in prod-REGION-starport-layer-bucket' };
const EC2_AGENT: readonly Requirement[] = [
  { service: 'ecs', type: 'Interface', why: 'the ECS container agent on EC2 hosts' },
  { service: 'ecs-agent', type: 'Interface', why: 'the ECS container agent on EC2 hosts' },
  { service: 'ecs-telemetry', type: 'Interface', why: 'ECS container agent telemetry on EC2 hosts' },
];

const isEc2Only = (t: TaskDefinitionModel): boolean => t.compatibilities.includes('EC2') && !t.compatibilities.includes('FARGATE');

/** Fargate before 1.4.0 fetched the auth token through ecr.dkr; only a known version says so. */
function before140(t: TaskDefinitionModel): boolean {
  if (t.platformVersion === undefined || !t.platformVersion.known) return false;
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(t.platformVersion.value);
  return match !== null && (Number(match[1]) < 1 || (Number(match[1]) === 1 && Number(match[2]) < 4));
}

/** What the stack needs, each with the task definition (or other resource) that needs it. */
function requirements(
  stack: StackModel,
  pull = true,
): readonly { readonly requirement: Requirement; readonly anchor: { readonly resource: string; readonly path: JsonPath } }[] {
  const tasks = stack.taskDefinitions;
  const fallback = stack.endpoints[0]!;
  const anchorOf = (task: TaskDefinitionModel | undefined) =>
    task ? { resource: task.resource, path: task.path } : { resource: fallback.resource, path: fallback.path };
  const needs: { requirement: Requirement; anchor: { resource: string; path: JsonPath } }[] = [];
  if (pull && ecrPullEvidence(stack).length > 0) {
    const apiTask = tasks.find((t) => !(t.compatibilities.includes('FARGATE') && !t.compatibilities.includes('EC2') && before140(t)));
    if (tasks.length === 0 || apiTask !== undefined) needs.push({ requirement: ECR_API, anchor: anchorOf(apiTask) });
    needs.push({ requirement: ECR_DKR, anchor: anchorOf(tasks[0]) }, { requirement: S3, anchor: anchorOf(tasks[0]) });
  }
  const ec2Task = tasks.find(isEc2Only);
  if (ec2Task !== undefined) needs.push(...EC2_AGENT.map((requirement) => ({ requirement, anchor: anchorOf(ec2Task) })));
  return needs;
}

function serviceNameFor(stack: StackModel, service: string): string {
  const regionName = stack.region.known ? stack.region.value : stack.endpoints.map(endpointRegion).find((r) => r !== undefined);
  const region = regionName === undefined ? undefined : parseRegion(regionName, { allowUnlisted: true });
  if (region?.ok) return endpointServiceName(region.value, service);
  return service.startsWith('ecr.') ? `com.amazonaws.REGION.${service} (cn.com.amazonaws.REGION.${service} in China)` : `com.amazonaws.REGION.${service}`;
}

/**
 * The endpoints an ECS workload without internet access needs, per launch type (docs/aws-facts.md §2). Only
 * for stacks that declare VPC endpoints and no internet route (a stack without endpoints probably
 * relies on a NAT elsewhere), and only when every endpoint's service can be told.
 */
export const ecrEndpointMissing: StackRule<'ECR_ENDPOINT_MISSING'> = {
  kind: 'stack',
  meta: {
    code: 'ECR_ENDPOINT_MISSING',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'VPC endpoint missing for the launch type',
    description:
      'Without an internet route, every hop of an image pull needs its endpoint: ecr.api (auth token; Fargate platform 1.4.0 and later, ' +
      'EC2), ecr.dkr (manifest and layer URLs) and the s3 gateway (layers) whenever the stack pulls from ECR (an ECR image URI, a role ' +
      'for ECS tasks granting ecr:BatchGetImage, or an ecr.dkr endpoint), plus ecs, ecs-agent and ecs-telemetry for task definitions ' +
      'that run only on EC2. Checked when the stack declares VPC endpoints and no NAT gateway or internet gateway route; a missing ' +
      'endpoint fails tasks with ResourceInitializationError or CannotPullContainerError timeouts. ' +
      'On CloudFormation templates the rule is a view of the walk of `policygen check`: it reports exactly where check blocks a hop of the pull for this reason (an internet route, with a public IP for awsvpc tasks, carries the hop instead), and nothing where check cannot decide. ' +
      `${cite('ECR-VPCE', 'ECS-VPCE')}.`,
    fix:
      'Declare the missing endpoint, e.g. {Type: AWS::EC2::VPCEndpoint, Properties: {ServiceName: !Sub "com.amazonaws.${AWS::Region}.ecr.api", ' +
      'VpcEndpointType: Interface, PrivateDnsEnabled: true, SubnetIds: [...], SecurityGroupIds: [...]}}; `policygen plan` lists them all.',
  },
  check(stack) {
    const report = pullReportOf(stack);
    const walked = report !== undefined ? walkHits(stack, report) : [];
    if (stack.endpoints.length === 0 || stack.hasInternetRoute) return walked;
    const seen = new Set<string>();
    // With the walk, the pull's endpoints are its view; the ECS agent's (not a hop of the pull) stay here.
    return [
      ...walked,
      ...requirements(stack, report === undefined).flatMap(({ requirement, anchor }) => {
        if (seen.has(requirement.service)) return [];
        seen.add(requirement.service);
        const endpoints = endpointsOf(stack, requirement.service);
        if (endpoints.found.length > 0 || endpoints.undecided) return [];
        const name = serviceNameFor(stack, requirement.service);
        return [
          {
            message: `no ${requirement.type} endpoint ${name} in a stack with VPC endpoints and no route to the internet: it carries ${requirement.why}`,
            path: anchor.path,
            resource: anchor.resource,
            detail: `Endpoint::${requirement.service}`,
          },
        ];
      }),
    ];
  },
};

const PULL_REQUIREMENTS: readonly Requirement[] = [ECR_API, ECR_DKR, S3];

/**
 * The view of check's walk: a hop of the pull (auth token, manifest and layer URLs, layers) that the
 * walk blocks because no endpoint of its service is there and no internet route either, reported
 * once per service at the task definition whose pull it blocks.
 */
function walkHits(stack: StackModel, report: CheckReport) {
  const services = PULL_REQUIREMENTS.map((r) => r.service);
  return firstBy(blockedByNetwork(report, 'no-endpoint', services), (s) => s.endpoint).map((step) => {
    const requirement = PULL_REQUIREMENTS.find((r) => r.service === step.endpoint)!;
    const task = stack.taskDefinitions.find((t) => t.resource === step.task);
    return {
      message: `no ${requirement.type} endpoint ${serviceNameFor(stack, requirement.service)} and no route to the internet: ${step.task} (${step.container}) cannot reach ${requirement.why} (${step.step}: ${step.reason})`,
      path: task?.path ?? [],
      resource: step.task,
      detail: `Endpoint::${requirement.service}`,
    };
  });
}
