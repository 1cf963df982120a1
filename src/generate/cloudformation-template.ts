import type { Advisory, AdvisoryId } from './advisories';
import { specNamedRole, type PolicyBundle } from './bundle';
import { ECR_PULL_ACTIONS } from '../model/aws-facts';
import { ingressCidrs, type PlannedEndpoint } from './plan';
import type { CanonicalStatement, PolicyDocument } from '../model/policy';
import type { PolicygenSpec } from '../model/policygen-spec.generated';
import { canonicalizePolicy } from '../normalize/canonicalize';
import { EC2_SERVICE_PRINCIPAL } from '../model/ecs-agent';

/**
 * A policy document whose values may be template expressions (`{"Ref": …}`, `"${…}"`): what the IaC
 * renderers embed. Its statements keep the canonical key order of the document they came from.
 */
export interface IacPolicy {
  readonly Version: string;
  readonly Statement: readonly object[];
}

/**
 * The trust policy of the task execution role (ECS-EXEC): ECS tasks assume it. The service
 * principal is `ecs-tasks.amazonaws.com` in every partition (@aws-cdk/region-info).
 */
export const ECS_TASKS_TRUST_POLICY: PolicyDocument = canonicalizePolicy({
  Statement: [{ Effect: 'Allow', Principal: { Service: ['ecs-tasks.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
});

/** The trust policy of the EC2 container instance role: EC2 instances assume it through their instance profile. */
export const EC2_TRUST_POLICY: PolicyDocument = canonicalizePolicy({
  Statement: [{ Effect: 'Allow', Principal: { Service: [EC2_SERVICE_PRINCIPAL] }, Action: ['sts:AssumeRole'] }],
});

const PULL_ACTIONS: ReadonlySet<string> = new Set(ECR_PULL_ACTIONS.map((a) => a.toLowerCase()));
const asList = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);
const isPullStatement = (s: CanonicalStatement): boolean => s.Effect === 'Allow' && asList(s.Action).some((a) => PULL_ACTIONS.has(a.toLowerCase()));

/**
 * The execution role policy with its pull statement conditioned on the endpoint and VPC the
 * template creates, instead of the literal IDs of the spec (or none, when the spec gave none):
 * `aws:SourceVpce` on the ecr.dkr endpoint, which serves the pull actions (docs/aws-facts.md §1 hop 2,
 * ECS-EXEC). GetAuthorizationToken keeps its statement without conditions.
 */
export function conditionPullOnTemplateEndpoint(
  document: PolicyDocument,
  values: { readonly sourceVpc: unknown; readonly sourceVpce: unknown },
  // Replace only the keys the statement has (a repository policy conditioned on the endpoint alone stays so).
  { onlyPresent = false }: { readonly onlyPresent?: boolean } = {},
): IacPolicy {
  return {
    Version: document.Version,
    Statement: document.Statement.map((s) => {
      if (!isPullStatement(s)) return s;
      const { ['aws:SourceVpc']: vpc, ['aws:SourceVpce']: vpce, ...otherKeys } = s.Condition?.['StringEquals'] ?? {};
      if (onlyPresent && vpc === undefined && vpce === undefined) return s;
      const stringEquals = {
        ...otherKeys,
        ...(!onlyPresent || vpc !== undefined ? { 'aws:SourceVpc': values.sourceVpc } : {}),
        ...(!onlyPresent || vpce !== undefined ? { 'aws:SourceVpce': values.sourceVpce } : {}),
      };
      return { ...s, Condition: { ...s.Condition, StringEquals: stringEquals } };
    }),
  };
}

/**
 * The ECR endpoint policy with the template's own execution role among its principals. The spec's
 * principals name roles by ARN; the role the template creates has a generated name unless the spec
 * names it (`namedArn`, see namedRoleProperties), so without this the endpoint would refuse the pulls
 * of the very role the template grants them to. A policy open to `"*"` (narrowed by organization, if
 * at all) is left as it is.
 */
export function admitTemplateRole(document: PolicyDocument, roleArn: unknown, namedArn?: string): IacPolicy {
  return {
    Version: document.Version,
    Statement: document.Statement.map((s) => {
      if (s.Principal === undefined || s.Principal === '*' || s.Principal.AWS === undefined) return s;
      // The role the spec names by ARN is the role the template creates under that name: the reference
      // replaces the literal (one principal, and the endpoint policy waits for the role).
      const others = asList(s.Principal.AWS).filter((p) => p !== namedArn && p !== roleArn);
      return { ...s, Principal: { ...s.Principal, AWS: [...others, roleArn] } };
    }),
  };
}

/**
 * `RoleName` and `Path` of a role the spec names by ARN (`executionRoleArn`, `containerInstance.roleArn`),
 * so that the role the template creates has that ARN, the one the repository policy and the ECR
 * endpoint policy name; nothing when the spec names none (CloudFormation then generates a name).
 * A named role needs CAPABILITY_NAMED_IAM to deploy.
 */
export function namedRoleProperties(spec: PolicygenSpec, field: Parameters<typeof specNamedRole>[1]): { readonly RoleName?: string; readonly Path?: string } {
  const role = specNamedRole(spec, field);
  return role === undefined ? {} : { RoleName: role.name, Path: role.path };
}

/**
 * Advisories a template settles by itself, left out of what the IaC formats print: the pull
 * statement is conditioned on the template's own ecr.dkr endpoint, and the CIDRs admitted by the
 * endpoint security group are a parameter (variable) of the template, the ECR endpoints admit
 * the template's own roles, and the template writes the task security group's egress itself.
 */
const SETTLED_BY_TEMPLATE: ReadonlySet<AdvisoryId> = new Set<AdvisoryId>([
  'pull-without-endpoint-condition',
  'endpoint-security-group-cidrs-missing',
  // The template's ECR endpoints admit its own container instance role.
  'container-instance-role-not-in-ecr-endpoint-principals',
  'task-security-group-egress',
]);

/** The bundle's advisories that still hold for a CloudFormation or Terraform rendering of it. */
export function templateAdvisories(bundle: PolicyBundle): readonly Advisory[] {
  return bundle.advisories.filter((a) => !SETTLED_BY_TEMPLATE.has(a.id));
}

/** The plan's ecr.dkr endpoint: every plan has one (docs/aws-facts.md §2), the pull condition refers to it. */
export function ecrDkrEndpoint(bundle: PolicyBundle): PlannedEndpoint {
  const endpoint = bundle.plan.endpoints.find((e) => e.service === 'ecr.dkr');
  if (endpoint === undefined) {
    throw Object.assign(new TypeError('the bundle has no ecr.dkr endpoint: pass a bundle made by generateBundle'), {
      code: 'POLICYGEN_BUNDLE_WITHOUT_ECR_DKR',
    });
  }
  return endpoint;
}

/**
 * Security group and rule descriptions take only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*
 * (EC2 CreateSecurityGroup): the texts policygen writes there are plain ASCII, and this keeps it so.
 */
export const SECURITY_GROUP_DESCRIPTION = 'HTTPS from the private subnets of the ECS tasks to the interface VPC endpoints';
export const TASK_SECURITY_GROUP_DESCRIPTION = 'ECS tasks: HTTPS to the interface VPC endpoints and to Amazon S3 through the gateway endpoint only';

/** Readable logical IDs for the services policygen plans; any other service gets its PascalCased name. */
const ENDPOINT_LOGICAL_IDS: Readonly<Record<string, string>> = {
  'ecr.api': 'EcrApiEndpoint',
  'ecr.dkr': 'EcrDkrEndpoint',
  s3: 'S3GatewayEndpoint',
  logs: 'LogsEndpoint',
  secretsmanager: 'SecretsManagerEndpoint',
  ssm: 'SsmEndpoint',
  ssmmessages: 'SsmMessagesEndpoint',
  ecs: 'EcsEndpoint',
  'ecs-agent': 'EcsAgentEndpoint',
  'ecs-telemetry': 'EcsTelemetryEndpoint',
};

export function endpointLogicalId(service: string): string {
  const known = ENDPOINT_LOGICAL_IDS[service];
  if (known !== undefined) return known;
  const pascal = service
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return `${pascal}Endpoint`;
}

/** The logical ID of the task execution role the template creates. */
export const ROLE = 'TaskExecutionRole';
const ROLE_POLICY = 'TaskExecutionRolePolicy';
const SECURITY_GROUP = 'EndpointSecurityGroup';
/** The logical ID of the container instance role the template creates (EC2). */
const INSTANCE_ROLE = 'ContainerInstanceRole';
const INSTANCE_ROLE_POLICY = 'ContainerInstanceRolePolicy';
const INSTANCE_PROFILE = 'ContainerInstanceProfile';

/**
 * The container instance role, its policy and its instance profile, when the bundle has an
 * instanceRolePolicy (spec `containerInstance`); `document` is that policy as the template embeds it.
 */
function instanceRoleParts(
  bundle: PolicyBundle,
  spec: PolicygenSpec,
  document: IacPolicy | PolicyDocument | undefined,
): Pick<CloudFormationTemplate, 'Resources' | 'Outputs'> {
  if (bundle.instanceRolePolicy === undefined || document === undefined) return { Resources: {}, Outputs: {} };
  return {
    Resources: {
      [INSTANCE_ROLE]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          ...namedRoleProperties(spec, 'containerInstance.roleArn'),
          Description: 'ECS container instance role: the ECS agent of the cluster hosts (policygen)',
          AssumeRolePolicyDocument: EC2_TRUST_POLICY,
        },
      },
      [INSTANCE_ROLE_POLICY]: {
        Type: 'AWS::IAM::RolePolicy',
        Properties: { PolicyName: 'ecs-container-instance', RoleName: ref(INSTANCE_ROLE), PolicyDocument: document },
      },
      [INSTANCE_PROFILE]: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [ref(INSTANCE_ROLE)] } },
    },
    Outputs: {
      ContainerInstanceProfileArn: {
        Description: 'ARN of the container instance profile: the IamInstanceProfile of the launch template of the cluster hosts',
        Value: getAtt(INSTANCE_PROFILE, 'Arn'),
      },
    },
  };
}

/** The container instance role pulls for tasks without an execution role: the ECR endpoints admit it too. */
const instanceRolePulls = (spec: PolicygenSpec): boolean => spec.containerInstance?.tasksWithoutExecutionRole === true;
const TASK_SECURITY_GROUP = 'TaskSecurityGroup';
const PREFIX_LIST_PATTERN = '^pl-([0-9a-f]{8}|[0-9a-f]{17})$';

export interface CloudFormationTemplate {
  readonly AWSTemplateFormatVersion: '2010-09-09';
  readonly Description: string;
  readonly Parameters: { readonly [name: string]: { readonly [key: string]: unknown } };
  readonly Resources: { readonly [logicalId: string]: { readonly Type: string; readonly Properties: { readonly [key: string]: unknown } } };
  readonly Outputs: { readonly [name: string]: { readonly Description: string; readonly Value: unknown } };
}

const ref = (name: string) => ({ Ref: name });
const getAtt = (resource: string, attribute: string) => ({ 'Fn::GetAtt': [resource, attribute] });

/**
 * A CloudFormation template for a bundle: the plan's VPC endpoints with their policies and private
 * DNS, the endpoint security group, and the task execution role whose pull statement is
 * conditioned on the template's own ecr.dkr endpoint (`{"Ref": "EcrDkrEndpoint"}`) and VPC.
 * Network IDs are parameters. Pure and deterministic: the same bundle and spec give the same bytes.
 *
 * - The role's policy is an inline policy in its own `AWS::IAM::RolePolicy`: the role refers to the
 *   ecr.dkr endpoint, and the ECR endpoint policy refers to the role's ARN; with the policy inside
 *   the role (`Policies`) the two would depend on each other and CloudFormation refuses the cycle.
 * - Ingress: CloudFormation cannot loop over a list parameter (without the AWS::LanguageExtensions
 *   transform), so there is one rule per CIDR of the spec, each `Fn::Select`ing its item of
 *   `PrivateSubnetCidrs` (whose default is the spec's CIDRs). The CIDRs stay deploy-time values; a
 *   shorter list fails the stack loudly, and the parameter's description says how many it takes.
 *
 * @example renderJson(renderCloudFormation(generateBundle(EXAMPLE_SPEC), EXAMPLE_SPEC))
 */
export function renderCloudFormation(bundle: PolicyBundle, spec: PolicygenSpec): CloudFormationTemplate {
  if (spec.existingEndpoints !== undefined) return renderRoleOnlyTemplate(bundle, spec);
  const dkr = endpointLogicalId(ecrDkrEndpoint(bundle).service);
  const { ipv4: cidrs, ipv6: ipv6Cidrs } = ingressCidrs(bundle.plan.securityGroupIngress);
  const ruleCount = Math.max(1, cidrs.length);
  const vpcId = spec.network?.vpcId;
  const existingTaskGroup = spec.network?.taskSecurityGroupId;
  const prefixListId = spec.network?.s3PrefixListId;
  const taskGroupId = existingTaskGroup === undefined ? getAtt(TASK_SECURITY_GROUP, 'GroupId') : ref('TaskSecurityGroupId');
  const endpointGroupId = getAtt(SECURITY_GROUP, 'GroupId');
  const https = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443 };
  const toS3 = { ...https, DestinationPrefixListId: ref('S3PrefixListId'), Description: 'HTTPS to Amazon S3 through the gateway endpoint (image layers)' };
  // The two groups refer to each other: rules across them are separate resources, or CloudFormation
  // refuses the cycle. A group with inline egress loses the default allow-all egress rule
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html).
  const taskGroupResources = {
    ...(existingTaskGroup === undefined
      ? {
          [TASK_SECURITY_GROUP]: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: { GroupDescription: TASK_SECURITY_GROUP_DESCRIPTION, VpcId: ref('VpcId'), SecurityGroupEgress: [toS3] },
          },
        }
      : { TaskSecurityGroupEgressToS3: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: taskGroupId, ...toS3 } } }),
    TaskSecurityGroupEgressToEndpoints: {
      Type: 'AWS::EC2::SecurityGroupEgress',
      Properties: { GroupId: taskGroupId, ...https, DestinationSecurityGroupId: endpointGroupId, Description: 'HTTPS to the interface endpoints' },
    },
    ...(existingTaskGroup === undefined
      ? {
          EndpointSecurityGroupIngressFromTasks: {
            Type: 'AWS::EC2::SecurityGroupIngress',
            Properties: { GroupId: endpointGroupId, ...https, SourceSecurityGroupId: taskGroupId, Description: 'HTTPS from the task security group' },
          },
        }
      : {}),
  };
  const groupIngress = bundle.plan.securityGroupIngress.flatMap((rule) => {
    if (!('sourceSecurityGroupId' in rule)) return [];
    const source = rule.sourceSecurityGroupId === existingTaskGroup ? taskGroupId : rule.sourceSecurityGroupId;
    return [
      {
        ...https,
        SourceSecurityGroupId: source,
        Description: source === taskGroupId ? 'HTTPS from the task security group' : 'HTTPS from a security group of the spec',
      },
    ];
  });

  const endpoints = Object.fromEntries(
    bundle.plan.endpoints.map((endpoint) => [
      endpointLogicalId(endpoint.service),
      { Type: 'AWS::EC2::VPCEndpoint', Properties: endpointProperties(endpoint, spec) },
    ]),
  );
  const instance = instanceRoleParts(
    bundle,
    spec,
    bundle.instanceRolePolicy && conditionPullOnTemplateEndpoint(bundle.instanceRolePolicy.document, { sourceVpc: ref('VpcId'), sourceVpce: ref(dkr) }),
  );
  const endpointOutputs = Object.fromEntries(
    bundle.plan.endpoints.map((endpoint) => {
      const id = endpointLogicalId(endpoint.service);
      return [`${id}Id`, { Description: `ID of the ${endpoint.service} ${endpoint.type.toLowerCase()} endpoint`, Value: ref(id) }];
    }),
  );

  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      `VPC endpoints, their security group and the ECS task execution role for pulling Amazon ECR images over AWS PrivateLink ` +
      `in ${bundle.region} (${spec.launchType} launch type). Generated by policygen from a spec: regenerate it rather than edit it.`,
    Parameters: {
      VpcId: {
        Type: 'AWS::EC2::VPC::Id',
        Description: 'The VPC the tasks run in: the endpoints are created in it and the image pulls must come from it (aws:SourceVpc).',
        ...(vpcId === undefined ? {} : { Default: vpcId }),
      },
      PrivateSubnetIds: {
        Type: 'List<AWS::EC2::Subnet::Id>',
        Description: 'The private subnets of the tasks, at most one per Availability Zone: each interface endpoint gets a network interface in each.',
      },
      PrivateRouteTableIds: {
        Type: 'CommaDelimitedList',
        Description: 'The route tables of the private subnets: the S3 gateway endpoint, through which the image layers are downloaded, is attached to them.',
      },
      PrivateSubnetCidrs: {
        Type: 'CommaDelimitedList',
        Description:
          `The IPv4 CIDRs of the private subnets, admitted on TCP 443 by the endpoint security group. Give exactly ${ruleCount} ` +
          `(the template has one ingress rule per CIDR; regenerate it from a spec with your subnetCidrs for another count).`,
        ...(cidrs.length === 0 ? {} : { Default: cidrs.join(',') }),
      },
      ...(ipv6Cidrs.length === 0
        ? {}
        : {
            PrivateSubnetIpv6Cidrs: {
              Type: 'CommaDelimitedList',
              Description:
                `The IPv6 CIDRs of the private subnets, admitted on TCP 443 by the endpoint security group. Give exactly ${ipv6Cidrs.length} ` +
                `(one ingress rule per CIDR; regenerate it from a spec with your subnetIpv6Cidrs for another count).`,
              Default: ipv6Cidrs.join(','),
            },
          }),
      S3PrefixListId: {
        Type: 'String',
        Description:
          `ID of the managed prefix list com.amazonaws.${bundle.region}.s3 (aws ec2 describe-managed-prefix-lists): the task security group's HTTPS egress to S3. ` +
          `AWS::EC2::VPCEndpoint returns no prefix list ID, so CloudFormation cannot look it up.`,
        AllowedPattern: PREFIX_LIST_PATTERN,
        ...(prefixListId === undefined ? {} : { Default: prefixListId }),
      },
      ...(existingTaskGroup === undefined
        ? {}
        : {
            TaskSecurityGroupId: {
              Type: 'AWS::EC2::SecurityGroup::Id',
              Description: 'The existing security group of the tasks: it gets HTTPS egress to the endpoints and to S3, and the endpoints admit it.',
              Default: existingTaskGroup,
            },
          }),
    },
    Resources: {
      [SECURITY_GROUP]: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: SECURITY_GROUP_DESCRIPTION,
          VpcId: ref('VpcId'),
          SecurityGroupIngress: [
            ...Array.from({ length: ruleCount }, (_, i) => ({
              IpProtocol: 'tcp',
              FromPort: 443,
              ToPort: 443,
              CidrIp: { 'Fn::Select': [i, ref('PrivateSubnetCidrs')] },
              Description: `HTTPS from private subnet CIDR ${i + 1} of ${ruleCount}`,
            })),
            ...ipv6Cidrs.map((_, i) => ({
              IpProtocol: 'tcp',
              FromPort: 443,
              ToPort: 443,
              CidrIpv6: { 'Fn::Select': [i, ref('PrivateSubnetIpv6Cidrs')] },
              Description: `HTTPS from private subnet IPv6 CIDR ${i + 1} of ${ipv6Cidrs.length}`,
            })),
            ...groupIngress,
          ],
        },
      },
      ...taskGroupResources,
      ...endpoints,
      [ROLE]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          ...namedRoleProperties(spec, 'executionRoleArn'),
          Description: 'ECS task execution role: pulls images from Amazon ECR through the VPC endpoints of this stack (policygen)',
          AssumeRolePolicyDocument: ECS_TASKS_TRUST_POLICY,
        },
      },
      [ROLE_POLICY]: {
        Type: 'AWS::IAM::RolePolicy',
        Properties: {
          PolicyName: 'ecr-pull-over-privatelink',
          RoleName: ref(ROLE),
          PolicyDocument: conditionPullOnTemplateEndpoint(bundle.executionRolePolicy.document, { sourceVpc: ref('VpcId'), sourceVpce: ref(dkr) }),
        },
      },
      ...instance.Resources,
    },
    Outputs: {
      TaskExecutionRoleArn: { Description: 'ARN of the task execution role: the ExecutionRoleArn of the task definitions', Value: getAtt(ROLE, 'Arn') },
      EndpointSecurityGroupId: {
        Description: 'ID of the endpoint security group: allow egress TCP 443 to it from the tasks security group',
        Value: getAtt(SECURITY_GROUP, 'GroupId'),
      },
      ...(existingTaskGroup === undefined
        ? {
            TaskSecurityGroupId: {
              Description:
                'ID of the task security group (HTTPS egress to the endpoints and S3 only): the SecurityGroups of the services’ awsvpc configuration',
              Value: getAtt(TASK_SECURITY_GROUP, 'GroupId'),
            },
          }
        : {}),
      ...endpointOutputs,
      ...instance.Outputs,
    },
  };
}

function endpointProperties(endpoint: PlannedEndpoint, spec: PolicygenSpec): { readonly [key: string]: unknown } {
  const placement =
    endpoint.type === 'Interface'
      ? { PrivateDnsEnabled: endpoint.privateDnsEnabled, SubnetIds: ref('PrivateSubnetIds'), SecurityGroupIds: [getAtt(SECURITY_GROUP, 'GroupId')] }
      : { RouteTableIds: ref('PrivateRouteTableIds') };
  const policy = endpoint.policyDocument;
  return {
    ServiceName: endpoint.serviceName,
    VpcEndpointType: endpoint.type,
    VpcId: ref('VpcId'),
    ...placement,
    ...(endpoint.ipAddressType === undefined ? {} : { IpAddressType: endpoint.ipAddressType }),
    ...(policy === undefined ? {} : { PolicyDocument: endpoint.service.startsWith('ecr.') ? admitTemplateRoles(policy, spec) : policy }),
  };
}

function admitTemplateRoles(policy: PolicyDocument, spec: PolicygenSpec): IacPolicy {
  const admitted = admitTemplateRole(policy, getAtt(ROLE, 'Arn'), spec.executionRoleArn);
  if (!instanceRolePulls(spec)) return admitted;
  return admitTemplateRole(admitted as PolicyDocument, getAtt(INSTANCE_ROLE, 'Arn'), spec.containerInstance?.roleArn);
}

/**
 * With existing (or a hub VPC's shared) endpoints the template creates none: creating them again
 * fails on deploy (one private DNS name per VPC) or bypasses the hub. Only the role, whose pull
 * statement keeps the bundle's literal conditions on those endpoint IDs and their VPC.
 */
function renderRoleOnlyTemplate(bundle: PolicyBundle, spec: PolicygenSpec): CloudFormationTemplate {
  const instance = instanceRoleParts(bundle, spec, bundle.instanceRolePolicy?.document);
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      `The ECS task execution role for pulling Amazon ECR images in ${bundle.region} (${spec.launchType} launch type) through existing VPC endpoints ` +
      `(${(spec.existingEndpoints?.endpointIds ?? []).join(', ')}). Generated by policygen from a spec: regenerate it rather than edit it.`,
    Parameters: {},
    Resources: {
      [ROLE]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          ...namedRoleProperties(spec, 'executionRoleArn'),
          Description: 'ECS task execution role: pulls images from Amazon ECR through existing VPC endpoints (policygen)',
          AssumeRolePolicyDocument: ECS_TASKS_TRUST_POLICY,
        },
      },
      [ROLE_POLICY]: {
        Type: 'AWS::IAM::RolePolicy',
        Properties: { PolicyName: 'ecr-pull-over-privatelink', RoleName: ref(ROLE), PolicyDocument: bundle.executionRolePolicy.document },
      },
      ...instance.Resources,
    },
    Outputs: {
      TaskExecutionRoleArn: { Description: 'ARN of the task execution role: the ExecutionRoleArn of the task definitions', Value: getAtt(ROLE, 'Arn') },
      ...instance.Outputs,
    },
  };
}
