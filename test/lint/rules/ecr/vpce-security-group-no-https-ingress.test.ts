import { vpceSecurityGroupNoHttpsIngress as rule } from '../../../../src/lint/rules/ecr/vpce-security-group-no-https-ingress';
import { endpointModel, known, stackFromYaml, stackModel, unknown } from './helpers';

const template = (groups: string, securityGroupIds: string, extra = '') => `
Parameters:
  ExternalGroup: {Type: 'AWS::EC2::SecurityGroup::Id'}
  Port: {Type: Number}
Resources:
${groups}
  EcrApi:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ecr.api
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SecurityGroupIds: ${securityGroupIds}
${extra}`;
const group = (name: string, ingress: string) =>
  `  ${name}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: endpoints\n      SecurityGroupIngress: ${ingress}\n`;

// DOMAIN.md §2: interface endpoints' security group must allow inbound TCP 443.
describe(rule.meta.code, () => {
  it.each([
    ['tcp 443 inline', group('Sg', '[{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}]'), '[!Ref Sg]', '', 0],
    ['tcp 80 only', group('Sg', '[{IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/16}]'), '[!Ref Sg]', '', 1],
    ['udp 443 only', group('Sg', '[{IpProtocol: udp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}]'), '[!GetAtt Sg.GroupId]', '', 1],
    ['no ingress at all', group('Sg', '[]'), '[!GetAtt Sg.GroupId]', '', 1],
    ['all traffic (-1)', group('Sg', "[{IpProtocol: '-1', CidrIp: 10.0.0.0/16}]"), '[!Ref Sg]', '', 0],
    ['protocol 6 with a range covering 443', group('Sg', "[{IpProtocol: '6', FromPort: 0, ToPort: 1024, CidrIp: 10.0.0.0/16}]"), '[!Ref Sg]', '', 0],
    ['a range next to 443', group('Sg', '[{IpProtocol: tcp, FromPort: 444, ToPort: 1024, CidrIp: 10.0.0.0/16}]'), '[!Ref Sg]', '', 1],
    [
      'ports from a parameter without default are unknown',
      group('Sg', '[{IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: 10.0.0.0/16}]'),
      '[!Ref Sg]',
      '',
      0,
    ],
    [
      'a separate ingress resource admits 443',
      group('Sg', '[]'),
      '[!Ref Sg]',
      '  Https:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties: {GroupId: !GetAtt Sg.GroupId, IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref Sg}\n',
      0,
    ],
    [
      'one of two groups admits 443',
      group('Closed', '[]') + group('Open', '[{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}]'),
      '[!Ref Closed, !Ref Open]',
      '',
      0,
    ],
    ['a literal sg- ID: outside the stack, silent', group('Closed', '[]'), '[!Ref Closed, sg-0123456789abcdef0]', '', 0],
    ['a parameter: outside the stack, silent', group('Closed', '[]'), '[!Ref ExternalGroup]', '', 0],
    ['no SecurityGroupIds: the VPC default group, silent', group('Closed', '[]'), '[]', '', 0],
  ] as const)('%s', (_name, groups, ids, extra, count) => {
    expect(rule.check(stackFromYaml(template(groups, ids, extra)))).toHaveLength(count);
  });

  it('names the endpoint, its service and its groups, at SecurityGroupIds', () => {
    const [hit] = rule.check(stackFromYaml(template(group('Sg', '[]'), '[!Ref Sg]')));
    expect(hit).toMatchObject({ path: ['Resources', 'EcrApi', 'Properties', 'SecurityGroupIds'], resource: 'EcrApi' });
    expect(hit?.message).toMatch(/EcrApi \(ecr\.api\).*Sg has no ingress rule/);
  });

  it('never decides on an unknown protocol', () => {
    const stack = stackModel({
      endpoints: [endpointModel('Dkr', 'ecr.dkr', { securityGroups: [{ resource: 'Sg' }] })],
      securityGroups: [
        {
          resource: 'Sg',
          path: ['Resources', 'Sg'],
          ingress: [{ protocol: unknown, fromPort: known(80), toPort: known(80), source: {}, path: ['Resources', 'Sg'] }],
        },
      ],
    });
    expect(rule.check(stack)).toEqual([]);
  });
});
