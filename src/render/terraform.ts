import type { PolicyBundle } from '../generate/bundle';
import { ingressCidrs, type PlannedEndpoint } from '../generate/plan';
import type { PolicygenSpec } from '../model/policygen-spec.generated';
import {
  admitTemplateRole,
  conditionPullOnTemplateEndpoint,
  EC2_TRUST_POLICY,
  ecrDkrEndpoint,
  ECS_TASKS_TRUST_POLICY,
  namedRoleProperties,
  SECURITY_GROUP_DESCRIPTION,
  TASK_SECURITY_GROUP_DESCRIPTION,
} from '../generate/cloudformation-template';

/** A Terraform expression inside a policy string, written `"${expression}"` there. */
class TerraformReference {
  constructor(readonly expression: string) {}
}

/**
 * Every string of Terraform's JSON syntax is a template: the content's own `${` and `%{` are
 * escaped as `$${` and `%%{` so they stay literal (Terraform JSON configuration syntax).
 */
function literal(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

/**
 * A policy as the JSON string the provider's `policy` arguments take. References become
 * interpolations inside JSON string quotes, so the string is still valid JSON once Terraform has
 * substituted them (the endpoint ID, VPC ID and role ARN hold no quote or backslash). Written
 * compact: the provider compares policies by content, not by layout.
 */
function policyString(value: unknown): string {
  if (value instanceof TerraformReference) return `"\${${value.expression}}"`;
  if (Array.isArray(value)) return `[${value.map(policyString).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, inner]) => `${literal(key)}:${policyString(inner)}`)
      .join(',')}}`;
  }
  return literal(value);
}

/**
 * The container instance role (`aws_iam_role.container_instance`), its policy and its
 * `aws_iam_instance_profile`, when the bundle has an instanceRolePolicy (spec `containerInstance`).
 */
function instanceRoleParts(
  bundle: PolicyBundle,
  spec: PolicygenSpec,
  policy: unknown,
): { resources: { readonly [type: string]: object }; outputs: TerraformConfiguration['output'] } {
  if (bundle.instanceRolePolicy === undefined) return { resources: {}, outputs: {} };
  return {
    resources: {
      aws_iam_role: {
        container_instance: {
          ...roleName(spec, 'containerInstance.roleArn', 'ecs-container-instance-'),
          description: 'ECS container instance role: the ECS agent of the cluster hosts (policygen)',
          assume_role_policy: policyString(EC2_TRUST_POLICY),
        },
      },
      aws_iam_role_policy: {
        container_instance: { name: 'ecs-container-instance', role: '${aws_iam_role.container_instance.id}', policy: policyString(policy) },
      },
      aws_iam_instance_profile: {
        container_instance: { name_prefix: 'ecs-container-instance-', role: '${aws_iam_role.container_instance.name}' },
      },
    },
    outputs: {
      container_instance_profile_arn: {
        description: 'ARN of the container instance profile: the iam_instance_profile of the launch template of the cluster hosts',
        value: '${aws_iam_instance_profile.container_instance.arn}',
      },
    },
  };
}

/**
 * `name` and `path` of a role the spec names by ARN (see namedRoleProperties), so that the role created
 * has that ARN; else a `name_prefix` (the provider adds a unique suffix).
 */
function roleName(spec: PolicygenSpec, field: Parameters<typeof namedRoleProperties>[1], prefix: string): { readonly [key: string]: string } {
  const { RoleName: name, Path: path } = namedRoleProperties(spec, field);
  return name === undefined || path === undefined ? { name_prefix: prefix } : { name, path };
}

/** Merges resource blocks by type (two roles share `aws_iam_role`). */
function mergeResources(...blocks: { readonly [type: string]: object }[]): TerraformConfiguration['resource'] {
  const merged: { [type: string]: { [name: string]: { readonly [key: string]: unknown } } } = {};
  for (const block of blocks) {
    for (const [type, named] of Object.entries(block))
      merged[type] = { ...merged[type], ...(named as { [name: string]: { readonly [key: string]: unknown } }) };
  }
  return merged;
}

/** `ecr.dkr` -> `ecr_dkr`: resource names are identifiers. */
function terraformName(service: string): string {
  return service.replace(/[^A-Za-z0-9_]+/g, '_');
}

const nonEmpty = (variable: string, what: string) => [
  { condition: `\${length(var.${variable}) > 0}`, error_message: `The ${variable} variable must list at least one ${what}.` },
];

export interface TerraformConfiguration {
  readonly '//': string;
  readonly terraform: { readonly [key: string]: unknown };
  readonly variable: { readonly [name: string]: { readonly [key: string]: unknown } };
  readonly resource: { readonly [type: string]: { readonly [name: string]: { readonly [key: string]: unknown } } };
  readonly output: { readonly [name: string]: { readonly description: string; readonly value: string } };
}

/**
 * Terraform JSON (`*.tf.json`) for a bundle, with the AWS provider's resources and argument names:
 * `aws_vpc_endpoint` per planned endpoint, `aws_security_group` with one
 * `aws_vpc_security_group_ingress_rule` per CIDR of `var.private_subnet_cidrs` (the provider's
 * recommended rule resource), `aws_iam_role` and `aws_iam_role_policy`. Policies are JSON strings;
 * the role's pull statement names `${aws_vpc_endpoint.ecr_dkr.id}` and `${var.vpc_id}`, and the ECR
 * endpoint policy admits the role's ARN (see `admitTemplateRole`). Pure and deterministic.
 *
 * @example renderJson(renderTerraform(generateBundle(EXAMPLE_SPEC), EXAMPLE_SPEC)) // main.tf.json
 */
export function renderTerraform(bundle: PolicyBundle, spec: PolicygenSpec): TerraformConfiguration {
  if (spec.existingEndpoints !== undefined) return renderRoleOnlyConfiguration(bundle, spec);
  const dkr = terraformName(ecrDkrEndpoint(bundle).service);
  const { ipv4: cidrs, ipv6: ipv6Cidrs } = ingressCidrs(bundle.plan.securityGroupIngress);
  const vpcId = spec.network?.vpcId;
  const existingTaskGroup = spec.network?.taskSecurityGroupId;
  const taskGroupId = existingTaskGroup === undefined ? '${aws_security_group.tasks.id}' : '${var.task_security_group_id}';
  const otherGroups = bundle.plan.securityGroupIngress.flatMap((r) =>
    'sourceSecurityGroupId' in r && r.sourceSecurityGroupId !== existingTaskGroup ? [r.sourceSecurityGroupId] : [],
  );
  const https = { ip_protocol: 'tcp', from_port: 443, to_port: 443 };
  const endpointGroup = '${aws_security_group.vpc_endpoints.id}';
  const role = new TerraformReference('aws_iam_role.task_execution.arn');
  const instanceRole = new TerraformReference('aws_iam_role.container_instance.arn');
  const pullValues = { sourceVpc: new TerraformReference('var.vpc_id'), sourceVpce: new TerraformReference(`aws_vpc_endpoint.${dkr}.id`) };
  const instance = instanceRoleParts(
    bundle,
    spec,
    bundle.instanceRolePolicy && conditionPullOnTemplateEndpoint(bundle.instanceRolePolicy.document, pullValues),
  );
  const admitRoles = (policy: NonNullable<PlannedEndpoint['policyDocument']>) => {
    const admitted = admitTemplateRole(policy, role, spec.executionRoleArn);
    return spec.containerInstance?.tasksWithoutExecutionRole === true
      ? admitTemplateRole(admitted as typeof policy, instanceRole, spec.containerInstance.roleArn)
      : admitted;
  };
  const endpointArguments = (endpoint: PlannedEndpoint) => {
    const placement =
      endpoint.type === 'Interface'
        ? {
            private_dns_enabled: endpoint.privateDnsEnabled,
            subnet_ids: '${var.private_subnet_ids}',
            security_group_ids: ['${aws_security_group.vpc_endpoints.id}'],
          }
        : { route_table_ids: '${var.private_route_table_ids}' };
    const policy = endpoint.policyDocument;
    return {
      service_name: endpoint.serviceName,
      vpc_endpoint_type: endpoint.type,
      vpc_id: '${var.vpc_id}',
      ...placement,
      ...(endpoint.ipAddressType === undefined ? {} : { ip_address_type: endpoint.ipAddressType }),
      ...(policy === undefined ? {} : { policy: policyString(endpoint.service.startsWith('ecr.') ? admitRoles(policy) : policy) }),
    };
  };

  return {
    '//':
      `VPC endpoints, their security group and the ECS task execution role for pulling Amazon ECR images over AWS PrivateLink ` +
      `in ${bundle.region} (${spec.launchType} launch type). Generated by policygen from a spec: regenerate it rather than edit it.`,
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.0' } } },
    variable: {
      vpc_id: {
        type: 'string',
        description: 'The VPC the tasks run in: the endpoints are created in it and the image pulls must come from it (aws:SourceVpc).',
        ...(vpcId === undefined ? {} : { default: vpcId }),
      },
      private_subnet_ids: {
        type: 'list(string)',
        description: 'The private subnets of the tasks, at most one per Availability Zone: each interface endpoint gets a network interface in each.',
        validation: nonEmpty('private_subnet_ids', 'subnet ID'),
      },
      private_route_table_ids: {
        type: 'list(string)',
        description: 'The route tables of the private subnets: the S3 gateway endpoint, through which the image layers are downloaded, is attached to them.',
        validation: nonEmpty('private_route_table_ids', 'route table ID'),
      },
      private_subnet_cidrs: {
        type: 'list(string)',
        description: 'The IPv4 CIDRs of the private subnets, admitted on TCP 443 by the endpoint security group.',
        ...(cidrs.length === 0 ? {} : { default: cidrs }),
        validation: nonEmpty('private_subnet_cidrs', 'CIDR'),
      },
      ...(ipv6Cidrs.length === 0
        ? {}
        : {
            private_subnet_ipv6_cidrs: {
              type: 'list(string)',
              description: 'The IPv6 CIDRs of the private subnets, admitted on TCP 443 by the endpoint security group.',
              default: ipv6Cidrs,
            },
          }),
      ...(existingTaskGroup === undefined
        ? {}
        : {
            task_security_group_id: {
              type: 'string',
              description: 'The existing security group of the tasks: it gets HTTPS egress to the endpoints and to S3, and the endpoints admit it.',
              default: existingTaskGroup,
            },
          }),
    },
    resource: mergeResources(
      {
        aws_security_group: {
          vpc_endpoints: { name_prefix: 'ecr-vpc-endpoints-', description: SECURITY_GROUP_DESCRIPTION, vpc_id: '${var.vpc_id}' },
          // The provider removes the default allow-all egress rule of a group it creates, so the tasks get
          // only the two egress rules below (registry.terraform.io/providers/hashicorp/aws, aws_security_group).
          ...(existingTaskGroup === undefined
            ? { tasks: { name_prefix: 'ecs-tasks-', description: TASK_SECURITY_GROUP_DESCRIPTION, vpc_id: '${var.vpc_id}' } }
            : {}),
        },
        // The gateway endpoint's prefix_list_id is the Region's com.amazonaws.REGION.s3 managed prefix list
        // (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security).
        aws_vpc_security_group_egress_rule: {
          tasks_to_endpoints: {
            security_group_id: taskGroupId,
            description: 'HTTPS to the interface endpoints',
            ...https,
            referenced_security_group_id: endpointGroup,
          },
          tasks_to_s3: {
            security_group_id: taskGroupId,
            description: 'HTTPS to Amazon S3 through the gateway endpoint (image layers)',
            ...https,
            prefix_list_id: '${aws_vpc_endpoint.s3.prefix_list_id}',
          },
        },
        aws_vpc_security_group_ingress_rule: {
          vpc_endpoints_from_tasks: {
            security_group_id: endpointGroup,
            description: 'HTTPS from the task security group',
            ...https,
            referenced_security_group_id: taskGroupId,
          },
          ...(otherGroups.length === 0
            ? {}
            : {
                vpc_endpoints_from_groups: {
                  for_each: `\${toset(${JSON.stringify(otherGroups)})}`,
                  security_group_id: endpointGroup,
                  description: 'HTTPS from a security group of the spec',
                  ...https,
                  referenced_security_group_id: '${each.value}',
                },
              }),
          ...(ipv6Cidrs.length === 0
            ? {}
            : {
                vpc_endpoints_https_ipv6: {
                  for_each: '${toset(var.private_subnet_ipv6_cidrs)}',
                  security_group_id: endpointGroup,
                  description: 'HTTPS from a private subnet of the tasks (IPv6)',
                  ...https,
                  cidr_ipv6: '${each.value}',
                },
              }),
          vpc_endpoints_https: {
            for_each: '${toset(var.private_subnet_cidrs)}',
            security_group_id: '${aws_security_group.vpc_endpoints.id}',
            description: 'HTTPS from a private subnet of the tasks',
            ip_protocol: 'tcp',
            from_port: 443,
            to_port: 443,
            cidr_ipv4: '${each.value}',
          },
        },
        aws_vpc_endpoint: Object.fromEntries(bundle.plan.endpoints.map((endpoint) => [terraformName(endpoint.service), endpointArguments(endpoint)])),
        aws_iam_role: {
          task_execution: {
            ...roleName(spec, 'executionRoleArn', 'ecs-task-execution-'),
            description: 'ECS task execution role: pulls images from Amazon ECR through the VPC endpoints of this configuration (policygen)',
            assume_role_policy: policyString(ECS_TASKS_TRUST_POLICY),
          },
        },
        aws_iam_role_policy: {
          task_execution: {
            name: 'ecr-pull-over-privatelink',
            role: '${aws_iam_role.task_execution.id}',
            policy: policyString(conditionPullOnTemplateEndpoint(bundle.executionRolePolicy.document, pullValues)),
          },
        },
      },
      instance.resources,
    ),
    output: {
      task_execution_role_arn: {
        description: 'ARN of the task execution role: the execution_role_arn of the task definitions',
        value: '${aws_iam_role.task_execution.arn}',
      },
      endpoint_security_group_id: {
        description: 'ID of the endpoint security group: allow egress TCP 443 to it from the tasks security group',
        value: '${aws_security_group.vpc_endpoints.id}',
      },
      ...(existingTaskGroup === undefined
        ? {
            task_security_group_id: {
              description:
                'ID of the task security group (HTTPS egress to the endpoints and S3 only): the security_groups of the services’ network_configuration',
              value: '${aws_security_group.tasks.id}',
            },
          }
        : {}),
      ...Object.fromEntries(
        bundle.plan.endpoints.map((endpoint) => {
          const name = terraformName(endpoint.service);
          return [
            `${name}_endpoint_id`,
            { description: `ID of the ${endpoint.service} ${endpoint.type.toLowerCase()} endpoint`, value: `\${aws_vpc_endpoint.${name}.id}` },
          ];
        }),
      ),
      ...instance.outputs,
    },
  };
}

/** With existing endpoints nothing but the role: its pull statement keeps the bundle's literal endpoint conditions (see renderCloudFormation). */
function renderRoleOnlyConfiguration(bundle: PolicyBundle, spec: PolicygenSpec): TerraformConfiguration {
  const instance = instanceRoleParts(bundle, spec, bundle.instanceRolePolicy?.document);
  return {
    '//':
      `The ECS task execution role for pulling Amazon ECR images in ${bundle.region} (${spec.launchType} launch type) through existing VPC endpoints ` +
      `(${(spec.existingEndpoints?.endpointIds ?? []).join(', ')}). Generated by policygen from a spec: regenerate it rather than edit it.`,
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.0' } } },
    variable: {},
    resource: mergeResources(
      {
        aws_iam_role: {
          task_execution: {
            ...roleName(spec, 'executionRoleArn', 'ecs-task-execution-'),
            description: 'ECS task execution role: pulls images from Amazon ECR through existing VPC endpoints (policygen)',
            assume_role_policy: policyString(ECS_TASKS_TRUST_POLICY),
          },
        },
        aws_iam_role_policy: {
          task_execution: {
            name: 'ecr-pull-over-privatelink',
            role: '${aws_iam_role.task_execution.id}',
            policy: policyString(bundle.executionRolePolicy.document),
          },
        },
      },
      instance.resources,
    ),
    output: {
      task_execution_role_arn: {
        description: 'ARN of the task execution role: the execution_role_arn of the task definitions',
        value: '${aws_iam_role.task_execution.arn}',
      },
      ...instance.outputs,
    },
  };
}
