import { blockedKeys, checkYaml, goodFargateWith, runByInstead, SCHEDULER_RUNNER, stepOf } from './helpers';

// The tasks' security group must let TCP 443 out to the interface endpoints' security group and to
// the S3 prefix list of the gateway endpoint
// (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security);
// a group without egress rules keeps the default allow-all rule (AWS::EC2::SecurityGroup reference).
const TO_ENDPOINTS = `        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          DestinationSecurityGroupId: !GetAtt EndpointSecurityGroup.GroupId
`;
const TO_S3 = `        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          DestinationPrefixListId: !Ref S3PrefixListId
`;

describe('check: the task security group’s egress', () => {
  it('should pass the good stack, whose task group allows 443 to both', () => {
    expect(blockedKeys(checkYaml(goodFargateWith('', '')))).toEqual([]);
  });

  it('should block the ECR steps at the egress when the task group has no 443 rule to the endpoints', () => {
    const report = checkYaml(goodFargateWith(TO_ENDPOINTS, ''));
    const auth = stepOf(report, 'auth-token');
    expect(auth.verdict).toBe('blocked');
    expect(auth.reason).toContain('egress');
    expect(auth.hint).toContain('DestinationSecurityGroupId');
  });

  it('should block the layer download when the task group has no 443 rule to the S3 prefix list', () => {
    const report = checkYaml(goodFargateWith(TO_S3, ''));
    expect(stepOf(report, 'auth-token').verdict).not.toBe('blocked');
    expect(stepOf(report, 'layer-download').verdict).toBe('blocked');
    expect(stepOf(report, 'layer-download').reason).toContain('prefix list');
  });

  it('should pass a task group with no egress rule at all: the default rule allows everything', () => {
    expect(blockedKeys(checkYaml(goodFargateWith(`      SecurityGroupEgress:\n${TO_ENDPOINTS}${TO_S3}`, '')))).toEqual([]);
  });

  it('should not block when the egress goes to a CIDR it cannot place (assumed, with a warning)', () => {
    const report = checkYaml(goodFargateWith('DestinationSecurityGroupId: !GetAtt EndpointSecurityGroup.GroupId', 'CidrIp: 10.0.0.0/16'));
    expect(blockedKeys(report)).toEqual([]);
    expect(report.warnings.map((w) => w.code)).toContain('SECURITY_GROUP_UNKNOWN');
  });

  it('should not judge a security group from outside the template', () => {
    const report = checkYaml(goodFargateWith('SecurityGroups: [!Ref TaskSecurityGroup]', 'SecurityGroups: [sg-0123456789abcdef0]').replace(TO_ENDPOINTS, ''));
    expect(blockedKeys(report)).toEqual([]);
  });

  it('should judge the security group a scheduled task runs with, as a service’s', () => {
    // EventBridge Scheduler runs the task with the target's AwsvpcConfiguration (its SecurityGroups):
    // https://docs.aws.amazon.com/scheduler/latest/APIReference/API_AwsVpcConfiguration.html
    const schedule = SCHEDULER_RUNNER.replace(
      'Subnets: [!Ref PrivateSubnetA]',
      'Subnets: [!Ref PrivateSubnetA]\n              SecurityGroups: [!Ref TaskSecurityGroup]',
    );
    const scheduled = (text: string) => runByInstead(text, schedule);
    expect(blockedKeys(checkYaml(scheduled(goodFargateWith('', ''))))).toEqual([]);
    const auth = stepOf(checkYaml(scheduled(goodFargateWith(TO_ENDPOINTS, ''))), 'auth-token');
    expect([auth.verdict, auth.reason]).toEqual(['blocked', expect.stringContaining('egress')]);
  });
});
