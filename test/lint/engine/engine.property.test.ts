import fc from 'fast-check';
import { lint, type LintInput } from '../../../src/lint/engine';
import { parseJsonSource } from '../../../src/template/source/json-source';
import { SEVERITIES } from '../../../src/lint/types';

/**
 * Whatever the inputs, the engine with the real rules returns a report: every input is accounted
 * for, findings are well formed and sorted. A rule that throws shows up as RULE_CRASHED (a finding,
 * so the property holds), and is listed in the failure message of the last test so it gets fixed.
 * FC_NUM_RUNS=2000 for a longer hunt.
 */
const NUM_RUNS = Number(process.env['FC_NUM_RUNS'] ?? 60);

const KEYS = [
  'Version',
  'Statement',
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'Condition',
  'Resources',
  'Type',
  'Properties',
  '__proto__',
  'constructor',
  'AWS',
  'Service',
];
const VALUES = [
  '2012-10-17',
  'Allow',
  'Deny',
  '*',
  'ecr:*',
  'ecr:GetAuthorizationToken',
  's3:GetObject',
  'aws:SourceVpce',
  'StringEquals',
  'AWS::IAM::Role',
  'arn:aws:s3:::b/*',
  'iam:PassRole',
];

/** JSON shaped like policies and templates, with the odd hostile key. */
const policyish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...VALUES),
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const document = fc.oneof(
  policyish.map((v) => JSON.stringify(v)),
  fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.array(policyish, { maxLength: 3 }) }).map((v) => JSON.stringify(v, null, 2)),
  fc.record({ Resources: fc.dictionary(fc.constantFrom('Role', 'Bucket', '__proto__'), policyish, { maxKeys: 2 }) }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }),
);

const input: fc.Arbitrary<LintInput> = fc.oneof(
  fc.record({ file: fc.constantFrom('a.json', 'b.json', 'c.yaml', 'd.template'), text: document }),
  fc.record({ file: fc.constant('bin.json'), text: fc.uint8Array({ maxLength: 40 }) }),
);

const crashes: string[] = [];

describe('lint (real rules): properties', () => {
  it('should return well-formed, sorted findings for any inputs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 4 }), async (inputs) => {
        const report = await lint(inputs);
        expect(report.summary.files).toBe(inputs.length);
        expect(report.summary.findings).toBe(report.findings.length);
        const files = new Set(inputs.map((i) => i.file));
        for (const f of report.findings) {
          expect(files.has(f.file)).toBe(true);
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.column).toBeGreaterThanOrEqual(1);
          expect(SEVERITIES).toContain(f.severity);
          expect(f.message.length).toBeGreaterThan(0);
          if (f.code === 'RULE_CRASHED') crashes.push(f.message);
        }
        const keys = report.findings.map((f) => [f.file, f.line, f.column, f.code] as const);
        const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0)));
        expect(keys).toEqual(sorted);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('should locate a valid path of any JSON document at the start of its value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const source = parseJsonSource('v.json', text);
        // Every leaf's position, turned back into an offset, starts the JSON of that leaf.
        const lines = text.split('\n');
        const walk = (v: unknown, path: (string | number)[]): void => {
          if (v !== null && typeof v === 'object') {
            for (const [k, inner] of Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v)) walk(inner, [...path, k]);
            return;
          }
          const { line, column } = source.locate(path);
          expect((lines[line - 1] ?? '').slice(column - 1).startsWith(JSON.stringify(v))).toBe(true);
        };
        walk(value, []);
      }),
      { numRuns: NUM_RUNS * 3 },
    );
  });

  it('should have seen no rule crash', () => {
    expect([...new Set(crashes)]).toEqual([]);
  });
});
