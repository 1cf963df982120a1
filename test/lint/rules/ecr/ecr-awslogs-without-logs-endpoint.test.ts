import { ecrAwslogsWithoutLogsEndpoint as rule } from '../../../../src/lint/rules/ecr/ecr-awslogs-without-logs-endpoint';
import { NAT, stackFromYaml } from './helpers';

const endpoint = (name: string, service: string) =>
  `  ${name}:\n    Type: AWS::EC2::VPCEndpoint\n    Properties: {ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.${service}', VpcEndpointType: Interface, PrivateDnsEnabled: true}\n`;
const task = (driver: string) =>
  `  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      ContainerDefinitions:\n        - {Name: app, Image: nginx, LogConfiguration: {LogDriver: ${driver}}}\n        - {Name: sidecar, Image: nginx, LogConfiguration: {LogDriver: ${driver}}}\n`;
const IGW_ROUTE =
  '  Default:\n    Type: AWS::EC2::Route\n    Properties: {RouteTableId: rtb-0123456789abcdef0, DestinationCidrBlock: 0.0.0.0/0, GatewayId: igw-0123456789abcdef0}\n';

const PUBLIC_SERVICE =
  '  Service:\n    Type: AWS::ECS::Service\n    Properties:\n      TaskDefinition: !Ref Task\n      LaunchType: FARGATE\n      NetworkConfiguration: {AwsvpcConfiguration: {AssignPublicIp: ENABLED, Subnets: [subnet-0123456789abcdef0]}}\n';

// docs/aws-facts.md §1 hop 4 and §2: logs endpoint required when the VPC has no internet route and tasks use awslogs.
describe(rule.meta.code, () => {
  it.each([
    ['awslogs, endpoints, no internet route, no logs endpoint', endpoint('Dkr', 'ecr.dkr') + task('awslogs'), 1],
    ['the logs endpoint is declared', endpoint('Dkr', 'ecr.dkr') + endpoint('Logs', 'logs') + task('awslogs'), 0],
    ['a NAT gateway', NAT + endpoint('Dkr', 'ecr.dkr') + task('awslogs'), 0],
    // A Fargate task reaches an internet gateway only with a public IP (ECS Developer Guide, "Fargate task networking").
    ['a route to an internet gateway, no public IP', IGW_ROUTE + endpoint('Dkr', 'ecr.dkr') + task('awslogs'), 1],
    ['a route to an internet gateway and AssignPublicIp ENABLED', IGW_ROUTE + endpoint('Dkr', 'ecr.dkr') + task('awslogs') + PUBLIC_SERVICE, 0],
    ['no endpoint at all: the network is elsewhere', task('awslogs'), 0],
    ['another log driver', endpoint('Dkr', 'ecr.dkr') + task('awsfirelens'), 0],
    ['an endpoint whose service is unknown may be the logs endpoint', endpoint('Dkr', 'ecr.dkr') + endpoint('Other', '${Service}') + task('awslogs'), 0],
  ] as const)('%s', (_name, resources, count) => {
    expect(rule.check(stackFromYaml(`Parameters:\n  Service: {Type: String}\nResources:\n${resources}`))).toHaveLength(count);
  });

  it('reports once per task definition, at the first awslogs container, naming every one', () => {
    const [hit] = rule.check(stackFromYaml(`Resources:\n${endpoint('Dkr', 'ecr.dkr')}${task('awslogs')}`));
    expect(hit).toMatchObject({
      path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'LogConfiguration', 'LogDriver'],
      resource: 'Task',
    });
    expect(hit?.message).toMatch(/\(app, sidecar\).*com\.amazonaws\.REGION\.logs/);
  });
});
