import type {
  ContainerModel,
  EndpointModel,
  IngressRuleModel,
  JsonPath,
  PolicyType,
  PolicyUnit,
  Reference,
  Resolved,
  ResourceType,
  RoleModel,
  SecurityGroupModel,
  SourceFile,
  StackModel,
  TaskDefinitionModel,
} from './types';
import {
  endpointPolicyType,
  endpointServiceOf,
  endpointType,
  isRecord,
  known,
  normalizeProtocol,
  own,
  parseEmbeddedPolicy,
  policyUnit,
  unknown,
} from './stack-helpers';
import { requireShape, sourceArg } from './shape';
import { checkArgs } from '../model/validate-args';

export interface TerraformPlanOptions {
  /** The Region; else the AWS provider's constant `region`, else the `region` attribute resources carry (provider v6). */
  readonly region?: string;
}

/** One resource instance of the plan, with its planned attribute values. */
export interface PlanResource {
  /** `module.network.aws_vpc_endpoint.s3`, `aws_subnet.private[0]`. */
  readonly address: string;
  /** `module.network` or `module.network[0]`; '' at the root. */
  readonly module: string;
  readonly type: string;
  readonly name: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** `after_unknown` of its change: `true` (or a structure holding `true`) where the value is known only after apply. */
  readonly afterUnknown: Readonly<Record<string, unknown>>;
  /** Path of the resource object and of its values in the plan file. */
  readonly path: JsonPath;
  readonly valuesPath: JsonPath;
}

/** An attribute as the plan knows it: set, not set (null), or known only after apply. */
export type Attribute = { readonly state: 'known'; readonly value: unknown } | { readonly state: 'absent' } | { readonly state: 'unknown' };

// Modules nest a handful of levels; this bounds the walk over a hostile file.
const MAX_MODULE_DEPTH = 32;

/**
 * Reads `terraform show -json PLANFILE` output (also state output, `values.root_module`) into the
 * policies it holds and the posture of its ECR pull path.
 *
 * Resources come from `planned_values` (root and child modules), else from `resource_changes`
 * (`change.after`). Policies are JSON strings in a plan: each becomes an `embedded` unit whose path
 * is the string's. An attribute missing from the planned values, or `true` in `after_unknown`, is
 * known only after apply: unknown, never a match. Links between resources (a policy attachment's
 * role, an endpoint's security groups) follow known IDs, ARNs and names, else the references of the
 * plan's `configuration` section.
 *
 * @example readTerraformPlan(parseJsonSource('plan.json', text)).endpoints
 */
export function readTerraformPlan(source: SourceFile, options: TerraformPlanOptions = {}): StackModel {
  checkArgs(sourceArg(source));
  checkPlanShape(source);
  const plan = source.data as Readonly<Record<string, unknown>>;
  const resources = planResources(plan);
  const reader = new PlanReader(source, plan, resources);
  const byType = (...types: string[]) => resources.filter((r) => types.includes(r.type));

  const policiesOf = new Map<PlanResource, PolicyUnit[]>(resources.map((r) => [r, reader.policies(r)]));
  return {
    source,
    format: 'terraform-plan',
    region: planRegion(plan, resources, options),
    endpoints: byType('aws_vpc_endpoint').map((r) => reader.endpoint(r, policiesOf)),
    securityGroups: byType('aws_security_group').map((r) => reader.securityGroup(r)),
    taskDefinitions: byType('aws_ecs_task_definition').map((r) => reader.taskDefinition(r)),
    roles: byType('aws_iam_role').map((r) => reader.role(r, policiesOf)),
    policies: [...policiesOf.values()].flat(),
    hasInternetRoute: resources.some((r) => reader.routesToInternet(r)),
  };
}

/** Sections of the wrong type would otherwise read as a plan with no resources (`terraform show -json` format). */
export function checkPlanShape(source: SourceFile): void {
  const plan = source.data;
  requireShape(source, [], plan, isRecord(plan), 'be the output of `terraform show -json` (a map)');
  for (const section of ['planned_values', 'values'] as const) {
    const value = own(plan, section);
    if (value === undefined || value === null) continue;
    requireShape(source, [section], value, isRecord(value), 'be a map with root_module');
    const root = own(value, 'root_module');
    if (root !== undefined) requireShape(source, [section, 'root_module'], root, isRecord(root), 'be a module (a map with resources and child_modules)');
  }
  for (const section of ['resource_changes', 'configuration'] as const) {
    const value = own(plan, section);
    const list = section === 'resource_changes';
    if (value !== undefined && value !== null)
      requireShape(source, [section], value, list ? Array.isArray(value) : isRecord(value), list ? 'be a list of changes' : 'be a map');
  }
}

// --- collecting resources ------------------------------------------------------------------------

export function planResources(plan: Readonly<Record<string, unknown>>): PlanResource[] {
  const changes = new Map<string, Readonly<Record<string, unknown>>>();
  for (const change of asArray(own(plan, 'resource_changes'))) {
    const address = own(change, 'address');
    const body = own(change, 'change');
    if (typeof address === 'string' && isRecord(body)) changes.set(address, body);
  }
  const unknownOf = (address: string) => {
    const afterUnknown = own(changes.get(address) ?? {}, 'after_unknown');
    return isRecord(afterUnknown) ? afterUnknown : {};
  };

  for (const section of ['planned_values', 'values'] as const) {
    const root = isRecord(own(plan, section)) ? own(own(plan, section) as Record<string, unknown>, 'root_module') : undefined;
    if (!isRecord(root)) continue;
    const found: PlanResource[] = [];
    const pending: { module: Readonly<Record<string, unknown>>; path: JsonPath; depth: number }[] = [
      { module: root, path: [section, 'root_module'], depth: 0 },
    ];
    while (pending.length > 0) {
      const { module, path, depth } = pending.shift()!;
      asArray(own(module, 'resources')).forEach((resource, i) => {
        const r = planResource(resource, [...path, 'resources', i], 'values', unknownOf);
        if (r) found.push(r);
      });
      if (depth >= MAX_MODULE_DEPTH) continue;
      asArray(own(module, 'child_modules')).forEach((child, i) => {
        if (isRecord(child)) pending.push({ module: child, path: [...path, 'child_modules', i], depth: depth + 1 });
      });
    }
    return found;
  }
  // No planned values: the changes' `after` (a resource being destroyed has none).
  return asArray(own(plan, 'resource_changes')).flatMap((change, i) => {
    if (!isRecord(change) || !isRecord(own(change, 'change'))) return [];
    const body = own(change, 'change') as Record<string, unknown>;
    const r = planResource({ ...change, values: own(body, 'after') }, ['resource_changes', i], ['change', 'after'], () => {
      const afterUnknown = own(body, 'after_unknown');
      return isRecord(afterUnknown) ? afterUnknown : {};
    });
    return r ? [r] : [];
  });
}

function planResource(
  raw: unknown,
  path: JsonPath,
  valuesKey: string | JsonPath,
  unknownOf: (address: string) => Readonly<Record<string, unknown>>,
): PlanResource | undefined {
  if (!isRecord(raw)) return undefined;
  const address = own(raw, 'address');
  const type = own(raw, 'type');
  const name = own(raw, 'name');
  const mode = own(raw, 'mode');
  const values = own(raw, 'values');
  if (typeof address !== 'string' || typeof type !== 'string' || typeof name !== 'string' || !isRecord(values)) return undefined;
  if (mode !== undefined && mode !== 'managed') return undefined;
  return {
    address,
    module: moduleOf(address, own(raw, 'module_address')),
    type,
    name,
    values,
    afterUnknown: unknownOf(address),
    path,
    valuesPath: [...path, ...(typeof valuesKey === 'string' ? [valuesKey] : valuesKey)],
  };
}

/** The module part of an instance address: `module.a["x"].module.b` of `module.a["x"].module.b.aws_s3_bucket.c[0]`. */
function moduleOf(address: string, moduleAddress: unknown): string {
  if (typeof moduleAddress === 'string') return moduleAddress;
  const match = /^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)/.exec(address);
  return (match?.[1] ?? '').replace(/\.$/, '');
}

const asArray = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

export function planRegion(plan: Readonly<Record<string, unknown>>, resources: readonly PlanResource[], options: TerraformPlanOptions): Resolved<string> {
  if (options.region !== undefined) return known(options.region);
  const configuration = own(plan, 'configuration');
  const providers = own(configuration, 'provider_config');
  const regions = new Set<string>();
  for (const provider of Object.values(isRecord(providers) ? providers : {})) {
    if (!isRecord(provider) || own(provider, 'name') !== 'aws') continue;
    const expressions = own(provider, 'expressions');
    const region = own(expressions, 'region');
    const value = own(region, 'constant_value');
    if (typeof value === 'string') regions.add(value);
  }
  if (regions.size === 0) {
    for (const r of resources) {
      const value = own(r.values, 'region');
      if (r.type.startsWith('aws_') && typeof value === 'string') regions.add(value);
    }
  }
  // Several Regions (aliased providers): no one Region for the stack.
  return regions.size === 1 ? known([...regions][0]!) : unknown({ provider_config: 'aws.region' });
}

// --- reading ------------------------------------------------------------------------------------

const IDENTITY_POLICY_TYPES: Readonly<Record<string, string>> = {
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
};
/** Terraform resource type -> the attribute holding its resource policy and the resource it is attached to. */
const RESOURCE_POLICY_TYPES: Readonly<Record<string, readonly [string, ResourceType]>> = {
  aws_s3_bucket_policy: ['policy', 'AWS::S3::Bucket'],
  aws_s3_access_point: ['policy', 'AWS::S3::AccessPoint'],
  aws_ecr_repository_policy: ['policy', 'AWS::ECR::Repository'],
  aws_kms_key: ['policy', 'AWS::KMS::Key'],
  aws_kms_key_policy: ['policy', 'AWS::KMS::Key'],
  aws_sqs_queue_policy: ['policy', 'AWS::SQS::Queue'],
  aws_sns_topic_policy: ['policy', 'AWS::SNS::Topic'],
  aws_secretsmanager_secret_policy: ['policy', 'AWS::SecretsManager::Secret'],
};
const REFERENCE_ATTRIBUTES = ['id', 'arn', 'name'] as const;
const NOT_RESOURCES: ReadonlySet<string> = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self']);

class PlanReader {
  private readonly configuration: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** Plan resources by known `id`, `arn` and `name` (one map each), for links by literal value. */
  private readonly byAttribute: readonly ReadonlyMap<string, PlanResource>[];
  /** Plan resources by module instance, type and name (`module.a[0] aws_x.y`), for configuration references. */
  private readonly byConfigName: ReadonlyMap<string, readonly PlanResource[]>;
  private readonly byAddress: ReadonlyMap<string, PlanResource>;
  private readonly links = new Map<string, Map<string, PlanResource[]>>();

  constructor(
    private readonly source: SourceFile,
    plan: Readonly<Record<string, unknown>>,
    private readonly resources: readonly PlanResource[],
  ) {
    this.configuration = configurationExpressions(plan);
    this.byAttribute = REFERENCE_ATTRIBUTES.map((key) => {
      const index = new Map<string, PlanResource>();
      for (const r of resources) {
        const value = own(r.values, key);
        if (typeof value === 'string' && !index.has(value)) index.set(value, r);
      }
      return index;
    });
    const byConfigName = new Map<string, PlanResource[]>();
    for (const r of resources) {
      const key = `${r.module} ${r.type}.${r.name}`;
      const same = byConfigName.get(key);
      if (same) same.push(r);
      else byConfigName.set(key, [r]);
    }
    this.byConfigName = byConfigName;
    this.byAddress = new Map(resources.map((r) => [r.address, r]));
  }

  policies(r: PlanResource): PolicyUnit[] {
    const identity = own(IDENTITY_POLICY_TYPES, r.type);
    if (typeof identity === 'string') return this.policy(r, [identity], 'identity');
    const resource = own(RESOURCE_POLICY_TYPES, r.type);
    if (Array.isArray(resource)) return this.policy(r, [resource[0]], 'resource', resource[1]);
    switch (r.type) {
      case 'aws_iam_role': {
        const inline = this.attribute(r, 'inline_policy');
        const blocks = inline.state === 'known' ? asArray(inline.value) : [];
        return [
          ...blocks.flatMap((block, i) => (isRecord(block) ? this.policyString(r, own(block, 'policy'), ['inline_policy', i, 'policy'], 'identity') : [])),
          ...this.policy(r, ['assume_role_policy'], 'trust', 'AWS::IAM::AssumeRolePolicyDocument'),
        ];
      }
      case 'aws_organizations_policy': {
        // Only these two types hold an IAM policy in content; tag, backup and AI opt-out policies do not.
        const type = this.attribute(r, 'type');
        if (type.state !== 'known') return [];
        if (type.value === 'SERVICE_CONTROL_POLICY') return this.policy(r, ['content'], 'scp');
        if (type.value === 'RESOURCE_CONTROL_POLICY') return this.policy(r, ['content'], 'rcp');
        return [];
      }
      case 'aws_vpc_endpoint':
        return this.policy(r, ['policy'], endpointPolicyType(this.endpointType(r)));
      case 'aws_vpc_endpoint_policy': {
        const endpoint = this.referencedResources(r, 'vpc_endpoint_id', ['aws_vpc_endpoint'])[0];
        return this.policy(r, ['policy'], endpoint ? endpointPolicyType(this.endpointType(endpoint)) : 'vpc-endpoint-interface');
      }
      default:
        return [];
    }
  }

  private policy(r: PlanResource, attributePath: JsonPath, policyType: PolicyType, resourceType?: ResourceType): PolicyUnit[] {
    const attribute = this.attribute(r, String(attributePath[0]));
    return attribute.state === 'known' ? this.policyString(r, attribute.value, attributePath, policyType, resourceType) : [];
  }

  private policyString(r: PlanResource, value: unknown, attributePath: JsonPath, policyType: PolicyType, resourceType?: ResourceType): PolicyUnit[] {
    const path = [...r.valuesPath, ...attributePath];
    // null: not set, or known only after apply. Anything but a string is a malformed plan, not "no policy".
    if (value !== null && value !== undefined) requireShape(this.source, path, value, typeof value === 'string', 'be a policy as a JSON string');
    if (typeof value !== 'string' || value.trim() === '') return [];
    const typed = resourceType === undefined ? {} : { resourceType };
    return [policyUnit({ source: this.source, document: parseEmbeddedPolicy(value), path, policyType, ...typed, resource: r.address, text: value })];
  }

  endpoint(r: PlanResource, policiesOf: ReadonlyMap<PlanResource, readonly PolicyUnit[]>): EndpointModel {
    const serviceName = this.resolvedString(r, 'service_name');
    const service = endpointServiceOf(serviceName.known ? serviceName.value : undefined);
    const dns = this.attribute(r, 'private_dns_enabled');
    const associated = (type: string, attribute: string) => this.linked([type], 'vpc_endpoint_id', r).flatMap((a) => this.references(a, attribute));
    // A separate aws_vpc_endpoint_policy replaces the endpoint's own policy attribute.
    const separatePolicy = this.linked(['aws_vpc_endpoint_policy'], 'vpc_endpoint_id', r)[0];
    const policy = (separatePolicy ? policiesOf.get(separatePolicy) : undefined)?.[0] ?? policiesOf.get(r)?.[0];
    return {
      resource: r.address,
      path: r.path,
      serviceName,
      ...(service !== undefined ? { service } : {}),
      type: this.endpointType(r),
      // The provider's default is false.
      privateDnsEnabled:
        dns.state === 'absent'
          ? known(false)
          : dns.state === 'known' && typeof dns.value === 'boolean'
            ? known(dns.value)
            : unknown({ attribute: 'private_dns_enabled', state: dns.state }),
      routeTableIds: [...this.references(r, 'route_table_ids'), ...associated('aws_vpc_endpoint_route_table_association', 'route_table_id')],
      securityGroups: [...this.references(r, 'security_group_ids'), ...associated('aws_vpc_endpoint_security_group_association', 'security_group_id')],
      ...(policy ? { policy } : {}),
    };
  }

  private endpointType(r: PlanResource): EndpointModel['type'] {
    const type = this.attribute(r, 'vpc_endpoint_type');
    // The provider's default is Gateway.
    if (type.state === 'absent') return known('Gateway');
    return type.state === 'known' && typeof type.value === 'string' ? endpointType(known(type.value)) : unknown({ after_unknown: 'vpc_endpoint_type' });
  }

  securityGroup(r: PlanResource): SecurityGroupModel {
    const inline = this.attribute(r, 'ingress');
    const inlineRules =
      inline.state === 'unknown'
        ? [unknownRule([...r.valuesPath, 'ingress'])]
        : inline.state === 'known'
          ? asArray(inline.value).flatMap((block, i) => this.blockRules(r, block, [...r.valuesPath, 'ingress', i], 'protocol'))
          : [];
    const separate = this.linked(['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule'], 'security_group_id', r).flatMap((rule) => {
      if (rule.type === 'aws_vpc_security_group_ingress_rule') return [this.vpcIngressRule(rule)];
      const isIngress = this.attribute(rule, 'type').state === 'known' && own(rule.values, 'type') === 'ingress';
      return isIngress ? this.blockRules(r, rule.values, rule.valuesPath, 'protocol', rule) : [];
    });
    return { resource: r.address, path: r.path, ingress: [...inlineRules, ...separate] };
  }

  /** An `ingress` block or aws_security_group_rule: one rule per source (CIDR, prefix list, group). */
  private blockRules(group: PlanResource, block: unknown, path: JsonPath, protocolKey: string, rule?: PlanResource): IngressRuleModel[] {
    if (!isRecord(block)) return [unknownRule(path)];
    const field = (name: string): Attribute => (rule ? this.attribute(rule, name) : blockAttribute(block, name));
    const protocol = field(protocolKey);
    const base = {
      protocol: normalizeProtocol(protocol.state === 'known' && isScalar(protocol.value) ? known(String(protocol.value)) : unknown(protocol)),
      fromPort: port(field('from_port')),
      toPort: port(field('to_port')),
      path,
    };
    const sources: Reference[] = [];
    // An aws_security_group_rule names its source group in source_security_group_id, a block in security_groups.
    for (const name of ['cidr_blocks', 'ipv6_cidr_blocks', 'prefix_list_ids', ...(rule ? [] : ['security_groups'])]) {
      const value = field(name);
      if (value.state === 'unknown') sources.push({});
      if (value.state === 'known') for (const item of asArray(value.value)) if (typeof item === 'string') sources.push(this.literalReference(item));
    }
    if (rule) sources.push(...this.references(rule, 'source_security_group_id'));
    const self = field('self');
    if (self.state === 'known' && self.value === true) sources.push({ resource: group.address });
    return (sources.length > 0 ? sources : [{}]).map((source) => ({ ...base, source }));
  }

  private vpcIngressRule(rule: PlanResource): IngressRuleModel {
    const protocol = this.attribute(rule, 'ip_protocol');
    const source = ['cidr_ipv4', 'cidr_ipv6', 'referenced_security_group_id', 'prefix_list_id']
      .map((name) => ({ name, attribute: this.attribute(rule, name) }))
      .find(({ attribute }) => attribute.state !== 'absent');
    return {
      protocol: normalizeProtocol(protocol.state === 'known' && isScalar(protocol.value) ? known(String(protocol.value)) : unknown(protocol)),
      fromPort: port(this.attribute(rule, 'from_port')),
      toPort: port(this.attribute(rule, 'to_port')),
      source: source ? (this.references(rule, source.name)[0] ?? {}) : {},
      path: rule.valuesPath,
    };
  }

  taskDefinition(r: PlanResource): TaskDefinitionModel {
    const compatibilities = this.attribute(r, 'requires_compatibilities');
    const executionRole = this.attribute(r, 'execution_role_arn');
    const platformVersion = this.platformVersion(r);
    return {
      resource: r.address,
      path: r.path,
      compatibilities: compatibilities.state === 'known' ? asArray(compatibilities.value).flatMap((c) => (typeof c === 'string' ? [c.toUpperCase()] : [])) : [],
      ...(platformVersion ? { platformVersion } : {}),
      ...(executionRole.state !== 'absent' ? { executionRole: this.references(r, 'execution_role_arn')[0] ?? {} } : {}),
      containers: this.containers(r),
    };
  }

  /** `container_definitions` is one JSON string: its containers share its path. Unknown until apply: none. */
  private containers(r: PlanResource): ContainerModel[] {
    const definitions = this.attribute(r, 'container_definitions');
    if (definitions.state !== 'known' || typeof definitions.value !== 'string') return [];
    const parsed = parseEmbeddedPolicy(definitions.value);
    const path = [...r.valuesPath, 'container_definitions'];
    const text = (v: unknown): Resolved<string> => (typeof v === 'string' ? known(v) : unknown(v));
    return asArray(parsed).map((container, i) => {
      const name = own(container, 'name');
      const logConfiguration = own(container, 'logConfiguration');
      const logDriver = own(logConfiguration, 'logDriver');
      const createGroup = own(own(logConfiguration, 'options'), 'awslogs-create-group');
      return {
        name: typeof name === 'string' ? name : `container_definitions[${i}]`,
        image: text(own(container, 'image')),
        ...(logDriver !== undefined ? { logDriver: text(logDriver) } : {}),
        createsLogGroup: createGroup === true || (typeof createGroup === 'string' && createGroup.toLowerCase() === 'true'),
        secretArns: asArray(own(container, 'secrets')).map((s) => text(own(s, 'valueFrom'))),
        path,
      };
    });
  }

  private platformVersion(taskDefinition: PlanResource): Resolved<string> | undefined {
    const service = this.linked(['aws_ecs_service'], 'task_definition', taskDefinition)[0];
    if (!service) return undefined;
    const version = this.attribute(service, 'platform_version');
    return version.state === 'absent' ? undefined : this.resolvedString(service, 'platform_version');
  }

  /**
   * A role with its inline policies (`inline_policy`, aws_iam_role_policy) and the aws_iam_policy
   * documents of this plan attached to it (aws_iam_role_policy_attachment, aws_iam_policy_attachment);
   * other attached ARNs are listed as managed policy ARNs.
   */
  role(r: PlanResource, policiesOf: ReadonlyMap<PlanResource, readonly PolicyUnit[]>): RoleModel {
    const own_ = policiesOf.get(r) ?? [];
    const inline = this.linked(['aws_iam_role_policy'], 'role', r);
    const attachments = [...this.linked(['aws_iam_role_policy_attachment'], 'role', r), ...this.linked(['aws_iam_policy_attachment'], 'roles', r)];
    const attached: PolicyUnit[] = [];
    const managedPolicyArns: Resolved<string>[] = [];
    const declared = this.attribute(r, 'managed_policy_arns');
    if (declared.state === 'unknown') managedPolicyArns.push(unknown({ after_unknown: 'managed_policy_arns' }));
    if (declared.state === 'known') for (const arn of asArray(declared.value)) if (typeof arn === 'string') managedPolicyArns.push(known(arn));
    for (const attachment of attachments) {
      const policy = this.referencedResources(attachment, 'policy_arn', ['aws_iam_policy'])[0];
      if (policy) attached.push(...(policiesOf.get(policy) ?? []));
      else managedPolicyArns.push(this.resolvedString(attachment, 'policy_arn'));
    }
    const trustPolicy = own_.find((u) => u.policyType === 'trust');
    return {
      resource: r.address,
      path: r.path,
      policies: [...own_.filter((u) => u.policyType !== 'trust'), ...inline.flatMap((p) => policiesOf.get(p) ?? []), ...attached],
      managedPolicyArns,
      ...(trustPolicy ? { trustPolicy } : {}),
    };
  }

  /** A NAT gateway (not a private one), or a route to an internet, egress-only or NAT gateway. */
  routesToInternet(r: PlanResource): boolean {
    if (r.type === 'aws_nat_gateway') return own(r.values, 'connectivity_type') !== 'private';
    if (r.type === 'aws_route') return this.routeLeavesVpc(r.values, (name) => this.attribute(r, name), r);
    if (r.type === 'aws_route_table' || r.type === 'aws_default_route_table') {
      const routes = this.attribute(r, 'route');
      return (
        routes.state === 'known' && asArray(routes.value).some((route) => isRecord(route) && this.routeLeavesVpc(route, (name) => blockAttribute(route, name)))
      );
    }
    return false;
  }

  private routeLeavesVpc(values: Readonly<Record<string, unknown>>, field: (name: string) => Attribute, r?: PlanResource): boolean {
    const set = (name: string) => {
      const a = field(name);
      return a.state === 'unknown' || (a.state === 'known' && typeof a.value === 'string' && a.value !== '');
    };
    if (set('nat_gateway_id') || set('egress_only_gateway_id')) return true;
    if (!set('gateway_id')) return false;
    // gateway_id also takes virtual private gateways (vgw-…), which lead to a VPN, not the internet.
    const gateway = own(values, 'gateway_id');
    if (typeof gateway === 'string') return !gateway.startsWith('vgw-');
    return !(r && this.configReferences(r, 'gateway_id').some((target) => target.type === 'aws_vpn_gateway'));
  }

  // --- attributes and references ------------------------------------------------------------------

  private attribute(r: PlanResource, name: string): Attribute {
    if (own(r.afterUnknown, name) === true) return { state: 'unknown' };
    if (!Object.prototype.hasOwnProperty.call(r.values, name)) return { state: 'unknown' };
    const value = r.values[name];
    return value === null ? { state: 'absent' } : { state: 'known', value };
  }

  private resolvedString(r: PlanResource, name: string): Resolved<string> {
    const a = this.attribute(r, name);
    return a.state === 'known' && typeof a.value === 'string' ? known(a.value) : unknown({ attribute: name, state: a.state });
  }

  /**
   * Where an attribute points. A known value (an ID, ARN or name) names the plan resource that has
   * it, if any; a value known only after apply names the resources the configuration refers to; an
   * unknown list with no such reference stands as one unknown reference.
   */
  private references(r: PlanResource, name: string): Reference[] {
    const a = this.attribute(r, name);
    if (a.state === 'absent') return [];
    const fromConfiguration = () => {
      const targets = this.configReferences(r, name);
      return targets.length > 0 ? targets.map((t) => ({ resource: t.address })) : [{}];
    };
    if (a.state === 'unknown') return fromConfiguration();
    const items = Array.isArray(a.value) ? a.value : [a.value];
    const unknownItems = own(r.afterUnknown, name);
    return items.flatMap((item, i) => {
      if (Array.isArray(unknownItems) && unknownItems[i] === true) return fromConfiguration();
      return typeof item === 'string' ? [this.literalReference(item)] : [];
    });
  }

  private referencedResources(r: PlanResource, name: string, types: readonly string[]): PlanResource[] {
    const addresses = new Set(this.references(r, name).flatMap((ref) => (ref.resource !== undefined ? [ref.resource] : [])));
    return [...addresses].flatMap((address) => {
      const target = this.byAddress.get(address);
      return target && types.includes(target.type) ? [target] : [];
    });
  }

  /**
   * The resources of `types` whose `attribute` points at `target`, in plan order. The index of each
   * (types, attribute) is built once: every group asking for its rules would otherwise scan the plan.
   */
  private linked(types: readonly string[], attribute: string, target: PlanResource): readonly PlanResource[] {
    const key = `${types.join(',')} ${attribute}`;
    let index = this.links.get(key);
    if (!index) {
      index = new Map();
      for (const p of this.resources) {
        if (!types.includes(p.type)) continue;
        for (const ref of this.references(p, attribute)) {
          if (ref.resource === undefined) continue;
          const list = index.get(ref.resource);
          if (!list) index.set(ref.resource, [p]);
          else if (!list.includes(p)) list.push(p);
        }
      }
      this.links.set(key, index);
    }
    return index.get(target.address) ?? [];
  }

  /**
   * A literal ID, ARN or name, with the plan resource that has it. IDs and ARNs are unique; a name
   * may be shared by a role and a policy, so it is matched last.
   */
  private literalReference(value: string): Reference {
    for (const index of this.byAttribute) {
      const target = index.get(value);
      if (target) return { resource: target.address, literal: value };
    }
    return { literal: value };
  }

  /** Resources the configuration expression of an attribute refers to, in the resource's module instance. */
  private configReferences(r: PlanResource, name: string): PlanResource[] {
    const expressions = this.configuration.get(configAddress(r));
    const expression = expressions ? own(expressions, name) : undefined;
    const references = isRecord(expression) ? asArray(own(expression, 'references')) : [];
    const found: PlanResource[] = [];
    for (const reference of references) {
      if (typeof reference !== 'string') continue;
      const [first, second] = reference.split('.');
      // `data.x.y` is a data source, not a managed resource of the plan; `var.x`, `module.y.z` … are no resources.
      if (first === undefined || second === undefined || first === 'data' || NOT_RESOURCES.has(first)) continue;
      const targets = this.byConfigName.get(`${r.module} ${first}.${second.replace(/\[.*$/, '')}`) ?? [];
      for (const p of targets) if (!found.includes(p)) found.push(p);
    }
    return found;
  }
}

function unknownRule(path: JsonPath): IngressRuleModel {
  const u = unknown({ after_unknown: 'ingress' });
  return { protocol: u, fromPort: u, toPort: u, source: {}, path };
}

function port(a: Attribute): Resolved<number> {
  if (a.state === 'absent') return known(-1);
  if (a.state === 'known' && typeof a.value === 'number' && Number.isFinite(a.value)) return known(a.value);
  return unknown(a);
}

/** An attribute of a nested block (ingress, route): the block as a whole carries its unknown state. */
function blockAttribute(block: Readonly<Record<string, unknown>>, name: string): Attribute {
  const value = own(block, name);
  return value === undefined || value === null ? { state: 'absent' } : { state: 'known', value };
}

const isScalar = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

/** The configuration address of an instance: module and resource indices dropped. */
const configAddress = (r: PlanResource): string => r.address.replace(/\[[^\]]*\]/g, '');

/** `expressions` of every resource of the configuration, by configuration address (`module.a.aws_x.y`). */
export function configurationExpressions(plan: Readonly<Record<string, unknown>>): Map<string, Readonly<Record<string, unknown>>> {
  const result = new Map<string, Readonly<Record<string, unknown>>>();
  const configuration = own(plan, 'configuration');
  const root = own(configuration, 'root_module');
  const pending: { module: unknown; prefix: string; depth: number }[] = [{ module: root, prefix: '', depth: 0 }];
  while (pending.length > 0) {
    const { module, prefix, depth } = pending.pop()!;
    if (!isRecord(module)) continue;
    for (const resource of asArray(own(module, 'resources'))) {
      if (!isRecord(resource)) continue;
      const address = own(resource, 'address');
      const expressions = own(resource, 'expressions');
      if (typeof address === 'string' && isRecord(expressions)) result.set(prefix + address, expressions);
    }
    const calls = own(module, 'module_calls');
    if (!isRecord(calls) || depth >= MAX_MODULE_DEPTH) continue;
    for (const [name, call] of Object.entries(calls)) {
      if (isRecord(call)) pending.push({ module: own(call, 'module'), prefix: `${prefix}module.${name}.`, depth: depth + 1 });
    }
  }
  return result;
}
