import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { LintReport } from '../../../src/lint/engine';
import { RULE_METAS } from '../../../src/lint/rules';
import type { Finding, RuleMeta } from '../../../src/lint/types';
import { renderSarif } from '../../../src/render/lint-sarif';
import { runInProcess } from '../../cli/helpers';

const BASE = resolve('/work/project');
const OPTIONS = { toolVersion: '1.2.3', baseDir: BASE };

const finding = (over: Partial<Finding> = {}): Finding => ({
  file: 'policies/role.json',
  line: 4,
  column: 37,
  code: 'INVALID_ACTION',
  severity: 'error',
  message: 'the action "ecr:GetAuthToken" does not exist.',
  path: ['Statement', 0, 'Action', 2],
  ...over,
});

function reportOf(findings: readonly Finding[]): LintReport {
  const bySeverity = { error: 0, security_warning: 0, warning: 0, suggestion: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  return { findings, summary: { files: 1, findings: findings.length, bySeverity, suppressed: 0, rules: RULE_METAS.length } };
}

const render = (findings: readonly Finding[], rules: readonly RuleMeta[] = RULE_METAS, options = OPTIONS): Log =>
  JSON.parse(renderSarif(reportOf(findings), rules, options)) as Log;
const runOf = (log: Log) => log.runs[0]!;
const resultsOf = (findings: readonly Finding[], rules?: readonly RuleMeta[], options?: typeof OPTIONS): Result[] =>
  runOf(render(findings, rules, options)).results!;
const locationOf = (r: Result) => r.locations![0]!;

describe('renderSarif: the run and its rules', () => {
  it('should write one SARIF 2.1.0 run by policygen with the version given', () => {
    const log = render([]);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(runOf(log).tool.driver.name).toBe('policygen');
    expect(runOf(log).tool.driver.version).toBe('1.2.3');
    expect(runOf(log).results).toEqual([]);
  });

  it('should name the IAM data version and its date in the run properties when given', () => {
    const log = JSON.parse(renderSarif(reportOf([]), RULE_METAS, { ...OPTIONS, iamData: { version: '0.21.202609261', date: '2026-09-26' } })) as Log;
    expect(runOf(log).properties).toEqual({ iamData: '0.21.202609261', iamDataDate: '2026-09-26' });
    expect(runOf(render([])).properties).toBeUndefined();
  });

  it('should describe every code of the registry once, with its title, description and fix', () => {
    const rules = runOf(render([])).tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(RULE_METAS.map((m) => m.code));
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const meta of RULE_METAS) {
      const rule = rules.find((r) => r.id === meta.code)!;
      expect(rule.shortDescription?.text).toBe(meta.title);
      expect(rule.fullDescription?.text).toBe(meta.description);
      expect(rule.help?.text).toBe(meta.fix);
      expect(rule.help?.markdown).toContain(meta.fix);
    }
  });

  it('should keep one descriptor per code when a code is given twice', () => {
    const meta: RuleMeta = { code: 'X_RULE', severity: 'warning', title: 'first', description: 'd', fix: 'f', source: 'policygen', offline: true };
    const rules = runOf(render([], [meta, { ...meta, title: 'second' }])).tool.driver.rules!;
    expect(rules.map((r) => [r.id, r.shortDescription?.text])).toEqual([['X_RULE', 'first']]);
  });

  // The mapping of the brief: Access Analyzer's security warnings must stand out as errors in code
  // scanning, suggestions are notes.
  it.each([
    ['error', 'error'],
    ['security_warning', 'error'],
    ['warning', 'warning'],
    ['suggestion', 'note'],
  ] as const)('should map a rule of severity %s to the default level %s', (severity, level) => {
    const [rule] = runOf(render([], [{ code: 'X_RULE', severity, title: 't', description: 'd', fix: 'f', source: 'policygen', offline: true }])).tool.driver
      .rules!;
    expect(rule!.defaultConfiguration?.level).toBe(level);
  });

  it('should give security-severity (a number between 0 and 10, as a string) to security warnings only', () => {
    const rules = runOf(render([])).tool.driver.rules!;
    const severityOf = (r: ReportingDescriptor) => RULE_METAS.find((m) => m.code === r.id)!.severity;
    const security = rules.filter((r) => severityOf(r) === 'security_warning');
    expect(security.length).toBeGreaterThan(0);
    for (const r of security) {
      const value = Number(r.properties?.['security-severity']);
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(10);
      expect(r.properties?.tags).toContain('security');
    }
    for (const r of rules.filter((r) => severityOf(r) !== 'security_warning')) expect(r.properties?.['security-severity']).toBeUndefined();
  });
});

describe('renderSarif: results', () => {
  it('should point ruleIndex at the descriptor of the finding code', () => {
    const findings = [finding(), finding({ code: 'MISSING_VERSION', severity: 'warning', path: [] }), finding({ code: 'PARSE_ERROR', path: [] })];
    const run = runOf(render(findings));
    expect(run.results!.map((r) => run.tool.driver.rules![r.ruleIndex!]!.id)).toEqual(['INVALID_ACTION', 'MISSING_VERSION', 'PARSE_ERROR']);
    expect(run.results!.map((r) => r.ruleId)).toEqual(['INVALID_ACTION', 'MISSING_VERSION', 'PARSE_ERROR']);
  });

  it('should leave out ruleIndex for a code that has no descriptor', () => {
    const [result] = resultsOf([finding({ code: 'NOT_IN_RULES' })]);
    expect(result!.ruleId).toBe('NOT_IN_RULES');
    expect(result!.ruleIndex).toBeUndefined();
  });

  it("should take the level from the finding's severity, which the config may have overridden", () => {
    // REDUNDANT_ACTION is a suggestion in the registry; a config raised this one to error.
    const [result] = resultsOf([finding({ code: 'REDUNDANT_ACTION', severity: 'error' })]);
    expect(result!.level).toBe('error');
    expect(resultsOf([finding({ severity: 'suggestion' })])[0]!.level).toBe('note');
    expect(resultsOf([finding({ severity: 'security_warning' })])[0]!.level).toBe('error');
  });

  it('should carry the message, line and column of the finding', () => {
    const [result] = resultsOf([finding()]);
    expect(result!.message.text).toBe('the action "ecr:GetAuthToken" does not exist.');
    expect(locationOf(result!).physicalLocation?.region).toEqual({ startLine: 4, startColumn: 37 });
    expect(runOf(render([])).columnKind).toBe('utf16CodeUnits');
  });
});

describe('renderSarif: artifact URIs', () => {
  const uriOf = (file: string) => locationOf(resultsOf([finding({ file })])[0]!).physicalLocation!.artifactLocation!;

  it('should write file names relative to baseDir, under %SRCROOT%', () => {
    expect(uriOf('policies/role.json')).toEqual({ uri: 'policies/role.json', uriBaseId: '%SRCROOT%' });
    expect(uriOf('./role.json')).toEqual({ uri: 'role.json', uriBaseId: '%SRCROOT%' });
    expect(uriOf(join(BASE, 'infra', 'stack.yaml'))).toEqual({ uri: 'infra/stack.yaml', uriBaseId: '%SRCROOT%' });
  });

  it('should percent-encode what a URI cannot hold as is', () => {
    expect(uriOf('my policies/ecr#1.json')).toEqual({ uri: 'my%20policies/ecr%231.json', uriBaseId: '%SRCROOT%' });
    // A colon in the first segment would read as a URI scheme.
    expect(uriOf('c:x.json').uri).toBe('c%3Ax.json');
  });

  it('should give a file outside baseDir an absolute file: URI', () => {
    expect(uriOf('../shared/role.json')).toEqual({ uri: pathToFileURL(resolve(BASE, '../shared/role.json')).href });
  });

  it('should name baseDir as %SRCROOT%, as a folder URI ending in a slash', () => {
    const bases = runOf(render([])).originalUriBaseIds;
    expect(bases).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(BASE).href}/` } });
  });
});

describe('renderSarif: logical locations', () => {
  const logicalOf = (over: Partial<Finding>) => locationOf(resultsOf([finding(over)])[0]!).logicalLocations;

  it('should name the JSON path in the file as a fully qualified name', () => {
    expect(logicalOf({})).toEqual([{ name: 'Action[2]', fullyQualifiedName: 'Statement[0].Action[2]', kind: 'property' }]);
    expect(logicalOf({ path: ['Statement', 1, 'Condition', 'StringEquals', 'aws:SourceVpce'] })?.[0]?.fullyQualifiedName).toBe(
      'Statement[1].Condition.StringEquals["aws:SourceVpce"]',
    );
  });

  it('should name the CloudFormation logical ID or Terraform address first', () => {
    expect(logicalOf({ resource: 'TaskExecutionRole', path: ['Resources', 'TaskExecutionRole', 'Properties', 'Policies', 0] })).toEqual([
      { name: 'TaskExecutionRole', fullyQualifiedName: 'TaskExecutionRole', kind: 'resource' },
      { name: 'Policies[0]', fullyQualifiedName: 'Resources.TaskExecutionRole.Properties.Policies[0]', kind: 'property' },
    ]);
    expect(logicalOf({ resource: 'module.network.aws_vpc_endpoint.s3', path: [] })).toEqual([
      { name: 'module.network.aws_vpc_endpoint.s3', fullyQualifiedName: 'module.network.aws_vpc_endpoint.s3', kind: 'resource' },
    ]);
  });

  it('should have none for a finding about the whole file', () => {
    expect(logicalOf({ path: [] })).toBeUndefined();
  });
});

describe('renderSarif: fingerprints and determinism', () => {
  const fingerprintOf = (over: Partial<Finding>, options = OPTIONS) => resultsOf([finding(over)], RULE_METAS, options)[0]!.partialFingerprints;

  it('should keep the fingerprint when the finding moves to another line or column', () => {
    expect(fingerprintOf({ line: 40, column: 2 })).toEqual(fingerprintOf({}));
  });

  it('should keep the fingerprint when the same repository is checked out elsewhere', () => {
    expect(fingerprintOf({}, { ...OPTIONS, baseDir: resolve('/elsewhere/checkout') })).toEqual(fingerprintOf({}));
  });

  it.each<[string, Partial<Finding>]>([
    ['code', { code: 'INVALID_SERVICE_IN_ACTION' }],
    ['file', { file: 'policies/other.json' }],
    ['path', { path: ['Statement', 0, 'Action', 1] }],
    ['message', { message: 'the action "ecr:GetAuthTokens" does not exist.' }],
  ])('should change the fingerprint with the %s', (_, over) => {
    const fingerprint = fingerprintOf({});
    expect(Object.keys(fingerprint!)).toHaveLength(1);
    expect(fingerprintOf(over)).not.toEqual(fingerprint);
  });

  it('should write the same bytes for the same report', () => {
    const findings = [finding(), finding({ file: 'b.yaml', resource: 'Role', code: 'MISSING_VERSION', severity: 'warning' })];
    expect(renderSarif(reportOf(findings), RULE_METAS, OPTIONS)).toBe(renderSarif(reportOf([...findings]), [...RULE_METAS], { ...OPTIONS }));
  });
});

describe('policygen lint --format sarif', () => {
  const FIXTURES = resolve(__dirname, '../../fixtures/lint-core');

  it('should print SARIF with URIs relative to the working folder, and exit 2 when a file cannot be parsed', async () => {
    const { status, stdout, stderr } = await runInProcess(['lint', '--format', 'sarif', 'good-role.json', 'broken.json'], {
      cwd: FIXTURES,
      env: {},
      stdoutIsTTY: true,
      stderrIsTTY: false,
    });
    expect({ status, stderr }).toEqual({
      status: 2,
      stderr: 'policygen: error: broken.json:5:3: invalid JSON: a trailing comma is not allowed in JSON (JSON_SYNTAX_ERROR)\n',
    });
    const log = JSON.parse(stdout) as Log;
    expect(runOf(log).tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    // broken.json has a trailing comma: the `]` after it opens line 5 at column 3.
    expect(
      runOf(log).results!.map((r) => [
        r.ruleId,
        r.level,
        locationOf(r).physicalLocation?.artifactLocation?.uri,
        locationOf(r).physicalLocation?.region?.startLine,
      ]),
    ).toEqual([['JSON_SYNTAX_ERROR', 'error', 'broken.json', 5]]);
    expect(runOf(log).originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(`${pathToFileURL(FIXTURES).href}/`);
    expect(stdout).not.toContain('\u001b');
  });
});
