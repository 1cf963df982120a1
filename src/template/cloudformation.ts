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
  evaluateCondition,
  isNoValue,
  referencedResources,
  resolveBoolean,
  resolveList,
  resolveNumber,
  resolvePartialString,
  resolveReference,
  resolveString,
  substituteIntrinsics,
  templateContext,
  type IntrinsicContext,
} from './intrinsics';
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

export interface CloudFormationOptions {
  /** The Region the stack deploys to: `AWS::Region` (and Partition, URLSuffix) are unknown without it. */
  readonly region?: string;
  /** The account the stack deploys to: `AWS::AccountId` is unknown without it. */
  readonly accountId?: string;
}

interface TemplateResource {
  readonly id: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly path: JsonPath;
}

/** One item of a list property with its path in the file. */
interface Item {
  readonly value: unknown;
  readonly path: JsonPath;
}

/**
 * Reads a CloudFormation template (parsed by `parseJsonSource` or `parseYamlSource`) into the
 * policies it holds and the posture of its ECR pull path.
 *
 * Policies: AWS::IAM::Role (inline: identity; AssumeRolePolicyDocument: trust), AWS::IAM::Policy,
 * AWS::IAM::ManagedPolicy and AWS::IAM::RolePolicy (identity, attached to the roles they name),
 * AWS::IAM::User / Group inline policies (identity), AWS::EC2::VPCEndpoint (endpoint policy, typed
 * by VpcEndpointType), AWS::S3::BucketPolicy and AWS::ECR::Repository (resource). Each document keeps
 * its unresolvable intrinsics as written (rules skip non-strings) and loses `AWS::NoValue` parts.
 * Resources whose Condition is statically false are left out.
 *
 * @example readCloudFormation(parseYamlSource('stack.yaml', text), { region: 'eu-west-1' }).endpoints
 */
export function readCloudFormation(source: SourceFile, options: CloudFormationOptions = {}): StackModel {
  checkArgs(sourceArg(source));
  checkTemplateShape(source);
  const context = templateContext(source.data, options);
  const resources = liveResources(context);
  const reader = new TemplateReader(source, context, resources);
  const byType = (type: string) => resources.filter((r) => r.type === type);

  const policiesOf = new Map<string, PolicyUnit[]>(resources.map((r) => [r.id, reader.policies(r)]));
  const endpoints = byType('AWS::EC2::VPCEndpoint').map((r) => reader.endpoint(r, policiesOf.get(r.id)?.[0]));
  return {
    source,
    format: 'cloudformation',
    region: options.region !== undefined ? known(options.region) : unknown({ Ref: 'AWS::Region' }),
    endpoints,
    securityGroups: reader.securityGroups(),
    taskDefinitions: byType('AWS::ECS::TaskDefinition').map((r) => reader.taskDefinition(r)),
    roles: reader.roles(policiesOf),
    policies: [...policiesOf.values()].flat(),
    hasInternetRoute: resources.some((r) => reader.routesToInternet(r)),
  };
}

/** A template whose sections have the wrong type would otherwise read as a template with nothing in it. */
function checkTemplateShape(source: SourceFile): void {
  const data = source.data;
  requireShape(source, [], data, isRecord(data), 'be a CloudFormation template (a map with Resources)');
  const template = data as Readonly<Record<string, unknown>>;
  for (const section of ['Resources', 'Parameters', 'Conditions', 'Mappings', 'Outputs'] as const) {
    const value = own(template, section);
    if (value !== undefined) requireShape(source, [section], value, isRecord(value), `be a map of logical IDs (CloudFormation template anatomy)`);
  }
  for (const [id, resource] of Object.entries((own(template, 'Resources') as Readonly<Record<string, unknown>> | undefined) ?? {})) {
    // `Fn::ForEach::Name` (AWS::LanguageExtensions) is a list that expands into resources.
    if (id.startsWith('Fn::')) continue;
    requireShape(source, ['Resources', id], resource, isRecord(resource), 'be a resource (a map with Type and Properties)');
    const type = own(resource, 'Type');
    requireShape(source, ['Resources', id, 'Type'], type, typeof type === 'string', 'be a resource type name such as AWS::IAM::Role');
  }
}

/** Resources with a Type, minus those whose Condition is known to be false. */
function liveResources(context: IntrinsicContext): TemplateResource[] {
  return Object.entries(context.resources).flatMap(([id, resource]) => {
    if (!isRecord(resource)) return [];
    const type = own(resource, 'Type');
    const condition = own(resource, 'Condition');
    if (typeof type !== 'string') return [];
    if (typeof condition === 'string' && evaluateCondition(condition, context) === false) return [];
    const properties = own(resource, 'Properties');
    return [{ id, type, properties: isRecord(properties) ? properties : {}, path: ['Resources', id] }];
  });
}

const IDENTITY_POLICY_OWNERS = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy'];

class TemplateReader {
  private readonly byId: ReadonlyMap<string, TemplateResource>;

  constructor(
    private readonly source: SourceFile,
    private readonly context: IntrinsicContext,
    private readonly resources: readonly TemplateResource[],
  ) {
    this.byId = new Map(resources.map((r) => [r.id, r]));
  }

  /** The policy documents a resource holds, in the order of its properties. */
  policies(resource: TemplateResource): PolicyUnit[] {
    const document = (property: string, type: PolicyType, resourceType?: ResourceType) => this.policy(resource, [property], type, resourceType);
    const inline = () =>
      this.items(resource, 'Policies').flatMap((item) =>
        isRecord(item.value) ? this.policyAt(own(item.value, 'PolicyDocument'), [...item.path, 'PolicyDocument'], 'identity', resource.id) : [],
      );
    switch (resource.type) {
      case 'AWS::IAM::Role':
        return [...inline(), ...document('AssumeRolePolicyDocument', 'trust', 'AWS::IAM::AssumeRolePolicyDocument')];
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group':
        return inline();
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::IAM::RolePolicy':
        return document('PolicyDocument', 'identity');
      case 'AWS::EC2::VPCEndpoint':
        return document('PolicyDocument', endpointPolicyType(this.endpointType(resource)));
      case 'AWS::S3::BucketPolicy':
        return document('PolicyDocument', 'resource', 'AWS::S3::Bucket');
      case 'AWS::S3::AccessPoint':
        return document('Policy', 'resource', 'AWS::S3::AccessPoint');
      case 'AWS::ECR::Repository':
        return document('RepositoryPolicyText', 'resource', 'AWS::ECR::Repository');
      case 'AWS::KMS::Key':
        return document('KeyPolicy', 'resource', 'AWS::KMS::Key');
      case 'AWS::SQS::QueuePolicy':
        return document('PolicyDocument', 'resource', 'AWS::SQS::Queue');
      case 'AWS::SNS::TopicPolicy':
        return document('PolicyDocument', 'resource', 'AWS::SNS::Topic');
      case 'AWS::SecretsManager::ResourcePolicy':
        return document('ResourcePolicy', 'resource', 'AWS::SecretsManager::Secret');
      case 'AWS::Organizations::Policy': {
        // Type SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY holds an IAM policy in Content; the other types (tag, backup, AI opt-out) do not.
        const type = this.property(resource, 'Type');
        const value = type === undefined ? undefined : resolveString(type, this.context);
        if (value?.known !== true) return [];
        if (value.value === 'SERVICE_CONTROL_POLICY') return document('Content', 'scp');
        if (value.value === 'RESOURCE_CONTROL_POLICY') return document('Content', 'rcp');
        return [];
      }
      default:
        return [];
    }
  }

  private policy(resource: TemplateResource, property: JsonPath, type: PolicyType, resourceType?: ResourceType): PolicyUnit[] {
    return this.policyAt(own(resource.properties, String(property[0])), [...resource.path, 'Properties', ...property], type, resource.id, resourceType);
  }

  private policyAt(raw: unknown, path: JsonPath, policyType: PolicyType, resource: string, resourceType?: ResourceType): PolicyUnit[] {
    if (raw === undefined || isNoValue(raw, this.context)) return [];
    const document = substituteIntrinsics(raw, this.context);
    const typed = resourceType === undefined ? {} : { resourceType };
    // CloudFormation also takes a policy as a JSON string.
    if (typeof document === 'string') {
      return [policyUnit({ source: this.source, document: parseEmbeddedPolicy(document), path, policyType, ...typed, resource, text: document })];
    }
    return [policyUnit({ source: this.source, document, path, policyType, ...typed, resource, templateValues: true })];
  }

  endpoint(resource: TemplateResource, policy: PolicyUnit | undefined): EndpointModel {
    const raw = own(resource.properties, 'ServiceName');
    const serviceName = raw === undefined ? unknown(undefined) : resolveString(raw, this.context);
    const service = endpointServiceOf(serviceName.known ? serviceName.value : resolvePartialString(raw, this.context));
    const dns = this.property(resource, 'PrivateDnsEnabled');
    return {
      resource: resource.id,
      path: resource.path,
      serviceName,
      ...(service !== undefined ? { service } : {}),
      type: this.endpointType(resource),
      // CloudFormation's default is false, unlike the console's (AWS::EC2::VPCEndpoint reference).
      privateDnsEnabled: dns === undefined ? known(false) : resolveBoolean(dns, this.context),
      routeTableIds: this.references(resource, 'RouteTableIds'),
      securityGroups: this.references(resource, 'SecurityGroupIds'),
      ...(policy ? { policy } : {}),
    };
  }

  private endpointType(resource: TemplateResource): EndpointModel['type'] {
    const type = this.property(resource, 'VpcEndpointType');
    // Gateway when left out (AWS::EC2::VPCEndpoint reference).
    return type === undefined ? known('Gateway') : endpointType(resolveString(type, this.context));
  }

  /** Security groups of the template with their inline rules and the ingress resources naming them. */
  securityGroups(): SecurityGroupModel[] {
    const groups = this.resources.filter((r) => r.type === 'AWS::EC2::SecurityGroup');
    // Each ingress resource's group is read once, not once per group.
    const attachedTo = new Map<string, IngressRuleModel[]>();
    for (const r of this.resources) {
      if (r.type !== 'AWS::EC2::SecurityGroupIngress') continue;
      const group = this.references(r, 'GroupId')[0]?.resource;
      if (group === undefined) continue;
      const rules = attachedTo.get(group) ?? [];
      rules.push(this.ingressRule(r.properties, r.path));
      attachedTo.set(group, rules);
    }
    return groups.map((group) => {
      const inline = this.itemsOrUnknown(group, 'SecurityGroupIngress').map((item) => this.ingressRule(item.value, item.path));
      return { resource: group.id, path: group.path, ingress: [...inline, ...(attachedTo.get(group.id) ?? [])] };
    });
  }

  private ingressRule(raw: unknown, path: JsonPath): IngressRuleModel {
    const rule = isRecord(raw) ? raw : {};
    const port = (name: string): Resolved<number> => {
      const value = own(rule, name);
      // Left out: all ports (AWS reports -1), which is what protocol -1 means.
      return value === undefined || isNoValue(value, this.context) ? known(-1) : resolveNumber(value, this.context);
    };
    const sourceValue = ['CidrIp', 'CidrIpv6', 'SourceSecurityGroupId', 'SourcePrefixListId']
      .map((name) => own(rule, name))
      .find((v) => v !== undefined && !isNoValue(v, this.context));
    return {
      protocol: isRecord(raw) ? normalizeProtocol(resolveString(own(rule, 'IpProtocol'), this.context)) : unknown(raw),
      fromPort: isRecord(raw) ? port('FromPort') : unknown(raw),
      toPort: isRecord(raw) ? port('ToPort') : unknown(raw),
      source: sourceValue === undefined ? {} : resolveReference(sourceValue, this.context),
      path,
    };
  }

  taskDefinition(resource: TemplateResource): TaskDefinitionModel {
    const compatibilities = this.items(resource, 'RequiresCompatibilities').flatMap((item) => {
      const value = resolveString(item.value, this.context);
      return value.known ? [value.value.toUpperCase()] : [];
    });
    const executionRole = this.property(resource, 'ExecutionRoleArn');
    const platformVersion = this.platformVersion(resource.id);
    return {
      resource: resource.id,
      path: resource.path,
      compatibilities,
      ...(platformVersion ? { platformVersion } : {}),
      ...(executionRole !== undefined ? { executionRole: resolveReference(executionRole, this.context) } : {}),
      containers: this.items(resource, 'ContainerDefinitions').map((item, i) => this.container(item, i)),
    };
  }

  private container(item: Item, index: number): ContainerModel {
    const definition = substituteIntrinsics(item.value, this.context);
    const name = own(definition, 'Name');
    const logConfiguration = own(definition, 'LogConfiguration');
    const logDriver = own(logConfiguration, 'LogDriver');
    const createGroup = own(own(logConfiguration, 'Options'), 'awslogs-create-group');
    const secrets = own(definition, 'Secrets');
    const creates = createGroup === undefined ? undefined : resolveBoolean(createGroup, this.context);
    return {
      name: typeof name === 'string' ? name : `ContainerDefinitions[${index}]`,
      image: resolveString(own(definition, 'Image'), this.context),
      ...(logDriver !== undefined ? { logDriver: resolveString(logDriver, this.context) } : {}),
      createsLogGroup: creates?.known === true && creates.value,
      secretArns: Array.isArray(secrets) ? secrets.map((s) => resolveString(own(s, 'ValueFrom'), this.context)) : [],
      path: item.path,
    };
  }

  /** PlatformVersion of the first AWS::ECS::Service running the task definition. */
  private platformVersion(taskDefinition: string): Resolved<string> | undefined {
    for (const service of this.resources) {
      if (service.type !== 'AWS::ECS::Service') continue;
      const definition = this.property(service, 'TaskDefinition');
      if (definition === undefined || !referencedResources(definition, this.context).includes(taskDefinition)) continue;
      const version = this.property(service, 'PlatformVersion');
      if (version !== undefined) return resolveString(version, this.context);
    }
    return undefined;
  }

  /**
   * Roles with their inline policies and the policies of this template attached to them: by
   * `Roles`/`RoleName` (a `Ref` to the role, or its literal RoleName) or by the role's
   * `ManagedPolicyArns` naming a ManagedPolicy of the template.
   */
  roles(policiesOf: ReadonlyMap<string, readonly PolicyUnit[]>): RoleModel[] {
    const roles = this.resources.filter((r) => r.type === 'AWS::IAM::Role');
    // What each policy names in Roles / RoleName, read once: logical IDs and literal role names.
    const owners = this.resources
      .filter((r) => IDENTITY_POLICY_OWNERS.includes(r.type))
      .map((owner) => {
        const items = owner.type === 'AWS::IAM::RolePolicy' ? [{ value: own(owner.properties, 'RoleName'), path: owner.path }] : this.items(owner, 'Roles');
        return { owner, names: items.map((item) => resolveReference(item.value, this.context)) };
      });
    return roles.map((role) => {
      const units = policiesOf.get(role.id) ?? [];
      const roleName = this.property(role, 'RoleName');
      const literalName = roleName === undefined ? undefined : resolveString(roleName, this.context);
      const namesRole = (ref: Reference) =>
        ref.resource === role.id || (ref.literal !== undefined && literalName?.known === true && literalName.value === ref.literal);
      const managedArns = this.items(role, 'ManagedPolicyArns');
      const managedHere = new Set(managedArns.flatMap((item) => referencedResources(item.value, this.context)));
      const attached = owners
        .filter(({ owner, names }) => names.some(namesRole) || (owner.type === 'AWS::IAM::ManagedPolicy' && managedHere.has(owner.id)))
        .map(({ owner }) => owner);
      const trustPolicy = units.find((u) => u.policyType === 'trust');
      return {
        resource: role.id,
        path: role.path,
        policies: [...units.filter((u) => u.policyType !== 'trust'), ...attached.flatMap((owner) => policiesOf.get(owner.id) ?? [])],
        managedPolicyArns: managedArns.map((item) => resolveString(item.value, this.context)),
        ...(trustPolicy ? { trustPolicy } : {}),
      };
    });
  }

  /** A NAT gateway (not a private one), or a route to an internet, egress-only or NAT gateway. */
  routesToInternet(resource: TemplateResource): boolean {
    if (resource.type === 'AWS::EC2::NatGateway') {
      const connectivity = this.property(resource, 'ConnectivityType');
      const value = connectivity === undefined ? undefined : resolveString(connectivity, this.context);
      return !(value?.known === true && value.value.toLowerCase() === 'private');
    }
    if (resource.type !== 'AWS::EC2::Route') return false;
    if (this.property(resource, 'NatGatewayId') !== undefined || this.property(resource, 'EgressOnlyInternetGatewayId') !== undefined) return true;
    const gateway = this.property(resource, 'GatewayId');
    if (gateway === undefined) return false;
    // GatewayId also takes virtual private gateways (vgw-…), which lead to a VPN, not the internet.
    const ref = resolveReference(gateway, this.context);
    const target = ref.resource !== undefined ? this.byId.get(ref.resource)?.type : undefined;
    return target !== 'AWS::EC2::VPNGateway' && !(ref.literal ?? '').startsWith('vgw-');
  }

  /** A property, or undefined when absent or `AWS::NoValue`. */
  private property(resource: TemplateResource, name: string): unknown {
    const value = own(resource.properties, name);
    return value === undefined || isNoValue(value, this.context) ? undefined : value;
  }

  /**
   * The items of a list property with their paths; none when absent or unknown. A list behind a
   * known `Fn::If` is followed into its branch; any other list-valued intrinsic gives its items
   * the intrinsic's path.
   */
  private items(resource: TemplateResource, name: string): Item[] {
    return listItems(own(resource.properties, name), [...resource.path, 'Properties', name], this.context) ?? [];
  }

  /** As `items`, but an unknown list gives one item standing for it (its value unknown). */
  private itemsOrUnknown(resource: TemplateResource, name: string): Item[] {
    const path = [...resource.path, 'Properties', name];
    return listItems(own(resource.properties, name), path, this.context) ?? [{ value: undefined, path }];
  }

  /** References in a list property; an unknown list stands as one unknown reference. */
  private references(resource: TemplateResource, name: string): Reference[] {
    const value = this.property(resource, name);
    if (value === undefined) return [];
    if (!Array.isArray(value) && !isRecord(value)) return [resolveReference(value, this.context)];
    const items = listItems(value, [...resource.path, 'Properties', name], this.context);
    if (items === undefined) {
      // A GroupId is one value, not a list: `!Ref Group` must name the group.
      const single = resolveReference(value, this.context);
      return [single];
    }
    return items.map((item) => resolveReference(item.value, this.context));
  }
}

function listItems(value: unknown, path: JsonPath, context: IntrinsicContext, depth = 0): Item[] | undefined {
  if (value === undefined || isNoValue(value, context)) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => (isNoValue(item, context) ? [] : [{ value: item, path: [...path, i] }]));
  }
  if (isRecord(value) && depth < 8) {
    const branch = own(value, 'Fn::If');
    if (Array.isArray(branch) && branch.length === 3 && typeof branch[0] === 'string' && Object.keys(value).length === 1) {
      const condition = evaluateCondition(branch[0], context);
      if (condition !== undefined) return listItems(branch[condition ? 1 : 2], [...path, 'Fn::If', condition ? 1 : 2], context, depth + 1);
    }
  }
  const resolved = resolveList(value, context);
  return resolved.known ? resolved.value.map((item) => ({ value: item, path })) : undefined;
}
