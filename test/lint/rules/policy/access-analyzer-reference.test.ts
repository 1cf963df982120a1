import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIamCatalog } from '../../../../src/catalog/iam-catalog';
import { POLICY_RULES } from '../../../../src/lint/rules/policy';
import type { IamCatalog, PolicyType } from '../../../../src/lint/types';
import { run, unitOf } from './helpers';

// The check list read from the IAM User Guide page (test/fixtures/access-analyzer/check-reference.json):
// the rules that carry one of its codes must keep its finding type, and every offline-decidable check
// that is not implemented is visible here as a number rather than hidden.
interface Check {
  readonly code: string;
  readonly findingType: 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';
  readonly meaning: string;
  readonly offline: boolean;
  readonly why: string;
}
interface Reference {
  readonly url: string;
  readonly read: string;
  readonly extraCodes: readonly string[];
  readonly checks: readonly Check[];
}

const reference = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'access-analyzer', 'check-reference.json'), 'utf8')) as Reference;
const byCode = new Map(reference.checks.map((c) => [c.code, c] as const));

describe('the Access Analyzer check reference data', () => {
  it('names each check once, with its finding type, meaning and why', () => {
    expect(byCode.size).toBe(reference.checks.length);
    expect(reference.checks.length).toBeGreaterThan(100);
    for (const c of reference.checks) {
      expect(c.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION']).toContain(c.findingType);
      expect(c.meaning.length).toBeGreaterThan(10);
      expect(c.why.length).toBeGreaterThan(3);
    }
    expect(reference.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/IAM\/latest\/UserGuide\/access-analyzer-reference-policy-checks\.html$/);
  });

  it.each(POLICY_RULES.filter((r) => r.meta.source === 'access-analyzer').map((r) => [r.meta.code, r] as const))(
    '%s is a check of the reference, with its finding type as severity',
    (code, rule) => {
      const check = byCode.get(code);
      if (check === undefined) {
        expect(reference.extraCodes).toContain(code);
        return;
      }
      expect(rule.meta.severity).toBe(check.findingType.toLowerCase());
    },
  );

  it('names its source on every rule: a policygen rule takes no code of the reference', () => {
    const own = POLICY_RULES.filter((r) => r.meta.source === 'policygen').map((r) => r.meta.code as string);
    expect(own.filter((code) => byCode.has(code))).toEqual([]);
  });

  it('implements no check that it calls undecidable offline', () => {
    const codes = new Set(POLICY_RULES.map((r) => r.meta.code as string));
    expect(reference.checks.filter((c) => !c.offline && codes.has(c.code)).map((c) => c.code)).toEqual([]);
  });
});

// Problems the JSON grammar also sees: each is reported once over all policy rules, under Access Analyzer's code.
describe('one finding per problem across the policy rules', () => {
  let iam: IamCatalog;
  beforeAll(() => {
    iam = loadIamCatalog();
  });
  const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' };
  it.each<[string, PolicyType, unknown, string]>([
    ['no Statement', 'identity', { Version: '2012-10-17' }, 'MISSING_STATEMENT'],
    ['empty Statement', 'identity', { Version: '2012-10-17', Statement: [] }, 'MISSING_STATEMENT'],
    [
      'NullIfExists',
      'identity',
      { Version: '2012-10-17', Statement: [{ ...statement, Condition: { NullIfExists: { 'aws:TagKeys': 'false' } } }] },
      'NULL_WITH_IF_EXISTS',
    ],
    ['empty Principal', 'resource', { Version: '2012-10-17', Statement: [{ ...statement, Principal: {} }] }, 'EMPTY_OBJECT_PRINCIPAL'],
    [
      'tag key without tag name',
      'identity',
      { Version: '2012-10-17', Statement: [{ ...statement, Condition: { StringEquals: { 'aws:ResourceTag': 'a' } } }] },
      'MISSING_TAG_KEY_IN_CONDITION',
    ],
  ])('%s', (_name, policyType, document, code) => {
    const unit = unitOf(document, policyType);
    const codes = POLICY_RULES.flatMap((rule) => run(rule, unit, iam).map(() => rule.meta.code));
    expect(codes).toEqual([code]);
  });
});
