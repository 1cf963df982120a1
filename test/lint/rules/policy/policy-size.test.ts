import { sizeWithoutWhitespace } from '../../../../src/lint/rules/policy/lib/policy-size';
import { policySizeExceedsIdentityPolicyQuota } from '../../../../src/lint/rules/policy/policy-size-exceeds-identity-policy-quota';
import { policySizeExceedsScpQuota } from '../../../../src/lint/rules/policy/policy-size-exceeds-scp-quota';
import { policySizeExceedsRoleTrustPolicyQuota } from '../../../../src/lint/rules/policy/policy-size-exceeds-role-trust-policy-quota';
import { policySizeExceedsVpcEndpointPolicyQuota } from '../../../../src/lint/rules/policy/policy-size-exceeds-vpc-endpoint-policy-quota';
import type { IamCatalog } from '../../../../src/lint/types';
import { run, unitOf } from './helpers';

// The size rules need no vocabulary.
const iam = {} as IamCatalog;

/** An identity policy whose compact JSON is exactly `size` characters (DOMAIN.md §5 counts without white space). */
function identityPolicyOfSize(size: number): unknown {
  const base = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::' }] };
  const filler = size - JSON.stringify(base).length;
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(filler)}` }] };
  expect(JSON.stringify(doc).length).toBe(size);
  return doc;
}

describe('sizeWithoutWhitespace', () => {
  it('drops white space between tokens and keeps it inside strings', () => {
    expect(sizeWithoutWhitespace('{ "a" : "b c" ,\n\t"d": [ 1 ] }')).toBe('{"a":"b c","d":[1]}'.length);
    expect(sizeWithoutWhitespace('{"a":"x\\" y"}')).toBe('{"a":"x\\" y"}'.length);
  });
});

describe('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', () => {
  const rule = policySizeExceedsIdentityPolicyQuota;
  it('accepts 6,144 characters and reports 6,145', () => {
    expect(run(rule, unitOf(identityPolicyOfSize(6144)), iam)).toEqual([]);
    expect(run(rule, unitOf(identityPolicyOfSize(6145)), iam).map((h) => h.path)).toEqual([[]]);
  });
  it('does not count indentation (IAM quotas)', () => {
    const doc = identityPolicyOfSize(6100);
    const pretty = `${JSON.stringify(doc, null, 8)}\n${' '.repeat(200)}`;
    expect(pretty.length).toBeGreaterThan(6144);
    expect(run(rule, unitOf(doc, 'identity', pretty), iam)).toEqual([]);
  });
  it('applies to identity policies only', () => {
    expect(run(rule, unitOf(identityPolicyOfSize(7000), 'resource'), iam)).toEqual([]);
  });
});

describe('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA', () => {
  it('accepts 2,048 characters and reports 2,049', () => {
    const rule = policySizeExceedsRoleTrustPolicyQuota;
    expect(run(rule, unitOf(identityPolicyOfSize(2048), 'trust'), iam)).toEqual([]);
    expect(run(rule, unitOf(identityPolicyOfSize(2049), 'trust'), iam).map((h) => h.path)).toEqual([[]]);
  });
});

describe('POLICY_SIZE_EXCEEDS_VPC_ENDPOINT_POLICY_QUOTA', () => {
  const rule = policySizeExceedsVpcEndpointPolicyQuota;
  it('counts white space (PrivateLink Guide): 20,480 characters pass, 20,481 do not', () => {
    const doc = identityPolicyOfSize(20000);
    const text = (pad: number) => `${JSON.stringify(doc)}${' '.repeat(pad)}`;
    expect(run(rule, unitOf(doc, 'vpc-endpoint-interface', text(480)), iam)).toEqual([]);
    expect(run(rule, unitOf(doc, 'vpc-endpoint-gateway', text(481)), iam).map((h) => h.path)).toEqual([[]]);
  });
  it('measures compact JSON when the text is unknown', () => {
    const unit = { ...unitOf(identityPolicyOfSize(20481), 'vpc-endpoint-interface'), text: undefined };
    expect(run(rule, unit, iam).map((h) => h.path)).toEqual([[]]);
  });
});

// AWS Organizations quotas: an SCP holds at most 5,120 characters; the console drops white space outside strings.
describe('POLICY_SIZE_EXCEEDS_SCP_QUOTA', () => {
  const rule = policySizeExceedsScpQuota;
  it('accepts 5,120 characters and reports 5,121', () => {
    expect(run(rule, unitOf(identityPolicyOfSize(5120), 'scp'), iam)).toEqual([]);
    expect(run(rule, unitOf(identityPolicyOfSize(5121), 'scp'), iam).map((h) => h.path)).toEqual([[]]);
  });
  it('does not count indentation', () => {
    const doc = identityPolicyOfSize(5000);
    const pretty = JSON.stringify(doc, null, 8);
    expect(pretty.length).toBeGreaterThan(5120);
    expect(run(rule, unitOf(doc, 'scp', pretty), iam)).toEqual([]);
  });
  it('applies to SCPs only', () => {
    expect(run(rule, unitOf(identityPolicyOfSize(6000), 'identity'), iam)).toEqual([]);
    expect(run(rule, unitOf(identityPolicyOfSize(6000), 'rcp'), iam)).toEqual([]);
  });
});
