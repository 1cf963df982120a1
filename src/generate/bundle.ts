import { PolicygenInputError, type InputIssue } from '../model/errors';
import type { PolicygenSpec } from '../model/policygen-spec.generated';
import { checkSpecShape } from '../model/spec-file';
import { sortAdvisories, type Advisory } from './advisories';
import type { GeneratedPolicy, QuotaCheck } from './common';
import { generateEcrEndpointPolicy, type EcrEndpointPolicyOptions } from './ecr-endpoint-policy';
import { generateExecutionRolePolicy, type ExecutionRolePolicyOptions } from './execution-role-policy';
import { generateInstanceRolePolicy, type InstanceRolePolicyOptions } from './instance-role-policy';
import { planEndpoints, type EndpointPlan, type EndpointPlanOptions } from './plan';
import { generateRepositoryPolicy } from './repository-policy';
import { generateS3GatewayPolicy, type S3GatewayPolicyOptions } from './s3-gateway-policy';
import { advisory } from './advisories';
import type { PolicyDocument } from '../model/policy';
import { parseRoleArn, type NamedRole } from '../model/ids';
import { parseRegion } from '../model/region';

export type { PolicygenSpec };

export interface BundledPolicy {
  readonly document: PolicyDocument;
  readonly sizes: readonly QuotaCheck[];
}

/** Every artifact for one spec: what `policygen generate` prints. */
export interface PolicyBundle {
  readonly region: string;
  readonly partition: string;
  readonly executionRolePolicy: BundledPolicy;
  readonly ecrEndpointPolicy: BundledPolicy;
  readonly s3GatewayEndpointPolicy: BundledPolicy;
  /** Present when a spec repository lives in another account: set this policy on each of `repositories` there. */
  readonly repositoryPolicy?: BundledPolicy & { readonly repositories: readonly string[] };
  /** Present with `containerInstance` (EC2 launch type): the policy of the container instance role. */
  readonly instanceRolePolicy?: BundledPolicy;
  readonly plan: Omit<EndpointPlan, 'advisories' | 'region' | 'partition'>;
  readonly advisories: readonly Advisory[];
}

export interface SpecOptions {
  readonly executionRole: ExecutionRolePolicyOptions;
  readonly ecrEndpoint: EcrEndpointPolicyOptions;
  readonly s3Gateway: S3GatewayPolicyOptions;
  readonly plan: Omit<EndpointPlanOptions, 'policies'>;
  /** Present with `containerInstance`. */
  readonly instanceRole?: InstanceRolePolicyOptions;
}

/** The options each generator gets from a spec: `generateBundle` is exactly these generators combined. */
export function specToOptions(spec: PolicygenSpec): SpecOptions {
  checkSpecShape(spec);
  const base = { region: spec.region, ...(spec.allowUnlistedRegion === undefined ? {} : { allowUnlistedRegion: spec.allowUnlistedRegion }) };
  const logging = spec.logging ?? {};
  return {
    executionRole: {
      ...base,
      account: spec.account,
      vpceIds: spec.existingEndpoints?.endpointIds ?? spec.network?.endpointIds,
      vpcIds: sourceVpc(spec) === undefined ? undefined : [sourceVpc(spec)!],
      repositories: spec.repositories,
      logGroups: logging.logGroups,
      createLogGroup: logging.createLogGroup,
      secrets: spec.secrets,
      parameters: spec.parameters,
      kmsKeys: spec.kmsKeys,
      pullThroughCachePrefixes: spec.pullThroughCachePrefixes,
      awsOwnedImages: spec.awsOwnedImages,
      environmentFiles: spec.environmentFiles,
    },
    ecrEndpoint: {
      ...base,
      account: spec.account,
      repositories: spec.repositories,
      principals: ecrEndpointPrincipals(spec),
      orgId: spec.ecrEndpoint?.orgId,
      allowPush: spec.ecrEndpoint?.allowPush,
      pullThroughCachePrefixes: spec.pullThroughCachePrefixes,
      awsOwnedImages: spec.awsOwnedImages,
    },
    s3Gateway: { ...base, ...spec.s3Endpoint, environmentFiles: spec.environmentFiles },
    plan: {
      ...base,
      launchType: spec.launchType,
      osFamily: spec.osFamily,
      platformVersion: spec.platformVersion,
      awslogs: logging.awslogs,
      secretsManager: (spec.secrets ?? []).length > 0,
      ssmParameters: (spec.parameters ?? []).length > 0,
      ecsExec: spec.features?.ecsExec,
      serviceConnect: spec.features?.serviceConnect,
      ecrApiPrivateDns: spec.network?.ecrApiPrivateDns,
      subnetCidrs: spec.network?.subnetCidrs,
      subnetIpv6Cidrs: spec.network?.subnetIpv6Cidrs,
      endpointIngress: spec.network?.endpointIngress,
      taskSecurityGroupId: spec.network?.taskSecurityGroupId,
      s3PrefixListId: spec.network?.s3PrefixListId,
      endpointIpAddressType: spec.network?.endpointIpAddressType,
    },
    ...(spec.containerInstance === undefined ? {} : { instanceRole: instanceRoleOptions(spec) }),
  };
}

function instanceRoleOptions(spec: PolicygenSpec): InstanceRolePolicyOptions {
  const instance = spec.containerInstance!;
  const vpc = sourceVpc(spec);
  return {
    region: spec.region,
    ...(spec.allowUnlistedRegion === undefined ? {} : { allowUnlistedRegion: spec.allowUnlistedRegion }),
    account: spec.account,
    cluster: instance.cluster,
    tasksWithoutExecutionRole: instance.tasksWithoutExecutionRole,
    vpceIds: spec.existingEndpoints?.endpointIds ?? spec.network?.endpointIds,
    vpcIds: vpc === undefined ? undefined : [vpc],
    repositories: spec.repositories,
    logGroups: spec.logging?.logGroups,
    createLogGroup: spec.logging?.createLogGroup,
    pullThroughCachePrefixes: spec.pullThroughCachePrefixes,
  };
}

/** The ECR endpoint's principals: the spec's, plus the container instance role when it pulls for tasks without an execution role. */
function ecrEndpointPrincipals(spec: PolicygenSpec): readonly string[] | undefined {
  const principals = spec.ecrEndpoint?.principals;
  const instance = spec.containerInstance;
  if (principals === undefined || instance?.tasksWithoutExecutionRole !== true || instance.roleArn === undefined) return principals;
  return [...principals, instance.roleArn];
}

/** Generator option names -> the spec field they come from, so errors name what the user wrote. */
const SPEC_FIELDS: Readonly<Record<string, string>> = {
  vpceIds: 'network.endpointIds',
  vpcIds: 'network.vpcId',
  subnetCidrs: 'network.subnetCidrs',
  subnetIpv6Cidrs: 'network.subnetIpv6Cidrs',
  endpointIngress: 'network.endpointIngress',
  taskSecurityGroupId: 'network.taskSecurityGroupId',
  s3PrefixListId: 'network.s3PrefixListId',
  endpointIpAddressType: 'network.endpointIpAddressType',
  logGroups: 'logging.logGroups',
  createLogGroup: 'logging.createLogGroup',
  principals: 'ecrEndpoint.principals',
  orgId: 'ecrEndpoint.orgId',
  buckets: 's3Endpoint.buckets',
  bucketsOrgId: 's3Endpoint.bucketsOrgId',
  bucketsResourceAccounts: 's3Endpoint.bucketsResourceAccounts',
  layerBucketPartition: 's3Endpoint.layerBucketPartition',
  'bucketsOrgId/bucketsResourceAccounts': 's3Endpoint',
};

/** aws:SourceVpc is the VPC of the endpoint the request went through: the hub's when endpoints are shared (docs/aws-facts.md §2). */
function sourceVpc(spec: PolicygenSpec): string | undefined {
  return spec.existingEndpoints?.sourceVpc ?? spec.network?.vpcId;
}

/** Field names of the execution role's options when the spec names existing endpoints. */
function existingEndpointsField(spec: PolicygenSpec): (field: string) => string {
  return (field) => {
    if (field.startsWith('vpceIds')) return `existingEndpoints.endpointIds${field.slice('vpceIds'.length)}`;
    if (field.startsWith('vpcIds') && spec.existingEndpoints?.sourceVpc !== undefined) return 'existingEndpoints.sourceVpc';
    return toSpecField(field);
  };
}

function toSpecField(field: string): string {
  const match = /^([^[]+)(.*)$/.exec(field);
  const head = match?.[1] ?? field;
  const mapped = SPEC_FIELDS[head];
  if (mapped === undefined) return field;
  // vpcIds[0] comes from the single network.vpcId.
  return head === 'vpcIds' ? mapped : mapped + (match?.[2] ?? '');
}

/**
 * Every policy and the endpoint plan for a spec, as one bundle. Reports the problems of every
 * generator at once, named by spec field.
 */
export function generateBundle(spec: PolicygenSpec): PolicyBundle {
  const options = specToOptions(spec);
  const issues = new Map<string, InputIssue>();
  const run = <T>(generate: () => T, specField: (field: string) => string = toSpecField): T | undefined => {
    try {
      return generate();
    } catch (error) {
      if (!(error instanceof PolicygenInputError)) throw error;
      for (const issue of error.issues) {
        const named = { ...issue, field: specField(issue.field) };
        issues.set(`${named.field}\u0000${named.received}\u0000${named.expected}`, named);
      }
      return undefined;
    }
  };
  if (spec.existingEndpoints !== undefined && spec.network?.endpointIds !== undefined) {
    issues.set('network.endpointIds', {
      field: 'network.endpointIds',
      received: spec.network.endpointIds.join(', ') || 'an empty list',
      expected: 'not be given with existingEndpoints: list the endpoint IDs in existingEndpoints.endpointIds only',
    });
  }
  if (spec.existingEndpoints !== undefined && spec.existingEndpoints.endpointIds.length === 0) {
    issues.set('existingEndpoints.endpointIds', {
      field: 'existingEndpoints.endpointIds',
      received: 'an empty list',
      expected: 'name at least one existing ecr.dkr endpoint ID (vpce-...)',
    });
  }
  for (const issue of namedRoleIssues(spec)) issues.set(issue.field, issue);
  const executionRole = run(
    () => generateExecutionRolePolicy(options.executionRole),
    spec.existingEndpoints === undefined ? toSpecField : existingEndpointsField(spec),
  );
  if (spec.containerInstance !== undefined && spec.launchType !== 'ec2') {
    issues.set('containerInstance', {
      field: 'containerInstance',
      received: `launchType ${spec.launchType}`,
      expected: 'come with launchType ec2: only EC2 container instances have a container instance role',
    });
  }
  const instanceRole =
    options.instanceRole === undefined
      ? undefined
      : run(
          () => generateInstanceRolePolicy(options.instanceRole!),
          (field) => (field === 'cluster' || field === 'tasksWithoutExecutionRole' ? `containerInstance.${field}` : toSpecField(field)),
        );
  const ecrEndpoint = run(
    () => generateEcrEndpointPolicy(options.ecrEndpoint),
    (field) =>
      field.startsWith('principals') && spec.containerInstance?.roleArn !== undefined
        ? 'ecrEndpoint.principals / containerInstance.roleArn'
        : toSpecField(field),
  );
  const s3Gateway = run(() => generateS3GatewayPolicy(options.s3Gateway));
  const foreign = foreignRepositories(spec);
  const repositoryPolicy =
    foreign.length === 0
      ? undefined
      : run(
          () =>
            generateRepositoryPolicy({
              region: spec.region,
              allowUnlistedRegion: spec.allowUnlistedRegion,
              // Tasks without an execution role pull with the container instance role (ECS Developer Guide,
              // "Amazon ECS container instance IAM role"): across accounts the repository policy must name it too.
              principals: [
                spec.executionRoleArn ?? spec.account,
                ...(spec.containerInstance?.tasksWithoutExecutionRole === true ? [spec.containerInstance.roleArn ?? spec.account] : []),
              ],
              vpceIds: options.executionRole.vpceIds,
            }),
          (field) => (field.startsWith('principals') ? 'executionRoleArn' : toSpecField(field)),
        );
  const plan = run(() => planEndpoints({ ...options.plan, policies: { ecr: ecrEndpoint?.document, s3: s3Gateway?.document } }));
  if (
    issues.size > 0 ||
    !executionRole ||
    !ecrEndpoint ||
    !s3Gateway ||
    !plan ||
    (foreign.length > 0 && !repositoryPolicy) ||
    (options.instanceRole !== undefined && !instanceRole)
  ) {
    throw new PolicygenInputError([...issues.values()]);
  }
  const bundled = (p: GeneratedPolicy): BundledPolicy => ({ document: p.document, sizes: p.sizes });
  return {
    region: plan.region,
    partition: plan.partition,
    executionRolePolicy: bundled(executionRole),
    ecrEndpointPolicy: bundled(ecrEndpoint),
    s3GatewayEndpointPolicy: bundled(s3Gateway),
    ...(repositoryPolicy ? { repositoryPolicy: { ...bundled(repositoryPolicy), repositories: foreign } } : {}),
    ...(instanceRole ? { instanceRolePolicy: bundled(instanceRole) } : {}),
    plan: { endpoints: plan.endpoints, securityGroupIngress: plan.securityGroupIngress, taskSecurityGroupEgress: plan.taskSecurityGroupEgress },
    advisories: sortAdvisories([
      ...executionRole.advisories,
      ...ecrEndpoint.advisories,
      ...s3Gateway.advisories,
      ...plan.advisories,
      ...(repositoryPolicy ? repositoryPolicy.advisories : []),
      ...(instanceRole ? instanceRole.advisories : []),
      ...(instanceRole &&
      spec.containerInstance?.tasksWithoutExecutionRole === true &&
      spec.containerInstance.roleArn === undefined &&
      spec.ecrEndpoint?.principals !== undefined
        ? [advisory('container-instance-role-not-in-ecr-endpoint-principals')]
        : []),
      ...(foreign.length === 0 ? [] : [advisory('cross-account-repository', foreign.join(', '))]),
      ...(spec.existingEndpoints === undefined ? [] : [advisory('existing-endpoints')]),
      ...(foreign.length > 0 && spec.executionRoleArn === undefined ? [advisory('repository-policy-account-principal')] : []),
    ]),
  };
}

/** The spec's role ARNs that the CloudFormation and Terraform outputs create under that name and path. */
const NAMED_ROLE_FIELDS = {
  executionRoleArn: (spec: PolicygenSpec) => spec.executionRoleArn,
  'containerInstance.roleArn': (spec: PolicygenSpec) => spec.containerInstance?.roleArn,
} as const;

function parseNamedRole(spec: PolicygenSpec, field: keyof typeof NAMED_ROLE_FIELDS) {
  const value = NAMED_ROLE_FIELDS[field](spec);
  if (value === undefined) return undefined;
  const region = parseRegion(spec.region, { allowUnlisted: spec.allowUnlistedRegion === true });
  // An invalid Region is reported by the generators.
  return region.ok ? parseRoleArn(value, region.value, spec.account, field) : undefined;
}

function namedRoleIssues(spec: PolicygenSpec): InputIssue[] {
  return (Object.keys(NAMED_ROLE_FIELDS) as (keyof typeof NAMED_ROLE_FIELDS)[]).flatMap((field) => {
    const parsed = parseNamedRole(spec, field);
    return parsed === undefined || parsed.ok ? [] : [parsed.issue];
  });
}

/**
 * The role the spec names by ARN in `executionRoleArn` or `containerInstance.roleArn`: the IaC outputs
 * create it under that RoleName and Path, so that its ARN is the one the repository policy and the ECR
 * endpoint policy name. Undefined when the spec names none (the outputs then let AWS name the role).
 */
export function specNamedRole(spec: PolicygenSpec, field: keyof typeof NAMED_ROLE_FIELDS): NamedRole | undefined {
  const parsed = parseNamedRole(spec, field);
  return parsed?.ok === true ? parsed.value : undefined;
}

/** Spec repositories given as ARNs of another account than the spec's: they need a repository policy there. */
function foreignRepositories(spec: PolicygenSpec): string[] {
  const arns = (spec.repositories ?? []).filter((r) => typeof r === 'string' && r.startsWith('arn:') && r.split(':')[4] !== spec.account);
  return [...new Set(arns)].sort();
}
