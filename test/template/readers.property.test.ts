import fc from 'fast-check';
import { readCdkOutManifest } from '../../src/template/cdk-out';
import { readCloudFormation } from '../../src/template/cloudformation';
import { readTerraformPlan } from '../../src/template/terraform-plan';
import { SourceParseError } from '../../src/template/source/source-error';
import { parseYamlSource } from '../../src/template/source/yaml-source';
import type { JsonPath, SourceFile, StackModel } from '../../src/lint/types';

/**
 * Whatever the file, the readers end: a model, or a `SourceParseError` with a position; never
 * another exception, a stack overflow or a hang. FC_NUM_RUNS=5000 for a longer hunt.
 */

const NUM_RUNS = Number(process.env['FC_NUM_RUNS'] ?? 150);
// Per input; a reader that takes longer on a few kilobytes has a super-linear path.
const SLOW_MS = 1000;

function parseOrParseError(text: string): SourceFile | SourceParseError {
  const started = Date.now();
  try {
    return parseYamlSource('fuzz.yaml', text);
  } catch (error) {
    if (!(error instanceof SourceParseError)) throw error;
    expect(error.position.line).toBeGreaterThanOrEqual(1);
    expect(error.position.column).toBeGreaterThanOrEqual(1);
    return error;
  } finally {
    expect(Date.now() - started).toBeLessThan(SLOW_MS);
  }
}

/** Every path of the data (bounded), for locate. */
function somePaths(data: unknown, limit = 50): JsonPath[] {
  const paths: JsonPath[] = [[]];
  const pending: { value: unknown; path: JsonPath }[] = [{ value: data, path: [] }];
  while (pending.length > 0 && paths.length < limit) {
    const { value, path } = pending.shift()!;
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : value && typeof value === 'object'
        ? Object.entries(value)
        : [];
    for (const [key, inner] of entries) {
      paths.push([...path, key]);
      pending.push({ value: inner, path: [...path, key] });
    }
  }
  return [...paths, ['no', 'such', 0, 'path']];
}

/**
 * A reader either reads the data into a model or, for a section of the wrong type, throws a
 * SourceParseError at a real position (issue 12: malformed inputs are not read as empty stacks).
 */
function checkModel(read: () => StackModel): void {
  let stack: StackModel;
  try {
    stack = read();
  } catch (error) {
    if (!(error instanceof SourceParseError)) throw error;
    expect(error.position.line).toBeGreaterThanOrEqual(1);
    expect(error.message).toMatch(/ must .*, received /);
    return;
  }
  for (const unit of stack.policies) expect(Array.isArray(unit.path)).toBe(true);
  for (const e of stack.endpoints) expect(typeof e.resource).toBe('string');
  expect(typeof stack.hasInternetRoute).toBe('boolean');
}

// YAML-looking text from the pieces that make parsers stumble.
const YAML_PIECES = [
  'Resources:',
  '\n',
  '  ',
  '    ',
  '- ',
  ': ',
  'Type: AWS::EC2::VPCEndpoint',
  'Type: AWS::IAM::Role',
  'Properties:',
  'PolicyDocument:',
  '!Ref ',
  '!Sub ',
  '!GetAtt ',
  '!If ',
  '!Join ',
  '!Select ',
  '!Condition ',
  '!Foo ',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '<<: ',
  '? ',
  '|',
  '>',
  '---',
  '...',
  '__proto__',
  'constructor',
  'AWS::NoValue',
  '${AWS::Region}',
  'x',
  '443',
  'true',
  '\t',
  '\r\n',
  '%YAML 1.2',
];
const yamlish = fc.array(fc.constantFrom(...YAML_PIECES), { maxLength: 80 }).map((pieces) => pieces.join(''));

// Values with intrinsics in them, to feed the template reader directly.
const RESOURCE_TYPES = [
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::EC2::VPCEndpoint',
  'AWS::S3::BucketPolicy',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::ECS::TaskDefinition',
  'AWS::ECS::Service',
  'AWS::EC2::Route',
  'AWS::EC2::NatGateway',
];
const PROPERTY_NAMES = [
  'Policies',
  'PolicyDocument',
  'AssumeRolePolicyDocument',
  'ManagedPolicyArns',
  'Roles',
  'RoleName',
  'ServiceName',
  'VpcEndpointType',
  'PrivateDnsEnabled',
  'RouteTableIds',
  'SecurityGroupIds',
  'SecurityGroupIngress',
  'GroupId',
  'IpProtocol',
  'FromPort',
  'ToPort',
  'CidrIp',
  'ContainerDefinitions',
  'RequiresCompatibilities',
  'ExecutionRoleArn',
  'TaskDefinition',
  'PlatformVersion',
  'GatewayId',
  'Image',
  'LogConfiguration',
  'Secrets',
  '__proto__',
];
const NAMES = ['A', 'B', 'Role', 'AWS::Region', 'AWS::NoValue', 'AWS::Partition', 'P', 'C', 'constructor', '__proto__'];
const templateValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom(...NAMES)),
    fc.record({ Ref: fc.constantFrom(...NAMES) }),
    fc.record({
      'Fn::Sub': fc.oneof(fc.constantFrom('${A}-${AWS::Region}', 'com.amazonaws.${AWS::Region}.ecr.dkr', '${!x}', '${'), fc.tuple(fc.string(), tie('value'))),
    }),
    fc.record({ 'Fn::If': fc.tuple(fc.constantFrom(...NAMES), tie('value'), tie('value')) }),
    fc.record({ 'Fn::Join': fc.tuple(fc.string({ maxLength: 2 }), fc.array(tie('value'), { maxLength: 3 })) }),
    fc.record({ 'Fn::Select': fc.tuple(fc.integer({ min: -1, max: 3 }), tie('value')) }),
    fc.record({ 'Fn::GetAtt': fc.tuple(fc.constantFrom(...NAMES), fc.string({ maxLength: 5 })) }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...PROPERTY_NAMES, 'Statement', 'Effect', 'Action', 'Resource', 'Condition'), tie('value'), { maxKeys: 4 }),
  ),
})).value;
const template = fc.record(
  {
    Parameters: fc.dictionary(
      fc.constantFrom(...NAMES),
      fc.record({ Type: fc.constantFrom('String', 'CommaDelimitedList', 'List<String>'), Default: templateValue }, { requiredKeys: [] }),
      { maxKeys: 3 },
    ),
    Conditions: fc.dictionary(fc.constantFrom(...NAMES), templateValue, { maxKeys: 3 }),
    Resources: fc.dictionary(
      fc.constantFrom(...NAMES),
      fc.record(
        {
          Type: fc.constantFrom(...RESOURCE_TYPES),
          Condition: fc.constantFrom(...NAMES),
          Properties: fc.dictionary(fc.constantFrom(...PROPERTY_NAMES), templateValue, { maxKeys: 6 }),
        },
        { requiredKeys: ['Type'] },
      ),
      { maxKeys: 6 },
    ),
  },
  { requiredKeys: [] },
);
const source = (data: unknown): SourceFile => ({ file: 'fuzz', text: '', data, locate: () => ({ line: 1, column: 1 }) });

describe('readers: robustness', () => {
  it('should parse any text to a source or a SourceParseError, and locate any path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), yamlish), (text) => {
        const parsed = parseOrParseError(text);
        if (parsed instanceof SourceParseError) return;
        for (const path of somePaths(parsed.data)) {
          const at = parsed.locate(path);
          expect(at.line).toBeGreaterThanOrEqual(1);
          expect(at.column).toBeGreaterThanOrEqual(1);
        }
        checkModel(() => readCloudFormation(parsed, { region: 'eu-west-1' }));
        checkModel(() => readTerraformPlan(parsed));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('should read JSON text to exactly what JSON.parse gives', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), (text) => {
        const parsed = parseOrParseError(text);
        expect(parsed).not.toBeInstanceOf(SourceParseError);
        expect((parsed as SourceFile).data).toEqual(JSON.parse(text));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('should read any template built of intrinsics, or refuse its shape at a position', () => {
    fc.assert(
      fc.property(template, fc.constantFrom(undefined, 'eu-west-1', 'cn-north-1'), (data, region) => {
        const started = Date.now();
        checkModel(() => readCloudFormation(source(data), region ? { region } : {}));
        expect(Date.now() - started).toBeLessThan(SLOW_MS);
      }),
      { numRuns: NUM_RUNS * 2 },
    );
  });

  it('should read any plan-shaped data, or refuse its shape at a position', () => {
    const values = fc.dictionary(
      fc.constantFrom(
        'policy',
        'role',
        'id',
        'arn',
        'name',
        'vpc_endpoint_type',
        'private_dns_enabled',
        'route_table_ids',
        'security_group_ids',
        'service_name',
        'ingress',
        'type',
        'security_group_id',
        'container_definitions',
        'execution_role_arn',
        'task_definition',
        'inline_policy',
        'gateway_id',
        'route',
        '__proto__',
      ),
      fc.oneof(
        fc.json().map((j) => JSON.parse(j) as unknown),
        fc.constant('{"Statement":[]}'),
        fc.constant('[{"name":"a","image":"i"}]'),
      ),
      { maxKeys: 8 },
    );
    const resourceArb = fc.record({
      address: fc.constantFrom(
        'aws_iam_role.a',
        'aws_iam_role_policy.b',
        'module.m.aws_vpc_endpoint.c[0]',
        'aws_security_group.d',
        'aws_ecs_task_definition.e',
        'aws_route.f',
      ),
      mode: fc.constantFrom('managed', 'data'),
      type: fc.constantFrom(
        'aws_iam_role',
        'aws_iam_role_policy',
        'aws_vpc_endpoint',
        'aws_security_group',
        'aws_security_group_rule',
        'aws_ecs_task_definition',
        'aws_ecs_service',
        'aws_route',
        'aws_iam_role_policy_attachment',
        'aws_vpc_endpoint_policy',
      ),
      name: fc.constantFrom('a', 'b', 'c'),
      values,
    });
    const plan = fc.record(
      {
        planned_values: fc.record({
          root_module: fc.record({
            resources: fc.array(resourceArb, { maxLength: 6 }),
            child_modules: fc.array(fc.record({ resources: fc.array(resourceArb, { maxLength: 3 }) }), { maxLength: 2 }),
          }),
        }),
        resource_changes: fc.array(
          fc.record({
            address: fc.constantFrom('aws_iam_role.a', 'aws_vpc_endpoint.c'),
            change: fc.record({ after_unknown: fc.dictionary(fc.constantFrom('policy', 'role', 'id'), fc.boolean()) }),
          }),
          { maxLength: 3 },
        ),
        configuration: fc.constant({
          root_module: { resources: [{ address: 'aws_iam_role_policy.b', expressions: { role: { references: ['aws_iam_role.a.id', 'var.x', 'data.a.b'] } } }] },
        }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(plan, (data) => checkModel(() => readTerraformPlan(source(data)))),
      { numRuns: NUM_RUNS * 2 },
    );
  });

  it('should read any manifest text to a listing or a SourceParseError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          const manifest = readCdkOutManifest(text);
          for (const s of manifest.stacks) expect(s.templateFile.split(/[\\/]/)).not.toContain('..');
        } catch (error) {
          expect(error).toBeInstanceOf(SourceParseError);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('should read huge strings and wide templates in linear time', () => {
    const huge = `Resources:\n  R:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Resource: "${'a'.repeat(2_000_000)}"\n`;
    let started = Date.now();
    expect(readCloudFormation(parseYamlSource('huge.yaml', huge)).policies).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
    const wide = [
      'Resources:',
      ...Array.from(
        { length: 2000 },
        (_, i) =>
          `  G${i}: {Type: AWS::EC2::SecurityGroup}\n  I${i}: {Type: AWS::EC2::SecurityGroupIngress, Properties: {GroupId: !GetAtt G${(i * 7) % 2000}.GroupId, IpProtocol: tcp, FromPort: 443, ToPort: 443}}`,
      ),
      ...Array.from(
        { length: 500 },
        (_, i) => `  R${i}: {Type: AWS::IAM::Role}\n  P${i}: {Type: AWS::IAM::Policy, Properties: {Roles: [!Ref R${i}], PolicyDocument: {Statement: []}}}`,
      ),
    ].join('\n');
    started = Date.now();
    const stack = readCloudFormation(parseYamlSource('wide.yaml', wide));
    expect(stack.securityGroups.every((g) => g.ingress.length === 1)).toBe(true);
    expect(stack.roles.every((r) => r.policies.length === 1)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('should read a plan of thousands of linked resources in well under a second each thousand', () => {
    const resources = Array.from({ length: 2000 }, (_, i) => [
      { address: `aws_security_group.g${i}`, mode: 'managed', type: 'aws_security_group', name: `g${i}`, values: { id: `sg-${i}`, ingress: [] } },
      {
        address: `aws_security_group_rule.r${i}`,
        mode: 'managed',
        type: 'aws_security_group_rule',
        name: `r${i}`,
        values: {
          type: 'ingress',
          security_group_id: `sg-${(i * 7) % 2000}`,
          protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr_blocks: ['10.0.0.0/8'],
          ipv6_cidr_blocks: null,
          prefix_list_ids: null,
          source_security_group_id: null,
          self: false,
        },
      },
    ]).flat();
    const started = Date.now();
    const stack = readTerraformPlan(source({ planned_values: { root_module: { resources } } }));
    expect(stack.securityGroups.every((g) => g.ingress.length === 1)).toBe(true);
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
