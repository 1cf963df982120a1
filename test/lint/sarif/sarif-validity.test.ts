/**
 * The SARIF that `policygen lint --format sarif` writes for real engine output, checked by
 * Microsoft's SARIF multitool (`validate`) and by the SARIF 2.1.0 JSON Schema it ships.
 *
 * Two things learned running multitool 5.7.0 here, which shape these tests:
 * - it exits 0 even when it reports errors, so the test reads its output log instead;
 * - a file it cannot deserialize (e.g. `"level": "bogus"`) yields no result at all, not an error.
 *   Hence the canary below (a warning it always gives on our logs proves it read the file), and
 *   the schema check with ajv, which does reject such a file.
 */
import Ajv2020 from 'ajv/dist/2020';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Log } from 'sarif';
import { lint, type LintReport } from '../../../src/lint/engine';
import { RULE_METAS } from '../../../src/lint/rules';
import { SEVERITIES } from '../../../src/lint/types';
import { renderSarif } from '../../../src/render/lint-sarif';

const FIXTURES = resolve(__dirname, '../../fixtures');
/** The platform binary, resolved the way the package's own bin.js does it. */
const MULTITOOL = require('@microsoft/sarif-multitool') as string;
const SARIF_SCHEMA = join(dirname(MULTITOOL), 'sarif-2.1.0.json');

/**
 * Warnings the multitool may give on policygen's logs, each with why it stays:
 * SARIF2005 (no `tool.driver.informationUri`): policygen has no public URL to give yet.
 */
const ACCEPTED_WARNINGS = ['SARIF2005'];

const ROLE = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['ecr:GetAuthToken', 'ecr:BatchGetImage', 'ecr:BatchGet*'], Resource: '*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringLike: { 'aws:ResourceTag/team': '*' } } },
    ],
  },
  null,
  2,
);
const NO_VERSION = '{ "Statement": [{ "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" }] }\n';
const ENDPOINT_WITHOUT_PRINCIPAL = '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "ecr:*", "Resource": "*" }] }\n';

/** Engine output over policies, a CloudFormation template, a Terraform plan and a broken file. */
async function realReport(): Promise<LintReport> {
  const fixture = (file: string) => ({ file, text: readFileSync(join(FIXTURES, file)) });
  return lint([
    { file: 'policies/task role.json', text: ROLE },
    { file: 'policies/no-version.json', text: NO_VERSION },
    { file: 'policies/ecr endpoint.json', text: ENDPOINT_WITHOUT_PRINCIPAL, policyType: 'vpc-endpoint-interface' },
    fixture('lint-core/broken.json'),
    fixture('cloudformation/broken-get-authorization-token-vpc-condition.yaml'),
    fixture('terraform/broken-plan.json'),
  ]);
}

interface Diagnostic {
  readonly ruleId: string;
  readonly level: string;
  readonly text: string;
}

/** Runs `Sarif.Multitool validate` on the log and returns what it reported at every level. */
function multitoolValidate(sarif: string): { status: number | null; diagnostics: Diagnostic[]; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-sarif-'));
  try {
    const input = join(dir, 'policygen.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, sarif);
    const run = spawnSync(MULTITOOL, ['validate', input, '--output', output, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note'], {
      encoding: 'utf8',
      // .NET without libicu (a fresh Debian has none): the validator needs no culture data.
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
      timeout: 60_000,
    });
    if (run.error) throw run.error;
    const log = JSON.parse(readFileSync(output, 'utf8')) as Log;
    const [validation] = log.runs;
    const notifications = validation?.invocations?.flatMap((i) => [...(i.toolExecutionNotifications ?? []), ...(i.toolConfigurationNotifications ?? [])]) ?? [];
    const diagnostics = [
      ...(validation?.results ?? []).map((r) => ({ ruleId: r.ruleId ?? '', level: r.level ?? 'warning', text: JSON.stringify(r.message) })),
      ...notifications.map((n) => ({ ruleId: n.descriptor?.id ?? 'notification', level: n.level ?? 'warning', text: n.message.text ?? '' })),
    ];
    expect(validation?.invocations?.every((i) => i.executionSuccessful)).toBe(true);
    return { status: run.status, diagnostics, stdout: run.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function schemaValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // The formats the SARIF schema uses; URL is the WHATWG parser, stricter than RFC 3986 needs.
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object);
}

describe('SARIF from real engine output', () => {
  let sarif: string;
  let report: LintReport;
  beforeAll(async () => {
    report = await realReport();
    sarif = renderSarif(report, RULE_METAS, { toolVersion: '0.1.0', baseDir: FIXTURES });
  });

  it('should come from a report with findings of every severity, with resources and paths', () => {
    // Without these the validation below would prove less: a precondition, not the property.
    for (const severity of SEVERITIES) expect(report.summary.bySeverity[severity]).toBeGreaterThan(0);
    expect(report.findings.some((f) => f.resource !== undefined)).toBe(true);
    expect(report.findings.some((f) => f.file.includes(' '))).toBe(true);
  });

  it('should pass the SARIF multitool validate with no error and no unexpected warning', () => {
    const { status, diagnostics, stdout } = multitoolValidate(sarif);
    expect(status).toBe(0);
    // The canary: the multitool read the log (a log it cannot read gets no diagnostic at all).
    expect(diagnostics.map((d) => d.ruleId)).toContain('SARIF2005');
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => d.level === 'warning' && !ACCEPTED_WARNINGS.includes(d.ruleId))).toEqual([]);
    expect(stdout).toContain('Analysis completed successfully');
  });

  it('should be valid against the SARIF 2.1.0 JSON Schema shipped with the multitool', () => {
    const validate = schemaValidator();
    expect(validate(JSON.parse(sarif)) ? [] : validate.errors).toEqual([]);
  });
});

describe('the validators used above', () => {
  // Controls: each check must be able to fail, or the passes above mean nothing.
  const broken = (result: object): string => JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', version: '1' } }, results: [result] }] });

  it('should see the multitool report an error for a result without a message', () => {
    const { diagnostics } = multitoolValidate(broken({ ruleId: 'A' }));
    expect(diagnostics.filter((d) => d.level === 'error').map((d) => d.ruleId)).toEqual(['JSON1002']);
  });

  it('should see the schema reject a level that SARIF does not define, which the multitool lets through', () => {
    const validate = schemaValidator();
    expect(validate(JSON.parse(broken({ ruleId: 'A', level: 'bogus', message: { text: 'm.' } })))).toBe(false);
    expect(multitoolValidate(broken({ ruleId: 'A', level: 'bogus', message: { text: 'm.' } })).diagnostics).toEqual([]);
  });

  it('should see the schema reject an artifact URI with a space', () => {
    const validate = schemaValidator();
    const location = { physicalLocation: { artifactLocation: { uri: 'my policies/a.json' } } };
    expect(validate(JSON.parse(broken({ ruleId: 'A', message: { text: 'm.' }, locations: [location] })))).toBe(false);
  });
});
