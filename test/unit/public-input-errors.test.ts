import { checkTemplate, compilePolicy, failsAt, PolicygenInputError } from '../../src';
import { readCloudFormation } from '../../src/template/cloudformation';
import { readPolicyFile } from '../../src/template/policy-file';
import { parseJsonSource } from '../../src/template/source/json-source';
import { readTerraformPlan } from '../../src/template/terraform-plan';
import type { SourceFile } from '../../src/template/types';

/**
 * One junk input per function the fuzz (test/property/fuzz-public-api.test.ts) once broke with a
 * TypeError or a SourceParseError escaping the arbitrary: each must now be a PolicygenInputError
 * that names the field, so a caller can show it and exit 2.
 */

const source = (value: unknown): SourceFile => parseJsonSource('junk.json', JSON.stringify(value));
const call =
  (f: unknown, ...args: unknown[]) =>
  () =>
    (f as (...a: unknown[]) => unknown)(...args);

function inputError(run: () => unknown): PolicygenInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicygenInputError) return error;
    throw error;
  }
  throw new Error('expected a PolicygenInputError, nothing was thrown');
}

describe('junk the fuzz found, refused as input errors', () => {
  it('should refuse an object without a prototype as a Resource in compilePolicy', () => {
    const document = { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: Object.create(null) as object } };
    expect(inputError(call(compilePolicy, document)).issues.map((i) => i.field)).toEqual(['Statement[0].Resource']);
  });

  it('should refuse null in a list of actions and a Principal that is a number in compilePolicy', () => {
    const document = { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', null], Principal: 5, Resource: '*' }] };
    expect(
      inputError(call(compilePolicy, document))
        .issues.map((i) => i.field)
        .sort(),
    ).toEqual(['Statement[0].Action', 'Statement[0].Principal']);
  });

  it('should list at most 50 problems of compilePolicy, and say how many more there are', () => {
    const statements = Array.from({ length: 120 }, () => ({ Effect: 'Maybe', Action: 's3:GetObject', Resource: '*' }));
    const { issues } = inputError(call(compilePolicy, { Statement: statements }));
    expect(issues).toHaveLength(51);
    expect(issues[50]!.received).toBe('70 more');
  });

  it('should refuse a text checkTemplate cannot read as a source', () => {
    expect(inputError(call(checkTemplate, '['.repeat(600))).issues.length).toBeGreaterThan(0);
  });

  it('should refuse a null finding in failsAt', () => {
    expect(inputError(call(failsAt, { findings: [null] }, 'error')).issues.map((i) => i.field)).toEqual(['report.findings[0]']);
  });

  it('should refuse a template nested deeper than the JSON reader reads', () => {
    expect(inputError(call(parseJsonSource, 'deep.json', '['.repeat(600) + ']'.repeat(600))).issues.length).toBeGreaterThan(0);
  });

  it('should refuse a CloudFormation template whose Resources is text', () => {
    expect(inputError(call(readCloudFormation, source({ Resources: 'x' }))).issues.length).toBeGreaterThan(0);
  });

  it('should refuse something that is not a source in readCloudFormation', () => {
    expect(inputError(call(readCloudFormation, null)).issues.map((i) => i.field)).toEqual(['source']);
  });

  it('should refuse a Terraform plan whose planned_values is a number', () => {
    expect(inputError(call(readTerraformPlan, source({ format_version: '1.2', planned_values: 5 }))).issues.length).toBeGreaterThan(0);
  });

  it('should refuse something that is not a source in readTerraformPlan', () => {
    expect(inputError(call(readTerraformPlan, 5)).issues.map((i) => i.field)).toEqual(['source']);
  });

  it('should refuse something that is not a source, and an unknown policy type, in readPolicyFile', () => {
    expect(inputError(call(readPolicyFile, undefined, 'identity')).issues.map((i) => i.field)).toEqual(['source']);
    expect(inputError(call(readPolicyFile, source({ Statement: [] }), 'root')).issues.map((i) => i.field)).toEqual(['policyType']);
  });
});
