/**
 * The Access Analyzer regression suite: policies from AWS's own ValidatePolicy wrappers (awslabs'
 * IAM policy validators for CloudFormation and Terraform) and from AWS documentation, with the
 * findings ValidatePolicy gives for them, judged by hand (test/fixtures/real/access-analyzer/cases.json
 * and its README). Each case must produce its expected codes, and no other code at error level.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../../src/lint/engine';
import type { PolicyType, ResourceType } from '../../../src/lint/types';
import { RESOURCE_TYPES } from '../../../src/template/types';

interface Case {
  readonly id: string;
  readonly file: string;
  readonly policyType: 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'SERVICE_CONTROL_POLICY';
  readonly resourceType?: string;
  readonly expected: readonly { readonly code: string; readonly findingType: string }[];
}

const FOLDER = join(__dirname, '..', '..', 'fixtures', 'real', 'access-analyzer');
const cases = (JSON.parse(readFileSync(join(FOLDER, 'cases.json'), 'utf8')) as { cases: readonly Case[] }).cases;

/** ValidatePolicy's policy type and resource type as policygen's --policy-type and --resource-type. */
function typesOf(c: Case): { policyType: PolicyType; resourceType?: ResourceType } {
  if (c.policyType === 'IDENTITY_POLICY') return { policyType: 'identity' };
  if (c.policyType === 'SERVICE_CONTROL_POLICY') return { policyType: 'scp' };
  if (c.resourceType === 'AWS::IAM::AssumeRolePolicyDocument') return { policyType: 'trust' };
  // ValidatePolicy has no endpoint resource type: AWS's endpoint sample is validated as a resource policy there.
  if (c.id.endsWith('endpoint-policy')) return { policyType: 'vpc-endpoint' };
  const resourceType = (RESOURCE_TYPES as readonly string[]).includes(c.resourceType ?? '') ? (c.resourceType as ResourceType) : undefined;
  return resourceType === undefined ? { policyType: 'resource' } : { policyType: 'resource', resourceType };
}

/**
 * Cases policygen does not match yet, with the reason; they run as it.failing, so that a fix makes
 * the test fail until the case moves out of this list.
 */
const NOT_YET: Readonly<Record<string, string>> = {};

async function findingsOf(c: Case): Promise<{ codes: string[]; errors: string[] }> {
  const text = readFileSync(join(FOLDER, c.file), 'utf8');
  const { policyType, resourceType } = typesOf(c);
  const report = await lint([{ file: c.file, text, kind: 'policy' }], resourceType === undefined ? { policyType } : { policyType, resourceType });
  return {
    codes: report.findings.map((f) => f.code),
    errors: report.findings.filter((f) => f.severity === 'error').map((f) => f.code),
  };
}

describe('Access Analyzer regression cases', () => {
  it('holds the 29 judged cases', () => {
    expect(cases).toHaveLength(29);
  });

  for (const c of cases) {
    const expected = c.expected.map((e) => e.code);
    const test = NOT_YET[c.id] === undefined ? it : it.failing;
    test(`${c.id}: ${expected.length === 0 ? 'no finding at error level' : expected.join(', ')}${NOT_YET[c.id] ? ` (not yet: ${NOT_YET[c.id]})` : ''}`, async () => {
      const { codes, errors } = await findingsOf(c);
      for (const code of expected) expect(codes).toContain(code);
      expect(errors.filter((code) => !expected.includes(code))).toEqual([]);
    });
  }
});
