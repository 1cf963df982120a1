import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, type LintReport } from '../../../src/lint/engine';
import { renderLintJson } from '../../../src/render/lint-json';
import { renderLintText } from '../../../src/render/lint-text';
import { CRASHES_ON_BOOM, EVERY_ACTION, EVERY_ROLE, recordingLoader } from './helpers';

const SCHEMA = JSON.parse(readFileSync(join(__dirname, '../../../schemas/lint-report.schema.json'), 'utf8')) as object;

const REPORT: LintReport = {
  findings: [
    { file: 'a.json', line: 3, column: 5, code: 'INVALID_ACTION', severity: 'error', message: 'bad action', path: ['Statement', 0, 'Action'] },
    { file: 'a.json', line: 9, column: 1, code: 'REDUNDANT_ACTION', severity: 'suggestion', message: 'twice', path: [] },
    { file: 'b.yaml', line: 2, column: 7, code: 'ECR_X', severity: 'security_warning', message: 'm', path: ['Resources', 'Role'], resource: 'Role' },
  ],
  summary: { files: 3, findings: 3, bySeverity: { error: 1, security_warning: 1, warning: 0, suggestion: 1 }, suppressed: 2, rules: 40 },
};

describe('renderLintText', () => {
  it('should print a header per file, file:line:col severity code message lines, and a summary', () => {
    expect(renderLintText(REPORT, { color: false })).toBe(
      [
        'a.json',
        'a.json:3:5 error INVALID_ACTION bad action',
        'a.json:9:1 suggestion REDUNDANT_ACTION twice',
        '',
        'b.yaml',
        'b.yaml:2:7 security_warning ECR_X m',
        '',
        'policygen lint: 3 findings (1 error, 1 security warning, 1 suggestion) in 2 of 3 files; 2 suppressed',
        '',
      ].join('\n'),
    );
  });

  it('should say so when there is nothing to report', () => {
    const empty: LintReport = {
      findings: [],
      summary: { files: 1, findings: 0, bySeverity: { error: 0, security_warning: 0, warning: 0, suggestion: 0 }, suppressed: 0, rules: 3 },
    };
    expect(renderLintText(empty, { color: false })).toBe('policygen lint: 1 file, no findings\n');
  });

  it('should colour severities only when asked', () => {
    const coloured = renderLintText(REPORT, { color: true });
    expect(coloured).toContain('a.json:3:5 \u001b[31merror\u001b[0m INVALID_ACTION');
    expect(coloured).toContain('\u001b[35msecurity_warning\u001b[0m');
    expect(renderLintText(REPORT, { color: false })).not.toContain('\u001b');
  });

  it('should escape control characters and bidi overrides coming from the inputs', () => {
    const hostile: LintReport = {
      ...REPORT,
      findings: [{ file: 'x\u001b[2J.json', line: 1, column: 1, code: 'C', severity: 'warning', message: 'action "\u001b]0;owned\u0007\u202e"', path: [] }],
    };
    const text = renderLintText(hostile, { color: false });
    expect(text).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(text).toContain('x\\u001b[2J.json:1:1 warning C action "\\u001b]0;owned\\u0007\\u202e"');
  });
});

describe('renderLintJson', () => {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(SCHEMA);

  it('should print exactly the documented shape, resource only when known', () => {
    const parsed = JSON.parse(renderLintJson(REPORT)) as { findings: Record<string, unknown>[]; summary: unknown };
    expect(Object.keys(parsed)).toEqual(['findings', 'summary']);
    expect(Object.keys(parsed.findings[0] ?? {})).toEqual(['file', 'line', 'column', 'code', 'severity', 'message', 'path']);
    expect(Object.keys(parsed.findings[2] ?? {})).toEqual(['file', 'line', 'column', 'code', 'severity', 'message', 'path', 'resource']);
    expect(parsed.summary).toEqual(REPORT.summary);
  });

  it('should validate against schemas/lint-report.schema.json, for a real report', async () => {
    const template = JSON.stringify({
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: { Sid: 'boom', Effect: 'Allow', Action: 'ecr:*', Resource: '*' } } }],
          },
        },
      },
    });
    const report = await lint(
      [
        { file: 'stack.json', text: template },
        { file: 'p.json', text: '{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}' },
        { file: 'bad.json', text: '{' },
        { file: 'x.json', text: '{}' },
      ],
      { rules: [EVERY_ACTION, EVERY_ROLE, CRASHES_ON_BOOM], loadCatalog: recordingLoader().load },
    );
    const codes = new Set(report.findings.map((f) => f.code));
    expect([...codes].sort()).toEqual(['PARSE_ERROR', 'RULE_CRASHED', 'TEST_ACTION', 'TEST_ROLE', 'UNKNOWN_INPUT']);
    const output = JSON.parse(renderLintJson(report)) as unknown;
    expect(validate(output) ? [] : validate.errors).toEqual([]);
  });

  it('should reject what the schema forbids (the test can fail)', () => {
    const output = JSON.parse(renderLintJson(REPORT)) as { findings: Record<string, unknown>[] };
    (output.findings[0] as Record<string, unknown>)['extra'] = 1;
    expect(validate(output)).toBe(false);
  });
});
