import { SourceParseError } from '../../src/template/source/source-error';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingressAdmits } from '../../src/template/stack-helpers';
import { readTerraformPlan, type TerraformPlanOptions } from '../../src/template/terraform-plan';
import { parseJsonSource } from '../../src/template/source/json-source';
import type { JsonPath, SourceFile, StackModel } from '../../src/lint/types';

const FIXTURES = join(__dirname, '../fixtures/terraform');

const sourceOf = (data: unknown, file = 'plan.json'): SourceFile => ({ file, text: JSON.stringify(data), data, locate: () => ({ line: 1, column: 1 }) });
const readFixture = (file: string): StackModel => readTerraformPlan(parseJsonSource(file, readFileSync(join(FIXTURES, file), 'utf8')));
const readPlan = (plan: unknown, options?: TerraformPlanOptions) => readTerraformPlan(sourceOf(plan), options);

/** The value at a path, walked independently of the reader. */
function at(data: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], data);
}

const N = 'module.network';

describe('readTerraformPlan: the good plan', () => {
  const stack = readFixture('good-plan.json');

  it('should take the Region from the AWS provider configuration', () => {
    expect(stack.region).toEqual({ known: true, value: 'eu-west-1' });
    expect(stack.format).toBe('terraform-plan');
  });

  it('should find the endpoints of the child module with their addresses', () => {
    expect(stack.endpoints.map((e) => [e.resource, e.service, e.type.known && e.type.value])).toEqual([
      [`${N}.aws_vpc_endpoint.ecr_api`, 'ecr.api', 'Interface'],
      [`${N}.aws_vpc_endpoint.ecr_dkr`, 'ecr.dkr', 'Interface'],
      [`${N}.aws_vpc_endpoint.s3`, 's3', 'Gateway'],
      [`${N}.aws_vpc_endpoint.logs`, 'logs', 'Interface'],
    ]);
    const s3 = stack.endpoints[2]!;
    expect(s3.serviceName).toEqual({ known: true, value: 'com.amazonaws.eu-west-1.s3' });
    expect(s3.routeTableIds).toEqual([{ resource: `${N}.aws_route_table.private`, literal: 'rtb-0a1b2c3d4e5f60001' }]);
    expect(s3.privateDnsEnabled).toEqual({ known: true, value: false });
    expect(stack.endpoints[1]!.securityGroups).toEqual([{ resource: `${N}.aws_security_group.endpoints`, literal: 'sg-0a1b2c3d4e5f60001' }]);
    expect(stack.endpoints[1]!.privateDnsEnabled).toEqual({ known: true, value: true });
  });

  it('should read endpoint policies as embedded JSON strings located at the attribute', () => {
    const dkr = stack.endpoints[1]!.policy!;
    expect(dkr.embedded).toBe(true);
    expect(dkr.policyType).toBe('vpc-endpoint-interface');
    expect(dkr.path).toEqual(['planned_values', 'root_module', 'child_modules', 0, 'resources', 9, 'values', 'policy']);
    expect(at(stack.source.data, dkr.path)).toBe(dkr.text);
    expect(dkr.view.statements.map((s) => s.sid)).toEqual(['AuthorizationToken', 'PullImages']);
    expect(stack.endpoints[2]!.policy!.policyType).toBe('vpc-endpoint-gateway');
    // The logs endpoint is being created: its policy is known only after apply.
    expect(stack.endpoints[3]!.policy).toBeUndefined();
  });

  it('should gather ingress from blocks and from rule resources linked by ID or by configuration reference', () => {
    const endpoints = stack.securityGroups.find((g) => g.resource === `${N}.aws_security_group.endpoints`)!;
    expect(endpoints.ingress.map((r) => r.source)).toEqual([{ literal: '10.0.0.0/24' }, { literal: '10.0.1.0/24' }, { literal: '10.0.0.0/16' }]);
    expect(endpoints.ingress.every((r) => ingressAdmits(r, 443))).toBe(true);
    expect(endpoints.ingress[2]!.path).toEqual(['planned_values', 'root_module', 'child_modules', 0, 'resources', 7, 'values']);
    const tasks = stack.securityGroups.find((g) => g.resource === `${N}.aws_security_group.tasks`)!;
    expect(tasks.ingress).toHaveLength(1);
    expect(tasks.ingress[0]).toMatchObject({ fromPort: { known: true, value: 8080 }, source: { literal: 'sg-0fedcba9876543210' } });
  });

  it('should read the task definition, its containers and the links made after apply', () => {
    const [task] = stack.taskDefinitions;
    expect(task!.resource).toBe('aws_ecs_task_definition.app');
    expect(task!.compatibilities).toEqual(['FARGATE']);
    expect(task!.executionRole).toEqual({ resource: 'aws_iam_role.exec' });
    expect(task!.platformVersion).toEqual({ known: true, value: '1.4.0' });
    expect(task!.containers).toEqual([
      {
        name: 'app',
        image: { known: true, value: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/my-app:1.0.0' },
        logDriver: { known: true, value: 'awslogs' },
        createsLogGroup: false,
        secretArns: [],
        path: ['planned_values', 'root_module', 'resources', 5, 'values', 'container_definitions'],
      },
    ]);
  });

  it('should give the role its aws_iam_role_policy and the attached aws_iam_policy', () => {
    const [role] = stack.roles;
    expect(role!.resource).toBe('aws_iam_role.exec');
    expect(role!.policies.map((p) => p.resource)).toEqual(['aws_iam_role_policy.pull', 'aws_iam_policy.logs']);
    expect(role!.trustPolicy!.view.statements[0]!.principalValues.map((p) => p.value)).toEqual(['ecs-tasks.amazonaws.com']);
    // Not configured, computed by AWS: known only after apply.
    expect(role!.managedPolicyArns.map((a) => a.known)).toEqual([false]);
    const pull = role!.policies[0]!;
    expect(pull.view.statements[1]!.conditions.map((c) => [c.key, c.values.map((v) => v.value)])).toEqual([['aws:SourceVpce', ['vpce-0a1b2c3d4e5f60002']]]);
  });

  it('should list every policy once and see no internet route', () => {
    expect(stack.policies.map((p) => `${p.resource}:${p.policyType}`)).toEqual([
      'aws_iam_role.exec:trust',
      'aws_iam_role_policy.pull:identity',
      'aws_iam_policy.logs:identity',
      `${N}.aws_vpc_endpoint.ecr_api:vpc-endpoint-interface`,
      `${N}.aws_vpc_endpoint.ecr_dkr:vpc-endpoint-interface`,
      `${N}.aws_vpc_endpoint.s3:vpc-endpoint-gateway`,
    ]);
    for (const unit of stack.policies) expect(at(stack.source.data, unit.path)).toBe(unit.text);
    expect(stack.hasInternetRoute).toBe(false);
  });
});

describe('readTerraformPlan: the broken plan (README table)', () => {
  const stack = readFixture('broken-plan.json');

  it('should read the role inline_policy with GetAuthorizationToken under aws:SourceVpce', () => {
    const [inline] = stack.roles[0]!.policies;
    expect(inline!.path).toEqual(['planned_values', 'root_module', 'resources', 0, 'values', 'inline_policy', 0, 'policy']);
    expect(inline!.resource).toBe('aws_iam_role.exec');
    const token = inline!.view.statements.find((s) => s.actions?.some((a) => a.value === 'ecr:GetAuthorizationToken'))!;
    expect(token.conditions.map((c) => c.key)).toEqual(['aws:SourceVpce']);
  });
  it('should read ecr.dkr without private DNS and the account condition on the layer statement', () => {
    expect(stack.endpoints.find((e) => e.service === 'ecr.dkr')!.privateDnsEnabled).toEqual({ known: true, value: false });
    const [layer] = stack.endpoints.find((e) => e.service === 's3')!.policy!.view.statements;
    expect(layer!.resources!.map((r) => r.value)).toEqual(['arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*']);
    expect(layer!.conditions.map((c) => c.key)).toEqual(['aws:PrincipalAccount']);
  });
});

describe('readTerraformPlan: plan shapes', () => {
  const resource = (address: string, type: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    address,
    mode: 'managed',
    type,
    name: address
      .replace(/\[.*\]$/, '')
      .split('.')
      .pop(),
    values,
    ...extra,
  });
  const planned = (resources: unknown[], childModules: unknown[] = [], more: Record<string, unknown> = {}) => ({
    format_version: '1.2',
    planned_values: { root_module: { resources, child_modules: childModules } },
    ...more,
  });
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

  it('should walk nested child modules and keep instance addresses', () => {
    const stack = readPlan(
      planned(
        [],
        [
          {
            address: 'module.a',
            resources: [],
            child_modules: [
              { address: 'module.a.module.b["x"]', resources: [resource('module.a.module.b["x"].aws_iam_policy.p[0]', 'aws_iam_policy', { policy })] },
            ],
          },
        ],
      ),
    );
    expect(stack.policies.map((p) => [p.resource, p.path])).toEqual([
      [
        'module.a.module.b["x"].aws_iam_policy.p[0]',
        ['planned_values', 'root_module', 'child_modules', 0, 'child_modules', 0, 'resources', 0, 'values', 'policy'],
      ],
    ]);
  });

  it('should fall back to resource_changes when there are no planned values', () => {
    const stack = readPlan({
      resource_changes: [
        {
          address: 'aws_iam_policy.gone',
          mode: 'managed',
          type: 'aws_iam_policy',
          name: 'gone',
          change: { actions: ['delete'], before: { policy }, after: null },
        },
        {
          address: 'aws_s3_bucket_policy.b',
          mode: 'managed',
          type: 'aws_s3_bucket_policy',
          name: 'b',
          change: { actions: ['create'], after: { policy, bucket: 'b' }, after_unknown: { id: true } },
        },
        {
          address: 'data.aws_iam_policy_document.d',
          mode: 'data',
          type: 'aws_iam_policy_document',
          name: 'd',
          change: { actions: ['read'], after: { json: policy } },
        },
      ],
    });
    expect(stack.policies.map((p) => [p.resource, p.policyType, p.path])).toEqual([
      ['aws_s3_bucket_policy.b', 'resource', ['resource_changes', 1, 'change', 'after', 'policy']],
    ]);
  });

  it('should treat values marked in after_unknown, or missing, as unknown', () => {
    const stack = readPlan(
      planned(
        [
          resource('aws_vpc_endpoint.a', 'aws_vpc_endpoint', { service_name: 'com.amazonaws.eu-west-1.ecr.dkr', vpc_endpoint_type: 'Interface', policy }),
          resource('aws_vpc_endpoint.b', 'aws_vpc_endpoint', {
            service_name: 'com.amazonaws.eu-west-1.s3',
            vpc_endpoint_type: null,
            private_dns_enabled: null,
            route_table_ids: null,
            policy: null,
          }),
        ],
        [],
        {
          resource_changes: [{ address: 'aws_vpc_endpoint.a', change: { actions: ['create'], after_unknown: { policy: true, route_table_ids: true } } }],
        },
      ),
    );
    const [a, b] = stack.endpoints;
    // Marked unknown wins over a value written next to it; a missing attribute is unknown too.
    expect(a!.policy).toBeUndefined();
    expect(a!.privateDnsEnabled.known).toBe(false);
    expect(a!.routeTableIds).toEqual([{}]);
    // null: not set, the provider's defaults apply.
    expect(b!.type).toEqual({ known: true, value: 'Gateway' });
    expect(b!.privateDnsEnabled).toEqual({ known: true, value: false });
    expect(b!.routeTableIds).toEqual([]);
  });

  it('should give an unparsable policy string to the rules as a string', () => {
    const [unit] = readPlan(planned([resource('aws_iam_policy.p', 'aws_iam_policy', { policy: '{"Version": ' })])).policies;
    expect(unit!.document).toBe('{"Version": ');
    expect(unit!.embedded).toBe(true);
    expect(unit!.view.statements).toEqual([]);
  });

  it('should link an aws_vpc_endpoint_policy and route table associations to their endpoint', () => {
    const stack = readPlan(
      planned([
        resource('aws_vpc_endpoint.s3', 'aws_vpc_endpoint', {
          id: 'vpce-0123456789abcdef0',
          service_name: 'com.amazonaws.eu-west-1.s3',
          vpc_endpoint_type: 'Gateway',
          policy: '{"Statement":[]}',
          route_table_ids: [],
        }),
        resource('aws_vpc_endpoint_policy.s3', 'aws_vpc_endpoint_policy', { vpc_endpoint_id: 'vpce-0123456789abcdef0', policy }),
        resource('aws_vpc_endpoint_route_table_association.a', 'aws_vpc_endpoint_route_table_association', {
          vpc_endpoint_id: 'vpce-0123456789abcdef0',
          route_table_id: 'rtb-1',
        }),
      ]),
    );
    const [s3] = stack.endpoints;
    expect(s3!.policy!.resource).toBe('aws_vpc_endpoint_policy.s3');
    expect(s3!.policy!.policyType).toBe('vpc-endpoint-gateway');
    expect(s3!.routeTableIds).toEqual([{ literal: 'rtb-1' }]);
  });

  it('should see internet routes in aws_nat_gateway, aws_route and aws_route_table', () => {
    const route = (values: Record<string, unknown>, unknownAfter: Record<string, unknown> = {}) =>
      readPlan(
        planned([resource('aws_route.r', 'aws_route', values)], [], {
          resource_changes: [{ address: 'aws_route.r', change: { after_unknown: unknownAfter } }],
        }),
      ).hasInternetRoute;
    const none = { gateway_id: null, nat_gateway_id: null, egress_only_gateway_id: null, transit_gateway_id: null };
    expect(readPlan(planned([resource('aws_nat_gateway.n', 'aws_nat_gateway', { connectivity_type: 'public' })])).hasInternetRoute).toBe(true);
    expect(readPlan(planned([resource('aws_nat_gateway.n', 'aws_nat_gateway', { connectivity_type: 'private' })])).hasInternetRoute).toBe(false);
    expect(route({ ...none, gateway_id: 'igw-1' })).toBe(true);
    expect(route({ ...none, gateway_id: 'vgw-1' })).toBe(false);
    expect(route({ ...none, transit_gateway_id: 'tgw-1' })).toBe(false);
    expect(route({ ...none, nat_gateway_id: undefined }, { nat_gateway_id: true })).toBe(true);
    const table = (routes: unknown[]) => readPlan(planned([resource('aws_route_table.t', 'aws_route_table', { route: routes })])).hasInternetRoute;
    expect(table([{ cidr_block: '0.0.0.0/0', gateway_id: 'igw-1', nat_gateway_id: '' }])).toBe(true);
    expect(table([{ cidr_block: '10.1.0.0/16', gateway_id: '', transit_gateway_id: 'tgw-1' }])).toBe(false);
  });

  it('should take the Region from the caller first, then from the resources (provider v6), and not guess between two', () => {
    const regional = planned([resource('aws_iam_policy.p', 'aws_iam_policy', { policy, region: 'eu-central-1' })]);
    expect(readPlan(regional).region).toEqual({ known: true, value: 'eu-central-1' });
    expect(readPlan(regional, { region: 'us-east-1' }).region).toEqual({ known: true, value: 'us-east-1' });
    const twoProviders = planned([], [], {
      configuration: {
        provider_config: {
          aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } },
          'aws.us': { name: 'aws', alias: 'us', expressions: { region: { constant_value: 'us-east-1' } } },
        },
      },
    });
    expect(readPlan(twoProviders).region.known).toBe(false);
    expect(readPlan(planned([])).region.known).toBe(false);
  });

  it('should read aws_security_group_rule sources and self', () => {
    const stack = readPlan(
      planned([
        resource('aws_security_group.g', 'aws_security_group', {
          id: 'sg-1',
          ingress: [{ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: [], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: true }],
        }),
        resource('aws_security_group_rule.r', 'aws_security_group_rule', {
          type: 'ingress',
          security_group_id: 'sg-1',
          protocol: '6',
          from_port: 443,
          to_port: 443,
          cidr_blocks: null,
          ipv6_cidr_blocks: ['::/0'],
          prefix_list_ids: null,
          source_security_group_id: 'sg-2',
          self: false,
        }),
        resource('aws_security_group_rule.e', 'aws_security_group_rule', {
          type: 'egress',
          security_group_id: 'sg-1',
          protocol: 'tcp',
          from_port: 1,
          to_port: 2,
          cidr_blocks: ['0.0.0.0/0'],
          ipv6_cidr_blocks: null,
          prefix_list_ids: null,
          source_security_group_id: null,
          self: false,
        }),
      ]),
    );
    const [group] = stack.securityGroups;
    expect(group!.ingress.map((r) => [r.protocol.known && r.protocol.value, r.source])).toEqual([
      ['-1', { resource: 'aws_security_group.g' }],
      ['tcp', { literal: '::/0' }],
      ['tcp', { literal: 'sg-2' }],
    ]);
  });

  it('should refuse a plan whose sections have the wrong type, and read malformed resources to an empty model', () => {
    for (const [data, message] of [
      [null, /\(file\) must be the output of `terraform show -json` \(a map\), received null/],
      [[], /received a list/],
      ['plan', /received a string/],
      [{ planned_values: 1 }, /planned_values must be a map with root_module, received a number/],
      [{ resource_changes: {} }, /resource_changes must be a list of changes, received a map/],
    ] as const) {
      expect(() => readPlan(data)).toThrow(SourceParseError);
      expect(() => readPlan(data)).toThrow(message);
    }
    for (const data of [
      {
        planned_values: {
          root_module: { resources: [1, { address: 2 }, { address: 'a', type: 'aws_iam_policy', name: 'a', values: [] }], child_modules: 'x' },
        },
      },
      { resource_changes: [null, { change: 1 }] },
    ]) {
      const stack = readPlan(data);
      expect(stack.policies).toEqual([]);
      expect(stack.endpoints).toEqual([]);
    }
  });
});
