import { blockedKeys, checkYaml, DEPLOYED, goodFargateWith, stepOf, unknownKeys } from './helpers';

/**
 * Private DNS off on ecr.api: an endpoint URL (`--endpoint-url https://VPCE_ID.api.ecr.REGION.vpce.amazonaws.com`)
 * serves only callers that can be given one, the CLI and SDKs; the ECS agent and Fargate fetch the
 * registry token at ecr.api's default host name (Amazon ECR User Guide, "Amazon ECR interface VPC
 * endpoints (AWS PrivateLink)"; policygen docs/aws-facts.md §2). Without private DNS that name does
 * not lead to the endpoint, so the auth step needs an internet route.
 */

const API_DNS = /(ServiceName: !Sub com\.amazonaws\.\$\{AWS::Region\}\.ecr\.api\n(?:.*\n)*?\s+PrivateDnsEnabled: )true/;
const apiDnsOff = goodFargateWith(API_DNS, '$1false');
const AUTH = 'auth-token ecr:GetAuthorizationToken ecr.api';

describe('check: ecr.api with private DNS off', () => {
  it('should block the auth step, and only it, when the template declares no internet route', () => {
    const report = checkYaml(apiDnsOff);
    expect(blockedKeys(report)).toEqual([AUTH]);
    expect(stepOf(report, 'auth-token').reason).toContain('cannot be given its own DNS name');
    expect(stepOf(report, 'auth-token').hint).toContain('PrivateDnsEnabled: true');
  });

  it('should allow the auth step over an internet route (--internet)', () => {
    const report = checkYaml(apiDnsOff, { ...DEPLOYED, internet: true });
    expect(blockedKeys(report)).toEqual([]);
    expect(stepOf(report, 'auth-token').network).toBe('internet');
  });

  it('should answer unknown when the input declares no route table, so whether an internet route exists is not known', () => {
    const noRoutes = apiDnsOff
      .replace(/  PrivateRouteTable:\n    Type: AWS::EC2::RouteTable\n(?:      .*\n|    .*\n)*\n/, '')
      .replace(/  PrivateSubnet[AB]RouteTableAssociation:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n(?:      .*\n|    .*\n)*\n/g, '')
      .replace('RouteTableIds: [!Ref PrivateRouteTable]', 'RouteTableIds: [rtb-0123456789abcdef0]');
    expect(noRoutes).not.toContain('AWS::EC2::RouteTable');
    const report = checkYaml(noRoutes);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([AUTH]);
    expect(stepOf(report, 'auth-token').reason).toContain('declares no route table');
  });

  it('should still pass with private DNS on (the unchanged fixture)', () => {
    expect(blockedKeys(checkYaml(goodFargateWith(API_DNS, '$1true')))).toEqual([]);
  });
});
