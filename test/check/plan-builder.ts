import { parseJsonSource } from '../../src/template/source/json-source';

/**
 * Small hand-made `terraform show -json` plans, shaped as Terraform's JSON output format documents
 * them (https://developer.hashicorp.com/terraform/internals/json-format): `planned_values` with the
 * known values, `resource_changes[].change.after_unknown` marking values known only after apply, and
 * `configuration` with each attribute's expression and the resources it `references`.
 */
export interface PlanResourceSpec {
  readonly address: string;
  readonly values: Record<string, unknown>;
  /** Attributes known only after apply (they are left out of `values`). */
  readonly unknown?: Record<string, unknown>;
  /** Configuration expressions: attribute -> the references of its expression. */
  readonly references?: Record<string, readonly string[]>;
  /** Attributes written in the configuration as constants (so `policy` is "configured"). */
  readonly constants?: readonly string[];
}

export function planJson(resources: readonly PlanResourceSpec[], region = 'eu-west-1'): Record<string, unknown> {
  const typeAndName = (address: string) => {
    const parts = address.replace(/\[[^\]]*\]$/, '').split('.');
    return { type: parts[parts.length - 2]!, name: parts[parts.length - 1]! };
  };
  return {
    format_version: '1.2',
    terraform_version: '1.9.0',
    planned_values: {
      root_module: {
        resources: resources.map((r) => ({
          address: r.address,
          mode: 'managed',
          ...typeAndName(r.address),
          provider_name: 'registry.terraform.io/hashicorp/aws',
          values: r.values,
        })),
      },
    },
    resource_changes: resources.map((r) => ({
      address: r.address,
      mode: 'managed',
      ...typeAndName(r.address),
      change: { actions: ['create'], before: null, after: r.values, after_unknown: r.unknown ?? {} },
    })),
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: region } } } },
      root_module: {
        resources: resources.map((r) => ({
          address: r.address,
          mode: 'managed',
          ...typeAndName(r.address),
          expressions: {
            ...Object.fromEntries((r.constants ?? []).map((c) => [c, { constant_value: 'x' }])),
            ...Object.fromEntries(Object.entries(r.references ?? {}).map(([k, refs]) => [k, { references: refs }])),
          },
        })),
      },
    },
  };
}

export const planSource = (resources: readonly PlanResourceSpec[], file = 'plan.json', region?: string) =>
  parseJsonSource(file, JSON.stringify(planJson(resources, region), null, 2));

const ACCOUNT = '111122223333';
export const IMAGE = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/app:1`;
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
/** The layer bucket of eu-west-1 (policygen docs/aws-facts.md: prod-REGION-starport-layer-bucket). */
export const LAYER_BUCKET_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*' }],
});

/**
 * A Fargate service in private subnets without internet route, with the ecr.api and ecr.dkr
 * interface endpoints (private DNS, HTTPS from the VPC) and the S3 gateway endpoint on the subnets'
 * route table: the pull works (ECR User Guide, "Amazon ECR interface VPC endpoints (AWS PrivateLink)").
 * `change` replaces resources by address.
 */
export function fargatePlan(change: Record<string, PlanResourceSpec | null> = {}): PlanResourceSpec[] {
  const base: PlanResourceSpec[] = [
    { address: 'aws_vpc.main', values: { cidr_block: '10.0.0.0/16' }, unknown: { id: true } },
    {
      address: 'aws_subnet.private',
      values: { cidr_block: '10.0.1.0/24', map_public_ip_on_launch: false },
      unknown: { id: true, vpc_id: true },
      references: { vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'] },
    },
    {
      address: 'aws_route_table.private',
      values: { route: [] },
      unknown: { id: true, vpc_id: true },
      references: { vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'] },
    },
    {
      address: 'aws_route_table_association.private',
      values: {},
      unknown: { id: true, subnet_id: true, route_table_id: true },
      references: { subnet_id: ['aws_subnet.private.id', 'aws_subnet.private'], route_table_id: ['aws_route_table.private.id', 'aws_route_table.private'] },
    },
    {
      address: 'aws_security_group.endpoints',
      values: {
        description: 'HTTPS from the VPC',
        ingress: [
          {
            protocol: 'tcp',
            from_port: 443,
            to_port: 443,
            cidr_blocks: ['10.0.0.0/16'],
            ipv6_cidr_blocks: [],
            prefix_list_ids: [],
            security_groups: [],
            self: false,
            description: '',
          },
        ],
      },
      unknown: { id: true, vpc_id: true },
      references: { vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'] },
    },
    ...['ecr.api', 'ecr.dkr'].map((service) => ({
      address: `aws_vpc_endpoint.${service.replace('.', '_')}`,
      values: { service_name: `com.amazonaws.eu-west-1.${service}`, vpc_endpoint_type: 'Interface', private_dns_enabled: true },
      unknown: { id: true, vpc_id: true, policy: true, subnet_ids: true, security_group_ids: true, route_table_ids: true },
      references: {
        vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'],
        subnet_ids: ['aws_subnet.private.id', 'aws_subnet.private'],
        security_group_ids: ['aws_security_group.endpoints.id', 'aws_security_group.endpoints'],
      },
    })),
    {
      address: 'aws_vpc_endpoint.s3',
      values: { service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway', policy: LAYER_BUCKET_POLICY, private_dns_enabled: false },
      unknown: { id: true, vpc_id: true, route_table_ids: true },
      references: { vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'], route_table_ids: ['aws_route_table.private.id', 'aws_route_table.private'] },
      constants: ['policy'],
    },
    { address: 'aws_iam_role.execution', values: { name: 'app-execution', path: '/', assume_role_policy: TRUST }, unknown: { arn: true, id: true } },
    {
      address: 'aws_iam_role_policy_attachment.execution',
      values: { role: 'app-execution', policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' },
      unknown: { id: true },
    },
    {
      address: 'aws_ecs_task_definition.app',
      values: {
        family: 'app',
        requires_compatibilities: ['FARGATE'],
        network_mode: 'awsvpc',
        cpu: '256',
        memory: '512',
        container_definitions: JSON.stringify([{ name: 'app', image: IMAGE, essential: true }]),
      },
      unknown: { arn: true, execution_role_arn: true },
      references: { execution_role_arn: ['aws_iam_role.execution.arn', 'aws_iam_role.execution'] },
    },
    {
      address: 'aws_ecs_service.app',
      values: { name: 'app', launch_type: 'FARGATE', network_configuration: [{ assign_public_ip: false }] },
      unknown: { id: true, task_definition: true, network_configuration: [{ subnets: true, security_groups: true }] },
      references: { task_definition: ['aws_ecs_task_definition.app.arn', 'aws_ecs_task_definition.app'] },
    },
  ];
  const replaced = base.flatMap((r) => (r.address in change ? (change[r.address] ? [change[r.address]!] : []) : [r]));
  const added = Object.entries(change).flatMap(([address, r]) => (r && !base.some((b) => b.address === address) ? [r] : []));
  return [...replaced, ...added];
}
