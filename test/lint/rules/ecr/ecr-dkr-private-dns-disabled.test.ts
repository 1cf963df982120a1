import { ecrDkrPrivateDnsDisabled as rule } from '../../../../src/lint/rules/ecr/ecr-dkr-private-dns-disabled';
import { DOCKER_HUB_TASK, ECR_TASK, endpointModel, NAT, stackFromYaml, stackModel, unknown } from './helpers';

const dkr = (properties: string) => `
Resources:
  EcrDkr:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ecr.dkr
      VpcEndpointType: Interface
${properties}
`;

// DOMAIN.md §2: ecr.dkr, Interface, private DNS must be on; CloudFormation's default is false.
describe(rule.meta.code, () => {
  it.each([
    ['PrivateDnsEnabled left out (CloudFormation default false)', dkr(''), 1],
    ['PrivateDnsEnabled: false', dkr('      PrivateDnsEnabled: false'), 1],
    ['PrivateDnsEnabled: "false" as a string', dkr("      PrivateDnsEnabled: 'false'"), 1],
    ['PrivateDnsEnabled: true', dkr('      PrivateDnsEnabled: true'), 0],
    ['PrivateDnsEnabled from a parameter without default is unknown', `Parameters:\n  Dns: {Type: String}\n${dkr('      PrivateDnsEnabled: !Ref Dns')}`, 0],
    [
      'PrivateDnsEnabled from a parameter defaulting to false',
      `Parameters:\n  Dns: {Type: String, Default: 'false'}\n${dkr('      PrivateDnsEnabled: !Ref Dns')}`,
      1,
    ],
    [
      'ecr.api may leave private DNS off',
      'Resources:\n  Api:\n    Type: AWS::EC2::VPCEndpoint\n    Properties: {ServiceName: com.amazonaws.eu-west-1.ecr.api, VpcEndpointType: Interface}\n',
      0,
    ],
    [
      'the China prefix is ecr.dkr too',
      'Resources:\n  Dkr:\n    Type: AWS::EC2::VPCEndpoint\n    Properties: {ServiceName: cn.com.amazonaws.cn-north-1.ecr.dkr, VpcEndpointType: Interface}\n',
      1,
    ],
  ] as const)('%s', (_name, template, count) => {
    expect(rule.check(stackFromYaml(template))).toHaveLength(count);
  });

  // A task that pulls an ECR image: the rule is a view of check's walk (issue 10 item 1), which blocks the
  // manifest and layer URLs at the endpoint only when nothing else carries them. Without private DNS the
  // registry host name resolves to its public address (ECR-VPCE), which a NAT gateway reaches.
  it.each([
    ['an ECR pull with no other way to the registry', dkr('') + ECR_TASK, ['EcrDkr']],
    ['an ECR pull that a NAT gateway carries over the public host name', dkr('') + NAT + ECR_TASK, []],
    ['a Docker Hub image does not go through ecr.dkr', dkr('') + DOCKER_HUB_TASK, []],
  ] as const)('as a view of the walk: %s', (_name, template, resources) => {
    expect(rule.check(stackFromYaml(template)).map((h) => h.resource)).toEqual(resources);
  });

  it('points at PrivateDnsEnabled of the endpoint', () => {
    const [hit] = rule.check(stackFromYaml(dkr('      PrivateDnsEnabled: false')));
    expect(hit).toMatchObject({ path: ['Resources', 'EcrDkr', 'Properties', 'PrivateDnsEnabled'], resource: 'EcrDkr' });
    expect(hit?.message).toMatch(/ACCOUNT\.dkr\.ecr\.REGION\.amazonaws\.com.*PrivateDnsEnabled: true/);
  });

  it('never fires on an unknown value or an endpoint of unknown type', () => {
    expect(rule.check(stackModel({ endpoints: [endpointModel('Dkr', 'ecr.dkr', { privateDnsEnabled: unknown })] }))).toEqual([]);
    expect(
      rule.check(stackModel({ endpoints: [endpointModel('Dkr', 'ecr.dkr', { type: unknown, privateDnsEnabled: { known: true, value: false } })] })),
    ).toEqual([]);
  });
});
