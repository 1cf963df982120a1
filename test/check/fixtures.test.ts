import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFails } from '../../src/check';
import { PolicygenInputError } from '../../src/model/errors';
import { blockedKeys, checkFixture, checkYaml, goodFargateWith, stepKey, stepOf, warningCodes } from './helpers';

/**
 * The shared broken stacks (test/fixtures/cloudformation/README.md) and check's own
 * (test/fixtures/check/README.md): which steps each blocks, written by hand from DOMAIN.md, not
 * from the output.
 */

const AUTH = 'auth-token ecr:GetAuthorizationToken ecr.api';
const PULL = ['manifest ecr:BatchGetImage ecr.dkr', 'layer-urls ecr:GetDownloadUrlForLayer ecr.dkr'];
const LAYER = 'layer-download s3:GetObject s3';
const LOGS = ['log-stream logs:CreateLogStream logs', 'log-events logs:PutLogEvents logs'];
/** The good stack's six steps: one container, awslogs, no secrets (no BatchCheckLayerAvailability: DOMAIN.md §1 hop 2). */
const ALL_STEPS = [AUTH, ...PULL, LAYER, ...LOGS];

interface Case {
  readonly file: string;
  /** DOMAIN.md's reason the steps break. */
  readonly why: string;
  readonly blocked: readonly string[];
  readonly warnings?: readonly string[];
}

const CASES: readonly Case[] = [
  { file: 'cloudformation/good-fargate.yaml', why: 'every hop has its endpoint and policies', blocked: [] },
  { file: 'cloudformation/good-fargate.json', why: 'the JSON twin', blocked: [] },
  { file: 'cloudformation/good-ec2-launch-type.yaml', why: 'EC2 with the agent endpoints', blocked: [] },
  { file: 'cloudformation/broken-s3-policy-without-layer-bucket.yaml', why: '§3: the gateway policy must allow the layer bucket', blocked: [LAYER] },
  { file: 'cloudformation/broken-s3-layer-statement-account-condition.yaml', why: '§3: the signer is an ECR service account', blocked: [LAYER] },
  { file: 'cloudformation/broken-get-authorization-token-vpc-condition.yaml', why: '§3: the token call carries no aws:SourceVpce on Fargate', blocked: [AUTH] },
  {
    file: 'cloudformation/broken-ecr-dkr-private-dns-disabled.yaml',
    why: '§2: private DNS must be on for ecr.dkr',
    blocked: PULL,
    warnings: ['PRIVATE_DNS_OFF'],
  },
  { file: 'cloudformation/broken-s3-endpoint-interface.yaml', why: '§1 hop 3: layers come through the S3 gateway', blocked: [LAYER] },
  { file: 'cloudformation/broken-s3-endpoint-without-route-tables.yaml', why: '§2: the gateway is attached to route tables', blocked: [LAYER] },
  { file: 'cloudformation/broken-endpoint-security-group-without-443.yaml', why: '§2: interface endpoints need TCP 443', blocked: [AUTH, ...PULL, ...LOGS] },
  { file: 'cloudformation/broken-awslogs-without-logs-endpoint.yaml', why: '§1 hop 4: awslogs needs the logs endpoint', blocked: LOGS },
  { file: 'cloudformation/broken-fargate-without-ecr-api-endpoint.yaml', why: '§2: Fargate 1.4.0 needs ecr.api', blocked: [AUTH] },
  {
    file: 'cloudformation/broken-ec2-launch-type-without-ecs-endpoints.yaml',
    why: '§2: the agent endpoints are not hops of the pull, so the pull passes with a warning',
    blocked: [],
    warnings: ['EC2_AGENT_ENDPOINTS_MISSING'],
  },
  {
    file: 'ecr-rules/fargate-1-3-0-org-perimeter.yaml',
    why: 'no execution role (ECS-EXEC) and an organization-only S3 policy that the ECR signer is not in (§3)',
    blocked: [AUTH, ...PULL, LAYER],
    warnings: ['ASSUMED_ORGANIZATION', 'SECURITY_GROUP_UNKNOWN', 'ENDPOINT_DEFAULT_POLICY'],
  },
  {
    file: 'ecr-rules/nat-gateway-dkr-without-private-dns.yaml',
    why: 'the NAT gateway carries what the endpoints do not; the AWS managed policy allows it all',
    blocked: [],
    warnings: ['PRIVATE_DNS_OFF', 'BROADER_OTHER_REPOSITORY', 'BROADER_OTHER_ACCOUNT_REPOSITORY', 'BROADER_OTHER_LOG_GROUP'],
  },
  {
    file: 'ecr-rules/ec2-long-form-intrinsics.json',
    why: 'the role allows ecr:* on *: the pull works, and push, delete and registry administration are warnings',
    blocked: [],
    warnings: ['BROADER_ECR_PUSH', 'BROADER_ECR_DELETE', 'BROADER_ECR_ALL_RESOURCES', 'BROADER_OTHER_ACCOUNT_REPOSITORY'],
  },
  { file: 'check/literal-vpce-condition.yaml', why: '§3: the condition must name this stack\u2019s ecr.dkr endpoint', blocked: PULL },
  {
    file: 'check/secrets-without-endpoints.yaml',
    why: '§1 hop 5, §2: secrets need their endpoints',
    blocked: ['secret secretsmanager:GetSecretValue secretsmanager', 'parameter ssm:GetParameters ssm'],
  },
  {
    file: 'check/external-execution-role.yaml',
    why: 'PL: the ecr.dkr endpoint policy admits another role only',
    blocked: PULL,
    warnings: ['EXECUTION_ROLE_OUTSIDE_TEMPLATE', 'SECURITY_GROUP_UNKNOWN'],
  },
  { file: 'check/cross-region-image.yaml', why: '§2: endpoints serve their own Region only', blocked: [AUTH, ...PULL, LAYER] },
];

describe('check: fixtures', () => {
  it.each(CASES)('$file blocks what DOMAIN.md says ($why)', ({ file, blocked, warnings = [] }) => {
    const report = checkFixture(file);
    expect(blockedKeys(report)).toEqual(blocked);
    expect(checkFails(report)).toBe(blocked.length > 0);
    expect(report.summary.blocked).toBe(blocked.length);
    for (const code of warnings) expect(warningCodes(report)).toContain(code);
    for (const step of report.steps.filter((s) => s.verdict === 'blocked')) {
      expect(step.reason).not.toBe('');
      expect(step.hint).toBeDefined();
    }
  });

  it('should walk the six hops of the good stack through the endpoints, with the statements that allow each', () => {
    const report = checkFixture('cloudformation/good-fargate.yaml');
    expect(report.steps.map(stepKey)).toEqual(ALL_STEPS);
    expect(report.steps.every((s) => s.network === 'endpoint')).toBe(true);
    expect(stepOf(report, 'auth-token').decidedBy).toEqual([
      'ExecutionRole/pull-over-privatelink: Sid AuthorizationToken',
      'EcrApiEndpoint policy: Sid AuthorizationToken',
    ]);
    expect(stepOf(report, 'manifest')).toMatchObject({
      resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/my-app',
      endpointResource: 'EcrDkrEndpoint',
      decidedBy: ['ExecutionRole/pull-over-privatelink: Sid PullThroughEndpoint', 'EcrDkrEndpoint policy: Sid PullImages'],
    });
    // The identity policy plays no part in the layer download: the signer is ECR's.
    expect(stepOf(report, 'layer-download')).toMatchObject({
      resource: 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/layer',
      decidedBy: ['ECR service account (AWS-owned): Statement[0]', 'S3GatewayEndpoint policy: Sid EcrImageLayers'],
    });
    expect(stepOf(report, 'log-stream').resource).toBe('arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/my-app:log-stream:app/app/{{ECS task ID}}');
  });

  it('should check the good stack without --region and --account, with symbols and a stand-in account, and say so', () => {
    const report = checkFixture('cloudformation/good-fargate.yaml', {});
    expect(blockedKeys(report)).toEqual([]);
    expect(report.region).toBe('{{Ref AWS.Region}}');
    expect(report.account).toBe('000000000000');
    expect(warningCodes(report).slice(0, 2)).toEqual(['ASSUMED_REGION', 'ASSUMED_ACCOUNT']);
  });

  it('should read the Region and account from literal image URIs when not given', () => {
    const report = checkFixture('check/literal-vpce-condition.yaml', {});
    expect(report.region).toBe('eu-west-1');
    expect(report.account).toBe('111122223333');
    expect(report.warnings.find((w) => w.code === 'ASSUMED_ACCOUNT')!.message).toContain('111122223333');
  });

  it('should explain the Fargate token step: the condition on aws:SourceVpce does not hold because the key is absent', () => {
    const auth = stepOf(checkFixture('cloudformation/broken-get-authorization-token-vpc-condition.yaml'), 'auth-token');
    expect(auth.reason).toContain('aws:SourceVpce is absent');
    expect(auth.reason).toContain('Sid AuthorizationToken');
    expect(auth.hint).toContain('Fargate-owned network interface');
  });

  it('should explain the layer step: the account condition cannot match the ECR signer', () => {
    const layer = stepOf(checkFixture('cloudformation/broken-s3-layer-statement-account-condition.yaml'), 'layer-download');
    expect(layer.reason).toContain('aws:PrincipalAccount');
    expect(layer.hint).toMatch(/remove the aws:PrincipalAccount condition/);
  });

  it('should point a literal vpce condition at the endpoint the template creates', () => {
    const manifest = stepOf(checkFixture('check/literal-vpce-condition.yaml'), 'manifest');
    expect(manifest.reason).toContain('aws:SourceVpce is {{Ref EcrDkrEndpoint}}');
    expect(manifest.hint).toContain('{"Ref": "EcrDkrEndpoint"}');
  });

  it('should name the missing network piece for each network failure', () => {
    expect(stepOf(checkFixture('cloudformation/broken-s3-endpoint-without-route-tables.yaml'), 'layer-download')).toMatchObject({
      network: 'none',
      endpointResource: 'S3GatewayEndpoint',
      decidedBy: [],
    });
    expect(stepOf(checkFixture('cloudformation/broken-awslogs-without-logs-endpoint.yaml'), 'log-stream').reason).toMatch(/^no logs endpoint/);
    expect(stepOf(checkFixture('cloudformation/broken-ecr-dkr-private-dns-disabled.yaml'), 'manifest').hint).toContain('PrivateDnsEnabled: true');
    expect(stepOf(checkFixture('cloudformation/broken-endpoint-security-group-without-443.yaml'), 'auth-token').reason).toContain('TCP 443');
  });

  it('should take the internet route when --internet says there is one', () => {
    const report = checkFixture('cloudformation/broken-awslogs-without-logs-endpoint.yaml', { region: 'eu-west-1', accountId: '111122223333', internet: true });
    expect(blockedKeys(report)).toEqual([]);
    expect(stepOf(report, 'log-stream').network).toBe('internet');
    expect(stepOf(report, 'manifest').network).toBe('endpoint');
  });

  it('should fetch the token outside the VPC on Fargate 1.3.0', () => {
    expect(stepOf(checkFixture('ecr-rules/fargate-1-3-0-org-perimeter.yaml'), 'auth-token').network).toBe('fargate');
  });

  it('should fetch the token through ecr.api for Windows tasks at every platform version', () => {
    // Windows platform 1.0.0 is numbered apart from Linux 1.0.0 and needs ecr.api (Amazon ECR User Guide,
    // "Amazon ECR interface VPC endpoints"): with the same template otherwise, only the OS family differs.
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'ecr-rules', 'fargate-1-3-0-org-perimeter.yaml'), 'utf8');
    expect(text).toContain('PlatformVersion: 1.3.0');
    const windows = text
      .replace('PlatformVersion: 1.3.0', 'PlatformVersion: 1.0.0')
      .replace(/(\n( +)RequiresCompatibilities:)/, '\n$2RuntimePlatform:\n$2  OperatingSystemFamily: WINDOWS_SERVER_2022_CORE$1');
    expect(windows).toContain('OperatingSystemFamily: WINDOWS_SERVER_2022_CORE');
    expect(stepOf(checkYaml(windows), 'auth-token').network).not.toBe('fargate');
  });

  it('should refuse a template with nothing to check (exit 2)', () => {
    expect(() => checkFixture('check/no-task-definition.yaml')).toThrow(PolicygenInputError);
    expect(() => checkFixture('check/no-task-definition.yaml')).toThrow(/no AWS::ECS::TaskDefinition/);
  });
});

describe('check: explanations when two policies refuse', () => {
  it('should name the failing condition of each policy, even when the other policy refuses too', () => {
    // The role conditions the pull on a literal endpoint and the endpoint policy on another VPC.
    const text = goodFargateWith('aws:SourceVpce: !Ref EcrDkrEndpoint', 'aws:SourceVpce: vpce-0123456789abcdef0').replace(
      /(Sid: PullImages[\s\S]*?Resource: !Sub arn:\$\{AWS::Partition\}:ecr:\$\{AWS::Region\}:\$\{AWS::AccountId\}:repository\/\$\{RepositoryName\})\n\n  S3GatewayEndpoint/,
      '$1\n            Condition:\n              StringEquals:\n                aws:SourceVpc: vpc-0123456789abcdef0\n\n  S3GatewayEndpoint',
    );
    const manifest = stepOf(checkYaml(text), 'manifest');
    expect(manifest.reason).toContain('aws:SourceVpce is {{Ref EcrDkrEndpoint}}');
    expect(manifest.reason).toContain('EcrDkrEndpoint policy: Sid PullImages would allow');
    expect(manifest.reason).toContain('aws:SourceVpc is {{Ref Vpc}}');
  });
});
