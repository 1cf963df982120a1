import { readCloudFormation } from '../template/cloudformation';
import { endpointRegionOf, ingressAdmits, isRecord, own } from '../template/stack-helpers';
import { referencedResources, templateContext, type IntrinsicContext } from '../template/intrinsics';
import type { EndpointModel, IngressRuleModel, JsonPath, PolicyUnit, SecurityGroupModel, SourceFile, StackModel, TaskDefinitionModel } from '../template/types';
import { PolicygenInputError, type InputIssue } from '../model/errors';
import { parseAccountId } from '../model/ids';
import { parseRegion } from '../model/region';
import type { WirePolicy } from '../normalize/canonicalize';
import { compilePolicy, type PolicyInput } from '../simulate';
import { parseEcrImage, type EcrImage } from './ecr-image';
import { awsManagedPolicyName, DEFAULT_ENDPOINT_POLICY, KNOWN_MANAGED_POLICIES } from './known-policies';
import { hasSymbol, symbol, TemplateSymbols } from './symbols';
import { notTemplateIssue, type StackSetSource } from './stack-set';
import type { CheckOptions, CheckWarning } from './types';

/**
 * What the check needs from a template, with every value the evaluator compares as text: the task
 * definitions and their containers, the execution roles with their policies, the VPC endpoints with
 * their policies and network facts. Read once; the hops (hops.ts) only look things up here.
 */

/** The account used when neither `--account` nor an ECR image URI tells it: not a real account. */
const ACCOUNT_STAND_IN = '000000000000';

/** A policy ready for the evaluator, with the document it was compiled from (explanations re-evaluate it). */
export interface CheckPolicy {
  readonly input: PolicyInput;
  readonly document: WirePolicy;
  /**
   * Where the template grants it (grantors.ts): the resource holding the document and its path,
   * `document` true when the path is the document's (its statements are under it), false when it is
   * the ManagedPolicyArns entry of an AWS managed policy or an endpoint without a policy.
   */
  readonly at?: { readonly resource: string; readonly path: JsonPath; readonly document: boolean };
}

/** TCP 443 into an interface endpoint: admitted, refused, or not decidable from the template. */
export type HttpsIngress = 'yes' | 'no' | 'unknown' | 'default-group';

export interface EndpointFacts {
  readonly resource: string;
  /** `ecr.api`, `ecr.dkr`, `s3`, `logs`, … */
  readonly service: string;
  readonly type?: 'Interface' | 'Gateway' | 'GatewayLoadBalancer';
  /** Undefined when the template leaves it to a deploy-time value. */
  readonly privateDns?: boolean;
  readonly routeTables: number;
  readonly https: HttpsIngress;
  /** Its security groups declared in the template (logical IDs). */
  readonly securityGroups: readonly string[];
  /** The endpoint's ID as the evaluator sees it: `{{Ref EcrDkrEndpoint}}`. */
  readonly id: string;
  /** Its VPC's ID: a literal, a parameter default, or a symbol. */
  readonly vpc: string;
  readonly policy: CheckPolicy;
  /** False when the template gives no PolicyDocument (AWS attaches full access). */
  readonly hasPolicy: boolean;
  /** The Region written in the service name, when it is a literal. */
  readonly region?: string;
}

export interface RoleFacts {
  readonly resource: string;
  readonly arn: string;
  /** The ECS task's session of the role, the principal of its requests. */
  readonly sessionArn: string;
  readonly policies: readonly CheckPolicy[];
  /** Managed policies the check does not know: a step they might allow is unknown, not blocked. */
  readonly unknownPolicies: readonly string[];
  /** True for an EC2 container instance role standing in for a missing execution role. */
  readonly instance?: boolean;
}

/**
 * Who pulls: the execution role (declared, or named from outside the template), none, or on EC2
 * without an execution role the container instance role, which may be out of the check's sight.
 */
export type ExecutionRole =
  | { readonly kind: 'template'; readonly role: RoleFacts }
  | { readonly kind: 'external'; readonly arn: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'instance-unknown'; readonly reason: string };

export interface SecretFacts {
  readonly kind: 'secretsmanager' | 'ssm';
  /** The ARN the action is authorized on. */
  readonly arn: string;
}

export interface ContainerFacts {
  readonly name: string;
  readonly image: string;
  readonly ecr?: EcrImage;
  readonly awslogs: boolean;
  readonly logGroup?: string;
  readonly logRegion?: string;
  readonly streamPrefix?: string;
  readonly createsLogGroup: boolean;
  readonly secrets: readonly SecretFacts[];
  /** The S3 object ARNs of its environment files (`EnvironmentFiles` of type s3), deploy-time values as symbols. */
  readonly environmentFiles: readonly string[];
}

export interface TaskFacts {
  readonly resource: string;
  /** Fargate unless RequiresCompatibilities names EC2 only (Fargate's token context is the stricter one). */
  readonly launch: 'fargate' | 'ec2';
  /** Fargate platform before 1.4.0: the registry token was not fetched through the task's VPC (docs/aws-facts.md §2). */
  readonly fargateBefore140: boolean;
  /** RuntimePlatform names a Windows Server family: its images' foreign base layers come from outside AWS (upstream.ts). */
  readonly windows: boolean;
  /** NetworkMode as written (awsvpc when absent on Fargate); bridge and host exist only on EC2. */
  readonly networkMode?: string;
  /** A service or a scheduled run of the template runs the task with AssignPublicIp ENABLED. */
  readonly publicIp: boolean;
  /**
   * Nothing in the input runs the task (no ECS service, EventBridge rule or Scheduler schedule names
   * it): it is started from outside, by RunTask in code or another stack, with a network configuration
   * (AssignPublicIp) the input does not hold.
   */
  readonly runElsewhere: boolean;
  /** On EC2, why the cluster that runs the task (and so its instances) is not in the input. */
  readonly capacityOutside?: string;
  readonly role: ExecutionRole;
  readonly containers: readonly ContainerFacts[];
  /** What the tasks' security groups let out on TCP 443; absent when the template does not say which groups (or they are not all its own). */
  readonly egress?: TaskEgress;
}

/**
 * TCP 443 egress of the security groups a template's ECS service gives the task (awsvpc). A group
 * with no egress rule keeps the default rule that allows all outbound traffic
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html);
 * clients of an interface endpoint need outbound 443 to its security group, and of a gateway endpoint
 * to the service's prefix list (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security).
 */
export interface TaskEgress {
  /** The task's security groups (logical IDs). */
  readonly groups: readonly string[];
  /** Some group allows 443 to any address (its default rule, or 0.0.0.0/0, ::/0). */
  readonly anywhere: boolean;
  /** Security groups of the template the tasks may reach on 443. */
  readonly toGroups: readonly string[];
  /** Some rule allows 443 to a prefix list. */
  readonly toPrefixList: boolean;
  /** Some rule the template leaves undecided: deploy-time values, another CIDR, a group from outside the template. */
  readonly undecided: boolean;
}

/**
 * An ECR pull through cache rule of the input (AWS::ECR::PullThroughCacheRule, Terraform's
 * aws_ecr_pull_through_cache_rule): the repositories `PREFIX/…` of the registry are filled from an
 * upstream registry on their first pull (upstream.ts).
 */
export interface PullThroughCacheRuleFacts {
  readonly resource: string;
  /** EcrRepositoryPrefix as written: a literal, or a symbol when known only at deploy time. */
  readonly prefix: string;
}

/** A service or a scheduled run of a task definition: the cluster it names and its AssignPublicIp, as written. */
interface TaskRunner {
  readonly resource: string;
  readonly cluster: unknown;
  readonly assignPublicIp: unknown;
  /** `SecurityGroups` of the runner's awsvpc network configuration, as written. */
  readonly securityGroups: unknown;
}

export interface StackFacts {
  readonly file: string;
  readonly region: string;
  readonly partition: string;
  readonly account: string;
  readonly tasks: readonly TaskFacts[];
  readonly endpoints: readonly EndpointFacts[];
  /** VPC endpoints whose service is known only at deploy time: any of them may be the one a hop needs. */
  readonly endpointsOfUnknownService: readonly string[];
  /** Repository policies of the template, by repository ARN. */
  readonly repositoryPolicies: ReadonlyMap<string, CheckPolicy>;
  /** The pull through cache rules of the input. */
  readonly pullThroughCacheRules: readonly PullThroughCacheRuleFacts[];
  readonly hasInternetRoute: boolean;
  /** A NAT gateway (or a route to one, or an egress-only gateway): private subnets reach the internet. */
  readonly natRoute: boolean;
  /** A route to an internet gateway: tasks reach the internet through it only with a public IP. */
  readonly internetGatewayRoute: boolean;
  /**
   * False when the input declares no piece of the VPC network (VPC, subnet, route table, endpoint,
   * gateway): the network lives in a stack not given, and a missing endpoint is unknown.
   */
  readonly networkDeclared: boolean;
  /** True when the input declares route tables, routes or gateways: whether an internet route exists is known. */
  readonly routesDeclared: boolean;
  /** The organization the account is taken to belong to (named by the policies), if any. */
  readonly orgId?: string;
  readonly warnings: readonly CheckWarning[];
  readonly symbols: TemplateSymbols;
}

/** Reads a CloudFormation template for the check. Throws PolicygenInputError for options or policies that cannot be used. */
export function readStackFacts(source: SourceFile, options: CheckOptions): StackFacts {
  const notTemplate = notTemplateIssue(source);
  if (notTemplate !== undefined) throw new PolicygenInputError([notTemplate]);
  const warnings: CheckWarning[] = [];
  const { region, account, first } = deploymentOf(source, options, warnings);
  const partition = region === undefined ? undefined : parseRegion(region, { allowUnlisted: true });
  const context = templateContext(source.data, { ...(region !== undefined ? { region } : {}), accountId: account });
  // Read again only when the Region or account came from the template itself.
  const given = region === options.region && account === options.accountId;
  const stack = given ? first : readCloudFormation(source, { ...(region !== undefined ? { region } : {}), accountId: account });
  const symbols = new TemplateSymbols(context);
  const reader = new FactReader(source, stack, symbols, context, warnings, options);
  const endpoints = stack.endpoints.flatMap((e) => reader.endpoint(e));
  const tasks = stack.taskDefinitions.map((t) => reader.task(t));
  for (const condition of symbols.assumedConditions) {
    warnings.push({
      code: 'ASSUMED_CONDITION',
      message: `the condition ${condition} depends on values known only at deploy time: every Fn::If on it was read as true`,
    });
  }
  const orgId = reader.organization([...endpoints.map((e) => e.policy), ...tasks.flatMap((t) => (t.role.kind === 'template' ? t.role.role.policies : []))]);
  return {
    file: source.file,
    region: region ?? symbols.region(),
    partition: partition?.ok ? partition.value.partition : symbols.partition(),
    account,
    tasks,
    endpoints,
    endpointsOfUnknownService: stack.endpoints.filter((e) => e.service === undefined).map((e) => e.resource),
    repositoryPolicies: reader.repositoryPolicies(),
    pullThroughCacheRules: reader.pullThroughCacheRules(),
    hasInternetRoute: stack.hasInternetRoute,
    ...networkOf(context),
    ...(orgId !== undefined ? { orgId } : {}),
    warnings,
    symbols,
  };
}

/** The Region and account: given, else read from the literal ECR images (and endpoint names), else unknown. */
function deploymentOf(source: SourceFile, options: CheckOptions, warnings: CheckWarning[]): { region: string | undefined; account: string; first: StackModel } {
  const issues: InputIssue[] = [];
  if (options.region !== undefined) {
    // A typo must not pass as a Region newer than the table, unless asked.
    const parsed = parseRegion(options.region, { allowUnlisted: options.allowUnlistedRegion === true });
    if (!parsed.ok) issues.push(parsed.issue);
  }
  if (options.accountId !== undefined) {
    const parsed = parseAccountId(options.accountId);
    if (!parsed.ok) issues.push(parsed.issue);
  }
  if (issues.length > 0) throw new PolicygenInputError(issues);

  const first = readCloudFormation(source, {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
  });
  const images = first.taskDefinitions
    .flatMap((t) => t.containers.flatMap((c) => (c.image.known ? [parseEcrImage(c.image.value)] : [])))
    .flatMap((i) => (i ? [i] : []));
  const literal = (value: string) => !hasSymbol(value);

  let region = options.region;
  if (region === undefined) {
    const fromImages = images.map((i) => i.region).find(literal);
    const fromEndpoints = first.endpoints.flatMap((e) => (e.serviceName.known ? [endpointRegionOf(e.serviceName.value)] : [])).find((r) => r !== undefined);
    region = fromImages ?? fromEndpoints;
    if (region !== undefined && !parseRegion(region, { allowUnlisted: true }).ok) region = undefined;
    warnings.push({
      code: 'ASSUMED_REGION',
      message:
        region !== undefined
          ? `no --region: assumed ${region}, named by the template's ${fromImages !== undefined ? 'ECR image URIs' : 'endpoint service names'}`
          : 'no --region and no literal Region in the template: AWS::Region stays a symbol ({{Ref AWS.Region}}); a literal Region in a policy will not match it',
    });
  }
  let account = options.accountId;
  if (account === undefined) {
    const fromImages = images.map((i) => i.account).find(literal);
    account = fromImages ?? ACCOUNT_STAND_IN;
    warnings.push({
      code: 'ASSUMED_ACCOUNT',
      message:
        fromImages !== undefined
          ? `no --account: assumed the stack deploys to ${fromImages}, the account of its ECR images`
          : `no --account and no literal account in the image URIs: AWS::AccountId reads as ${ACCOUNT_STAND_IN}, a stand-in that equals no literal account`,
    });
  }
  return { region, account, first };
}

class FactReader {
  private readonly groups: ReadonlyMap<string, SecurityGroupModel>;
  private readonly roleCache = new Map<string, RoleFacts>();

  constructor(
    private readonly source: SourceFile,
    private readonly stack: StackModel,
    private readonly symbols: TemplateSymbols,
    private readonly context: IntrinsicContext,
    private readonly warnings: CheckWarning[],
    private readonly options: CheckOptions,
  ) {
    this.groups = new Map(stack.securityGroups.map((g) => [g.resource, g]));
  }

  endpoint(endpoint: EndpointModel): EndpointFacts[] {
    const region = endpoint.serviceName.known ? endpointRegionOf(endpoint.serviceName.value) : undefined;
    const service = endpoint.service;
    if (service === undefined) return [];
    const type = endpoint.type.known ? endpoint.type.value : undefined;
    const vpc = this.symbols.property(endpoint.resource, 'VpcId');
    const gateway = type === 'Gateway';
    const policy = endpoint.policy
      ? this.compile(endpoint.policy, `${endpoint.resource} policy`, 'vpc-endpoint', gateway)
      : {
          ...this.known(DEFAULT_ENDPOINT_POLICY, `${endpoint.resource} (no policy: AWS's default full access)`, 'vpc-endpoint', gateway),
          at: { resource: endpoint.resource, path: endpoint.path, document: false },
        };
    return [
      {
        resource: endpoint.resource,
        service,
        ...(type !== undefined ? { type } : {}),
        ...(endpoint.privateDnsEnabled.known ? { privateDns: endpoint.privateDnsEnabled.value } : {}),
        routeTables: endpoint.routeTableIds.length,
        https: this.httpsIngress(endpoint),
        securityGroups: endpoint.securityGroups.flatMap((ref) => (ref.resource === undefined ? [] : [ref.resource])),
        id: this.symbols.ref(endpoint.resource),
        vpc: vpc === undefined ? symbol(`VpcId ${endpoint.resource}`) : this.symbols.text(vpc),
        policy,
        hasPolicy: endpoint.policy !== undefined,
        ...(region !== undefined ? { region } : {}),
      },
    ];
  }

  /** Every security group declared and none admitting 443: `no`; a group from outside the template: `unknown`. */
  private httpsIngress(endpoint: EndpointModel): HttpsIngress {
    if (endpoint.securityGroups.length === 0) return 'default-group';
    const declared = endpoint.securityGroups.map((ref) => (ref.resource === undefined ? undefined : this.groups.get(ref.resource)));
    if (declared.some((g) => g === undefined)) return 'unknown';
    const rules = declared.flatMap((g) => g!.ingress);
    if (rules.some((r) => ingressAdmits(r, 443))) return 'yes';
    return rules.some(undecided) ? 'unknown' : 'no';
  }

  task(task: TaskDefinitionModel): TaskFacts {
    const compat = task.compatibilities;
    const rawMode = this.symbols.property(task.resource, 'NetworkMode');
    const networkMode = rawMode === undefined ? undefined : this.symbols.text(rawMode);
    // bridge and host exist only on EC2, and bridge is the default when NetworkMode is left out;
    // Fargate requires awsvpc (ECS Developer Guide, task definition parameters, network mode).
    const ec2Mode = networkMode === 'bridge' || networkMode === 'host' || (networkMode === undefined && !compat.includes('FARGATE'));
    const launch = ec2Mode || (compat.length > 0 && !compat.includes('FARGATE') && compat.includes('EC2')) ? 'ec2' : 'fargate';
    const platform = task.platformVersion?.known === true ? task.platformVersion.value : 'LATEST';
    const outside = launch === 'ec2' ? this.clusterOutside(task.resource) : undefined;
    if (outside !== undefined)
      this.warnings.push({
        code: 'CAPACITY_OUTSIDE_INPUT',
        resource: task.resource,
        message: `${outside}: every step is unknown; check with the stack that declares the cluster and its instances`,
      });
    return {
      resource: task.resource,
      launch,
      // Windows platform versions are numbered apart from Linux ones, and every one of them fetches the
      // registry token through ecr.api (Amazon ECR User Guide, "Amazon ECR interface VPC endpoints").
      fargateBefore140: launch === 'fargate' && !this.runsWindows(task) && /^1\.[0-3]\.\d+$/.test(platform),
      windows: this.runsWindows(task),
      ...(networkMode !== undefined ? { networkMode } : {}),
      publicIp: this.publicIp(task.resource),
      runElsewhere: this.runners(task.resource).length === 0,
      ...(outside !== undefined ? { capacityOutside: outside } : {}),
      ...this.taskEgress(task.resource),
      role:
        outside !== undefined && this.symbols.property(task.resource, 'ExecutionRoleArn') === undefined
          ? { kind: 'instance-unknown', reason: outside }
          : this.executionRole(task, launch),
      containers: task.containers.map((c) => this.container(c.path)),
    };
  }

  /** RuntimePlatform.OperatingSystemFamily names a Windows Server family (WINDOWS_SERVER_2022_CORE, …). */
  private runsWindows(task: TaskDefinitionModel): boolean {
    const family = this.symbols.text(own(this.symbols.property(task.resource, 'RuntimePlatform'), 'OperatingSystemFamily'));
    return family !== undefined && family.startsWith('WINDOWS_SERVER');
  }

  /**
   * The TCP 443 egress of the security groups the template's services and schedules give the task
   * (CloudFormation only).
   */
  private taskEgress(taskId: string): { egress?: TaskEgress } {
    if (this.stack.format !== 'cloudformation') return {};
    const resources = this.context.resources;
    const isGroup = (id: string): boolean => own(resources[id], 'Type') === 'AWS::EC2::SecurityGroup';
    const groups = new Set<string>();
    for (const runner of this.runners(taskId)) {
      const listed = runner.securityGroups;
      if (!Array.isArray(listed)) return {};
      for (const item of listed) {
        const named = referencedResources(item, this.context).filter(isGroup);
        if (named.length !== 1) return {}; // a literal sg- ID or a parameter: its rules are not in the template
        groups.add(named[0]!);
      }
    }
    if (groups.size === 0) return {};
    let anywhere = false;
    let toPrefixList = false;
    let undecided = false;
    const toGroups = new Set<string>();
    for (const group of groups) {
      const inline = this.symbols.property(group, 'SecurityGroupEgress');
      const separate = Object.entries(resources).filter(
        ([id, r]) =>
          own(r, 'Type') === 'AWS::EC2::SecurityGroupEgress' && referencedResources(this.symbols.property(id, 'GroupId'), this.context).includes(group),
      );
      const rules = [...(Array.isArray(inline) ? inline : []), ...separate.map(([, r]) => own(r, 'Properties'))];
      if (inline !== undefined && !Array.isArray(inline)) undecided = true;
      if (inline === undefined && separate.length === 0) anywhere = true;
      for (const rule of rules) {
        const admits = httpsRule(rule, (v) => (v === undefined ? undefined : this.symbols.text(v)));
        if (admits === 'no') continue;
        if (admits === 'unknown') {
          undecided = true;
          continue;
        }
        const cidr = own(rule, 'CidrIp') ?? own(rule, 'CidrIpv6');
        const cidrText = cidr === undefined ? undefined : this.symbols.text(cidr);
        const destinationGroup = own(rule, 'DestinationSecurityGroupId');
        if (cidrText === '0.0.0.0/0' || cidrText === '::/0') anywhere = true;
        else if (own(rule, 'DestinationPrefixListId') !== undefined) toPrefixList = true;
        else if (destinationGroup !== undefined) {
          const named = referencedResources(destinationGroup, this.context).filter(isGroup);
          if (named.length === 0) undecided = true;
          named.forEach((g) => toGroups.add(g));
        } else undecided = true;
      }
    }
    return { egress: { groups: [...groups], anywhere, toGroups: [...toGroups], toPrefixList, undecided } };
  }

  /**
   * A service or a scheduled run of the template runs the task with `AssignPublicIp: ENABLED`
   * (`AwsvpcConfiguration` of the service or schedule, `AwsVpcConfiguration` of an EventBridge rule target).
   */
  private publicIp(taskId: string): boolean {
    return this.runners(taskId).some((r) => r.assignPublicIp !== undefined && this.symbols.text(r.assignPublicIp) === 'ENABLED');
  }

  /**
   * What runs the task definition: ECS services, EventBridge rule targets and EventBridge Scheduler
   * schedules with EcsParameters (a scheduled task runs like a service's, with the network of the
   * target: Amazon ECS Developer Guide, "Scheduled tasks",
   * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/scheduling_tasks.html).
   */
  private runners(taskId: string): TaskRunner[] {
    const out: TaskRunner[] = [];
    const runs = (value: unknown) => value !== undefined && referencedResources(value, this.context).includes(taskId);
    for (const [id, resource] of Object.entries(this.context.resources)) {
      const type = own(resource, 'Type');
      if (type === 'AWS::ECS::Service') {
        if (!runs(this.symbols.property(id, 'TaskDefinition'))) continue;
        const network = own(this.symbols.property(id, 'NetworkConfiguration'), 'AwsvpcConfiguration');
        out.push({
          resource: id,
          cluster: this.symbols.property(id, 'Cluster'),
          assignPublicIp: own(network, 'AssignPublicIp'),
          securityGroups: own(network, 'SecurityGroups'),
        });
      } else if (type === 'AWS::Events::Rule' || type === 'AWS::Scheduler::Schedule') {
        const raw = type === 'AWS::Events::Rule' ? this.symbols.property(id, 'Targets') : [this.symbols.property(id, 'Target')];
        for (const target of Array.isArray(raw) ? raw : []) {
          const ecs = own(target, 'EcsParameters');
          if (!runs(own(ecs, 'TaskDefinitionArn'))) continue;
          const network = own(own(ecs, 'NetworkConfiguration'), type === 'AWS::Events::Rule' ? 'AwsVpcConfiguration' : 'AwsvpcConfiguration');
          out.push({
            resource: id,
            cluster: own(target, 'Arn'),
            assignPublicIp: own(network, 'AssignPublicIp'),
            securityGroups: own(network, 'SecurityGroups'),
          });
        }
      }
    }
    return out;
  }

  /**
   * Why an EC2 task's capacity is not in the input, or undefined when it is: every service or
   * schedule that runs it names a cluster that is not an AWS::ECS::Cluster of the input (a parameter,
   * an import from a stack not given, a name or ARN of a cluster made elsewhere). The instances of
   * that cluster pull with their role, from their subnets: neither is known.
   */
  private clusterOutside(taskId: string): string | undefined {
    const runners = this.runners(taskId);
    if (runners.length === 0) return undefined;
    const clusters = Object.keys(this.context.resources).filter((id) => this.symbols.resourceType(id) === 'AWS::ECS::Cluster');
    const names = new Map(clusters.map((id) => [this.symbols.text(this.symbols.property(id, 'ClusterName')), id]));
    const inside = (cluster: unknown): boolean => {
      if (cluster === undefined) return false;
      if (referencedResources(cluster, this.context).some((id) => clusters.includes(id))) return true;
      const text = this.symbols.text(cluster);
      if (text === undefined || hasSymbol(text)) return false;
      return names.has(text.slice(text.lastIndexOf('/') + 1)) || names.has(text);
    };
    if (runners.some((r) => inside(r.cluster))) return undefined;
    const named = runners.map(
      (r) => `${r.resource} runs it on ${r.cluster === undefined ? 'the default cluster' : `the cluster ${this.symbols.text(r.cluster) ?? 'given at deploy'}`}`,
    );
    return `${taskId} runs on EC2 and ${named.join('; ')}, which is not declared in the input: the container instances that pull (their role, their subnets) are not in the input`;
  }

  private executionRole(task: TaskDefinitionModel, launch: TaskFacts['launch']): ExecutionRole {
    const raw = this.symbols.property(task.resource, 'ExecutionRoleArn');
    if (raw === undefined || task.executionRole === undefined) return launch === 'ec2' ? this.instanceRole(task.resource) : { kind: 'none' };
    const named = task.executionRole.resource;
    if (named !== undefined && this.symbols.resourceType(named) === 'AWS::IAM::Role') return { kind: 'template', role: this.role(named) };
    // A literal ARN may still name a role of the template by its RoleName.
    const arn = this.symbols.text(raw);
    const match = this.stack.roles.find((r) => this.symbols.roleArn(r.resource) === arn);
    if (match) return { kind: 'template', role: this.role(match.resource) };
    this.warnings.push({
      code: 'EXECUTION_ROLE_OUTSIDE_TEMPLATE',
      resource: task.resource,
      message: `the execution role ${arn} of ${task.resource} is not declared in the template: its policies are unknown, so the steps assume it allows the pull and only the endpoints and the network are checked`,
    });
    return { kind: 'external', arn };
  }

  /**
   * On EC2 a task without an execution role pulls and sends awslogs with the container instance role
   * (docs/aws-facts.md §1 hop 6, ECS-EXEC): `--instance-role-policy`, else the one role the template's instance
   * profiles hold, else unknown (a warning, never blocked).
   */
  private instanceRole(taskId: string): ExecutionRole {
    const given = this.options.instanceRolePolicy;
    if (given !== undefined) {
      const document = this.symbols.value(given.document);
      if (!isRecord(document) || own(document, 'Statement') === undefined) {
        throw new PolicygenInputError([
          {
            field: '--instance-role-policy',
            received: given.file,
            expected: 'be an IAM policy document (JSON) with a Statement',
            location: { file: given.file, line: 1, column: 1 },
          },
        ]);
      }
      const name = symbol('container instance role');
      const arn = `arn:${this.symbols.partition()}:iam::${this.symbols.account()}:role/${name}`;
      this.warnings.push({
        code: 'INSTANCE_ROLE_USED',
        resource: taskId,
        message: `${taskId} runs on EC2 without an execution role: the container instance role pulls its images and sends its logs, with the policy of ${given.file}`,
      });
      return {
        kind: 'template',
        role: {
          resource: 'InstanceRole',
          arn,
          sessionArn: `arn:${this.symbols.partition()}:sts::${this.symbols.account()}:assumed-role/${name}/${symbol('instance ID')}`,
          policies: [this.known(document as unknown as WirePolicy, `${given.file} (instance role)`, 'identity', false)],
          unknownPolicies: [],
          instance: true,
        },
      };
    }
    const roles = this.instanceProfileRoles();
    if (roles.length === 1) {
      const role = this.role(roles[0]!);
      this.warnings.push({
        code: 'INSTANCE_ROLE_USED',
        resource: taskId,
        message: `${taskId} runs on EC2 without an execution role: the container instance role ${role.resource} (the template's instance profile) pulls its images and sends its logs`,
      });
      return { kind: 'template', role: { ...role, instance: true } };
    }
    const reason =
      roles.length === 0
        ? `${taskId} runs on EC2 without an execution role, so the container instance role pulls, and the template declares no instance profile with a role`
        : `${taskId} runs on EC2 without an execution role, so the container instance role pulls, and the template's instance profiles hold several roles (${roles.join(', ')})`;
    this.warnings.push({
      code: 'INSTANCE_ROLE_UNKNOWN',
      resource: taskId,
      message: `${reason}: the steps it makes are unknown; pass its policy with --instance-role-policy FILE, or give the task an ExecutionRoleArn`,
    });
    return { kind: 'instance-unknown', reason };
  }

  /** Roles of the template's AWS::IAM::InstanceProfile resources that a launch template, launch configuration or instance uses. */
  private instanceProfileRoles(): string[] {
    const resources = this.context.resources;
    const profiles = Object.keys(resources).filter((id) => own(own(resources, id), 'Type') === 'AWS::IAM::InstanceProfile');
    const used = new Set<string>();
    for (const [id, resource] of Object.entries(resources)) {
      const type = own(resource, 'Type');
      const profile =
        type === 'AWS::EC2::LaunchTemplate'
          ? own(this.symbols.property(id, 'LaunchTemplateData'), 'IamInstanceProfile')
          : type === 'AWS::AutoScaling::LaunchConfiguration' || type === 'AWS::EC2::Instance'
            ? this.symbols.property(id, 'IamInstanceProfile')
            : undefined;
      if (profile === undefined) continue;
      for (const ref of referencedResources(profile, this.context)) if (profiles.includes(ref)) used.add(ref);
    }
    const roles = new Set<string>();
    for (const profile of used.size > 0 ? used : new Set(profiles)) {
      for (const ref of referencedResources(this.symbols.property(profile, 'Roles'), this.context)) {
        if (this.symbols.resourceType(ref) === 'AWS::IAM::Role') roles.add(ref);
      }
    }
    return [...roles].sort();
  }

  private role(id: string): RoleFacts {
    const cached = this.roleCache.get(id);
    if (cached) return cached;
    const model = this.stack.roles.find((r) => r.resource === id)!;
    const arn = this.symbols.roleArn(id);
    const policies = model.policies.map((unit) => this.compile(unit, this.policyLabel(unit), 'identity', false));
    const unknownPolicies: string[] = [];
    const managedRaw = this.symbols.property(id, 'ManagedPolicyArns');
    const managedItems = Array.isArray(managedRaw) ? managedRaw : managedRaw === undefined ? [] : [managedRaw];
    for (const [index, item] of managedItems.entries()) {
      // Customer managed policies of the template are already among model.policies.
      if (referencedResources(item, this.context).some((r) => this.symbols.resourceType(r) === 'AWS::IAM::ManagedPolicy')) continue;
      const policyArn = this.symbols.text(item);
      const name = awsManagedPolicyName(policyArn);
      const document = name === undefined ? undefined : own(KNOWN_MANAGED_POLICIES, name);
      if (document !== undefined) {
        const at = { resource: id, path: [...model.path, 'Properties', 'ManagedPolicyArns', ...(Array.isArray(managedRaw) ? [index] : [])], document: false };
        policies.push({ ...this.known(document as WirePolicy, `${name} (AWS managed)`, 'identity', false), at });
      } else {
        unknownPolicies.push(policyArn);
        this.warnings.push({
          code: 'UNKNOWN_MANAGED_POLICY',
          resource: id,
          message: `${id} has the managed policy ${policyArn}, whose statements the check does not know: a step the role's known policies do not allow is unknown`,
        });
      }
    }
    const roleName = arn.slice(arn.lastIndexOf('/') + 1);
    const facts: RoleFacts = {
      resource: id,
      arn,
      sessionArn: `arn:${this.symbols.partition()}:sts::${this.symbols.account()}:assumed-role/${roleName}/${symbol('ECS task ID')}`,
      policies,
      unknownPolicies,
    };
    this.roleCache.set(id, facts);
    return facts;
  }

  /** `Role/PolicyName` for inline policies, the resource's logical ID for the others. */
  private policyLabel(unit: PolicyUnit): string {
    const resource = unit.resource ?? 'policy';
    const holder = valueAt(this.source.data, unit.path.slice(0, -1));
    const name = isRecord(holder) && unit.path.includes('Policies') ? own(holder, 'PolicyName') : undefined;
    return name === undefined ? resource : `${resource}/${this.symbols.text(name)}`;
  }

  private container(path: readonly (string | number)[]): ContainerFacts {
    const raw = valueAt(this.source.data, path);
    const text = (value: unknown): string | undefined => (value === undefined ? undefined : this.symbols.text(value));
    const name = text(own(raw, 'Name')) ?? `ContainerDefinitions[${String(path[path.length - 1])}]`;
    const image = text(own(raw, 'Image')) ?? symbol(`Image ${name}`);
    const log = own(raw, 'LogConfiguration');
    const options = own(log, 'Options');
    const createGroup = text(own(options, 'awslogs-create-group'));
    const secretItems = this.symbols.value(own(raw, 'Secrets'));
    const environmentFileItems = this.symbols.value(own(raw, 'EnvironmentFiles'));
    const logGroup = text(own(options, 'awslogs-group'));
    const logRegion = text(own(options, 'awslogs-region'));
    const streamPrefix = text(own(options, 'awslogs-stream-prefix'));
    const ecr = parseEcrImage(image);
    return {
      name,
      image,
      ...(ecr ? { ecr } : {}),
      awslogs: text(own(log, 'LogDriver')) === 'awslogs',
      ...(logGroup !== undefined ? { logGroup } : {}),
      ...(logRegion !== undefined ? { logRegion } : {}),
      ...(streamPrefix !== undefined ? { streamPrefix } : {}),
      createsLogGroup: createGroup?.toLowerCase() === 'true',
      secrets: (Array.isArray(secretItems) ? secretItems : []).flatMap((s) => this.secret(own(s, 'ValueFrom'), name)),
      environmentFiles: (Array.isArray(environmentFileItems) ? environmentFileItems : []).flatMap((f) => {
        const value = text(own(f, 'Value'));
        return value !== undefined && text(own(f, 'Type')) === 's3' ? [value] : [];
      }),
    };
  }

  /**
   * A secret's ValueFrom: a Secrets Manager ARN (a JSON key, version stage or ID may follow the
   * secret's own seven ARN fields) or an SSM parameter, by ARN or by name.
   */
  private secret(valueFrom: unknown, container: string): SecretFacts[] {
    if (typeof valueFrom !== 'string') return [];
    if (valueFrom.startsWith('arn:')) {
      const parts = valueFrom.split(':');
      if (parts[2] === 'secretsmanager') return [{ kind: 'secretsmanager', arn: parts.slice(0, 7).join(':') }];
      if (parts[2] === 'ssm') return [{ kind: 'ssm', arn: valueFrom }];
    } else if (!/^\{\{[^}]*\}\}$/.test(valueFrom)) {
      const name = valueFrom.replace(/^\//, '');
      return [{ kind: 'ssm', arn: `arn:${this.symbols.partition()}:ssm:${this.symbols.region()}:${this.symbols.account()}:parameter/${name}` }];
    }
    this.warnings.push({
      code: 'SECRET_NOT_CHECKED',
      message: `container ${container} reads a secret from ${valueFrom}, known only at deploy time: neither Secrets Manager nor SSM can be told, so it is not checked`,
    });
    return [];
  }

  /** AWS::ECR::PullThroughCacheRule resources with their EcrRepositoryPrefix (a rule without one has none to match). */
  pullThroughCacheRules(): PullThroughCacheRuleFacts[] {
    return Object.keys(this.context.resources)
      .filter((id) => this.symbols.resourceType(id) === 'AWS::ECR::PullThroughCacheRule')
      .flatMap((id) => {
        const prefix = this.symbols.property(id, 'EcrRepositoryPrefix');
        return prefix === undefined ? [] : [{ resource: id, prefix: this.symbols.text(prefix) }];
      });
  }

  /** Repository policies of AWS::ECR::Repository resources, by the repository's ARN. */
  repositoryPolicies(): ReadonlyMap<string, CheckPolicy> {
    const out = new Map<string, CheckPolicy>();
    for (const unit of this.stack.policies) {
      if (unit.resource === undefined || this.symbols.resourceType(unit.resource) !== 'AWS::ECR::Repository') continue;
      out.set(this.symbols.getAtt(unit.resource, 'Arn'), this.compile(unit, `${unit.resource} repository policy`, 'resource', false));
    }
    // Given ones (--repository-policy) speak for repositories of other accounts, which no template of the stack holds.
    (this.options.repositoryPolicies ?? []).forEach((given, i) => {
      const field = given.file !== undefined ? `--repository-policy ${given.file}` : `repositoryPolicies[${i}]`;
      const location = given.file !== undefined ? { location: { file: given.file, line: 1, column: 1 } } : {};
      // Intrinsics resolve as the template's do: check --spec names the template's own endpoint so.
      const document = this.symbols.value(given.document);
      if (!isRecord(document) || own(document, 'Statement') === undefined) {
        throw new PolicygenInputError([
          { field, received: 'a value that is not a policy document', expected: 'be an ECR repository policy (JSON) with a Statement', ...location },
        ]);
      }
      const arn = given.repositoryArn ?? repositoryOfPolicy(document);
      if (arn === undefined || !REPOSITORY_ARN.test(arn)) {
        throw new PolicygenInputError([
          {
            field,
            received: arn === undefined ? 'a policy whose Resource names no single repository' : JSON.stringify(arn),
            expected: 'name the repository it is set on: arn:PARTITION:ecr:REGION:ACCOUNT:repository/NAME',
            hint: '--repository-policy arn:aws:ecr:eu-west-1:444455556666:repository/shared/base=repository-policy.json',
            ...location,
          },
        ]);
      }
      out.set(arn, this.known(document as unknown as WirePolicy, `${given.file ?? field} (repository policy of ${arn})`, 'resource', false));
    });
    return out;
  }

  /**
   * The organization the stack's account is taken to be in: the first `aws:PrincipalOrgID` value an
   * Allow condition of these policies names. The template cannot say whether the account is a member.
   */
  organization(policies: readonly CheckPolicy[]): string | undefined {
    for (const policy of policies) {
      for (const statement of statementsOf(policy.document)) {
        if (statement['Effect'] !== 'Allow' || !isRecord(statement['Condition'])) continue;
        for (const block of Object.values(statement['Condition'])) {
          if (!isRecord(block)) continue;
          for (const [key, values] of Object.entries(block)) {
            if (key.toLowerCase() !== 'aws:principalorgid') continue;
            const first = (Array.isArray(values) ? values : [values]).find((v) => typeof v === 'string');
            if (typeof first !== 'string') continue;
            this.warnings.push({
              code: 'ASSUMED_ORGANIZATION',
              message: `${policy.input.label} admits the organization ${first}: the check assumes the stack's account belongs to it (the template cannot say)`,
            });
            return first;
          }
        }
      }
    }
    return undefined;
  }

  /** A policy of the template with its intrinsics replaced, compiled; IAM-invalid documents are input errors. */
  private compile(unit: PolicyUnit, label: string, kind: PolicyInput['kind'], gateway: boolean): CheckPolicy {
    const document = this.symbols.value(unit.document);
    if (!isRecord(document) || own(document, 'Statement') === undefined) {
      throw new PolicygenInputError([
        {
          field: label,
          received: 'a value that is not a policy document',
          expected: 'be an IAM policy document with a Statement',
          location: this.locate(unit),
        },
      ]);
    }
    const compiled = this.known(document as unknown as WirePolicy, label, kind, gateway, unit);
    return unit.resource === undefined ? compiled : { ...compiled, at: { resource: unit.resource, path: unit.path, document: true } };
  }

  private known(document: WirePolicy, label: string, kind: PolicyInput['kind'], gateway: boolean, unit?: PolicyUnit): CheckPolicy {
    try {
      const compiled = compilePolicy(document);
      return { document, input: { label, kind, document: compiled, ...(kind === 'vpc-endpoint' ? { endpointType: gateway ? 'gateway' : 'interface' } : {}) } };
    } catch (error) {
      if (!(error instanceof PolicygenInputError) || unit === undefined) throw error;
      const location = this.locate(unit);
      throw new PolicygenInputError(
        error.issues.map((issue) => ({ ...issue, field: `${label}: ${issue.field}`, hint: 'policygen lint reports every problem of the template', location })),
      );
    }
  }

  private locate(unit: PolicyUnit): InputIssue['location'] {
    // Several templates read as one: the file and line the policy came from.
    if ('origin' in this.source) {
      const origin = (this.source as StackSetSource).origin(unit.path);
      return { file: origin.file, ...origin.source.locate(origin.path) };
    }
    return { file: this.source.file, ...this.source.locate(unit.path) };
  }
}

const REPOSITORY_ARN = /^arn:[^:]+:ecr:[^:]+:\d{12}:repository\/[^*?]+$/;

/** The one repository a repository policy's statements name in Resource, if they name exactly one. */
function repositoryOfPolicy(document: Record<string, unknown>): string | undefined {
  const named = new Set(
    statementsOf(document as unknown as CheckPolicy['document'])
      .flatMap((st) => [st['Resource']].flat())
      .filter((r): r is string => typeof r === 'string' && REPOSITORY_ARN.test(r)),
  );
  return named.size === 1 ? [...named][0] : undefined;
}

const NETWORK_TYPES = new Set([
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::NatGateway',
  'AWS::EC2::InternetGateway',
]);

/** Which internet routes the template declares, and whether it declares any of the network at all. */
function networkOf(context: IntrinsicContext): Pick<StackFacts, 'natRoute' | 'internetGatewayRoute' | 'networkDeclared' | 'routesDeclared'> {
  let natRoute = false;
  let internetGatewayRoute = false;
  let networkDeclared = false;
  let routesDeclared = false;
  for (const resource of Object.values(context.resources)) {
    const type = own(resource, 'Type');
    if (typeof type !== 'string' || !NETWORK_TYPES.has(type)) continue;
    networkDeclared = true;
    if (type !== 'AWS::EC2::VPC' && type !== 'AWS::EC2::Subnet' && type !== 'AWS::EC2::VPCEndpoint') routesDeclared = true;
    const properties = own(resource, 'Properties');
    if (type === 'AWS::EC2::NatGateway' && own(properties, 'ConnectivityType') !== 'private') natRoute = true;
    if (type !== 'AWS::EC2::Route') continue;
    if (own(properties, 'NatGatewayId') !== undefined || own(properties, 'EgressOnlyInternetGatewayId') !== undefined) natRoute = true;
    const gateway = own(properties, 'GatewayId');
    if (gateway === undefined) continue;
    // GatewayId also takes virtual private gateways, which lead to a VPN, not the internet.
    const target = referencedResources(gateway, context)[0];
    const targetType = target === undefined ? undefined : own(own(context.resources, target), 'Type');
    if (targetType !== 'AWS::EC2::VPNGateway' && !(typeof gateway === 'string' && gateway.startsWith('vgw-'))) internetGatewayRoute = true;
  }
  return { natRoute, internetGatewayRoute, networkDeclared, routesDeclared };
}

/**
 * Whether an egress rule (AWS::EC2::SecurityGroupEgress or an inline rule) allows TCP 443: protocol
 * -1 is every protocol and port; tcp (or 6) needs FromPort <= 443 <= ToPort.
 */
function httpsRule(rule: unknown, text: (v: unknown) => string | undefined): 'yes' | 'no' | 'unknown' {
  const protocol = text(own(rule, 'IpProtocol'))?.toLowerCase();
  if (protocol === undefined || hasSymbol(protocol)) return 'unknown';
  if (protocol === '-1' || protocol === 'all') return 'yes';
  if (protocol !== 'tcp' && protocol !== '6') return 'no';
  const from = Number(text(own(rule, 'FromPort')));
  const to = Number(text(own(rule, 'ToPort')));
  if (!Number.isFinite(from) || !Number.isFinite(to)) return 'unknown';
  return from <= 443 && 443 <= to ? 'yes' : 'no';
}

/** An ingress rule the template leaves to deploy-time values. */
const undecided = (rule: IngressRuleModel): boolean => !rule.protocol.known || (rule.protocol.value === 'tcp' && (!rule.fromPort.known || !rule.toPort.known));

export const statementsOf = (document: WirePolicy): readonly Record<string, unknown>[] =>
  (Array.isArray(document.Statement) ? document.Statement : [document.Statement]).filter(isRecord);

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isRecord(current) && typeof key === 'string') current = own(current, key);
    else return undefined;
  }
  return current;
}
