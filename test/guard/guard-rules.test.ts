import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ECR_RULES, ECR_STACK_RULE_CODES } from '../../src/lint/rules/ecr';
import { guardTest, locateCfnGuard, POLICIES_DIR } from './cfn-guard';

const guard = locateCfnGuard();
const describeGuard = 'path' in guard ? describe : describe.skip;
if (!('path' in guard)) console.warn(`cfn-guard tests skipped: ${guard.reason}`);

describe('policies/: one cfn-guard rule file per ECR stack rule', () => {
  const guardFiles = readdirSync(POLICIES_DIR).filter((f) => f.endsWith('.guard'));

  it('has exactly the stack rules of ECR_RULES, named by their codes', () => {
    expect(guardFiles.map((f) => f.replace(/\.guard$/, '')).sort()).toEqual([...ECR_STACK_RULE_CODES].sort());
  });

  it.each([...ECR_STACK_RULE_CODES])('%s: one named rule, messages in the CDK plugin [CODE]/[FIX] form, unit tests', (code) => {
    const text = readFileSync(join(POLICIES_DIR, `${code}.guard`), 'utf8');
    // Only the one rule: helper rules would show up as violations in the CDK plugin.
    expect([...text.matchAll(/^rule (\w+)/gm)].map((m) => m[1])).toEqual([code]);
    const messages = [...text.matchAll(/<<([\s\S]*?)>>/g)].map((m) =>
      m[1]!
        .trim()
        .split('\n')
        .map((line) => line.trim()),
    );
    expect(messages.length).toBeGreaterThan(0);
    for (const lines of messages) {
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^\\[${code}\\]: .{20,}`));
      expect(lines[1]).toMatch(/^\[FIX\]: .{10,}/);
    }
    const severity = ECR_RULES.find((r) => r.meta.code === code)?.meta.severity;
    expect(text).toContain(`${code} (${severity})`);
    expect(existsSync(join(POLICIES_DIR, 'tests', `${code}_tests.yaml`))).toBe(true);
  });
});

describeGuard('cfn-guard test: the unit tests of every guard rule pass', () => {
  const binary = 'path' in guard ? guard.path : '';
  it.each([...ECR_STACK_RULE_CODES])('%s', (code) => {
    const cases = guardTest(binary, join(POLICIES_DIR, `${code}.guard`), join(POLICIES_DIR, 'tests', `${code}_tests.yaml`));
    expect(cases.length).toBeGreaterThanOrEqual(5);
    expect(cases.filter((c) => c.failedRules.length > 0)).toEqual([]);
    // Each case checks this rule, and the file's cases see it fail, pass or skip at least once each way that matters.
    for (const c of cases) expect([...c.passedRules]).toEqual([code]);
  });

  it('reports a wrong expectation as a failure (the harness can fail)', () => {
    const code = 'ECR_DKR_PRIVATE_DNS_DISABLED';
    const flipped = readFileSync(join(POLICIES_DIR, 'tests', `${code}_tests.yaml`), 'utf8').replace(/: SKIP$/gm, ': FAIL');
    const dir = mkdtempSync(join(tmpdir(), 'policygen-guard-'));
    writeFileSync(join(dir, 'flipped.yaml'), flipped);
    const cases = guardTest(binary, join(POLICIES_DIR, `${code}.guard`), join(dir, 'flipped.yaml'));
    expect(cases.some((c) => c.failedRules.some((r) => r.expected === 'FAIL' && r.evaluated.includes('SKIP')))).toBe(true);
  });
});
