/**
 * The agreement test: on every CloudFormation fixture, each cfn-guard rule in policies/ fails
 * exactly when the TypeScript stack rule of the same code fires on `readCloudFormation` of the same
 * file. Fixtures: the shared ones (test/fixtures/cloudformation), the ECR rules' own
 * (test/fixtures/ecr-rules), and the input of every cfn-guard unit test (policies/tests).
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readCloudFormation, type CloudFormationOptions } from '../../src/template/cloudformation';
import { ECR_RULES } from '../../src/lint/rules/ecr';
import { parseJsonSource } from '../../src/template/source/json-source';
import { parseYamlSource } from '../../src/template/source/yaml-source';
import type { StackRule } from '../../src/lint/types';
import { guardValidate, locateCfnGuard, POLICIES_DIR } from './cfn-guard';
import { EXPECTED, FIXTURES } from './fixture-verdicts';

const guard = locateCfnGuard();
const describeGuard = 'path' in guard ? describe : describe.skip;
if (!('path' in guard)) console.warn(`agreement test skipped: ${guard.reason}`);

const STACK_RULES = ECR_RULES.filter((r): r is (typeof ECR_RULES)[number] & StackRule => r.kind === 'stack');
const RULE_FILES = STACK_RULES.map((r) => join(POLICIES_DIR, `${r.meta.code}.guard`));

function tsVerdict(file: string, options: CloudFormationOptions = {}): readonly string[] {
  const text = readFileSync(file, 'utf8');
  const source = file.endsWith('.json') ? parseJsonSource(file, text) : parseYamlSource(file, text);
  const stack = readCloudFormation(source, options);
  return STACK_RULES.filter((r) => r.check(stack).length > 0)
    .map((r) => r.meta.code)
    .sort();
}

function guardVerdict(file: string): readonly string[] {
  const statuses = guardValidate('path' in guard ? guard.path : '', RULE_FILES, file);
  expect([...statuses.keys()].sort()).toEqual(STACK_RULES.map((r) => r.meta.code).sort());
  return [...statuses]
    .filter(([, status]) => status === 'FAIL')
    .map(([code]) => code)
    .sort();
}

/** Each cfn-guard unit test case as a template file, with the rule it tests and whether that rule must fail. */
function unitTestTemplates(): { name: string; file: string; code: string; fails: boolean }[] {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-guard-'));
  return STACK_RULES.flatMap(({ meta: { code } }) => {
    const cases = parse(readFileSync(join(POLICIES_DIR, 'tests', `${code}_tests.yaml`), 'utf8')) as {
      name: string;
      input: unknown;
      expectations: { rules: Record<string, string> };
    }[];
    return cases.map((c, i) => {
      const file = join(dir, `${code}-${i}.json`);
      writeFileSync(file, JSON.stringify(c.input));
      return { name: `${code}: ${c.name}`, file, code, fails: c.expectations.rules[code] === 'FAIL' };
    });
  });
}

describeGuard('cfn-guard rules agree with the TypeScript stack rules', () => {
  it.each(Object.entries(EXPECTED))('%s', (fixture, expected) => {
    const file = join(FIXTURES, fixture);
    expect(tsVerdict(file)).toEqual([...expected].sort());
    expect(guardVerdict(file)).toEqual([...expected].sort());
  });

  it.each(Object.entries(EXPECTED).filter(([f]) => f.startsWith('cloudformation/')))('%s with a known Region and account', (fixture, expected) => {
    expect(tsVerdict(join(FIXTURES, fixture), { region: 'eu-west-1', accountId: '111122223333' })).toEqual([...expected].sort());
  });

  it('lists every fixture of both folders', () => {
    const present = ['cloudformation', 'ecr-rules'].flatMap((d) =>
      readdirSync(join(FIXTURES, d))
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .map((f) => `${d}/${f}`),
    );
    expect(present.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  describe('on the input of every cfn-guard unit test', () => {
    const templates = unitTestTemplates();
    it.each(templates.map((t) => [t.name, t] as const))('%s', (_name, t) => {
      const ts = tsVerdict(t.file);
      expect(ts.includes(t.code)).toBe(t.fails);
      expect(guardVerdict(t.file)).toEqual(ts);
    });
  });
});
