import { imageRegistry } from '../../src/model/image-registry';
import { checkFixture, checkYaml, goodFargateWith, stepOf, warningCodes } from './helpers';

/**
 * Images outside Amazon ECR's private registries (issue 10 item 1): pulled over the internet only
 * (Amazon ECR User Guide, "Amazon ECR interface VPC endpoints": the endpoints do not serve ECR Public;
 * Docker Hub, ghcr.io and quay.io are outside AWS). good-fargate.yaml is an isolated VPC with every
 * ECR endpoint and no NAT or internet gateway.
 */
const ECR_IMAGE = /Image: !Sub \$\{AWS::AccountId\}\.dkr\.ecr\.[^\n]*/;
const withImage = (image: string) => goodFargateWith(ECR_IMAGE, `Image: ${image}`);
const REGISTRY_STEPS = ['auth-token', 'manifest', 'layer-download'] as const;

const NAT = `
  Eip:
    Type: AWS::EC2::EIP
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt Eip.AllocationId
      SubnetId: !Ref PrivateSubnetA
  NatRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRouteTable
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref Nat
`;
const withNat = (text: string) => text.replace(/\nResources:\n/, `\nResources:\n${NAT}`);

describe('check: images outside Amazon ECR', () => {
  it.each([
    ['nginx', 'docker.io'],
    ['nginx:1.27', 'docker.io'],
    ['library/nginx', 'docker.io'],
    ['docker.io/library/nginx:1', 'docker.io'],
    ['public.ecr.aws/nginx/nginx:latest', 'public.ecr.aws'],
    ['ghcr.io/owner/app@sha256:abc', 'ghcr.io'],
    ['quay.io/prometheus/node-exporter', 'quay.io'],
    ['localhost:5000/app', 'localhost:5000'],
  ])('should read the registry of %s as %s (Docker reference grammar)', (image, registry) => {
    expect(imageRegistry(image)).toBe(registry);
  });

  it.each(['nginx:1.27', 'public.ecr.aws/nginx/nginx:latest', 'ghcr.io/owner/app:1', 'quay.io/org/app:1'])(
    'should block the pull of %s from isolated subnets, though every ECR endpoint is there',
    (image) => {
      const report = checkYaml(withImage(image));
      for (const step of REGISTRY_STEPS) {
        expect(stepOf(report, step)).toMatchObject({ verdict: 'blocked', allowed: false, network: 'none', resource: image });
        expect(stepOf(report, step).reason).toMatch(/no internet route/);
      }
      // No request to ECR is made: no layer URL step, no ECR endpoint on the path.
      expect(report.steps.filter((s) => s.endpoint.startsWith('ecr.') || s.step === 'layer-urls')).toEqual([]);
      // awslogs still goes through the logs endpoint with the execution role.
      expect(stepOf(report, 'log-events').verdict).toBe('allowed');
      expect(report.summary.blocked).toBe(3);
      expect(warningCodes(report)).toContain('IMAGE_NOT_FROM_ECR');
    },
  );

  it('should allow the pull of a Docker Hub image over a NAT route', () => {
    const report = checkYaml(withNat(withImage('nginx:1.27')));
    for (const step of REGISTRY_STEPS) expect(stepOf(report, step)).toMatchObject({ verdict: 'allowed', network: 'internet', endpoint: 'docker.io' });
    expect(report.summary.blocked).toBe(0);
  });

  it('should allow it with --internet (a route in another stack)', () => {
    const report = checkYaml(withImage('public.ecr.aws/nginx/nginx:latest'), { region: 'eu-west-1', accountId: '111122223333', internet: true });
    expect(stepOf(report, 'manifest')).toMatchObject({ verdict: 'allowed', endpoint: 'public.ecr.aws' });
  });

  it('should say unknown, not blocked, when the input declares no network', () => {
    const report = checkFixture('check/docker-hub-only.yaml');
    for (const step of REGISTRY_STEPS) expect(stepOf(report, step)).toMatchObject({ verdict: 'unknown', allowed: null });
    expect(report.summary).toMatchObject({ blocked: 0, unknown: 3 });
  });

  it('should name the missing public IP when the VPC routes to an internet gateway', () => {
    const igw = `
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRouteTable
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
`;
    const text = withImage('nginx').replace(/\nResources:\n/, `\nResources:\n${igw}`);
    expect(stepOf(checkYaml(text), 'manifest').reason).toMatch(/without a public IP/);
    const publicIp = text.replace('AssignPublicIp: DISABLED', 'AssignPublicIp: ENABLED');
    expect(stepOf(checkYaml(publicIp), 'manifest').verdict).toBe('allowed');
  });

  it('should walk an ECR image and a Docker Hub sidecar of one task each their own way', () => {
    const text = goodFargateWith(/ContainerDefinitions:\n(\s+)- /, 'ContainerDefinitions:\n$1- Name: sidecar\n$1  Image: busybox\n$1- ');
    const report = checkYaml(text);
    const sidecar = report.steps.filter((s) => s.container === 'sidecar');
    expect(sidecar.map((s) => [s.step, s.verdict])).toEqual(REGISTRY_STEPS.map((s) => [s, 'blocked']));
    expect(report.steps.filter((s) => s.container !== 'sidecar' && s.verdict !== 'allowed')).toEqual([]);
  });
});
