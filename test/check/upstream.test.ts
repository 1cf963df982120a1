import { join } from 'node:path';
import type { PolicygenSpec } from '../../src';
import { checkFails, checkSpec, checkTemplate, checkUndecided, type CheckReport } from '../../src/check';
import { runInProcess } from '../cli/helpers';
import { lint } from '../../src/lint/engine';
import { blockedKeys, checkYaml, goodFargateWith, stepOf, unknownKeys } from './helpers';
import { fargatePlan, planSource, type PlanResourceSpec } from './plan-builder';

/**
 * Steps that depend on a fetch from outside AWS (src/pull/upstream.ts). Expected verdicts follow
 * from the Amazon ECR User Guide: "Amazon ECR interface VPC endpoints (AWS PrivateLink)"
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html), whose considerations
 * say the first pull through a pull through cache rule over PrivateLink needs a NAT gateway in the
 * VPC (later pulls do not), and that Windows images' foreign layers come from Microsoft unless pushed
 * with non-distributable artifacts allowed; and "IAM permissions required to sync an upstream
 * registry" (https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html):
 * the first pull also needs ecr:BatchImportUpstreamImage, and ecr:CreateRepository while the
 * repository does not exist, from the identity or the registry permissions policy.
 */

const MANIFEST = 'manifest ecr:BatchGetImage ecr.dkr';
const LAYER = 'layer-download s3:GetObject s3';

/** good-fargate.yaml pulls repository/${RepositoryName}: a name under the rule's prefix makes it a cached repository. */
const CACHED = { RepositoryName: 'docker-hub/library/nginx' };
const DEPLOYED_CACHED = { region: 'eu-west-1', accountId: '111122223333', parameters: CACHED };

const PTC_RULE = `
  DockerHubCache:
    Type: AWS::ECR::PullThroughCacheRule
    Properties:
      EcrRepositoryPrefix: docker-hub
      UpstreamRegistryUrl: registry-1.docker.io
      CredentialArn: arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf
`;
/** A NAT gateway in the VPC: an internet path for the private subnets (src/pull/stack-facts.ts networkOf). */
const NAT = `
  NatGateway:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref PrivateSubnetA
      AllocationId: eipalloc-0123456789abcdef0
`;

const withResources = (text: string, ...resources: string[]) => text.replace('\nResources:\n', `\nResources:\n${resources.join('')}`);
const ptcStack = (...more: string[]) => withResources(goodFargateWith('Resources:\n', 'Resources:\n'), PTC_RULE, ...more);

/** The pull actions plus the import ones, in the role's pull statement and the ecr.dkr endpoint's. */
const grantImport = (text: string, actions = ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository']) =>
  text.replace(/(\n(\s+)- ecr:GetDownloadUrlForLayer\n)/g, (_m, line: string, indent: string) => `${line}${actions.map((a) => `${indent}- ${a}\n`).join('')}`);

describe('check: a pull through cache rule (ECR-VPCE considerations, ECR-PTC)', () => {
  it('should answer unknown on the manifest, never blocked, without an internet path', () => {
    const report = checkYaml(ptcStack(), DEPLOYED_CACHED);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([MANIFEST]);
    const manifest = stepOf(report, 'manifest');
    expect(manifest).toMatchObject({ verdict: 'unknown', allowed: null, resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/docker-hub/library/nginx' });
    expect(manifest.reason).toMatch(/DockerHubCache \(prefix docker-hub\)/);
    expect(manifest.reason).toMatch(/NAT gateway/);
    expect(manifest.reason).toMatch(/ecr:BatchImportUpstreamImage/);
    expect(manifest.reason).toContain('https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html');
    expect(manifest.reason).toContain('https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html');
    expect(checkFails(report)).toBe(false);
    expect(checkUndecided(report)).toBe(true);
  });

  it('should stay unknown without an internet path even when the role grants the import actions', () => {
    const report = checkYaml(grantImport(ptcStack()), DEPLOYED_CACHED);
    expect(unknownKeys(report)).toEqual([MANIFEST]);
  });

  it('should allow the pull over a NAT route when the role and the endpoint allow the import actions', () => {
    const text = grantImport(ptcStack(NAT));
    expect(text.match(/ecr:BatchImportUpstreamImage/g)).toHaveLength(3); // the role and both ECR endpoints
    const report = checkYaml(text, DEPLOYED_CACHED);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([]);
    expect(stepOf(report, 'manifest').reason).toMatch(/ecr:BatchImportUpstreamImage and ecr:CreateRepository allowed/);
  });

  it('should allow it with --internet too (a NAT gateway in a stack not given)', () => {
    const report = checkYaml(grantImport(ptcStack()), { ...DEPLOYED_CACHED, internet: true });
    expect(unknownKeys(report)).toEqual([]);
    expect(blockedKeys(report)).toEqual([]);
  });

  it('should answer unknown, not blocked, over an internet path when the role does not grant the import (the registry policy may)', () => {
    const report = checkYaml(ptcStack(NAT), DEPLOYED_CACHED);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([MANIFEST]);
    const manifest = stepOf(report, 'manifest');
    expect(manifest.reason).toMatch(/do not allow ecr:BatchImportUpstreamImage or ecr:CreateRepository/);
    expect(manifest.reason).toMatch(/registry permissions policy, not in the input, may/);
  });

  it('should name ecr:CreateRepository alone when only it is missing', () => {
    const report = checkYaml(grantImport(ptcStack(NAT), ['ecr:BatchImportUpstreamImage']), DEPLOYED_CACHED);
    expect(unknownKeys(report)).toEqual([MANIFEST]);
    expect(stepOf(report, 'manifest').reason).toMatch(/do not allow ecr:CreateRepository,/);
  });

  it('should leave a repository outside the prefix alone', () => {
    const report = checkYaml(ptcStack());
    expect(unknownKeys(report)).toEqual([]);
    expect(blockedKeys(report)).toEqual([]);
    // docker-hubx/… is not under docker-hub/.
    expect(unknownKeys(checkYaml(ptcStack(), { ...DEPLOYED_CACHED, parameters: { RepositoryName: 'docker-hubx/nginx' } }))).toEqual([]);
  });

  it('should still block a pull the role does not allow: a cached image needs the pull actions too', () => {
    const text = ptcStack().replace(
      /(Sid: PullThroughEndpoint\n\s+Effect: Allow\n\s+Action:\n)(?:\s+- ecr:\w+\n)+/,
      '$1                  - ecr:BatchCheckLayerAvailability\n',
    );
    const report = checkYaml(text, DEPLOYED_CACHED);
    expect(blockedKeys(report)).toEqual([MANIFEST, 'layer-urls ecr:GetDownloadUrlForLayer ecr.dkr']);
  });

  it('should match a rule whose prefix is a parameter without value (it may be any)', () => {
    const text = ptcStack()
      .replace('EcrRepositoryPrefix: docker-hub', 'EcrRepositoryPrefix: !Ref CachePrefix')
      .replace('Parameters:\n', 'Parameters:\n  CachePrefix:\n    Type: String\n');
    const manifest = stepOf(checkYaml(text, DEPLOYED_CACHED), 'manifest');
    expect(manifest.verdict).toBe('unknown');
    expect(manifest.reason).toMatch(/prefix known only at deploy time/);
  });

  it('should let lint report no error where check says unknown', async () => {
    const text = ptcStack().replace('Default: my-app', 'Default: docker-hub/library/nginx');
    expect(unknownKeys(checkYaml(text))).toEqual([MANIFEST]);
    const report = await lint([{ file: 'ptc.yaml', text, environment: { region: 'eu-west-1', account: '111122223333' } }]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('check: a Windows task (ECR-VPCE, considerations for Windows images)', () => {
  const windows = (text: string) =>
    text.replace(
      '      RequiresCompatibilities: [FARGATE]\n',
      '      RequiresCompatibilities: [FARGATE]\n      RuntimePlatform:\n        OperatingSystemFamily: WINDOWS_SERVER_2022_CORE\n',
    );
  const WINDOWS = windows(goodFargateWith('Resources:\n', 'Resources:\n'));

  it('should answer unknown on the layer download without an internet path', () => {
    expect(WINDOWS).toContain('WINDOWS_SERVER_2022_CORE');
    const report = checkYaml(WINDOWS);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([LAYER]);
    const layer = stepOf(report, 'layer-download');
    expect(layer.reason).toMatch(/foreign layers/);
    expect(layer.reason).toMatch(/non-distributable artifacts/);
    expect(layer.reason).toContain('https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html');
    expect(checkUndecided(report)).toBe(true);
  });

  it('should allow it with an internet path, as before', () => {
    expect(unknownKeys(checkYaml(withResources(WINDOWS, NAT)))).toEqual([]);
    expect(unknownKeys(checkYaml(WINDOWS, { region: 'eu-west-1', accountId: '111122223333', internet: true }))).toEqual([]);
  });

  it('should leave a Linux task alone (the same stack without RuntimePlatform)', () => {
    expect(unknownKeys(checkYaml(goodFargateWith('Resources:\n', 'Resources:\n')))).toEqual([]);
    const linux = WINDOWS.replace('WINDOWS_SERVER_2022_CORE', 'LINUX');
    expect(unknownKeys(checkYaml(linux))).toEqual([]);
  });

  it('should still block a layer download the S3 gateway policy refuses', () => {
    const text = WINDOWS.replace('prod-${AWS::Region}-starport-layer-bucket/*', 'my-app-assets-${AWS::AccountId}/*');
    expect(blockedKeys(checkYaml(text))).toEqual([LAYER]);
  });

  it('should let lint report no error where check says unknown', async () => {
    const report = await lint([{ file: 'windows.yaml', text: WINDOWS, environment: { region: 'eu-west-1', account: '111122223333' } }]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('check: Terraform plans', () => {
  const deployed = { region: 'eu-west-1', accountId: '111122223333' };
  const task = fargatePlan().find((r) => r.address === 'aws_ecs_task_definition.app')!;
  const withTask = (values: Record<string, unknown>, more: Record<string, PlanResourceSpec> = {}) =>
    planSource(fargatePlan({ 'aws_ecs_task_definition.app': { ...task, values: { ...task.values, ...values } }, ...more }));
  const RULE: PlanResourceSpec = {
    address: 'aws_ecr_pull_through_cache_rule.public',
    values: { ecr_repository_prefix: 'ecr-public', upstream_registry_url: 'public.ecr.aws' },
    unknown: { id: true, registry_id: true },
  };
  const NAT_GATEWAY: PlanResourceSpec = { address: 'aws_nat_gateway.main', values: { connectivity_type: 'public' }, unknown: { id: true, subnet_id: true } };
  const cachedImage = {
    container_definitions: JSON.stringify([{ name: 'app', image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/ecr-public/nginx/nginx:1' }]),
  };

  it('should read aws_ecr_pull_through_cache_rule: unknown without an internet path', () => {
    const report = checkTemplate(withTask(cachedImage, { [RULE.address]: RULE }), deployed);
    expect(unknownKeys(report)).toEqual([MANIFEST]);
    expect(stepOf(report, 'manifest').reason).toContain('aws_ecr_pull_through_cache_rule.public (prefix ecr-public)');
    // The same plan without the rule: an ordinary repository.
    expect(unknownKeys(checkTemplate(withTask(cachedImage), deployed))).toEqual([]);
  });

  it('should stay unknown with a NAT gateway when AmazonECSTaskExecutionRolePolicy (no import action) is the role', () => {
    const report = checkTemplate(withTask(cachedImage, { [RULE.address]: RULE, [NAT_GATEWAY.address]: NAT_GATEWAY }), deployed);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([MANIFEST]);
    expect(stepOf(report, 'manifest').reason).toMatch(/registry permissions policy, not in the input, may/);
  });

  it('should read runtime_platform: a Windows task without an internet path has an unknown layer download', () => {
    const windows = { runtime_platform: [{ operating_system_family: 'WINDOWS_SERVER_2019_CORE', cpu_architecture: 'X86_64' }] };
    const report = checkTemplate(withTask(windows), deployed);
    expect(unknownKeys(report)).toEqual([LAYER]);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(checkTemplate(withTask(windows, { [NAT_GATEWAY.address]: NAT_GATEWAY }), deployed))).toEqual([]);
  });
});

/**
 * `check --spec`: the template a spec generates declares no NAT gateway (its endpoints are the path),
 * so what a spec with a pull through cache or Windows tasks generates cannot make a first pull, or
 * fetch foreign layers, unless the tasks have an internet path besides (`--internet`). The bundle
 * grants the import actions (examples/pull-through-cache/spec.yaml says so), so over one it passes.
 */
describe('check --spec: pull through cache and Windows', () => {
  const BASE: PolicygenSpec = {
    region: 'eu-central-1',
    account: '111122223333',
    launchType: 'fargate',
    repositories: ['orders'],
    network: { vpcId: 'vpc-0123456789abcdef0', subnetCidrs: ['10.40.0.0/22'] },
    logging: { awslogs: true, logGroups: ['/ecs/orders'] },
  };
  const CACHED_MANIFEST = 'arn:aws:ecr:eu-central-1:111122223333:repository/ecr-public/upstream/image';
  const verdicts = (report: CheckReport) => report.steps.map((s) => `${s.container} ${s.step} ${s.verdict}`).filter((k) => !k.endsWith(' allowed'));

  it('should walk a container through each prefix: its manifest unknown without an internet path, allowed with one', () => {
    const spec = { ...BASE, pullThroughCachePrefixes: ['ecr-public'] };
    const report = checkSpec(spec);
    expect(report.containers.map((c) => c.image)).toEqual([
      '111122223333.dkr.ecr.eu-central-1.amazonaws.com/orders:latest',
      '111122223333.dkr.ecr.eu-central-1.amazonaws.com/ecr-public/upstream/image:latest',
    ]);
    expect(verdicts(report)).toEqual(['ecr-public-cache manifest unknown']);
    expect(stepOf(report, 'manifest').verdict).toBe('allowed'); // the orders container's
    expect(report.steps.find((s) => s.resource === CACHED_MANIFEST && s.step === 'manifest')!.reason).toMatch(/PullThroughCacheRule0 \(prefix ecr-public\)/);
    expect(checkUndecided(report)).toBe(true);
    // The bundle grants ecr:BatchImportUpstreamImage and ecr:CreateRepository on repository/ecr-public/*, role and endpoint alike.
    const overInternet = checkSpec(spec, { internet: true });
    expect(verdicts(overInternet)).toEqual([]);
    expect(overInternet.steps.find((s) => s.resource === CACHED_MANIFEST && s.step === 'manifest')!.reason).toMatch(/ecr:CreateRepository allowed/);
  });

  it('should walk no cached container without pullThroughCachePrefixes', () => {
    expect(checkSpec(BASE).containers).toHaveLength(1);
    expect(verdicts(checkSpec(BASE))).toEqual([]);
  });

  it('should answer unknown on the layer download of osFamily windows without an internet path, allowed with one', () => {
    const spec: PolicygenSpec = { ...BASE, osFamily: 'windows' };
    expect(verdicts(checkSpec(spec))).toEqual(['orders layer-download unknown']);
    expect(verdicts(checkSpec(spec, { internet: true }))).toEqual([]);
    expect(verdicts(checkSpec({ ...BASE, osFamily: 'linux' }))).toEqual([]);
  });

  it('should exit 4 on examples/pull-through-cache and examples/windows-fargate, 0 with --internet', async () => {
    for (const example of ['pull-through-cache', 'windows-fargate']) {
      const spec = join(__dirname, '..', '..', 'examples', example, 'spec.yaml');
      const run = await runInProcess(['check', '--spec', spec, '--format', 'json']);
      expect({ example, status: run.status }).toEqual({ example, status: 4 });
      expect((JSON.parse(run.stdout) as CheckReport).summary).toMatchObject({ blocked: 0, unknown: 1 });
      expect({ example, status: (await runInProcess(['check', '--spec', spec, '--internet', '--format', 'json'])).status }).toEqual({ example, status: 0 });
    }
  });
});
