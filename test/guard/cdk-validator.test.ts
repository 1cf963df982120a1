/**
 * The rules as CDK users run them (policies/README.md): @cdklabs/cdk-validator-cfnguard's
 * CfnGuardValidator with the policies folder, on every fixture. Its `validate` needs no aws-cdk-lib.
 */
import { join } from 'node:path';
import { EXPECTED, FIXTURES } from './fixture-verdicts';
import { locateCfnGuard } from './cfn-guard';

const guard = locateCfnGuard();
const describeGuard = 'path' in guard ? describe : describe.skip;

interface Violation {
  readonly ruleName: string;
  readonly description: string;
  readonly fix: string;
  readonly violatingResources: readonly { readonly resourceLogicalId: string; readonly locations: readonly string[] }[];
}

describeGuard('CfnGuardValidator with policies/ (the CDK policy-validation plugin)', () => {
  const { CfnGuardValidator } = require('@cdklabs/cdk-validator-cfnguard') as {
    CfnGuardValidator: new (props: object) => { validate(context: { templatePaths: string[] }): { success: boolean; violations: Violation[] } };
  };
  // As in the README; the package resolves itself by name through its "exports".
  const validator = new CfnGuardValidator({
    controlTowerRulesEnabled: false,
    rules: [join(require.resolve('policygen/package.json'), '..', 'policies')],
  });

  it.each(Object.entries(EXPECTED))('%s', (fixture, expected) => {
    const report = validator.validate({ templatePaths: [join(FIXTURES, fixture)] });
    expect(report.success).toBe(expected.length === 0);
    expect([...new Set(report.violations.map((v) => v.ruleName))].sort()).toEqual([...expected].sort());
    for (const violation of report.violations) {
      // The plugin reads `[CODE]: description` and `[FIX]: ...` lines from the custom message.
      expect(violation.description).toMatch(new RegExp(`^\\[${violation.ruleName}\\]: `));
      expect(violation.fix.length).toBeGreaterThan(10);
      expect(violation.violatingResources.map((r) => r.resourceLogicalId).every((id) => id.length > 0)).toBe(true);
    }
  });
});
