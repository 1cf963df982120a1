import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { Advisory } from '../generate/advisories';
import { generateBundle, type PolicyBundle } from '../generate/bundle';
import type { LaunchType, PlannedEndpoint } from '../generate/plan';
import type { PolicygenSpec } from '../model/policygen-spec.generated';
import {
  admitTemplateRole,
  conditionPullOnTemplateEndpoint,
  ecrDkrEndpoint,
  endpointLogicalId,
  SECURITY_GROUP_DESCRIPTION,
  TASK_SECURITY_GROUP_DESCRIPTION,
  templateAdvisories,
  type IacPolicy,
} from '../generate/cloudformation-template';
import { EC2_SERVICE_PRINCIPAL } from '../model/ecs-agent';
import type { PolicyDocument } from '../model/policy';

/** The spec fields that describe the workload; the stack gives the Region and account, the VPC the network. */
type WorkloadFields = Pick<
  PolicygenSpec,
  | 'osFamily'
  | 'platformVersion'
  | 'repositories'
  | 'pullThroughCachePrefixes'
  | 'logging'
  | 'secrets'
  | 'parameters'
  | 'kmsKeys'
  | 'environmentFiles'
  | 'awsOwnedImages'
  | 'features'
  | 'ecrEndpoint'
  | 's3Endpoint'
  | 'allowUnlistedRegion'
>;

/**
 * What the tasks do, as in a policygen spec (`schemas/policygen-spec.schema.json`) without `region`,
 * `account` and `network`: those come from the stack and the VPC.
 */
export interface PrivateEcrPullProps extends WorkloadFields {
  /** The VPC the tasks run in: the endpoints are created in it and the pulls must come from it (aws:SourceVpc). */
  readonly vpc: ec2.IVpc;
  /**
   * The tasks' subnets: the interface endpoints get a network interface in one of them per
   * Availability Zone, the endpoint security group admits TCP 443 from all of their CIDRs, and the S3
   * gateway endpoint is attached to their route tables. Default: every private and isolated subnet of
   * the VPC (never the public ones).
   */
  readonly subnets?: ec2.SubnetSelection;
  /**
   * The task execution role to grant the generated statements to (an `iam.Policy` naming it, so an
   * imported role works too). Default: a new role trusted by `ecs-tasks.amazonaws.com`.
   */
  readonly executionRole?: iam.IRole;
  /** ECS launch type of the tasks. Default: `fargate`. */
  readonly launchType?: LaunchType;
  /** Private DNS on the ecr.api endpoint (default true; ecr.dkr always has it). */
  readonly ecrApiPrivateDns?: boolean;
  /**
   * The tasks' security group: the endpoint security group admits it on TCP 443, and it gets egress TCP
   * 443 to the endpoint security group and to the Region's S3 prefix list. Default: a new group with
   * only those two egress rules (`taskSecurityGroup`); give it to the services' `securityGroups`.
   */
  readonly taskSecurityGroup?: ec2.ISecurityGroup;
  /** More security groups the endpoint security group admits on TCP 443. Default: none. */
  readonly endpointIngress?: readonly ec2.ISecurityGroup[];
  /**
   * The Region's S3 managed prefix list (`com.amazonaws.REGION.s3`), the destination of the tasks'
   * egress to the S3 gateway endpoint. Default: looked up by name (`ec2.PrefixList.fromLookup`, a
   * context lookup cached in cdk.context.json).
   */
  readonly s3PrefixList?: ec2.IPrefixList;
  /**
   * IP address type of the interface endpoints (dualstack needs subnets with IPv4 and IPv6 ranges, IPV6
   * IPv6-only subnets). Default: CDK's and AWS's default, IPv4.
   */
  readonly endpointIpAddressType?: ec2.VpcEndpointIpAddressType;
  /**
   * EC2 launch type: the container instance role of the cluster's hosts (the ECS agent's calls,
   * scoped to the cluster). Requires `launchType: 'ec2'`.
   */
  readonly containerInstance?: PrivateEcrPullContainerInstance;
  /**
   * The VPC already has the ECR endpoints, or resolves a hub VPC's (Route 53 profiles, shared private
   * hosted zones): the construct creates no endpoint and no security group, only the roles, whose pull
   * is conditioned on these endpoints (spec `existingEndpoints`). Apply `bundle.ecrEndpointPolicy` and
   * `bundle.s3GatewayEndpointPolicy` to those endpoints. Default: the construct creates the endpoints.
   */
  readonly existingEndpoints?: PrivateEcrPullExistingEndpoints;
}

/** Endpoints the construct uses instead of creating them, in CDK terms (spec `existingEndpoints`). */
export interface PrivateEcrPullExistingEndpoints {
  /** The existing ecr.dkr (and ecr.api) endpoints: IDs (`vpce-…`) or imported endpoints whose ID is known at synthesis. */
  readonly endpoints: readonly (string | ec2.IVpcEndpoint)[];
  /**
   * The VPC that hosts them, a hub VPC when they are shared: `aws:SourceVpc` is the VPC of the
   * endpoint, not of the task (docs/aws-facts.md §2). A VPC ID or a VPC whose ID is known at synthesis.
   * Default: the `vpc` prop.
   */
  readonly sourceVpc?: string | ec2.IVpc;
}

/** The container instance role, in CDK terms (spec `containerInstance`). */
export interface PrivateEcrPullContainerInstance {
  /** The cluster the hosts register into: its name is the scope of the agent's actions. */
  readonly cluster: string | { readonly clusterName: string };
  /**
   * Some task definitions have no execution role: the instance role then pulls their images and
   * sends their awslogs, so it gets the pull and logs statements and the ECR endpoints admit it.
   * Default false.
   */
  readonly tasksWithoutExecutionRole?: boolean;
  /** The role to grant the statements to (an `iam.Policy` naming it). Default: a new role trusted by `ec2.amazonaws.com`, with an instance profile. */
  readonly role?: iam.IRole;
}

/** Thrown when the construct is used in a way it cannot generate policies for. */
export class PrivateEcrPullError extends Error {
  constructor(
    message: string,
    readonly code:
      | 'POLICYGEN_CDK_ENV_AGNOSTIC_STACK'
      | 'POLICYGEN_CDK_NO_PRIVATE_SUBNETS'
      | 'POLICYGEN_CDK_SUBNET_CIDR_UNKNOWN'
      | 'POLICYGEN_CDK_CLUSTER_NAME_UNKNOWN'
      | 'POLICYGEN_CDK_ENDPOINT_ID_UNKNOWN',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PrivateEcrPullError';
  }
}

/**
 * Everything an ECS task in private subnets needs to pull its image from Amazon ECR over AWS
 * PrivateLink, generated by policygen for the stack's Region and account: the VPC endpoints of the
 * plan (service names from policygen's Region table, so `cn.com.amazonaws.cn-north-1.ecr.dkr` in
 * China) with their least-privilege endpoint policies, private DNS, an endpoint security group that
 * admits TCP 443 from the tasks' subnets, the S3 gateway endpoint on their route tables, and a task
 * execution role granted exactly the generated statements, its pull statement conditioned on this
 * construct's ecr.dkr endpoint and the VPC.
 *
 * The stack needs an explicit `env` (account and Region): the policies name the partition, Region
 * and account. Advisories that still hold are added as CDK annotations (warnings can be
 * acknowledged by their id, `policygen:<advisory id>`) and listed in `advisories`.
 *
 * CDK's ECS constructs grant what they use to the execution role they are given
 * (`ContainerImage.fromEcrRepository` the pull actions without the VPC condition, `LogDrivers.awsLogs`
 * its log group): give the task definition an immutable reference to the role to keep it to the
 * generated statements, as in the example.
 *
 * @example
 * const pull = new PrivateEcrPull(stack, 'EcrPull', {
 *   vpc, repositories: ['my-app'], logging: { awslogs: true, logGroups: ['/ecs/my-app'] },
 * });
 * const executionRole = iam.Role.fromRoleArn(stack, 'ExecutionRole', pull.executionRole.roleArn, { mutable: false });
 * const task = new ecs.FargateTaskDefinition(stack, 'Task', { executionRole });
 * // Tasks should not start before the role has its policy and the endpoints exist:
 * service.node.addDependency(pull);
 */
export class PrivateEcrPull extends Construct {
  /** Every endpoint of the plan, by service (`ecr.api`, `ecr.dkr`, `s3`, `logs`, …). */
  readonly endpoints: Readonly<Record<string, ec2.IVpcEndpoint>>;
  /** The ecr.dkr interface endpoint: the pull statement's `aws:SourceVpce`. Undefined with `existingEndpoints`. */
  readonly ecrDkrEndpoint: ec2.InterfaceVpcEndpoint | undefined;
  /** The ecr.api interface endpoint; absent for Fargate platform versions before 1.4.0 and with `existingEndpoints`. */
  readonly ecrApiEndpoint: ec2.InterfaceVpcEndpoint | undefined;
  /** The S3 gateway endpoint through which the image layers are downloaded. Undefined with `existingEndpoints`. */
  readonly s3GatewayEndpoint: ec2.GatewayVpcEndpoint | undefined;
  /** The security group of every interface endpoint: allow egress TCP 443 to it from the tasks. Undefined with `existingEndpoints`. */
  readonly endpointSecurityGroup: ec2.SecurityGroup | undefined;
  /**
   * The tasks' security group: given in the props, or created here with egress TCP 443 to the endpoints
   * and S3 only. With `existingEndpoints` the one given, if any (the construct creates no network).
   */
  readonly taskSecurityGroup: ec2.ISecurityGroup | undefined;
  /** The task execution role: given in the props, or created here. */
  readonly executionRole: iam.IRole;
  /** The policy holding the generated statements, attached to `executionRole`. */
  readonly executionRolePolicy: iam.Policy;
  /** With `containerInstance`: the container instance role, given in the props or created here. */
  readonly instanceRole: iam.IRole | undefined;
  /** With `containerInstance`: the policy holding its generated statements. */
  readonly instanceRolePolicy: iam.Policy | undefined;
  /** With `containerInstance` and no `role` given: the instance profile of the created role, for the hosts' launch template. */
  readonly instanceProfile: iam.InstanceProfile | undefined;
  /** What policygen generated for the stack's Region and account, before the IDs of this construct's resources were filled in. */
  readonly bundle: PolicyBundle;
  /** The bundle's advisories that still hold for this construct (also added as annotations). */
  readonly advisories: readonly Advisory[];

  constructor(scope: Construct, id: string, props: PrivateEcrPullProps) {
    super(scope, id);
    const { region, account } = explicitEnvironment(this);
    const existing = existingEndpoints(props, this.node.path);
    this.bundle = generateBundle(toSpec(props, region, account, this.node.path, existing));
    // The construct looks the S3 prefix list up (or is given it): the CloudFormation parameter advice does not apply.
    this.advisories = templateAdvisories(this.bundle).filter((a) => a.id !== 's3-prefix-list-id-missing');

    this.executionRole =
      props.executionRole ??
      new iam.Role(this, 'ExecutionRole', {
        assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
        description:
          existing === undefined
            ? 'ECS task execution role: pulls images from Amazon ECR through the VPC endpoints of this stack (policygen)'
            : 'ECS task execution role: pulls images from Amazon ECR through existing VPC endpoints (policygen)',
      });

    const instance = props.containerInstance;
    if (instance === undefined) {
      this.instanceRole = undefined;
      this.instanceProfile = undefined;
    } else if (instance.role !== undefined) {
      this.instanceRole = instance.role;
      this.instanceProfile = undefined;
    } else {
      const role = new iam.Role(this, 'ContainerInstanceRole', {
        assumedBy: new iam.ServicePrincipal(EC2_SERVICE_PRINCIPAL),
        description: 'ECS container instance role: the ECS agent of the cluster hosts (policygen)',
      });
      this.instanceRole = role;
      this.instanceProfile = new iam.InstanceProfile(this, 'ContainerInstanceProfile', { role });
    }
    this.admitInstanceRole = instance?.tasksWithoutExecutionRole === true;

    let pullValues: { readonly sourceVpc: unknown; readonly sourceVpce: unknown };
    if (existing !== undefined) {
      // As generate's role-only outputs: no endpoint and no security group, the pull on the given endpoints.
      this.endpoints = {};
      this.ecrDkrEndpoint = undefined;
      this.ecrApiEndpoint = undefined;
      this.s3GatewayEndpoint = undefined;
      this.endpointSecurityGroup = undefined;
      this.taskSecurityGroup = props.taskSecurityGroup;
      pullValues = { sourceVpc: existing.sourceVpc ?? props.vpc.vpcId, sourceVpce: pullSourceVpce(this.bundle.executionRolePolicy.document) };
    } else {
      const network = this.createNetwork(props, region);
      this.endpointSecurityGroup = network.endpointSecurityGroup;
      this.taskSecurityGroup = network.taskSecurityGroup;
      this.endpoints = network.endpoints;
      this.ecrDkrEndpoint = network.endpoints[ecrDkrEndpoint(this.bundle).service] as ec2.InterfaceVpcEndpoint;
      this.ecrApiEndpoint = network.endpoints['ecr.api'] as ec2.InterfaceVpcEndpoint | undefined;
      this.s3GatewayEndpoint = network.endpoints['s3'] as ec2.GatewayVpcEndpoint;
      pullValues = { sourceVpc: props.vpc.vpcId, sourceVpce: this.ecrDkrEndpoint.vpcEndpointId };
    }

    const document = conditionPullOnTemplateEndpoint(this.bundle.executionRolePolicy.document, pullValues);
    this.executionRolePolicy = new iam.Policy(this, 'ExecutionRolePolicy', {
      document: iam.PolicyDocument.fromJson(document),
      roles: [this.executionRole],
      // Always synthesized: synthesis fails, rather than drop the grant, if it ends up empty or unattached.
      force: true,
    });
    this.instanceRolePolicy =
      this.bundle.instanceRolePolicy === undefined || this.instanceRole === undefined
        ? undefined
        : new iam.Policy(this, 'ContainerInstanceRolePolicy', {
            document: iam.PolicyDocument.fromJson(conditionPullOnTemplateEndpoint(this.bundle.instanceRolePolicy.document, pullValues)),
            roles: [this.instanceRole],
            force: true,
          });

    for (const advisory of this.advisories) {
      const message = `${advisory.message} [policygen ${advisory.id}; ${advisory.source}]`;
      // An error-level advisory is a setting under which tasks cannot start: synthesis reports it as an error.
      if (advisory.level === 'error') Annotations.of(this).addError(message);
      else if (advisory.level === 'warning') Annotations.of(this).addWarningV2(`policygen:${advisory.id}`, message);
      else Annotations.of(this).addInfo(message);
    }
  }

  /** The ECR endpoints also admit the container instance role (it pulls for tasks without an execution role). */
  private readonly admitInstanceRole: boolean;

  /** The endpoints of the plan, their security group, and the tasks' security group with its egress to them. */
  private createNetwork(
    props: PrivateEcrPullProps,
    region: string,
  ): { endpointSecurityGroup: ec2.SecurityGroup; taskSecurityGroup: ec2.ISecurityGroup; endpoints: Record<string, ec2.IVpcEndpoint> } {
    const subnets = props.subnets ?? defaultSubnets(props.vpc, this.node.path);
    const endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: props.vpc,
      description: SECURITY_GROUP_DESCRIPTION,
      allowAllOutbound: false,
    });
    const selected = props.vpc.selectSubnets(subnets).subnets;
    const cidrs = subnetCidrs(selected, this.node.path);
    cidrs.forEach((cidr, i) => {
      endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), `HTTPS from private subnet CIDR ${i + 1} of ${cidrs.length}`);
    });
    (props.endpointIngress ?? []).forEach((group, i) => {
      endpointSecurityGroup.addIngressRule(group, ec2.Port.tcp(443), `HTTPS from security group ${i + 1} of the endpointIngress prop`);
    });
    // The tasks' egress: TCP 443 to the endpoints' group and to the S3 managed prefix list of the
    // gateway endpoint (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security).
    const taskSecurityGroup =
      props.taskSecurityGroup ??
      new ec2.SecurityGroup(this, 'TaskSecurityGroup', { vpc: props.vpc, description: TASK_SECURITY_GROUP_DESCRIPTION, allowAllOutbound: false });
    const s3PrefixList = props.s3PrefixList ?? ec2.PrefixList.fromLookup(this, 'S3PrefixList', { prefixListName: `com.amazonaws.${region}.s3` });
    endpointSecurityGroup.addIngressRule(taskSecurityGroup, ec2.Port.tcp(443), 'HTTPS from the task security group');
    taskSecurityGroup.addEgressRule(endpointSecurityGroup, ec2.Port.tcp(443), 'HTTPS to the interface endpoints');
    taskSecurityGroup.addEgressRule(ec2.Peer.prefixList(s3PrefixList.prefixListId), ec2.Port.tcp(443), 'HTTPS to Amazon S3 through the gateway endpoint');

    // An interface endpoint takes one subnet per Availability Zone. CDK filters a subnet type or group
    // that way, but hands an explicit list of subnets (our default, or the user's) through as it is.
    const placement = { interface: { subnets: ec2.SubnetFilter.onePerAz().selectSubnets(selected) }, gateway: subnets };
    const endpoints: Record<string, ec2.IVpcEndpoint> = {};
    for (const planned of this.bundle.plan.endpoints) {
      endpoints[planned.service] = this.createEndpoint(planned, props.vpc, endpointSecurityGroup, placement, props.endpointIpAddressType);
    }
    return { endpointSecurityGroup, taskSecurityGroup, endpoints };
  }

  private createEndpoint(
    planned: PlannedEndpoint,
    vpc: ec2.IVpc,
    securityGroup: ec2.ISecurityGroup,
    placement: { readonly interface: ec2.SubnetSelection; readonly gateway: ec2.SubnetSelection },
    ipAddressType: ec2.VpcEndpointIpAddressType | undefined,
  ): ec2.IVpcEndpoint {
    const id = endpointLogicalId(planned.service);
    // The plan's service name, not CDK's InterfaceVpcEndpointAwsService: policygen's Region table
    // knows the partitions' prefixes (cn.com.amazonaws in China, docs/aws-facts.md §2) and writes a literal.
    const endpoint =
      planned.type === 'Gateway'
        ? new ec2.GatewayVpcEndpoint(this, id, { vpc, service: { name: planned.serviceName }, subnets: [placement.gateway] })
        : new ec2.InterfaceVpcEndpoint(this, id, {
            vpc,
            service: new ec2.InterfaceVpcEndpointService(planned.serviceName, 443),
            privateDnsEnabled: planned.privateDnsEnabled,
            ...(ipAddressType === undefined ? {} : { ipAddressType }),
            subnets: placement.interface,
            securityGroups: [securityGroup],
            // CDK would otherwise admit the whole VPC CIDR; the security group admits the tasks' subnets.
            open: false,
          });
    const policy = planned.policyDocument;
    if (policy !== undefined) {
      // As in the CloudFormation rendering: the ECR endpoints must let this construct's role through.
      let document: IacPolicy = planned.service.startsWith('ecr.') ? admitTemplateRole(policy, this.executionRole.roleArn) : policy;
      if (planned.service.startsWith('ecr.') && this.admitInstanceRole && this.instanceRole !== undefined) {
        document = admitTemplateRole(document as PolicyDocument, this.instanceRole.roleArn);
      }
      for (const statement of document.Statement) endpoint.addToPolicy(iam.PolicyStatement.fromJson(statement));
    }
    return endpoint;
  }
}

function explicitEnvironment(scope: Construct): { readonly region: string; readonly account: string } {
  const stack = Stack.of(scope);
  const missing = [Token.isUnresolved(stack.region) ? 'region' : undefined, Token.isUnresolved(stack.account) ? 'account' : undefined].filter(
    (m): m is string => m !== undefined,
  );
  if (missing.length > 0) {
    throw new PrivateEcrPullError(
      `PrivateEcrPull at ${scope.node.path} must be in a stack with an explicit ${missing.join(' and ')}, received an environment-agnostic stack ` +
        `(the policies name the partition, Region and account, and the endpoint service names depend on the Region). ` +
        `Give the stack an env, e.g. new Stack(app, 'Stack', { env: { account: '111122223333', region: 'us-east-1' } }).`,
      'POLICYGEN_CDK_ENV_AGNOSTIC_STACK',
    );
  }
  return { region: stack.region, account: stack.account };
}

/** Literal endpoint IDs and hub VPC ID of the `existingEndpoints` prop (the spec's), or undefined without it. */
interface ExistingEndpointIds {
  readonly endpointIds: string[];
  /** Undefined when neither `sourceVpc` nor the `vpc` prop has an ID known at synthesis: the pull is then conditioned on the VPC's token. */
  readonly sourceVpc: string | undefined;
}

function existingEndpoints(props: PrivateEcrPullProps, path: string): ExistingEndpointIds | undefined {
  const existing = props.existingEndpoints;
  if (existing === undefined) return undefined;
  const endpointIds = existing.endpoints.map((e) => (typeof e === 'string' ? e : e.vpcEndpointId));
  const vpc = existing.sourceVpc ?? props.vpc;
  const sourceVpc = typeof vpc === 'string' ? vpc : vpc.vpcId;
  const unresolved = [
    ...(endpointIds.some((id) => Token.isUnresolved(id)) ? ['an endpoint ID of existingEndpoints.endpoints'] : []),
    ...(existing.sourceVpc !== undefined && Token.isUnresolved(sourceVpc) ? ['the VPC ID of existingEndpoints.sourceVpc'] : []),
  ];
  if (unresolved.length > 0) {
    throw new PrivateEcrPullError(
      `PrivateEcrPull at ${path} must know ${unresolved.join(' and ')} at synthesis to condition the pull on it, received a token: ` +
        `pass the ID as a string (vpce-…, vpc-…) or import the endpoint with its ID (ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes).`,
      'POLICYGEN_CDK_ENDPOINT_ID_UNKNOWN',
    );
  }
  return { endpointIds, sourceVpc: Token.isUnresolved(sourceVpc) ? undefined : sourceVpc };
}

/** The `aws:SourceVpce` value of the bundle's pull statement: the existing endpoints' IDs as the generator wrote them. */
function pullSourceVpce(document: PolicyDocument): unknown {
  return document.Statement.map((s) => s.Condition?.['StringEquals']?.['aws:SourceVpce']).find((v) => v !== undefined);
}

function toSpec(props: PrivateEcrPullProps, region: string, account: string, path: string, existing: ExistingEndpointIds | undefined): PolicygenSpec {
  const instance = props.containerInstance;
  const clusterName = instance === undefined ? undefined : typeof instance.cluster === 'string' ? instance.cluster : instance.cluster.clusterName;
  if (clusterName !== undefined && Token.isUnresolved(clusterName)) {
    throw new PrivateEcrPullError(
      `PrivateEcrPull at ${path} must know the cluster name of containerInstance.cluster to scope the ECS agent's actions, received a token: ` +
        `give the cluster an explicit clusterName (new ecs.Cluster(this, 'Cluster', { clusterName: 'my-cluster' })) or pass the name as a string.`,
      'POLICYGEN_CDK_CLUSTER_NAME_UNKNOWN',
    );
  }
  // A cross-account repository's policy names the execution role by ARN: only a literal one can be written there.
  const executionRoleArn = props.executionRole !== undefined && !Token.isUnresolved(props.executionRole.roleArn) ? props.executionRole.roleArn : undefined;
  return {
    region,
    account,
    launchType: props.launchType ?? 'fargate',
    osFamily: props.osFamily,
    platformVersion: props.platformVersion,
    repositories: props.repositories,
    pullThroughCachePrefixes: props.pullThroughCachePrefixes,
    logging: props.logging,
    secrets: props.secrets,
    parameters: props.parameters,
    kmsKeys: props.kmsKeys,
    environmentFiles: props.environmentFiles,
    awsOwnedImages: props.awsOwnedImages,
    features: props.features,
    ecrEndpoint: props.ecrEndpoint,
    s3Endpoint: props.s3Endpoint,
    allowUnlistedRegion: props.allowUnlistedRegion,
    ...(executionRoleArn === undefined ? {} : { executionRoleArn }),
    ...(instance === undefined ? {} : { containerInstance: { cluster: clusterName!, tasksWithoutExecutionRole: instance.tasksWithoutExecutionRole } }),
    ...(existing === undefined
      ? {}
      : { existingEndpoints: { endpointIds: existing.endpointIds, ...(existing.sourceVpc === undefined ? {} : { sourceVpc: existing.sourceVpc }) } }),
    // The endpoint and VPC IDs are this construct's tokens: the pull condition is added after generation.
    network: {
      ecrApiPrivateDns: props.ecrApiPrivateDns,
      // A group's ID and the prefix list are tokens here: the rules are added after generation, and the plan
      // only learns that the tasks' group is admitted by reference (it then needs no CIDR advisory).
      ...(props.endpointIpAddressType === undefined ? {} : { endpointIpAddressType: props.endpointIpAddressType as 'ipv4' | 'dualstack' | 'ipv6' }),
    },
  };
}

function defaultSubnets(vpc: ec2.IVpc, path: string): ec2.SubnetSelection {
  const subnets = [...vpc.privateSubnets, ...vpc.isolatedSubnets];
  if (subnets.length === 0) {
    throw new PrivateEcrPullError(
      `PrivateEcrPull at ${path} must have private or isolated subnets to place the endpoints in, received a VPC with none: give the tasks' subnets in \`subnets\`.`,
      'POLICYGEN_CDK_NO_PRIVATE_SUBNETS',
    );
  }
  return { subnets };
}

function subnetCidrs(subnets: readonly ec2.ISubnet[], path: string): readonly string[] {
  try {
    return [...new Set(subnets.map((s) => s.ipv4CidrBlock))];
  } catch (cause) {
    throw new PrivateEcrPullError(
      `PrivateEcrPull at ${path} must know the IPv4 CIDR of every selected subnet to admit it on TCP 443, received an imported subnet without one: ` +
        `import it with ec2.Subnet.fromSubnetAttributes({ subnetId, ipv4CidrBlock, routeTableId }) or Vpc.fromLookup.`,
      'POLICYGEN_CDK_SUBNET_CIDR_UNKNOWN',
      { cause },
    );
  }
}
