import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_MAIN, REPO_ROOT, runBin, runInProcess, type CliRun } from './helpers';

/**
 * The CLI contract, through the built bin (bin/policygen.js -> dist/). Each spawn costs ~100 ms,
 * so the happy paths are run once and shared; cheaper in-process checks live in
 * test/property/cli-invalid-input.property.test.ts.
 */

const ACCOUNT = '111122223333';
const VPCE = 'vpce-0123456789abcdef0';
const VPC = 'vpc-0123456789abcdef0';
const STACK_FRAME = /\n\s+at /;
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Asserts a successful run printed one canonical JSON document (2-space indent, trailing newline) and returns it. */
function expectJsonSuccess(run: CliRun): any {
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(STACK_FRAME) });
  expect(run.stdout.endsWith('}\n')).toBe(true);
  const parsed: unknown = JSON.parse(run.stdout);
  expect(run.stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
  return parsed;
}

/** Asserts a run failed as bad usage or input: exit 2, nothing on stdout, only `policygen: error:` lines, no stack. */
function expectUsageError(run: CliRun, mentions: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(STACK_FRAME);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(/^policygen: error: /);
  expect(run.stderr).toMatch(mentions);
}

const once = <T>(compute: () => T): (() => T) => {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
};
const generateExample = once(() => runBin(['generate', '--example']));

let work: string;

beforeAll(() => {
  if (!existsSync(BUILT_MAIN)) {
    throw new Error(`${BUILT_MAIN} is missing: build first (npm test does: npx tsc -p tsconfig.build.json && node scripts/build-esm.mjs)`);
  }
  work = mkdtempSync(join(tmpdir(), 'policygen-e2e-'));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('policygen (built bin): happy paths', () => {
  it('should print the S3 gateway policy with the Region’s layer bucket', () => {
    const doc = expectJsonSuccess(runBin(['s3-gateway-policy', '--region', 'eu-west-1']));
    expect(doc.Version).toBe('2012-10-17');
    expect(JSON.stringify(doc.Statement)).toContain('arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*');
  });

  it('should print the execution role policy scoped to the repositories, endpoint and log group', () => {
    const doc = expectJsonSuccess(
      runBin(['execution-role-policy', '--region', 'us-east-1', '--account', ACCOUNT, '--vpce', VPCE, '--repository', 'my-app', '--log-group', '/ecs/my-app']),
    );
    const text = JSON.stringify(doc);
    expect(text).toContain(`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/my-app`);
    expect(text).toContain(`"aws:SourceVpce":"${VPCE}"`);
    expect(text).toContain(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/my-app:*`);
    expect(text).toContain('ecr:GetAuthorizationToken');
  });

  it('should print the ECR endpoint policy for the principal', () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/my-app-execution-role`;
    const doc = expectJsonSuccess(runBin(['ecr-endpoint-policy', '--region', 'us-east-1', '--account', ACCOUNT, '--principal', role]));
    const text = JSON.stringify(doc);
    expect(text).toContain(role);
    expect(text).toContain('ecr:BatchGetImage');
  });

  it('should plan the China ECR endpoints with the cn.com prefix and the S3 gateway without it', () => {
    const plan = expectJsonSuccess(runBin(['plan', '--region', 'cn-north-1', '--launch-type', 'fargate', '--awslogs']));
    expect(Object.keys(plan)).toEqual(['endpoints', 'securityGroupIngress', 'taskSecurityGroupEgress', 'advisories']);
    const byService = Object.fromEntries((plan.endpoints as any[]).map((e) => [e.service, e]));
    expect(byService['ecr.dkr']).toMatchObject({ serviceName: 'cn.com.amazonaws.cn-north-1.ecr.dkr', type: 'Interface', privateDnsEnabled: true });
    expect(byService['ecr.api']).toMatchObject({ serviceName: 'cn.com.amazonaws.cn-north-1.ecr.api', type: 'Interface' });
    expect(byService['s3']).toMatchObject({ serviceName: 'com.amazonaws.cn-north-1.s3', type: 'Gateway' });
    expect(byService['logs']).toMatchObject({ serviceName: 'com.amazonaws.cn-north-1.logs', type: 'Interface' });
  });

  it('should include every artifact in generate --example', () => {
    const bundle = expectJsonSuccess(generateExample());
    expect(Object.keys(bundle).sort()).toEqual(
      ['advisories', 'ecrEndpointPolicy', 'executionRolePolicy', 'partition', 'plan', 'region', 's3GatewayEndpointPolicy'].sort(),
    );
    for (const key of ['executionRolePolicy', 'ecrEndpointPolicy', 's3GatewayEndpointPolicy']) {
      expect(bundle[key].document.Version).toBe('2012-10-17');
      expect(bundle[key].document.Statement.length).toBeGreaterThan(0);
    }
    expect(bundle.plan.endpoints.map((e: { service: string }) => e.service)).toEqual(expect.arrayContaining(['ecr.api', 'ecr.dkr', 's3', 'logs']));
    expect(Array.isArray(bundle.plan.securityGroupIngress)).toBe(true);
    expect(bundle).toMatchObject({ region: 'us-east-1', partition: 'aws' });
  });

  it('should print byte-identical output whatever the flag order and repeated values', () => {
    const args = (order: 'a' | 'b') =>
      order === 'a'
        ? [
            'execution-role-policy',
            '--region',
            'us-east-1',
            '--account',
            ACCOUNT,
            '--repository',
            'app-b',
            '--repository',
            'app-a',
            '--vpce',
            VPCE,
            '--vpc',
            VPC,
            '--log-group',
            '/ecs/x',
          ]
        : [
            'execution-role-policy',
            '--log-group',
            '/ecs/x',
            '--vpc',
            VPC,
            '--vpce',
            VPCE,
            '--vpce',
            VPCE,
            '--repository',
            'app-a',
            '--account',
            ACCOUNT,
            '--repository',
            'app-b',
            '--repository',
            'app-a',
            '--region',
            'us-east-1',
          ];
    const a = runBin(args('a'));
    const b = runBin(args('b'));
    expectJsonSuccess(a);
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('policygen (built bin): --out', () => {
  it('should write the file atomically and print nothing on stdout', () => {
    const file = join(work, 'bundle.json');
    const run = runBin(['generate', '--example', '--out', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(generateExample().stdout);
  });

  it('should leave an existing file byte-identical, and no temporary file, when the run fails', () => {
    const dir = mkdtempSync(join(work, 'keep-'));
    const file = join(dir, 'policy.json');
    const before = '{"keep": "me"}\n';
    writeFileSync(file, before);
    const run = runBin(['s3-gateway-policy', '--region', 'us-esat-1', '--out', file]);
    expectUsageError(run, /region/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['policy.json']);
    expect(readdirSync(dir).filter((n) => /^\..*\.policygen-tmp-/.test(n))).toEqual([]);
  });

  it('should remove its temporary file when the final rename fails', () => {
    const dir = mkdtempSync(join(work, 'rename-'));
    mkdirSync(join(dir, 'taken'));
    const run = runBin(['s3-gateway-policy', '--region', 'us-east-1', '--out', join(dir, 'taken')]);
    expectUsageError(run, /cannot write .*taken/);
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(join(dir, 'taken'))).toEqual([]);
  });

  it('should exit 2 with a message naming the file when its folder does not exist', () => {
    const file = join(work, 'missing-dir', 'policy.json');
    const run = runBin(['s3-gateway-policy', '--region', 'us-east-1', '--out', file]);
    expectUsageError(run, /cannot write .*missing-dir/);
    expect(existsSync(join(work, 'missing-dir'))).toBe(false);
  });
});

describe('policygen (built bin): --help and --version', () => {
  it.each(['s3-gateway-policy', 'execution-role-policy', 'ecr-endpoint-policy', 'plan', 'generate'])('%s --help shows an example', (command) => {
    const run = runBin([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Example');
    expect(run.stdout).toContain(`policygen ${command}`);
  });

  it('--version prints the version, the iam-data version and date, and the Region data source', () => {
    const run = runBin(['--version']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    // iam-data releases end in the data's YYYYMMDD and a build number: 0.21.202609261 is of 2026-09-26.
    expect(lines[0]).toMatch(new RegExp(`^policygen ${VERSION.replace(/\./g, '\\.')} \\(iam-data \\d+\\.\\d+\\.(\\d{4})(\\d{2})(\\d{2})\\d*, \\1-\\2-\\3\\)$`));
    expect(VERSION).toBe('0.1.0');
    expect(lines.some((l) => /^region data: \S.*/.test(l))).toBe(true);
  });
});

describe('policygen (built bin): bad usage and input', () => {
  it('should exit 2 on an unknown flag and name it', () => {
    const run = runBin(['plan', '--region', 'us-east-1', '--launch-type', 'fargate', '--no-such-flag']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^policygen: error: /);
    expect(run.stderr).toContain('--no-such-flag');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  const era = ['execution-role-policy', '--region', 'us-east-1', '--account', ACCOUNT];
  // `mentions` is the field, as the flag or as the option name the message uses, and what is wrong.
  it.each<[string, string[], RegExp]>([
    ['unknown region, with the closest suggested', ['s3-gateway-policy', '--region', 'us-esat-1'], /region[\s\S]*"us-esat-1"[\s\S]*us-east-1/],
    ['short account', ['execution-role-policy', '--region', 'us-east-1', '--account', '12345'], /account[\s\S]*12-digit[\s\S]*"12345"/],
    ['malformed vpce', [...era, '--vpce', 'vpce-xyz'], /vpce[\s\S]*"vpce-xyz"/i],
    ['malformed vpc', [...era, '--vpc', 'vpc-1'], /(--vpc\b|\bvpcIds?\b)[\s\S]*"vpc-1"/],
    ['malformed org ID', ['ecr-endpoint-policy', '--region', 'us-east-1', '--account', ACCOUNT, '--org-id', 'o-1'], /org-?id[\s\S]*"o-1"/i],
    ['quote in a repository name', [...era, '--repository', 'my"app'], /repositor[\s\S]*"my\\"app"/],
    ['wildcard in a repository name', [...era, '--repository', 'a*'], /repositor[\s\S]*"a\*"/],
    ['repository ARN of another Region', [...era, '--repository', `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/x`], /repositor[\s\S]*us-east-1/],
    ['ARN separator in a log group', [...era, '--log-group', 'a:b'], /log-?group[\s\S]*"a:b"/i],
    ['unknown launch type', ['plan', '--region', 'us-east-1', '--launch-type', 'lambda'], /launch-?type[\s\S]*fargate[\s\S]*"lambda"/i],
  ])('%s -> exit 2, one message naming the field', (_name, args, mentions) => {
    expectUsageError(runBin(args), mentions);
  });

  it('lint of a file it cannot parse -> exit 2, the report on stdout and one line with file:line:col on stderr', () => {
    // A trailing comma is not JSON (RFC 8259, section 5: values are separated by commas, none may follow the last).
    writeFileSync(join(work, 'trailing-comma.json'), '{\n  "Version": "2012-10-17",\n  "Statement": [],\n}\n');
    writeFileSync(join(work, 'fine.json'), '{"Version": "2012-10-17", "Statement": []}\n');
    const run = runBin(['lint', '--format', 'json', join(work, 'trailing-comma.json'), join(work, 'fine.json')]);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as { findings: { code: string; file: string }[]; summary: { files: number } };
    expect(report.summary.files).toBe(2);
    expect(report.findings.filter((f) => f.code === 'JSON_SYNTAX_ERROR').map((f) => f.file)).toEqual([expect.stringMatching(/trailing-comma\.json$/)]);
    expect(run.stderr).toMatch(/^policygen: error: .*trailing-comma\.json:4:1: .*\(JSON_SYNTAX_ERROR\)\n$/);
  });

  it.each<[string, string[]]>([
    ['neither --spec nor --example', ['generate']],
    ['both --spec and --example', ['generate', '--example', '--spec', 'policygen.yaml']],
  ])('generate with %s -> exit 2', (_name, args) => {
    expectUsageError(runBin(args), /--spec[\s\S]*--example/);
  });

  // BUG (src/cli/exit-code.ts): commander reports `help <unknown>` as code 'commander.help' with
  // exitCode 1, and exitCodeFor maps every 'commander.help' to 0: the usage goes to stderr, exit 0.
  it('help for an unknown command -> exit 2 naming it', async () => {
    const run = await runInProcess(['help', 'no-such-command']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no-such-command');
  });

  // BUG (minor, src/cli/commands/*.ts): CLI errors name the generator option (`logGroups[0]`,
  // `vpceIds[0]`) rather than the flag the user typed (`--log-group`), though InputIssue.field is
  // documented as "the option or spec field, as the user wrote it".
  it('names the flag as typed', async () => {
    const run = await runInProcess([...era, '--log-group', 'a:b']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--log-group');
  });
});

describe('policygen (built bin): spec files', () => {
  const SPEC = {
    region: 'eu-west-1',
    account: ACCOUNT,
    launchType: 'fargate',
    repositories: ['my-app'],
    network: { vpcId: VPC, endpointIds: [VPCE], subnetCidrs: ['10.0.1.0/24'] },
    logging: { awslogs: true, logGroups: ['/ecs/my-app'] },
  };
  const SPEC_YAML = [
    '# the same spec as SPEC, in YAML',
    'region: eu-west-1',
    `account: "${ACCOUNT}"`,
    'launchType: fargate',
    'repositories:',
    '  - my-app',
    'network:',
    `  vpcId: ${VPC}`,
    '  endpointIds:',
    `    - ${VPCE}`,
    '  subnetCidrs: [10.0.1.0/24]',
    'logging:',
    '  awslogs: true',
    '  logGroups:',
    '    - /ecs/my-app',
  ];

  /** Writes `lines` to a spec file in the work folder; returns its name, relative to the work folder. */
  const writeSpec = (name: string, lines: readonly string[]) => {
    writeFileSync(join(work, name), `${lines.join('\n')}\n`);
    return name;
  };
  /** The 1-based line of the first line containing `needle`, computed from the text written. */
  const lineOf = (lines: readonly string[], needle: string) => {
    const index = lines.findIndex((l) => l.includes(needle));
    if (index < 0) throw new Error(`${needle} is not in the spec`);
    return index + 1;
  };
  const generate = (file: string) => runBin(['generate', '--spec', file], { cwd: work });

  it('should accept a YAML spec and print what the same spec in JSON gives', () => {
    const json = writeSpec('spec.json', [JSON.stringify(SPEC, null, 2)]);
    const yaml = writeSpec('spec.yaml', SPEC_YAML);
    const fromJson = generate(json);
    const bundle = expectJsonSuccess(fromJson);
    expect(bundle).toMatchObject({ region: 'eu-west-1', partition: 'aws' });
    expect(generate(yaml).stdout).toBe(fromJson.stdout);
  });

  it.each<[string, (lines: string[]) => string[], string, RegExp]>([
    ['a YAML syntax error', (l) => l.map((x) => (x === 'launchType: fargate' ? 'launchType: fargate: ec2' : x)), 'launchType', /YAML|syntax/i],
    ['a duplicate key', (l) => [...l.slice(0, 13), '  awslogs: false', ...l.slice(13)], 'awslogs: false', /unique|duplicate/i],
    ['an unknown field', (l) => [...l.slice(0, 8), '  bogusField: 1', ...l.slice(8)], 'bogusField', /network\.bogusField/],
    ['a wrong type', (l) => l.map((x) => (x === '  awslogs: true' ? '  awslogs: "yes"' : x)), 'awslogs', /logging\.awslogs[\s\S]*(boolean|true or false)/],
    [
      'a bad vpce in network.endpointIds[1]',
      (l) => [...l.slice(0, 10), '    - vpce-xyz', ...l.slice(10)],
      'vpce-xyz',
      /network\.endpointIds\[1\][\s\S]*"vpce-xyz"/,
    ],
  ])('should report %s with file:line:col -> exit 2', (name, edit, needle, mentions) => {
    const lines = edit([...SPEC_YAML]);
    const file = writeSpec(`${name.replace(/\W+/g, '-')}.yaml`, lines);
    const run = generate(file);
    expectUsageError(run, mentions);
    expect(run.stderr).toContain(`${file}:${lineOf(lines, needle)}:`);
    expect(run.stderr).toMatch(new RegExp(`${file}:\\d+:\\d+: `));
  });

  it('should exit 2 with "cannot read" for a missing spec file', () => {
    expectUsageError(generate('no-such-spec.yaml'), /cannot read no-such-spec\.yaml/);
  });

  // BUG (src/model/spec-file.ts): a self-referencing YAML alias makes schemaIssue's showValue
  // JSON.stringify a circular value: exit 1 "internal error: Converting circular structure to JSON"
  // instead of exit 2 with a spec error at file:line:col.
  it('should report a self-referencing YAML alias as a spec error -> exit 2', () => {
    const file = writeSpec('circular.yaml', ['region: eu-west-1', `account: "${ACCOUNT}"`, 'launchType: fargate', 'repositories: &r [*r]']);
    const run = generate(file);
    expectUsageError(run, /circular\.yaml:\d+:\d+: /);
  });
});
