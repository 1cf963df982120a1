import { ecrEndpointMissing as rule } from '../../../../src/lint/rules/ecr/ecr-endpoint-missing';
import { stackFromYaml } from './helpers';

const endpoint = (service: string, type = 'Interface') =>
  `  Ep${service.replace(/[^a-z0-9]/gi, '')}:\n    Type: AWS::EC2::VPCEndpoint\n    Properties: {ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.${service}', VpcEndpointType: ${type}, PrivateDnsEnabled: true}\n`;
const ECR_TRIO = endpoint('ecr.api') + endpoint('ecr.dkr') + endpoint('s3', 'Gateway');
const AGENT = endpoint('ecs') + endpoint('ecs-agent') + endpoint('ecs-telemetry');
// An ECR image of the stack's own account and Region, whatever the Region (a pull the walk follows hop by hop).
const OWN_ECR_IMAGE = '!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/my-app:1.0.0"';
const task = (compatibilities: string, image = OWN_ECR_IMAGE) =>
  `  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: ${compatibilities}\n      ContainerDefinitions: [{Name: app, Image: ${image.startsWith('!') ? image : `'${image}'`}}]\n`;
const service = (platform: string) =>
  `  Service:\n    Type: AWS::ECS::Service\n    Properties: {TaskDefinition: !Ref Task, LaunchType: FARGATE, PlatformVersion: '${platform}'}\n`;
const ROLE = `  ExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: 'sts:AssumeRole'}]
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]
`;
const ECR_IMAGE = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/my-app:1.0.0';
const missing = (resources: string): string[] =>
  rule
    .check(stackFromYaml(`Parameters:\n  Service: {Type: String}\nResources:\n${resources}`))
    .map((h) => h.detail ?? '')
    .sort();

// DOMAIN.md §2 table: Fargate needs ecr.api (platform >= 1.4.0), ecr.dkr, s3; EC2 also ecs, ecs-agent, ecs-telemetry.
describe(rule.meta.code, () => {
  it.each([
    ['Fargate with the three ECR endpoints', ECR_TRIO + task('[FARGATE]'), []],
    ['Fargate LATEST without ecr.api', endpoint('ecr.dkr') + endpoint('s3', 'Gateway') + task('[FARGATE]'), ['Endpoint::ecr.api']],
    ['Fargate 1.4.0 without ecr.api', endpoint('ecr.dkr') + endpoint('s3', 'Gateway') + task('[FARGATE]') + service('1.4.0'), ['Endpoint::ecr.api']],
    ['Fargate 1.3.0 took the token through ecr.dkr', endpoint('ecr.dkr') + endpoint('s3', 'Gateway') + task('[FARGATE]') + service('1.3.0'), []],
    ['no s3 gateway', endpoint('ecr.api') + endpoint('ecr.dkr') + task('[FARGATE]'), ['Endpoint::s3']],
    ['an ECR image URI with only ecr.api', endpoint('ecr.api') + task('[FARGATE]', ECR_IMAGE), ['Endpoint::ecr.dkr', 'Endpoint::s3']],
    [
      'a role for ECS tasks with AmazonECSTaskExecutionRolePolicy, only logs',
      endpoint('logs') + ROLE,
      ['Endpoint::ecr.api', 'Endpoint::ecr.dkr', 'Endpoint::s3'],
    ],
    ['nothing pulls from ECR', endpoint('logs') + task('[FARGATE]', 'public.ecr.aws/nginx/nginx:1'), []],
    ['EC2 without the agent endpoints', ECR_TRIO + task('[EC2]'), ['Endpoint::ecs', 'Endpoint::ecs-agent', 'Endpoint::ecs-telemetry']],
    ['EC2 with every endpoint', ECR_TRIO + AGENT + task('[EC2]'), []],
    ['EC2 and Fargate: may run on Fargate', ECR_TRIO + task('[EC2, FARGATE]'), []],
    // The walk (check) blocks a Docker Hub pull for want of an internet path, not at ECR: no ECR endpoint is missing for it.
    ['a Docker Hub image beside an ecr.dkr endpoint', endpoint('ecr.dkr') + task('[FARGATE]', 'nginx'), []],
    [
      'an EC2 task that pulls from elsewhere still needs the agent endpoints',
      endpoint('logs') + task('[EC2]', 'nginx'),
      ['Endpoint::ecs', 'Endpoint::ecs-agent', 'Endpoint::ecs-telemetry'],
    ],
    ['a NAT gateway', '  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties: {SubnetId: subnet-0123456789abcdef0}\n' + endpoint('ecr.dkr'), []],
    ['an endpoint of unknown service may be the missing one', endpoint('ecr.dkr') + endpoint('${Service}'), []],
    ['no endpoint at all', task('[FARGATE]', ECR_IMAGE), []],
  ] as const)('%s', (_name, resources, expected) => {
    expect(missing(resources)).toEqual(expected);
  });

  it('names the service name (with the Region when known) and why, at the task definition', () => {
    const stack = stackFromYaml(`Resources:\n${endpoint('ecr.dkr')}${endpoint('s3', 'Gateway')}${task('[FARGATE]')}`, { region: 'eu-west-1' });
    const [hit] = rule.check(stack);
    expect(hit).toMatchObject({ path: ['Resources', 'Task'], resource: 'Task', detail: 'Endpoint::ecr.api' });
    expect(hit?.message).toMatch(/Interface endpoint com\.amazonaws\.eu-west-1\.ecr\.api .*ecr:GetAuthorizationToken/);
  });

  it('uses the cn.com.amazonaws prefix for ECR in China', () => {
    const stack = stackFromYaml(`Resources:\n${endpoint('ecr.dkr')}${endpoint('s3', 'Gateway')}${task('[FARGATE]')}`, { region: 'cn-north-1' });
    expect(rule.check(stack)[0]?.message).toContain('cn.com.amazonaws.cn-north-1.ecr.api');
  });
});

describe(`${rule.meta.code}: endpoint service names written out`, () => {
  // Regions of every shape (DOMAIN.md §5 partitions): the service is the text after the Region.
  const literal = (region: string, service: string, type = 'Interface') =>
    `  Ep${service.replace(/[^a-z0-9]/gi, '')}:\n    Type: AWS::EC2::VPCEndpoint\n    Properties: {ServiceName: com.amazonaws.${region}.${service}, VpcEndpointType: ${type}}\n`;
  it.each(['us-east-1', 'us-gov-west-1', 'eusc-de-east-1', 'us-isob-east-1'])('finds the ECR endpoints of %s', (region) => {
    const trio = literal(region, 'ecr.api') + literal(region, 'ecr.dkr') + literal(region, 's3', 'Gateway');
    expect(rule.check(stackFromYaml(`Resources:\n${trio}${task('[FARGATE]')}`, { region }))).toEqual([]);
    const stack = stackFromYaml(`Resources:\n${literal(region, 'ecr.dkr')}${literal(region, 's3', 'Gateway')}${task('[FARGATE]')}`, { region });
    expect(rule.check(stack).map((h) => h.detail)).toEqual(['Endpoint::ecr.api']);
  });
});
