import { s3EndpointNotGateway as rule } from '../../../../src/lint/rules/ecr/s3-endpoint-not-gateway';
import { endpointModel, stackFromYaml, stackModel, unknown } from './helpers';

const endpoint = (name: string, service: string, type?: string) =>
  `  ${name}:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${service}\n${type ? `      VpcEndpointType: ${type}\n` : ''}      RouteTableIds: [rtb-0123456789abcdef0]\n`;

// The ECR endpoints of a stack that pulls over PrivateLink, beside its S3 endpoint.
const dkr = endpoint('Dkr', 'ecr.dkr', 'Interface');

// DOMAIN.md §2: s3 is a Gateway endpoint.
describe(rule.meta.code, () => {
  it.each([
    ['an S3 Interface endpoint as the only S3 endpoint beside ecr.dkr', dkr + endpoint('S3', 's3', 'Interface'), ['S3']],
    ['an S3 GatewayLoadBalancer endpoint as the only S3 endpoint beside ecr.dkr', dkr + endpoint('S3', 's3', 'GatewayLoadBalancer'), ['S3']],
    ['an S3 Gateway endpoint', dkr + endpoint('S3', 's3', 'Gateway'), []],
    ['VpcEndpointType left out is Gateway', dkr + endpoint('S3', 's3'), []],
    ['an S3 Interface endpoint beside the gateway', dkr + endpoint('S3Interface', 's3', 'Interface') + endpoint('S3Gateway', 's3', 'Gateway'), []],
    ['interface endpoints of other services', dkr, []],
    // aws-samples/serverless-patterns route53-alb-s3: an ALB in front of an S3 interface endpoint, no ECS, no ECR.
    ['an S3 Interface endpoint in a stack without ECS or ECR', endpoint('S3', 's3', 'Interface'), []],
  ] as const)('%s', (_name, resources, fired) => {
    expect(rule.check(stackFromYaml(`Resources:\n${resources}`)).map((h) => h.resource)).toEqual(fired);
  });

  it('points at VpcEndpointType', () => {
    const [hit] = rule.check(stackFromYaml(`Resources:\n${dkr}${endpoint('S3', 's3', 'Interface')}`));
    expect(hit?.path).toEqual(['Resources', 'S3', 'Properties', 'VpcEndpointType']);
    expect(hit?.message).toMatch(/Gateway/);
  });

  it('stays silent when some S3 endpoint has an unknown type (it may be the gateway)', () => {
    const stack = stackModel({
      endpoints: [endpointModel('A', 's3', { type: { known: true, value: 'Interface' } }), endpointModel('B', 's3', { type: unknown })],
    });
    expect(rule.check(stack)).toEqual([]);
  });
});
