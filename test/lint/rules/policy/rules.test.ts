import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_RULES } from '../../../../src/lint/rules/policy';
import type { PolicyType, ResourceType } from '../../../../src/lint/types';
import { type Case, describeRule } from './helpers';

// One fixture file per rule (test/fixtures/policy-rules/<code>.json): cases written from the AWS
// documentation and DOMAIN.md, each with the paths where the rule must report, in order.
interface Fixture {
  readonly rule: string;
  readonly source: string;
  readonly cases: readonly {
    readonly name: string;
    readonly policyType: PolicyType;
    readonly resourceType?: ResourceType;
    readonly document: unknown;
    readonly hits: Case['paths'];
  }[];
}

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'policy-rules');
const fixtures = new Map<string, Fixture>(
  readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const fixture = JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Fixture;
      return [fixture.rule, fixture] as const;
    }),
);

// Rules whose fixtures are built in code (policy-size.test.ts): their documents are too large for a table.
const BUILT_IN_CODE = new Set([
  'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
  'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
  'POLICY_SIZE_EXCEEDS_VPC_ENDPOINT_POLICY_QUOTA',
  'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
]);

it('every policy rule has a fixture with a bad and a good case, and every fixture a rule', () => {
  const codes = POLICY_RULES.map((r) => r.meta.code as string);
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of codes) {
    if (BUILT_IN_CODE.has(code)) continue;
    const fixture = fixtures.get(code);
    expect({ code, present: fixture !== undefined }).toEqual({ code, present: true });
    expect(fixture?.cases.some((c) => c.hits.length > 0)).toBe(true);
    expect(fixture?.cases.some((c) => c.hits.length === 0)).toBe(true);
  }
  for (const code of fixtures.keys()) expect(codes).toContain(code);
});

for (const rule of POLICY_RULES) {
  const fixture = fixtures.get(rule.meta.code);
  if (fixture === undefined) continue;
  describeRule(
    rule,
    fixture.cases.map((c) => ({
      name: c.name,
      policyType: c.policyType,
      ...(c.resourceType === undefined ? {} : { resourceType: c.resourceType }),
      document: c.document,
      paths: c.hits,
    })),
  );
}
