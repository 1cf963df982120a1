import type { JsonPath, Position, SourceFile } from './types';
import { checkPlanShape, configurationExpressions, planRegion, planResources, type Attribute, type PlanResource } from './terraform-plan';
import { isRecord, own, parseEmbeddedPolicy } from './stack-helpers';

/**
 * A Terraform plan (`terraform show -json PLANFILE`) lowered to the CloudFormation-shaped stack that
 * `check`'s walk reads (issue 10 §2): each resource of the plan the pull depends on becomes a
 * resource of a template whose logical ID is its plan address (`module.app.aws_ecs_task_definition.app`),
 * so messages name the plan's addresses. Links between resources become `Ref` / `Fn::GetAtt`: a known
 * ID, ARN or name names the plan resource that has it; a value known only after apply follows the
 * references of the plan's `configuration` section. A value known only after apply with no such
 * reference becomes `{"Fn::TerraformUnknown": "<address>.<attribute>"}`, which the check's symbols
 * (src/pull/symbols.ts) read as a value the input does not hold: a step that depends on it is
 * unknown, never blocked.
 */

/** The intrinsic that stands for a plan value known only after apply; its argument says which. */
export const TERRAFORM_UNKNOWN = 'Fn::TerraformUnknown';

/** Where a path of the lowered template comes from in the plan file. */
export interface PlanOrigin {
  readonly file: string;
  readonly source: SourceFile;
  readonly path: JsonPath;
}

export interface PlanTemplate extends SourceFile {
  /** The plan file and the path in it that a path of the lowered template stands for. */
  readonly origin: (path: JsonPath) => PlanOrigin;
  /** The AWS provider's Region, when the plan states one. */
  readonly region?: string;
  /** Marks a template lowered from a Terraform plan (hints then name Terraform attributes). */
  readonly terraformPlan: true;
}

type Cfn = Record<string, unknown>;
interface Lowered {
  readonly Type: string;
  readonly Properties: Cfn;
}

// Which Terraform attribute a CloudFormation property of the lowered template stands for (for file:line).
const ATTRIBUTE_OF: Readonly<Record<string, string>> = {
  RequiresCompatibilities: 'requires_compatibilities',
  NetworkMode: 'network_mode',
  RuntimePlatform: 'runtime_platform',
  ExecutionRoleArn: 'execution_role_arn',
  ContainerDefinitions: 'container_definitions',
  TaskDefinition: 'task_definition',
  LaunchType: 'launch_type',
  PlatformVersion: 'platform_version',
  NetworkConfiguration: 'network_configuration',
  CapacityProviderStrategy: 'capacity_provider_strategy',
  RoleName: 'name',
  Path: 'path',
  AssumeRolePolicyDocument: 'assume_role_policy',
  Policies: 'inline_policy',
  ManagedPolicyArns: 'managed_policy_arns',
  PolicyName: 'name',
  ManagedPolicyName: 'name',
  PolicyDocument: 'policy',
  Roles: 'role',
  ServiceName: 'service_name',
  VpcEndpointType: 'vpc_endpoint_type',
  PrivateDnsEnabled: 'private_dns_enabled',
  RouteTableIds: 'route_table_ids',
  SubnetIds: 'subnet_ids',
  SecurityGroupIds: 'security_group_ids',
  VpcId: 'vpc_id',
  SecurityGroupIngress: 'ingress',
  GatewayId: 'gateway_id',
  NatGatewayId: 'nat_gateway_id',
  EgressOnlyInternetGatewayId: 'egress_only_gateway_id',
  RouteTableId: 'route_table_id',
  ConnectivityType: 'connectivity_type',
  LogGroupName: 'name',
  RepositoryName: 'name',
  RepositoryPolicyText: 'policy',
  EcrRepositoryPrefix: 'ecr_repository_prefix',
  GroupId: 'security_group_id',
};

const NOT_RESOURCES: ReadonlySet<string> = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self', 'data']);

/**
 * Lowers a parsed plan to a template for `checkTemplate`. Throws PolicygenInputError (via the plan
 * reader's shape checks) for a file that is not `terraform show -json` output.
 *
 * @example checkTemplate(terraformPlanAsTemplate(parseJsonSource('plan.json', text)))
 */
export function terraformPlanAsTemplate(source: SourceFile): PlanTemplate {
  checkPlanShape(source);
  const plan = source.data as Readonly<Record<string, unknown>>;
  const resources = planResources(plan);
  const lowering = new Lowering(plan, resources);
  const template = lowering.template();
  const region = planRegion(plan, resources, {});
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const origin = (path: JsonPath): PlanOrigin => {
    const [section, id, properties, property] = path;
    const address = typeof id === 'string' ? lowering.addressOf(id) : undefined;
    const r = section === 'Resources' && address !== undefined ? byAddress.get(address) : undefined;
    if (!r) return { file: source.file, source, path: [] };
    const attribute = properties === 'Properties' && typeof property === 'string' ? own(ATTRIBUTE_OF, property) : undefined;
    return { file: source.file, source, path: typeof attribute === 'string' && own(r.values, attribute) !== undefined ? [...r.valuesPath, attribute] : r.path };
  };
  return {
    file: source.file,
    text: source.text,
    data: template,
    locate: (path: JsonPath): Position => source.locate(origin(path).path),
    origin,
    ...(region.known ? { region: region.value } : {}),
    terraformPlan: true,
  };
}

/** True for parsed `terraform show -json` output (the same test lint's input detection makes). */
export function isTerraformPlanData(data: unknown): boolean {
  return isRecord(data) && Object.hasOwn(data, 'format_version') && (Object.hasOwn(data, 'planned_values') || Object.hasOwn(data, 'resource_changes'));
}

const upper = (v: unknown): unknown => (typeof v === 'string' ? v.toUpperCase() : v);
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

class Lowering {
  // No prototype: a plan address is data, and `__proto__` in a hostile file must stay a key.
  private readonly out: Record<string, Lowered> = Object.create(null) as Record<string, Lowered>;
  /** Logical IDs of resources that stand for a part of a plan resource (`addr/route/0`) -> the address. */
  private readonly parts = new Map<string, string>();
  private readonly configuration: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  private readonly byConfigName = new Map<string, PlanResource[]>();
  private readonly byAddress: ReadonlyMap<string, PlanResource>;
  /** Known `arn`, `id`, `name` (and task definition `family`) values -> the resource. */
  private readonly byArn = new Map<string, PlanResource>();
  private readonly byId = new Map<string, PlanResource>();
  private readonly byName = new Map<string, PlanResource>();

  constructor(
    plan: Readonly<Record<string, unknown>>,
    private readonly resources: readonly PlanResource[],
  ) {
    this.configuration = configurationExpressions(plan);
    this.byAddress = new Map(resources.map((r) => [r.address, r]));
    for (const r of resources) {
      const key = `${r.module} ${r.type}.${r.name}`;
      this.byConfigName.set(key, [...(this.byConfigName.get(key) ?? []), r]);
      for (const [index, attribute] of [
        [this.byArn, 'arn'],
        [this.byId, 'id'],
        [this.byName, 'name'],
        [this.byName, 'family'],
      ] as const) {
        const value = own(r.values, attribute);
        if (typeof value === 'string' && value !== '' && !index.has(value)) index.set(value, r);
      }
    }
  }

  addressOf(id: string): string | undefined {
    return this.parts.get(id) ?? (this.byAddress.has(id) ? id : undefined);
  }

  template(): Cfn {
    for (const r of this.resources) this.lower(r);
    // Links made by separate resources, once every resource is lowered.
    for (const r of this.resources) this.link(r);
    return { AWSTemplateFormatVersion: '2010-09-09', Resources: this.out };
  }

  // --- values -----------------------------------------------------------------------------------

  /** An attribute, or an attribute of a nested block (`['network_configuration', 0, 'subnets']`). */
  private attribute(r: PlanResource, path: JsonPath): Attribute {
    let value: unknown = r.values;
    let unknownAt: unknown = r.afterUnknown;
    for (const key of path) {
      if (unknownAt === true) return { state: 'unknown' };
      unknownAt = isRecord(unknownAt) || Array.isArray(unknownAt) ? (unknownAt as Record<string | number, unknown>)[key] : undefined;
      if (Array.isArray(value) && typeof key === 'number') value = value[key];
      else if (isRecord(value) && typeof key === 'string') {
        // planned_values leaves out what after_unknown marks (Terraform JSON output format); missing and not marked: not set.
        if (!Object.hasOwn(value, key)) return unknownAt === true ? { state: 'unknown' } : { state: 'absent' };
        value = own(value, key);
      } else return { state: 'absent' };
    }
    if (unknownAt === true) return { state: 'unknown' };
    return value === null || value === undefined || value === '' ? { state: 'absent' } : { state: 'known', value };
  }

  private unknownValue(r: PlanResource, path: JsonPath): Cfn {
    return { [TERRAFORM_UNKNOWN]: `${r.address}.${path.join('.')}, known only after terraform apply` };
  }

  /** A scalar attribute: its value, a symbol when known only after apply, undefined when not set. */
  private scalar(r: PlanResource, path: JsonPath, map: (v: unknown) => unknown = (v) => v): unknown {
    const a = this.attribute(r, path);
    if (a.state === 'absent') return undefined;
    if (a.state === 'unknown') return this.unknownValue(r, path);
    return map(a.value);
  }

  /** An attribute pointing at one other resource (an ID, ARN or name). */
  private reference(r: PlanResource, path: JsonPath): unknown {
    const a = this.attribute(r, path);
    if (a.state === 'absent') return undefined;
    if (a.state === 'known') {
      if (typeof a.value !== 'string') return a.value;
      // A known value no planned resource has (an ARN computed from known parts): the configuration may still name the resource.
      const linked = this.literal(a.value);
      return linked === a.value ? (this.fromConfiguration(r, path)[0] ?? linked) : linked;
    }
    return this.fromConfiguration(r, path)[0] ?? this.unknownValue(r, path);
  }

  /** A list attribute of references (subnet_ids, security_group_ids, route_table_ids). */
  private references(r: PlanResource, path: JsonPath): unknown[] {
    const a = this.attribute(r, path);
    if (a.state === 'absent') return [];
    if (a.state === 'unknown') {
      const found = this.fromConfiguration(r, path);
      return found.length > 0 ? found : [this.unknownValue(r, path)];
    }
    const items = Array.isArray(a.value) ? a.value : [a.value];
    return items.flatMap((item, i) => {
      const itemState = this.attribute(r, [...path, i]);
      if (itemState.state === 'unknown') {
        const found = this.fromConfiguration(r, path);
        return found.length > 0 ? [found[Math.min(i, found.length - 1)]] : [this.unknownValue(r, [...path, i])];
      }
      return typeof item === 'string' && item !== '' ? [this.literal(item)] : [];
    });
  }

  /** A known ID, ARN or name: a `Ref` / `Fn::GetAtt` to the plan resource that has it, else the text. */
  private literal(value: string): unknown {
    const arn = this.byArn.get(value);
    if (arn) return { 'Fn::GetAtt': [arn.address, 'Arn'] };
    const target = this.byId.get(value) ?? this.byName.get(value);
    return target ? { Ref: target.address } : value;
  }

  /** The resources an attribute's configuration expression refers to, as Ref (IDs, names) or GetAtt Arn (ARNs). */
  private fromConfiguration(r: PlanResource, path: JsonPath): unknown[] {
    let expression: unknown = this.configuration.get(r.address.replace(/\[[^\]]*\]/g, ''));
    for (const key of path) {
      if (typeof key === 'number') expression = Array.isArray(expression) ? expression[Math.min(key, expression.length - 1)] : expression;
      else expression = own(expression, key);
    }
    const found: unknown[] = [];
    const seen = new Set<string>();
    for (const reference of list(own(expression, 'references'))) {
      if (typeof reference !== 'string') continue;
      const [type, name, attribute] = reference.split('.');
      if (type === undefined || name === undefined || NOT_RESOURCES.has(type)) continue;
      for (const target of this.byConfigName.get(`${r.module} ${type}.${name.replace(/\[.*$/, '')}`) ?? []) {
        if (seen.has(target.address)) continue;
        seen.add(target.address);
        const wantsArn = attribute === 'arn' || (attribute === undefined && /arns?$/.test(String(path[path.length - 1])));
        found.push(wantsArn ? { 'Fn::GetAtt': [target.address, 'Arn'] } : { Ref: target.address });
      }
    }
    return found;
  }

  /** A policy attribute (a JSON string); a policy known only after apply allows nothing known (see unknownPolicy). */
  private policy(r: PlanResource, path: JsonPath, resourcePolicy = false): unknown {
    const a = this.attribute(r, path);
    if (a.state === 'absent') return undefined;
    if (a.state === 'unknown') return unknownPolicy(this.unknownValue(r, path), resourcePolicy);
    return typeof a.value === 'string' ? parseEmbeddedPolicy(a.value) : a.value;
  }

  private configured(r: PlanResource, name: string): boolean {
    const expressions = this.configuration.get(r.address.replace(/\[[^\]]*\]/g, ''));
    return expressions === undefined || own(expressions, name) !== undefined;
  }

  // --- resources --------------------------------------------------------------------------------

  private put(id: string, type: string, properties: Cfn, address?: string): void {
    const compact = Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined));
    this.out[id] = { Type: type, Properties: compact };
    if (address !== undefined && address !== id) this.parts.set(id, address);
  }

  private lower(r: PlanResource): void {
    const a = r.address;
    switch (r.type) {
      case 'aws_ecs_task_definition': {
        const compat = this.attribute(r, ['requires_compatibilities']);
        return this.put(a, 'AWS::ECS::TaskDefinition', {
          RequiresCompatibilities: compat.state === 'known' ? list(compat.value).map(upper) : undefined,
          NetworkMode: this.scalar(r, ['network_mode']),
          RuntimePlatform:
            this.attribute(r, ['runtime_platform', 0, 'operating_system_family']).state === 'absent'
              ? undefined
              : { OperatingSystemFamily: this.scalar(r, ['runtime_platform', 0, 'operating_system_family']) },
          ExecutionRoleArn: this.reference(r, ['execution_role_arn']),
          ContainerDefinitions: this.containers(r),
        });
      }
      case 'aws_ecs_service': {
        const network = this.attribute(r, ['network_configuration', 0]).state !== 'absent';
        const assign = this.attribute(r, ['network_configuration', 0, 'assign_public_ip']);
        return this.put(a, 'AWS::ECS::Service', {
          TaskDefinition: this.reference(r, ['task_definition']),
          LaunchType: this.scalar(r, ['launch_type'], upper),
          PlatformVersion: this.scalar(r, ['platform_version']),
          CapacityProviderStrategy: list(own(r.values, 'capacity_provider_strategy')).map((s) => ({ CapacityProvider: own(s, 'capacity_provider') })),
          NetworkConfiguration: network
            ? {
                AwsvpcConfiguration: {
                  Subnets: this.references(r, ['network_configuration', 0, 'subnets']),
                  SecurityGroups: this.references(r, ['network_configuration', 0, 'security_groups']),
                  // assign_public_ip is a bool in Terraform, ENABLED/DISABLED in CloudFormation.
                  AssignPublicIp:
                    assign.state === 'known'
                      ? assign.value === true
                        ? 'ENABLED'
                        : 'DISABLED'
                      : assign.state === 'unknown'
                        ? this.unknownValue(r, ['network_configuration', 0, 'assign_public_ip'])
                        : 'DISABLED',
                },
              }
            : undefined,
        });
      }
      case 'aws_iam_role': {
        const inline = this.attribute(r, ['inline_policy']);
        const policies = inline.state === 'known' ? list(inline.value) : [];
        return this.put(a, 'AWS::IAM::Role', {
          RoleName: this.attribute(r, ['name']).state === 'known' ? this.scalar(r, ['name']) : undefined,
          Path: this.attribute(r, ['path']).state === 'known' ? this.scalar(r, ['path']) : undefined,
          AssumeRolePolicyDocument: this.policy(r, ['assume_role_policy'], true),
          Policies: policies
            .map((block, i) => ({ PolicyName: own(block, 'name') ?? `inline_policy[${i}]`, PolicyDocument: this.policy(r, ['inline_policy', i, 'policy']) }))
            .filter((p) => p.PolicyDocument !== undefined),
          ManagedPolicyArns: this.managedArns(r),
        });
      }
      case 'aws_iam_role_policy':
        return this.put(a, 'AWS::IAM::Policy', {
          PolicyName: this.scalar(r, ['name']) ?? a,
          PolicyDocument: this.policy(r, ['policy']),
          Roles: [this.reference(r, ['role'])].filter((v) => v !== undefined),
        });
      case 'aws_iam_policy':
        return this.put(a, 'AWS::IAM::ManagedPolicy', {
          ManagedPolicyName: this.attribute(r, ['name']).state === 'known' ? this.scalar(r, ['name']) : undefined,
          PolicyDocument: this.policy(r, ['policy']),
          Roles: [],
        });
      case 'aws_vpc_endpoint': {
        // `policy` is computed: not set in the configuration, the endpoint gets AWS's default full access.
        const policy = this.attribute(r, ['policy']).state === 'unknown' && !this.configured(r, 'policy') ? undefined : this.policy(r, ['policy'], true);
        return this.put(a, 'AWS::EC2::VPCEndpoint', {
          ServiceName: this.scalar(r, ['service_name']),
          VpcEndpointType: this.scalar(r, ['vpc_endpoint_type']),
          VpcId: this.reference(r, ['vpc_id']),
          PolicyDocument: policy,
          PrivateDnsEnabled: this.scalar(r, ['private_dns_enabled']),
          RouteTableIds: this.references(r, ['route_table_ids']),
          SubnetIds: this.references(r, ['subnet_ids']),
          SecurityGroupIds: this.references(r, ['security_group_ids']),
        });
      }
      case 'aws_vpc':
        return this.put(a, 'AWS::EC2::VPC', { CidrBlock: this.scalar(r, ['cidr_block']) });
      case 'aws_subnet':
        return this.put(a, 'AWS::EC2::Subnet', {
          VpcId: this.reference(r, ['vpc_id']),
          CidrBlock: this.scalar(r, ['cidr_block']),
          MapPublicIpOnLaunch: this.scalar(r, ['map_public_ip_on_launch']),
        });
      case 'aws_internet_gateway':
        return this.put(a, 'AWS::EC2::InternetGateway', {});
      case 'aws_egress_only_internet_gateway':
        return this.put(a, 'AWS::EC2::EgressOnlyInternetGateway', { VpcId: this.reference(r, ['vpc_id']) });
      case 'aws_nat_gateway':
        return this.put(a, 'AWS::EC2::NatGateway', { ConnectivityType: this.scalar(r, ['connectivity_type']), SubnetId: this.reference(r, ['subnet_id']) });
      case 'aws_route_table':
      case 'aws_default_route_table': {
        this.put(a, 'AWS::EC2::RouteTable', { VpcId: this.reference(r, ['vpc_id']) });
        const routes = this.attribute(r, ['route']);
        list(routes.state === 'known' ? routes.value : []).forEach((_, i) => this.route(r, `${a}/route/${i}`, ['route', i], { Ref: a }));
        return;
      }
      case 'aws_route':
        return this.route(r, a, [], this.reference(r, ['route_table_id']));
      case 'aws_route_table_association':
        return this.put(a, 'AWS::EC2::SubnetRouteTableAssociation', {
          SubnetId: this.reference(r, ['subnet_id']),
          RouteTableId: this.reference(r, ['route_table_id']),
        });
      case 'aws_security_group': {
        const ingress = this.attribute(r, ['ingress']);
        const rules =
          ingress.state === 'unknown'
            ? [{ IpProtocol: this.unknownValue(r, ['ingress']) }]
            : list(ingress.state === 'known' ? ingress.value : []).flatMap((_, i) => this.ingressRules(r, ['ingress', i], 'protocol', a));
        return this.put(a, 'AWS::EC2::SecurityGroup', {
          GroupDescription: this.scalar(r, ['description']),
          VpcId: this.reference(r, ['vpc_id']),
          SecurityGroupIngress: rules,
        });
      }
      case 'aws_security_group_rule': {
        if (own(r.values, 'type') !== 'ingress') return;
        const group = this.reference(r, ['security_group_id']);
        this.ingressRules(r, [], 'protocol', group).forEach((rule, i) =>
          this.put(`${a}/${i}`, 'AWS::EC2::SecurityGroupIngress', { GroupId: group, ...rule }, a),
        );
        return;
      }
      case 'aws_vpc_security_group_ingress_rule':
        return this.put(a, 'AWS::EC2::SecurityGroupIngress', {
          GroupId: this.reference(r, ['security_group_id']),
          IpProtocol: this.scalar(r, ['ip_protocol'], String),
          FromPort: this.scalar(r, ['from_port']),
          ToPort: this.scalar(r, ['to_port']),
          CidrIp: this.scalar(r, ['cidr_ipv4']),
          CidrIpv6: this.scalar(r, ['cidr_ipv6']),
          SourcePrefixListId: this.scalar(r, ['prefix_list_id']),
          SourceSecurityGroupId: this.reference(r, ['referenced_security_group_id']),
        });
      case 'aws_cloudwatch_log_group':
        return this.put(a, 'AWS::Logs::LogGroup', { LogGroupName: this.attribute(r, ['name']).state === 'known' ? this.scalar(r, ['name']) : undefined });
      case 'aws_ecr_repository':
        return this.put(a, 'AWS::ECR::Repository', { RepositoryName: this.scalar(r, ['name']) });
      case 'aws_ecr_pull_through_cache_rule':
        return this.put(a, 'AWS::ECR::PullThroughCacheRule', { EcrRepositoryPrefix: this.scalar(r, ['ecr_repository_prefix']) });
      case 'aws_iam_instance_profile':
        return this.put(a, 'AWS::IAM::InstanceProfile', { Roles: [this.reference(r, ['role'])].filter((v) => v !== undefined) });
      case 'aws_launch_template': {
        const arn = this.reference(r, ['iam_instance_profile', 0, 'arn']);
        const name = this.reference(r, ['iam_instance_profile', 0, 'name']);
        const profile = arn !== undefined ? { Arn: arn } : name !== undefined ? { Name: name } : undefined;
        return this.put(a, 'AWS::EC2::LaunchTemplate', { LaunchTemplateData: profile ? { IamInstanceProfile: profile } : {} });
      }
      case 'aws_instance':
        return this.put(a, 'AWS::EC2::Instance', { IamInstanceProfile: this.reference(r, ['iam_instance_profile']) });
      default:
        return;
    }
  }

  /** Attachments and associations, which change a resource lowered before. */
  private link(r: PlanResource): void {
    const target = (value: unknown, type: string): Lowered | undefined => {
      const id = refId(value);
      const lowered = id === undefined ? undefined : this.out[id];
      return lowered?.Type === type ? lowered : undefined;
    };
    switch (r.type) {
      case 'aws_iam_role_policy_attachment':
      case 'aws_iam_policy_attachment': {
        const roles = r.type === 'aws_iam_role_policy_attachment' ? [this.reference(r, ['role'])] : this.references(r, ['roles']);
        const policyArn = this.reference(r, ['policy_arn']);
        const managed = target(policyArn, 'AWS::IAM::ManagedPolicy');
        for (const role of roles) {
          const lowered = target(role, 'AWS::IAM::Role');
          if (!lowered) continue;
          if (managed) (managed.Properties['Roles'] as unknown[]).push({ Ref: refId(role) });
          // AWS managed policies by ARN: the check knows some by name (src/pull/known-policies.ts).
          else if (policyArn !== undefined) lowered.Properties['ManagedPolicyArns'] = [...list(lowered.Properties['ManagedPolicyArns']), policyArn];
        }
        return;
      }
      case 'aws_vpc_endpoint_route_table_association': {
        const endpoint = target(this.reference(r, ['vpc_endpoint_id']), 'AWS::EC2::VPCEndpoint');
        const table = this.reference(r, ['route_table_id']);
        if (endpoint && table !== undefined) endpoint.Properties['RouteTableIds'] = [...list(endpoint.Properties['RouteTableIds']), table];
        return;
      }
      case 'aws_vpc_endpoint_security_group_association': {
        const endpoint = target(this.reference(r, ['vpc_endpoint_id']), 'AWS::EC2::VPCEndpoint');
        const group = this.reference(r, ['security_group_id']);
        if (endpoint && group !== undefined) endpoint.Properties['SecurityGroupIds'] = [...list(endpoint.Properties['SecurityGroupIds']), group];
        return;
      }
      case 'aws_vpc_endpoint_policy': {
        const endpoint = target(this.reference(r, ['vpc_endpoint_id']), 'AWS::EC2::VPCEndpoint');
        const policy = this.policy(r, ['policy'], true);
        if (endpoint && policy !== undefined) endpoint.Properties['PolicyDocument'] = policy;
        return;
      }
      case 'aws_ecr_repository_policy': {
        const repository = target(this.reference(r, ['repository']), 'AWS::ECR::Repository');
        const policy = this.policy(r, ['policy'], true);
        if (repository && policy !== undefined) repository.Properties['RepositoryPolicyText'] = policy;
        return;
      }
      default:
        return;
    }
  }

  private managedArns(r: PlanResource): unknown[] {
    const declared = this.attribute(r, ['managed_policy_arns']);
    if (declared.state === 'unknown') return this.configured(r, 'managed_policy_arns') ? this.references(r, ['managed_policy_arns']) : [];
    return declared.state === 'known' ? list(declared.value).map((arn) => (typeof arn === 'string' ? this.literal(arn) : arn)) : [];
  }

  private route(r: PlanResource, id: string, at: JsonPath, table: unknown): void {
    this.put(
      id,
      'AWS::EC2::Route',
      {
        RouteTableId: table,
        DestinationCidrBlock: this.scalar(r, [...at, 'cidr_block']) ?? this.scalar(r, [...at, 'destination_cidr_block']),
        GatewayId: this.reference(r, [...at, 'gateway_id']),
        NatGatewayId: this.reference(r, [...at, 'nat_gateway_id']),
        EgressOnlyInternetGatewayId: this.reference(r, [...at, 'egress_only_gateway_id']),
      },
      r.address,
    );
  }

  /** An `ingress` block or an aws_security_group_rule: one CloudFormation rule per source. */
  private ingressRules(r: PlanResource, at: JsonPath, protocolKey: string, group: unknown): Cfn[] {
    const base = {
      IpProtocol: this.scalar(r, [...at, protocolKey], String),
      FromPort: this.scalar(r, [...at, 'from_port']),
      ToPort: this.scalar(r, [...at, 'to_port']),
    };
    const sources: Cfn[] = [];
    const each = (name: string, key: string, refs: boolean) => {
      const a = this.attribute(r, [...at, name]);
      if (a.state === 'unknown') sources.push({ [key]: this.unknownValue(r, [...at, name]) });
      if (a.state === 'known')
        list(a.value).forEach((item) => {
          if (typeof item === 'string' && item !== '') sources.push({ [key]: refs ? this.literal(item) : item });
        });
    };
    each('cidr_blocks', 'CidrIp', false);
    each('ipv6_cidr_blocks', 'CidrIpv6', false);
    each('prefix_list_ids', 'SourcePrefixListId', false);
    each('security_groups', 'SourceSecurityGroupId', true);
    const source = this.reference(r, [...at, 'source_security_group_id']);
    if (source !== undefined) sources.push({ SourceSecurityGroupId: source });
    if (this.attribute(r, [...at, 'self']).state === 'known' && own(this.attribute(r, [...at, 'self']), 'value') === true && group !== undefined) {
      sources.push({ SourceSecurityGroupId: typeof group === 'string' ? { Ref: group } : group });
    }
    return (sources.length > 0 ? sources : [{}]).map((s) => ({ ...base, ...s }));
  }

  /**
   * `container_definitions` is one JSON string with the Docker-style names (`name`, `image`,
   * `logConfiguration`, `secrets`, `environmentFiles`); known only after apply (an image from a resource's attribute), it is one
   * container whose image is unknown.
   */
  private containers(r: PlanResource): Cfn[] {
    const a = this.attribute(r, ['container_definitions']);
    if (a.state === 'unknown') return [{ Name: 'container_definitions', Image: this.unknownValue(r, ['container_definitions']) }];
    if (a.state !== 'known' || typeof a.value !== 'string') return [];
    return list(parseEmbeddedPolicy(a.value)).map((c, i) => {
      const log = own(c, 'logConfiguration');
      return {
        Name: own(c, 'name') ?? `container_definitions[${i}]`,
        Image: own(c, 'image'),
        ...(isRecord(log) ? { LogConfiguration: { LogDriver: own(log, 'logDriver'), Options: own(log, 'options') ?? {} } } : {}),
        Secrets: list(own(c, 'secrets')).map((s) => ({ Name: own(s, 'name'), ValueFrom: own(s, 'valueFrom') })),
        EnvironmentFiles: list(own(c, 'environmentFiles')).map((f) => ({ Type: own(f, 'type'), Value: own(f, 'value') })),
      };
    });
  }
}

const refId = (value: unknown): string | undefined => {
  const ref = own(value, 'Ref');
  if (typeof ref === 'string') return ref;
  const getAtt = own(value, 'Fn::GetAtt');
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
};

/**
 * A policy known only after apply: one Allow whose Resource is the unknown value. It allows no
 * request as written, and the check, reading the unknown value as one the input does not hold,
 * answers every request it would decide with unknown (never blocked).
 */
function unknownPolicy(value: Cfn, resourcePolicy: boolean): Cfn {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...(resourcePolicy ? { Principal: '*' } : {}), Action: '*', Resource: value }] };
}
