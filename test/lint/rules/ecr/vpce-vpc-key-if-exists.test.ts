import { vpceVpcKeyIfExists as rule } from '../../../../src/lint/rules/ecr/vpce-vpc-key-if-exists';
import type { PolicyType } from '../../../../src/lint/types';
import { policy, runPolicyRule, unitOf } from './helpers';

const VPCE = { 'aws:SourceVpce': 'vpce-0123456789abcdef0' };

// DOMAIN.md §4: on Allow statements use StringEquals; IfExists lets requests that bypass the endpoint through.
const cases: readonly { name: string; document: unknown; policyType?: PolicyType; paths: readonly (string | number)[][] }[] = [
  {
    name: 'StringEquals on aws:SourceVpce',
    document: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: VPCE } }),
    paths: [],
  },
  {
    name: 'StringEqualsIfExists on aws:SourceVpce in an identity policy',
    document: policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*', Condition: { StringEqualsIfExists: VPCE } }),
    paths: [['Statement', 0, 'Condition', 'StringEqualsIfExists', 'aws:SourceVpce']],
  },
  {
    name: 'StringNotEqualsIfExists on aws:sourcevpc (any case) in a bucket policy',
    policyType: 'resource',
    document: policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:sourcevpc': 'vpc-0123456789abcdef0' } },
    }),
    paths: [['Statement', 0, 'Condition', 'StringNotEqualsIfExists', 'aws:sourcevpc']],
  },
  {
    name: 'IpAddressIfExists on aws:VpcSourceIp in an endpoint policy',
    policyType: 'vpc-endpoint-interface',
    document: policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { IpAddressIfExists: { 'aws:VpcSourceIp': '10.0.0.0/16' } } }),
    paths: [['Statement', 0, 'Condition', 'IpAddressIfExists', 'aws:VpcSourceIp']],
  },
  {
    name: 'a Deny guardrail with StringNotEqualsIfExists is the documented pattern (DP)',
    document: policy({
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: VPCE, BoolIfExists: { 'aws:ViaAWSService': 'false' } },
    }),
    paths: [],
  },
  {
    name: 'IfExists on another key',
    document: policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:RequestedRegion': 'us-east-1' } } }),
    paths: [],
  },
];

describe(rule.meta.code, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const hits = runPolicyRule(rule, unitOf(c.document, c.policyType ?? 'identity'));
    expect(hits.map((h) => h.path)).toEqual(c.paths);
  });

  it('suggests the operator without IfExists', () => {
    const [hit] = runPolicyRule(rule, unitOf(policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqualsIfExists: VPCE } })));
    expect(hit?.message).toMatch(/use StringEquals$/);
    expect(rule.meta.severity).toBe('security_warning');
  });
});
