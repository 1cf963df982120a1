import { vpceVpcKeySetOperator as rule } from '../../../../src/lint/rules/ecr/vpce-vpc-key-set-operator';
import { policy, runPolicyRule, unitOf } from './helpers';

const VPC = { 'aws:SourceVpc': 'vpc-0123456789abcdef0' };

// DOMAIN.md §4: ForAnyValue:/ForAllValues: on a single-valued key "can lead to overly permissive policies".
const cases = [
  { name: 'StringEquals', document: policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: VPC } }), paths: [] },
  {
    name: 'ForAllValues:StringEquals on aws:SourceVpc',
    document: policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { 'ForAllValues:StringEquals': VPC } }),
    paths: [['Statement', 0, 'Condition', 'ForAllValues:StringEquals', 'aws:SourceVpc']],
  },
  {
    name: 'ForAnyValue:StringLike on aws:SourceVpce, in a single-object Statement',
    document: {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } } },
    },
    paths: [['Statement', 'Condition', 'ForAnyValue:StringLike', 'aws:SourceVpce']],
  },
  {
    name: 'a set operator on a multivalued key is what it is for',
    document: policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } }),
    paths: [],
  },
  {
    name: 'Deny statements are not this rule',
    document: policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringNotEquals': VPC } }),
    paths: [],
  },
];

describe(rule.meta.code, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(runPolicyRule(rule, unitOf(c.document)).map((h) => h.path)).toEqual(c.paths);
  });

  it('explains that ForAllValues holds when the key is absent', () => {
    const [hit] = runPolicyRule(rule, unitOf(policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { 'ForAllValues:StringEquals': VPC } })));
    expect(hit?.message).toMatch(/true when the key is absent.*use StringEquals$/);
    expect(rule.meta.severity).toBe('security_warning');
  });
});
