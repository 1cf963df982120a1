import { ecrKmsDecryptVpcCondition as rule } from '../../../../src/lint/rules/ecr/ecr-kms-decrypt-vpc-condition';
import { policy, runPolicyRule, unitOf } from './helpers';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/0123abcd-12ab-34cd-56ef-1234567890ab';
const VPCE = { 'aws:SourceVpce': 'vpce-0123456789abcdef0' };

// DOMAIN.md §3: KMS calls made by the secrets service carry no aws:SourceVpce.
const cases = [
  { name: 'kms:Decrypt on the key without conditions', document: policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY }), paths: [] },
  {
    name: 'kms:Decrypt narrowed with kms:ViaService (the recommended way)',
    document: policy({
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: KEY,
      Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
    }),
    paths: [],
  },
  {
    name: 'kms:Decrypt under aws:SourceVpce',
    document: policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY, Condition: { StringEquals: VPCE } }),
    paths: [['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpce']],
  },
  {
    name: 'through kms:* and * in a second statement',
    document: policy(
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
      { Effect: 'Allow', Action: ['kms:*'], Resource: KEY, Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-0123456789abcdef0' } } },
    ),
    paths: [['Statement', 1, 'Condition', 'StringEquals', 'aws:SourceVpc']],
  },
  {
    name: 'IfExists holds when the key is absent',
    document: policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY, Condition: { StringEqualsIfExists: VPCE } }),
    paths: [],
  },
  {
    name: 'the VPC condition on another action',
    document: policy({ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: '*', Condition: { StringEquals: VPCE } }),
    paths: [],
  },
];

describe(rule.meta.code, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const hits = runPolicyRule(rule, unitOf(c.document));
    expect(hits.map((h) => h.path)).toEqual(c.paths);
    for (const hit of hits) expect(hit.message).toContain('kms:ViaService');
  });

  it('is a warning: direct KMS calls through a kms endpoint do carry the keys', () => {
    expect(rule.meta.severity).toBe('warning');
    expect(rule.meta.description).toMatch(/direct KMS calls/);
  });

  it('applies to identity policies only', () => {
    const document = policy({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: VPCE } });
    expect(runPolicyRule(rule, unitOf(document, 'resource'))).toEqual([]);
  });
});
