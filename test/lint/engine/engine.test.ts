import { parseLintConfig } from '../../../src/lint/config';
import { failsAt, lint, type LintInput, type LintReport } from '../../../src/lint/engine';
import type { PolicyRule, StackRule } from '../../../src/lint/types';
import { CRASHES_ON_BOOM, EVERY_ACTION, EVERY_ROLE, FLAGGED_STATEMENT, GATEWAY_ONLY, recordingLoader, STACK_CRASH } from './helpers';

// Line 4 columns, counted by hand: Sid value 14, "s3:GetObject" 52, "ecr:BatchGetImage" 68.
const POLICY_A = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [',
  '    { "Sid": "flag", "Effect": "Allow", "Action": ["s3:GetObject", "ecr:BatchGetImage"], "Resource": "*" }',
  '  ]',
  '}',
].join('\n');
const POLICY_B = '{"Statement": {"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}}';

const TEST_RULES = [EVERY_ACTION, FLAGGED_STATEMENT];
const where = (r: LintReport) => r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.severity}`);

async function run(inputs: readonly LintInput[], options: Parameters<typeof lint>[1] = {}) {
  const loader = recordingLoader();
  const report = await lint(inputs, { rules: TEST_RULES, loadCatalog: loader.load, ...options });
  return { report, calls: loader.calls };
}

describe('lint: findings and their order', () => {
  it('should sort findings by file, line, column and code, whatever the input order', async () => {
    const { report } = await run([
      { file: 'b.json', text: POLICY_B },
      { file: 'a.json', text: POLICY_A },
    ]);
    expect(where(report)).toEqual([
      'a.json:4:14 TEST_FLAGGED warning',
      'a.json:4:52 TEST_ACTION suggestion',
      'a.json:4:68 TEST_ACTION suggestion',
      // POLICY_B: `{"Statement": {"Effect": "Allow", "Action": ` is 44 columns.
      'b.json:1:45 TEST_ACTION suggestion',
    ]);
    expect(report.findings[1]).toEqual({
      file: 'a.json',
      line: 4,
      column: 52,
      code: 'TEST_ACTION',
      severity: 'suggestion',
      message: 'action s3:GetObject',
      path: ['Statement', 0, 'Action', 0],
    });
  });

  it('should order findings at one position by code', async () => {
    const atRoot = (code: string): PolicyRule => ({
      kind: 'policy',
      meta: { ...EVERY_ACTION.meta, code },
      check: () => [{ message: code, path: [] }],
    });
    const report = await lint([{ file: 'p.json', text: POLICY_B }], {
      rules: [atRoot('ZZZ'), atRoot('AAA'), atRoot('MMM')],
      loadCatalog: recordingLoader().load,
    });
    expect(report.findings.map((f) => f.code)).toEqual(['AAA', 'MMM', 'ZZZ']);
  });

  it('should summarize files, findings per severity and rules run', async () => {
    const { report } = await run([
      { file: 'a.json', text: POLICY_A },
      { file: 'b.json', text: POLICY_B },
    ]);
    expect(report.summary).toEqual({
      files: 2,
      findings: 4,
      bySeverity: { error: 0, security_warning: 0, warning: 1, suggestion: 3 },
      suppressed: 0,
      rules: 2,
    });
  });

  it('should load the catalog once for the whole run', async () => {
    const { calls } = await run([
      { file: 'a.json', text: POLICY_A },
      { file: 'b.json', text: POLICY_B },
    ]);
    expect(calls).toBe(1);
  });

  it('should not load the catalog when no file holds a policy', async () => {
    const { report, calls } = await run([{ file: 'x.json', text: '{"name": "not a policy"}' }]);
    expect(calls).toBe(0);
    expect(where(report)).toEqual(['x.json:1:1 UNKNOWN_INPUT warning']);
  });
});

describe('lint: one file at a time', () => {
  it("should read each file only after the previous file's rules ran", async () => {
    const events: string[] = [];
    const probe: PolicyRule = {
      kind: 'policy',
      meta: { ...EVERY_ACTION.meta, code: 'PROBE' },
      check: (u) => (events.push(`rules ${u.source.file}`), []),
    };
    const reading = (file: string, text: string): LintInput => ({ file, read: () => (events.push(`read ${file}`), { text }) });
    await lint([reading('a.json', POLICY_A), reading('b.json', POLICY_B)], { rules: [probe], loadCatalog: recordingLoader().load });
    expect(events).toEqual(['read a.json', 'rules a.json', 'read b.json', 'rules b.json']);
  });

  it('should report what a reader could not read, and lint the files after it', async () => {
    const { report } = await run([
      { file: 'gone.json', read: () => ({ readError: 'no such file' }) },
      { file: 'b.json', read: () => ({ text: new TextEncoder().encode(POLICY_B) }) },
    ]);
    expect(where(report)).toEqual(['b.json:1:45 TEST_ACTION suggestion', 'gone.json:1:1 PARSE_ERROR error']);
    expect(report.findings[1]?.message).toBe('cannot read the file: no such file');
  });
});

describe('lint: kinds', () => {
  it('should take --kind over detection', async () => {
    const { report } = await run([{ file: 'x.json', text: '{"name": "x"}' }], { kind: 'policy' });
    expect(report.findings).toEqual([]);
  });

  it("should give a template its stack's environment (a cdk.out manifest's): Region and account resolve", async () => {
    const regions: string[] = [];
    const probe: StackRule = {
      kind: 'stack',
      meta: { ...EVERY_ROLE.meta, code: 'PROBE' },
      check: (stack) => (regions.push(stack.region.known ? stack.region.value : 'unknown'), []),
    };
    const template = '{"Resources": {}}';
    await lint(
      [
        { file: 'a.template.json', text: template, kind: 'cloudformation', environment: { region: 'eu-west-1', account: '111122223333' } },
        { file: 'b.template.json', text: template, kind: 'cloudformation' },
      ],
      { rules: [probe] },
    );
    expect(regions).toEqual(['eu-west-1', 'unknown']);
  });

  it('should take the input kind (a cdk.out template) over --kind', async () => {
    const { report } = await run([{ file: 'App.template.json', text: '{"Resources": {}}', kind: 'cloudformation' }], {
      kind: 'policy',
      rules: [EVERY_ROLE],
    });
    expect(report.findings).toEqual([]);
    expect(report.summary.files).toBe(1);
  });
});

describe('lint: policy types', () => {
  const types = async (inputs: readonly LintInput[], policyType?: 'trust' | 'vpc-endpoint-gateway') => {
    const seen: string[] = [];
    const probe: PolicyRule = {
      kind: 'policy',
      meta: { ...EVERY_ACTION.meta, code: 'PROBE' },
      check: (u) => (seen.push(`${u.source.file}=${u.policyType}`), []),
    };
    await lint(inputs, { rules: [probe], loadCatalog: recordingLoader().load, ...(policyType ? { policyType } : {}) });
    return seen;
  };

  it('should make policy files identity policies by default, the option type when given, and the input type above both', async () => {
    expect(await types([{ file: 'a.json', text: POLICY_B }])).toEqual(['a.json=identity']);
    expect(await types([{ file: 'a.json', text: POLICY_B }], 'trust')).toEqual(['a.json=trust']);
    expect(await types([{ file: 'a.json', text: POLICY_B, policyType: 'scp' }], 'trust')).toEqual(['a.json=scp']);
  });

  it('should run a rule only on the policy types it applies to', async () => {
    const report = await lint(
      [
        { file: 'gw.json', text: POLICY_B, policyType: 'vpc-endpoint-gateway' },
        { file: 'id.json', text: POLICY_B },
      ],
      { rules: [GATEWAY_ONLY], loadCatalog: recordingLoader().load },
    );
    expect(report.findings.map((f) => `${f.file} ${f.message}`)).toEqual(['gw.json type vpc-endpoint-gateway']);
  });
});

describe('lint: config', () => {
  const config = (rules: Record<string, string>) =>
    parseLintConfig('.policygen.json', JSON.stringify({ rules }), new Set(['TEST_ACTION', 'TEST_FLAGGED', 'UNKNOWN_INPUT']));

  it('should apply severity overrides', async () => {
    const { report } = await run([{ file: 'a.json', text: POLICY_A }], { config: config({ TEST_ACTION: 'error' }) });
    expect(where(report)).toEqual(['a.json:4:14 TEST_FLAGGED warning', 'a.json:4:52 TEST_ACTION error', 'a.json:4:68 TEST_ACTION error']);
    expect(report.summary.bySeverity).toEqual({ error: 2, security_warning: 0, warning: 1, suggestion: 0 });
  });

  it('should not run rules that are off, nor count them', async () => {
    let ran = false;
    const watched: PolicyRule = { ...EVERY_ACTION, check: (u) => ((ran = true), EVERY_ACTION.check(u, { iam: undefined as never })) };
    const report = await lint([{ file: 'a.json', text: POLICY_A }], {
      rules: [watched, FLAGGED_STATEMENT],
      config: config({ TEST_ACTION: 'off' }),
      loadCatalog: recordingLoader().load,
    });
    expect(ran).toBe(false);
    expect(where(report)).toEqual(['a.json:4:14 TEST_FLAGGED warning']);
    expect(report.summary.rules).toBe(1);
  });

  it('should apply overrides to the engine codes too', async () => {
    const { report } = await run([{ file: 'x.json', text: '[]' }], { config: config({ UNKNOWN_INPUT: 'off' }) });
    expect(report.findings).toEqual([]);
  });
});

describe('failsAt', () => {
  const report = (severities: readonly string[]) => ({ findings: severities.map((severity) => ({ severity })) }) as unknown as LintReport;

  it.each([
    [[], 'suggestion', false],
    [['suggestion'], 'suggestion', true],
    [['suggestion', 'warning'], 'security_warning', false],
    [['security_warning'], 'security_warning', true],
    [['error'], 'security_warning', true],
    [['warning', 'security_warning'], 'error', false],
    [['error'], 'error', true],
  ] as const)('should fail for %j at --fail-on %s: %s', (severities, failOn, expected) => {
    expect(failsAt(report(severities), failOn)).toBe(expected);
  });
});

describe('lint: one bad input never hides the rest', () => {
  it('should report a malformed, an unreadable, a binary and an unknown file and still lint the good ones', async () => {
    const { report } = await run([
      { file: 'good.json', text: POLICY_A },
      { file: 'broken.json', text: '{\n  "Statement": [1,]\n}' },
      { file: 'gone.json', read: () => ({ readError: 'permission denied' }) },
      { file: 'image.json', text: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]) },
      { file: 'nul.json', text: '{"a": 1}\u0000' },
      { file: 'other.json', text: '{"name": "x"}' },
      { file: 'b.json', text: POLICY_B },
    ]);
    expect(where(report)).toEqual([
      'b.json:1:45 TEST_ACTION suggestion',
      // `  "Statement": [1,]`: the `]` after the comma is column 19; a policy (it names "Statement"), so Access Analyzer's code.
      'broken.json:2:19 JSON_SYNTAX_ERROR error',
      'gone.json:1:1 PARSE_ERROR error',
      'good.json:4:14 TEST_FLAGGED warning',
      'good.json:4:52 TEST_ACTION suggestion',
      'good.json:4:68 TEST_ACTION suggestion',
      'image.json:1:1 PARSE_ERROR error',
      'nul.json:1:9 PARSE_ERROR error',
      'other.json:1:1 UNKNOWN_INPUT warning',
    ]);
    const message = (file: string) => report.findings.find((f) => f.file === file)?.message;
    expect(message('broken.json')).toMatch(/trailing comma/);
    expect(message('gone.json')).toBe('cannot read the file: permission denied');
    expect(message('image.json')).toMatch(/not a text file/);
    expect(message('nul.json')).toMatch(/not a text file/);
    expect(message('other.json')).toMatch(/expected an IAM policy/);
    expect(report.summary.files).toBe(7);
  });

  it('should report a PARSE_ERROR, not crash, for input nested too deeply', async () => {
    const { report } = await run([{ file: 'deep.json', text: `{"Statement": ${'['.repeat(10_000)}${']'.repeat(10_000)}}` }]);
    expect(report.findings.map((f) => [f.code, f.message])).toEqual([['PARSE_ERROR', expect.stringMatching(/nested deeper/)]]);
  });
});

// Access Analyzer's JSON_SYNTAX_ERROR (IAM User Guide, "IAM policy validation check reference"): a policy that is not JSON.
// Other inputs that do not parse keep PARSE_ERROR: the check is about policy documents.
describe('lint: JSON_SYNTAX_ERROR for a policy that is not valid JSON', () => {
  const codes = async (inputs: readonly LintInput[], options: Parameters<typeof lint>[1] = {}) =>
    (await run(inputs, options)).report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.severity}`);

  it('should report a policy file with a trailing comma as JSON_SYNTAX_ERROR (error) at the offending character', async () => {
    // Line 3 is `  "Statement": [],` and line 4 the `}` that follows its trailing comma (RFC 8259 section 4).
    expect(await codes([{ file: 'p.json', text: '{\n  "Version": "2012-10-17",\n  "Statement": [],\n}' }])).toEqual(['p.json:4:1 JSON_SYNTAX_ERROR error']);
  });

  it('should report a clean policy with no syntax finding', async () => {
    expect(await codes([{ file: 'p.json', text: '{"Version": "2012-10-17", "Statement": []}' }])).toEqual([]);
  });

  it('should take --kind policy (or the input kind) over the text: a file that names no Statement is still a policy then', async () => {
    expect(await codes([{ file: 'p.json', text: '{"Version": ' }], { kind: 'policy' })).toEqual([
      expect.stringMatching(/^p\.json:1:\d+ JSON_SYNTAX_ERROR error$/),
    ]);
    expect(await codes([{ file: 'p.json', text: '{"Version": ', kind: 'policy' }])).toEqual([expect.stringMatching(/ JSON_SYNTAX_ERROR error$/)]);
    expect(await codes([{ file: 'p.json', text: '{"Statement": [', kind: 'cloudformation' }])).toEqual([expect.stringMatching(/ PARSE_ERROR error$/)]);
  });

  it.each([
    [
      'a CloudFormation template (it names Resources, and holds policies)',
      't.json',
      '{"Resources": {"R": {"Properties": {"PolicyDocument": {"Statement": [,]}}}}}',
    ],
    ['a CloudFormation template (AWSTemplateFormatVersion)', 't.json', '{"AWSTemplateFormatVersion": "2010-09-09", "Statement": ['],
    ['a Terraform plan', 'plan.json', '{"format_version": "1.2", "Statement": ['],
    ['a JSON file that is none of them', 'x.json', '{"name": '],
    ['a YAML policy (not JSON)', 'p.yaml', 'Statement: [\n'],
  ])('should keep PARSE_ERROR for %s', async (_name, file, text) => {
    expect(await codes([{ file, text }])).toEqual([expect.stringMatching(/ PARSE_ERROR error$/)]);
  });

  it('should keep PARSE_ERROR for a policy file that is not text or cannot be read', async () => {
    expect(
      await codes([
        { file: 'gone.json', read: () => ({ readError: 'permission denied' }) },
        { file: 'latin1.json', text: Uint8Array.from([0x7b, 0x22, 0x53, 0xe9, 0x22, 0x7d]) },
      ]),
    ).toEqual(['gone.json:1:1 PARSE_ERROR error', expect.stringMatching(/^latin1\.json:\d+:\d+ PARSE_ERROR error$/)]);
  });
});

describe('lint: a crashing rule', () => {
  it('should become a RULE_CRASHED finding on that policy only, while other rules and policies go on', async () => {
    const boom = '{"Statement": [{"Sid": "boom", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}';
    const report = await lint(
      [
        { file: 'boom.json', text: boom },
        { file: 'fine.json', text: POLICY_B },
      ],
      { rules: [CRASHES_ON_BOOM, EVERY_ACTION], loadCatalog: recordingLoader().load },
    );
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message}`)).toEqual([
      'boom.json:1:1 RULE_CRASHED rule TEST_CRASH crashed on this policy: kaboom',
      // `{"Statement": [{"Sid": "boom", "Effect": "Allow", "Action": ` is 60 columns.
      'boom.json:1:61 TEST_ACTION action s3:GetObject',
      'fine.json:1:45 TEST_ACTION action logs:PutLogEvents',
    ]);
    expect(report.findings[0]?.severity).toBe('error');
  });
});

// A template with a role (inline policy and trust policy) whose Metadata suppresses one action's
// finding by detail, and a second role with a suppression lacking its reason.
const TEMPLATE = JSON.stringify(
  {
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Metadata: {
          policygen: {
            suppress: [
              { code: 'TEST_ACTION', reason: 'reviewed in SEC-1', appliesTo: ['Action::ecr:BatchGetImage'] },
              { code: 'TEST_ROLE', reason: 'known' },
            ],
          },
        },
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          Policies: [
            {
              PolicyName: 'p',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetAuthorizationToken'], Resource: '*' }],
              },
            },
          ],
        },
      },
      Other: {
        Type: 'AWS::IAM::Role',
        Metadata: { policygen: { suppress: [{ code: 'TEST_ROLE' }] } },
        Properties: { AssumeRolePolicyDocument: { Statement: [] } },
      },
      // A computed key: an own property named __proto__, as JSON.parse makes it.
      ['__proto__']: { Type: 'AWS::SNS::Topic', Metadata: { policygen: { suppress: [{ code: 'TEST_ROLE', reason: 'no pollution' }] } } },
    },
  },
  null,
  2,
);

describe('lint: CloudFormation inline suppression', () => {
  it('should hide suppressed findings, count them, and keep the rest', async () => {
    const report = await lint([{ file: 'stack.json', text: TEMPLATE }], { rules: [EVERY_ACTION, EVERY_ROLE], loadCatalog: recordingLoader().load });
    const shown = report.findings.map((f) => `${f.code} ${f.resource} ${f.message}`);
    expect(shown).toEqual(
      expect.arrayContaining(['TEST_ACTION Role action ecr:GetAuthorizationToken', 'TEST_ACTION Role action sts:AssumeRole', 'TEST_ROLE Other role Other']),
    );
    expect(shown).not.toContain('TEST_ACTION Role action ecr:BatchGetImage');
    expect(shown).not.toContain('TEST_ROLE Role role Role');
    expect(report.summary.suppressed).toBe(2);
    expect(TEMPLATE).toContain('"__proto__": {');
    expect(({} as Record<string, unknown>)['Metadata']).toBeUndefined();
    expect(({} as Record<string, unknown>)['Type']).toBeUndefined();
  });

  it('should report a suppression without a reason, which suppresses nothing', async () => {
    const report = await lint([{ file: 'stack.json', text: TEMPLATE }], { rules: [EVERY_ROLE], loadCatalog: recordingLoader().load });
    const bad = report.findings.filter((f) => f.code === 'SUPPRESSION_WITHOUT_REASON');
    expect(bad.map((f) => [f.resource, f.path, f.severity])).toEqual([['Other', ['Resources', 'Other', 'Metadata', 'policygen', 'suppress', 0], 'warning']]);
    expect(report.findings.some((f) => f.code === 'TEST_ROLE' && f.resource === 'Other')).toBe(true);
  });

  it('should give stack-rule findings the position of their path and isolate a crashing stack rule', async () => {
    const report = await lint([{ file: 'stack.json', text: TEMPLATE }], { rules: [EVERY_ROLE, STACK_CRASH], loadCatalog: recordingLoader().load });
    const other = report.findings.find((f) => f.code === 'TEST_ROLE');
    // JSON.stringify with 2 spaces: "Other" is the 2nd resource; its object opens after `    "Other": `.
    const otherLine = TEMPLATE.split('\n').findIndex((l) => l.startsWith('    "Other": {')) + 1;
    expect(other).toMatchObject({ line: otherLine, column: 14, path: ['Resources', 'Other'] });
    expect(report.findings.filter((f) => f.code === 'RULE_CRASHED').map((f) => f.message)).toEqual([
      'rule TEST_STACK_CRASH crashed on this file: stack kaboom',
    ]);
  });
});

describe('lint: YAML and progress', () => {
  it('should read a YAML policy file and locate its findings', async () => {
    const yaml = ['Version: "2012-10-17"', 'Statement:', '  - Effect: Allow', '    Action:', '      - s3:GetObject', '    Resource: "*"', ''].join('\n');
    const report = await lint([{ file: 'p.yaml', text: yaml }], { rules: [EVERY_ACTION], loadCatalog: recordingLoader().load });
    expect(where(report)).toEqual(['p.yaml:5:9 TEST_ACTION suggestion']);
  });

  it('should report progress after each file', async () => {
    const progress: string[] = [];
    await run(
      [
        { file: 'a.json', text: POLICY_A },
        { file: 'b.json', text: '{' },
      ],
      { onProgress: (done, total) => progress.push(`${done}/${total}`) },
    );
    expect(progress).toEqual(['1/2', '2/2']);
  });
});
