import { s3GatewayEndpointNoRouteTables as rule } from '../../../../src/lint/rules/ecr/s3-gateway-endpoint-no-route-tables';
import { DOCKER_HUB_TASK, ECR_TASK, NAT, stackFromYaml } from './helpers';

const s3 = (properties: string) =>
  `Parameters:\n  Tables: {Type: CommaDelimitedList}\nResources:\n  S3:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3\n${properties}`;

// DOMAIN.md §2: the S3 gateway is attached to the private route tables.
describe(rule.meta.code, () => {
  it.each([
    ['RouteTableIds left out', s3('      VpcEndpointType: Gateway\n'), 1],
    ['RouteTableIds empty, type left out (Gateway)', s3('      RouteTableIds: []\n'), 1],
    ['route tables attached', s3('      RouteTableIds: [!Ref PrivateRouteTable]\n'), 0],
    ['route tables from a list parameter without default are unknown', s3('      RouteTableIds: !Ref Tables\n'), 0],
    ['an S3 interface endpoint has no route tables', s3('      VpcEndpointType: Interface\n'), 0],
  ] as const)('%s', (_name, template, count) => {
    expect(rule.check(stackFromYaml(template))).toHaveLength(count);
  });

  // A task that pulls an ECR image: the rule is a view of check's walk (issue 10 item 1), which blocks the
  // layer download at the gateway only when nothing else carries it (ECR-VPCE: layers come from S3).
  it.each([
    ['an ECR pull with no other way to S3', s3('      VpcEndpointType: Gateway\n') + ECR_TASK, ['S3']],
    ['an ECR pull whose layers a NAT gateway carries', s3('      VpcEndpointType: Gateway\n') + NAT + ECR_TASK, []],
    ['a Docker Hub image downloads no ECR layers', s3('      VpcEndpointType: Gateway\n') + DOCKER_HUB_TASK, []],
  ] as const)('as a view of the walk: %s', (_name, template, resources) => {
    expect(rule.check(stackFromYaml(template)).map((h) => h.resource)).toEqual(resources);
  });

  it('points at RouteTableIds', () => {
    expect(rule.check(stackFromYaml(s3('      VpcEndpointType: Gateway\n')))[0]).toMatchObject({
      path: ['Resources', 'S3', 'Properties', 'RouteTableIds'],
      resource: 'S3',
    });
  });
});
