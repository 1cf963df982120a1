import fc from 'fast-check';
import { field, junk, optionsOf, policyDocument } from './junk';

/**
 * CloudFormation templates and Terraform plans with the resources policygen reads, their
 * properties good or junk: enough structure to reach the readers' and the check's inner paths.
 */

const IMAGE = '111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1';
const ref = (name: string) => ({ Ref: name });

const cfnProperties = optionsOf({
  PolicyDocument: field(policyDocument),
  AssumeRolePolicyDocument: policyDocument,
  ServiceName: field('com.amazonaws.us-east-1.ecr.dkr', 'com.amazonaws.us-east-1.s3', { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.ecr.api' }),
  VpcEndpointType: field('Gateway', 'Interface'),
  PrivateDnsEnabled: field(true, false, 'true'),
  RouteTableIds: field([ref('Rt')], 'rtb-1'),
  SubnetIds: field([ref('Subnet')]),
  SecurityGroupIds: field([ref('Sg')]),
  VpcId: field(ref('Vpc'), 'vpc-0123456789abcdef0'),
  ExecutionRoleArn: field({ 'Fn::GetAtt': ['Role', 'Arn'] }, 'arn:aws:iam::111122223333:role/x'),
  TaskRoleArn: field(ref('Role')),
  RequiresCompatibilities: field(['FARGATE'], ['EC2']),
  ContainerDefinitions: field(
    [{ Name: 'app', Image: IMAGE }],
    [{ Image: { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/a' }, LogConfiguration: { LogDriver: 'awslogs' } }],
    [{ Image: 5 }],
  ),
  ManagedPolicyArns: field(['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'], [ref('P')]),
  Policies: field([{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [] } }], [{ PolicyDocument: 5 }]),
  Roles: field([ref('Role')]),
  SecurityGroupIngress: field([{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }], [{ FromPort: 'x' }]),
  DestinationCidrBlock: field('0.0.0.0/0'),
  GatewayId: field(ref('Igw')),
  NatGatewayId: field(ref('Nat')),
  TaskDefinition: field(ref('Task')),
});

const CFN_TYPES = [
  'AWS::EC2::VPCEndpoint',
  'AWS::ECS::TaskDefinition',
  'AWS::ECS::Service',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::Route',
  'AWS::S3::BucketPolicy',
  'AWS::ECR::Repository',
];
const NAMES = ['Role', 'Task', 'Endpoint', 'Rt', 'Sg', 'Vpc', 'P', 'Service', 'Gw'];

const cfnResource = optionsOf({ Type: field(...CFN_TYPES), Properties: cfnProperties, Condition: field('IsProd'), DependsOn: junk });

export const cloudFormationTemplate: fc.Arbitrary<unknown> = optionsOf({
  AWSTemplateFormatVersion: field('2010-09-09'),
  Parameters: field({ Env: { Type: 'String', Default: 'x' } }, { Env: 5 }),
  Conditions: field({ IsProd: { 'Fn::Equals': [ref('Env'), 'prod'] } }, { IsProd: { 'Fn::Not': 5 } }),
  Resources: fc.oneof(fc.dictionary(fc.constantFrom(...NAMES), cfnResource, { maxKeys: 6 }), junk),
  Outputs: junk,
});

const TF_TYPES = [
  'aws_vpc_endpoint',
  'aws_ecs_task_definition',
  'aws_ecs_service',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_policy',
  'aws_iam_role_policy_attachment',
  'aws_vpc_endpoint_policy',
  'aws_security_group',
  'aws_route_table',
  'aws_route',
];

const tfValues = optionsOf({
  policy: field(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Principal: '*' }] }), '{', policyDocument),
  assume_role_policy: field('{"Statement":[]}'),
  service_name: field('com.amazonaws.us-east-1.ecr.dkr', 'com.amazonaws.us-east-1.s3'),
  vpc_endpoint_type: field('Gateway', 'Interface'),
  private_dns_enabled: field(true, false),
  route_table_ids: field(['rtb-1']),
  container_definitions: field(JSON.stringify([{ name: 'a', image: IMAGE }]), '[5]'),
  execution_role_arn: field('arn:aws:iam::111122223333:role/x'),
  requires_compatibilities: field(['FARGATE']),
  role: field('x'),
  policy_arn: field('arn:aws:iam::aws:policy/AdministratorAccess'),
  ingress: field([{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] }]),
});

const tfResource = optionsOf({
  address: field('aws_iam_role.x', 'module.m.aws_vpc_endpoint.e'),
  type: field(...TF_TYPES),
  name: field('x'),
  mode: field('managed', 'data'),
  values: tfValues,
});

export const terraformPlan: fc.Arbitrary<unknown> = optionsOf({
  format_version: field('1.2'),
  planned_values: optionsOf({
    root_module: optionsOf({ resources: fc.oneof(fc.array(tfResource, { maxLength: 5 }), junk), child_modules: field([{ resources: [] }]) }),
  }),
  resource_changes: field([{ address: 'a', type: 'aws_iam_role', change: { after: {} } }]),
  configuration: junk,
});

/** JSON text of a generated value; junk such as a BigInt or a cycle prints as null. */
export function printed(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
}

/** Text for the parsers: printed JSON of the structures above, or any string. */
export const readerText: fc.Arbitrary<string> = fc.oneof(
  cloudFormationTemplate.map(printed),
  terraformPlan.map(printed),
  policyDocument.map(printed),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        'Resources:',
        '  A:',
        '    Type: x',
        '!Ref',
        '!Sub',
        '- ',
        '{',
        '}',
        '[',
        ']',
        ':',
        '&a',
        '*a',
        '<<:',
        '"',
        "'",
        '#',
        '\t',
        '%YAML 1.2',
        '---',
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('\n')),
);
