import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInProcess } from '../cli/helpers';
import { FIXTURES } from './helpers';

/**
 * Issue 10 §5: public ECS / VPC endpoint inputs with verdicts judged by hand against the AWS docs
 * (test/fixtures/real/README.md, gathered on the `fixtures` branch), run through `policygen check`
 * as users run it. One loop over the table; the table is data, never written from the output.
 * POLICYGEN_REAL_FIXTURES points at another folder with the same layout.
 */

type Verdict = 'allowed' | 'blocked' | 'unknown' | 'n/a';
type Group = 'auth' | 'manifest' | 'layers' | 'logs' | 'secrets';

export interface RealFixture {
  readonly id: string;
  readonly kind: 'cloudformation' | 'cloudformation-multi' | 'cdk-out' | 'terraform-plan';
  readonly files: readonly string[];
  readonly args: readonly string[];
  readonly expected: { readonly exit: 0 | 1 | 4; readonly steps: Readonly<Record<Group, Verdict>>; readonly why: string };
  readonly source: string;
  readonly licence: string;
}

/** The steps of the JSON report each group of the table stands for (README "How to read verdicts.json"). */
const GROUPS: Readonly<Record<Group, readonly string[]>> = {
  auth: ['auth-token'],
  manifest: ['manifest', 'layer-urls'],
  layers: ['layer-download'],
  logs: ['log-group', 'log-stream', 'log-events'],
  secrets: ['secret', 'parameter'],
};

/** The `check` arguments for a fixture: the input flags of its kind, then its own args, JSON out. */
export function checkArgs(fixture: RealFixture, folder: string): string[] {
  const paths = fixture.files.map((f) => join(folder, f));
  const input =
    fixture.kind === 'cdk-out' ? ['--cdk-out', paths[0]!] : fixture.kind === 'terraform-plan' ? ['--plan', paths[0]!] : paths.flatMap((p) => ['--template', p]);
  return ['check', ...input, ...fixture.args, '--format', 'json'];
}

/** One verdict per group: blocked if a step is, else unknown if one is, else allowed; n/a without steps. */
export function groupVerdicts(steps: readonly { step: string; verdict: string }[]): Record<Group, Verdict> {
  const out = {} as Record<Group, Verdict>;
  for (const [group, names] of Object.entries(GROUPS) as [Group, readonly string[]][]) {
    const verdicts = steps.filter((s) => names.includes(s.step)).map((s) => s.verdict);
    out[group] = verdicts.length === 0 ? 'n/a' : verdicts.includes('blocked') ? 'blocked' : verdicts.includes('unknown') ? 'unknown' : 'allowed';
  }
  return out;
}

async function runFixture(fixture: RealFixture, folder: string) {
  const run = await runInProcess(checkArgs(fixture, folder));
  const steps = run.stdout === '' ? [] : (JSON.parse(run.stdout) as { steps: { step: string; verdict: string }[] }).steps;
  return { exit: run.status, steps: groupVerdicts(steps), stderr: run.stderr };
}

const REAL = resolve(process.env['POLICYGEN_REAL_FIXTURES'] ?? join(FIXTURES, 'real'));
const TABLE = join(REAL, 'verdicts.json');
const table: readonly RealFixture[] = existsSync(TABLE) ? (JSON.parse(readFileSync(TABLE, 'utf8')) as { fixtures: RealFixture[] }).fixtures : [];

/**
 * Fixtures where check does not yet give the verdict judged from the AWS docs, and why: each runs as
 * `it.failing`, so the day check gets it right the test says to move it out of this list. The table
 * stays the oracle; nothing here changes an expected verdict.
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

(table.length > 0 ? describe : describe.skip)(`check on real inputs (${TABLE})`, () => {
  it('should hold at least 20 fixtures, each with its source and licence', () => {
    expect(table.length).toBeGreaterThanOrEqual(20);
    for (const f of table) expect([f.source, f.licence, f.expected.why].every((s) => typeof s === 'string' && s !== '')).toBe(true);
  });

  const verdictOf = async (fixture: RealFixture) => {
    const got = await runFixture(fixture, REAL);
    expect({ exit: got.exit, steps: got.steps }).toEqual({ exit: fixture.expected.exit, steps: fixture.expected.steps });
  };
  const matched = table.filter((f) => KNOWN_GAPS[f.id] === undefined);
  const gaps = table.filter((f) => KNOWN_GAPS[f.id] !== undefined);
  it.each(matched.map((f) => [f.id, f] as const))('%s: the verdict judged from the AWS docs', async (_id, fixture) => verdictOf(fixture));
  if (gaps.length > 0)
    it.failing.each(gaps.map((f) => [f.id, KNOWN_GAPS[f.id]!, f] as const))('%s: not yet (%s)', async (_id, _why, fixture) => verdictOf(fixture));
  it('should name only fixtures of the table as known gaps', () => {
    expect(Object.keys(KNOWN_GAPS).filter((id) => !table.some((f) => f.id === id))).toEqual([]);
  });
});

/** The runner itself, on check's own fixtures, whose verdicts test/fixtures/check/README.md gives. */
const OWN: readonly RealFixture[] = [
  {
    id: 'multi-stack together',
    kind: 'cloudformation-multi',
    files: ['multi-stack/network.yaml', 'multi-stack/service.yaml'],
    args: ['--region', 'eu-west-1', '--account', '111122223333'],
    expected: { exit: 0, steps: { auth: 'allowed', manifest: 'allowed', layers: 'allowed', logs: 'allowed', secrets: 'n/a' }, why: 'good-fargate.yaml in two' },
    source: 'test/fixtures/check/README.md',
    licence: 'project',
  },
  {
    id: 'service alone',
    kind: 'cloudformation',
    files: ['multi-stack/service.yaml'],
    args: ['--region', 'eu-west-1', '--account', '111122223333'],
    expected: { exit: 4, steps: { auth: 'unknown', manifest: 'unknown', layers: 'unknown', logs: 'unknown', secrets: 'n/a' }, why: 'network not in the input' },
    source: 'test/fixtures/check/README.md',
    licence: 'project',
  },
  {
    id: 'secrets without endpoints',
    kind: 'cloudformation',
    files: ['secrets-without-endpoints.yaml'],
    args: ['--region', 'eu-west-1', '--account', '111122223333'],
    expected: {
      exit: 1,
      steps: { auth: 'allowed', manifest: 'allowed', layers: 'allowed', logs: 'n/a', secrets: 'blocked' },
      why: 'secrets need their endpoints',
    },
    source: 'test/fixtures/check/README.md',
    licence: 'project',
  },
];

describe('the real-fixture runner', () => {
  it('should build the input flags of each kind', () => {
    const base = { args: ['--parameter', 'A=b'], expected: OWN[0]!.expected, source: '', licence: '', id: 'x' };
    expect(checkArgs({ ...base, kind: 'cloudformation-multi', files: ['a.yaml', 'b.yaml'] }, '/r')).toEqual([
      'check',
      '--template',
      '/r/a.yaml',
      '--template',
      '/r/b.yaml',
      '--parameter',
      'A=b',
      '--format',
      'json',
    ]);
    expect(checkArgs({ ...base, kind: 'cdk-out', files: ['app/cdk.out'] }, '/r').slice(0, 3)).toEqual(['check', '--cdk-out', '/r/app/cdk.out']);
  });

  it('should fold steps into the groups of the table', () => {
    expect(
      groupVerdicts([
        { step: 'auth-token', verdict: 'allowed' },
        { step: 'manifest', verdict: 'allowed' },
        { step: 'layer-urls', verdict: 'unknown' },
        { step: 'layer-download', verdict: 'blocked' },
      ]),
    ).toEqual({ auth: 'allowed', manifest: 'unknown', layers: 'blocked', logs: 'n/a', secrets: 'n/a' });
  });

  it.each(OWN.map((f) => [f.id, f] as const))('should reproduce the verdict of %s', async (_id, fixture) => {
    const got = await runFixture(fixture, join(FIXTURES, 'check'));
    expect({ exit: got.exit, steps: got.steps }).toEqual({ exit: fixture.expected.exit, steps: fixture.expected.steps });
  });
});
