import { s3GatewayPolicyMissingLayerBucket as rule } from '../../../../src/lint/rules/ecr/s3-gateway-policy-missing-layer-bucket';
import { stackFromYaml } from './helpers';

const DKR =
  '  Dkr:\n    Type: AWS::EC2::VPCEndpoint\n    Properties: {ServiceName: !Sub "com.amazonaws.${AWS::Region}.ecr.dkr", VpcEndpointType: Interface, PrivateDnsEnabled: true}\n';
const s3 = (statements: string, serviceName = '!Sub "com.amazonaws.${AWS::Region}.s3"') => `  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: ${serviceName}
      VpcEndpointType: Gateway
      RouteTableIds: [rtb-0123456789abcdef0]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statements}`;
const LAYERS_SUB =
  '          - {Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: !Sub "arn:${AWS::Partition}:s3:::prod-${AWS::Region}-starport-layer-bucket/*"}\n';
const layers = (region: string) =>
  `          - {Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::prod-${region}-starport-layer-bucket/*"}\n`;
const OWN_BUCKET = '          - {Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::my-app-artifacts/*"}\n';
const fires = (resources: string, region?: string): number => rule.check(stackFromYaml(`Resources:\n${resources}`, region ? { region } : {})).length;

// DOMAIN.md §1 hop 3, §3 (ECR-VPCE minimum S3 permissions), §7 (403 on layer download).
describe(rule.meta.code, () => {
  it.each([
    ['the minimum policy with !Sub, Region unknown (unknown never fails)', DKR + s3(LAYERS_SUB), undefined, 0],
    ['the minimum policy with !Sub, Region known', DKR + s3(LAYERS_SUB), 'eu-west-1', 0],
    ['the literal layer bucket of the Region', DKR + s3(layers('eu-west-1')), 'eu-west-1', 0],
    ['the layer bucket of another Region', DKR + s3(layers('us-east-1')), 'eu-west-1', 1],
    ['the Region from a literal service name', DKR + s3(layers('us-east-1'), 'com.amazonaws.eu-west-1.s3'), undefined, 1],
    ['your own bucket only', DKR + s3(OWN_BUCKET), undefined, 1],
    ['your own bucket only, Region known', DKR + s3(OWN_BUCKET), 'eu-west-1', 1],
    [
      'every object, only for principals of the organization (the data-perimeter trap)',
      DKR + s3('          - {Effect: Allow, Principal: "*", Action: "s3:*", Resource: "*", Condition: {StringEquals: {"aws:PrincipalOrgID": o-a1b2c3d4e5}}}\n'),
      undefined,
      1,
    ],
    [
      "the layer statement with an account condition is S3_LAYER_BUCKET_ACCOUNT_CONDITION's finding",
      DKR +
        s3(
          '          - {Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*", Condition: {StringEquals: {"aws:PrincipalAccount": "111122223333"}}}\n',
        ),
      'eu-west-1',
      0,
    ],
    [
      'a principal narrower than "*"',
      DKR +
        s3(
          '          - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111122223333:root"}, Action: "s3:GetObject", Resource: "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*"}\n',
        ),
      'eu-west-1',
      1,
    ],
    [
      'an unconditioned Deny of s3:*',
      DKR + s3(layers('eu-west-1') + '          - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*"}\n'),
      'eu-west-1',
      1,
    ],
    [
      'a Deny with conditions is left to S3_LAYER_BUCKET_ACCOUNT_CONDITION',
      DKR +
        s3(
          layers('eu-west-1') +
            '          - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*", Condition: {Bool: {"aws:SecureTransport": "false"}}}\n',
        ),
      'eu-west-1',
      0,
    ],
    [
      'wildcards that cover the bucket (s3:Get*, arn:aws:s3:::*)',
      DKR + s3('          - {Effect: Allow, Principal: {AWS: "*"}, Action: ["s3:Get*"], Resource: ["arn:aws:s3:::*"]}\n'),
      'eu-west-1',
      0,
    ],
    ['the stack does not pull from ECR', s3(OWN_BUCKET), undefined, 0],
    [
      'an S3 gateway without a policy allows everything',
      DKR + '  S3:\n    Type: AWS::EC2::VPCEndpoint\n    Properties: {ServiceName: com.amazonaws.eu-west-1.s3, RouteTableIds: [rtb-0123456789abcdef0]}\n',
      undefined,
      0,
    ],
  ] as const)('%s', (_name, resources, region, count) => {
    expect(fires(resources, region)).toBe(count);
  });

  it('points at the endpoint policy and names the bucket and the evidence', () => {
    const [hit] = rule.check(stackFromYaml(`Resources:\n${DKR}${s3(OWN_BUCKET)}`, { region: 'eu-west-1' }));
    expect(hit).toMatchObject({ path: ['Resources', 'S3', 'Properties', 'PolicyDocument'], resource: 'S3' });
    expect(hit?.message).toMatch(/arn:aws:s3:::prod-eu-west-1-starport-layer-bucket\/\*.*ecr\.dkr endpoint Dkr.*403/);
  });
});

describe(`${rule.meta.code} on unknown documents`, () => {
  it('stays silent when the statements come from an unresolved intrinsic', () => {
    const template = `Parameters:\n  Strict: {Type: String}\nConditions:\n  IsStrict: !Equals [!Ref Strict, 'yes']\nResources:\n${DKR}  S3:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: com.amazonaws.eu-west-1.s3\n      RouteTableIds: [rtb-0123456789abcdef0]\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement: !If [IsStrict, [], [{Effect: Allow, Principal: '*', Action: 's3:*', Resource: '*'}]]\n`;
    expect(rule.check(stackFromYaml(template))).toEqual([]);
  });
});
