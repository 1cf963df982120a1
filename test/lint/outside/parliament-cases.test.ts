/**
 * An outside regression suite: the policies of parliament's unit tests (duo-labs/parliament,
 * BSD-3-Clause), each with the IAM Access Analyzer findings judged for it from the AWS
 * documentation, not from policygen (test/fixtures/real/parliament/cases.json and its README).
 * Each case must report its `expect.codes`, must not report its `expect.absent`, and with
 * `expect.noErrors` must report nothing at error level.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../../src/lint/engine';
import type { PolicyType, ResourceType } from '../../../src/lint/types';

interface Case {
  readonly name: string;
  readonly from: string;
  readonly derived?: boolean;
  readonly policyType?: 'identity' | 'resource';
  readonly resourceType?: ResourceType;
  readonly document: unknown;
  readonly parliament: readonly string[];
  readonly expect: { readonly codes: readonly string[]; readonly absent: readonly string[]; readonly noErrors?: boolean };
  readonly judgement: string;
}

const FOLDER = join(__dirname, '..', '..', 'fixtures', 'real', 'parliament');
const cases = (JSON.parse(readFileSync(join(FOLDER, 'cases.json'), 'utf8')) as { cases: readonly Case[] }).cases;

/**
 * Cases where policygen disagrees with the judged expectation, with the reason. They run as
 * it.failing, and one test asserts that this is exactly the set of failing cases: fixing a gap
 * fails the suite until its entry is removed here. Empty since UNIQUE_SIDS_REQUIRED (duplicate Sids
 * in an identity policy were only a warning before).
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

async function findingsOf(c: Case): Promise<{ codes: string[]; errors: string[] }> {
  const text = typeof c.document === 'string' ? c.document : JSON.stringify(c.document, null, 2);
  const policyType: PolicyType = c.policyType ?? 'identity';
  const options = c.resourceType === undefined ? { policyType } : { policyType, resourceType: c.resourceType };
  const report = await lint([{ file: `${c.name}.json`, text, kind: 'policy' }], options);
  return {
    codes: report.findings.map((f) => f.code),
    errors: report.findings.filter((f) => f.severity === 'error').map((f) => f.code),
  };
}

/** What the case's expectation says about these findings: empty when they agree. */
function disagreements(c: Case, found: { codes: string[]; errors: string[] }): string[] {
  const problems: string[] = [];
  for (const code of c.expect.codes) if (!found.codes.includes(code)) problems.push(`missing ${code}`);
  for (const code of c.expect.absent) if (found.codes.includes(code)) problems.push(`unexpected ${code}`);
  if (c.expect.noErrors === true) for (const code of found.errors) problems.push(`unexpected error ${code}`);
  return problems;
}

describe('parliament regression cases', () => {
  it('holds the judged cases, each named once', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('KNOWN_GAPS is exactly the set of cases policygen disagrees with', async () => {
    const failing: string[] = [];
    for (const c of cases) if (disagreements(c, await findingsOf(c)).length > 0) failing.push(c.name);
    expect(failing.sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  });

  for (const c of cases) {
    const gap = KNOWN_GAPS[c.name];
    const test = gap === undefined ? it : it.failing;
    const wanted = c.expect.codes.length === 0 ? 'no listed code' : c.expect.codes.join(', ');
    test(`${c.name}: ${wanted}${c.expect.noErrors === true ? ', no error' : ''}${gap === undefined ? '' : ` (known gap: ${gap})`}`, async () => {
      expect(disagreements(c, await findingsOf(c))).toEqual([]);
    });
  }
});
