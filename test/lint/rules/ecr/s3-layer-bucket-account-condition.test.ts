import { s3LayerBucketAccountCondition as rule } from '../../../../src/lint/rules/ecr/s3-layer-bucket-account-condition';
import type { PolicyType } from '../../../../src/lint/types';
import { policy, runPolicyRule, unitOf } from './helpers';

const LAYERS = 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*';
const layerStatement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: LAYERS };

// DOMAIN.md §3: the layer statement must carry no aws:PrincipalAccount, aws:PrincipalOrgID,
// aws:PrincipalArn, aws:ResourceAccount or aws:ResourceOrgID condition (DP; 403 CannotPullContainerError).
const cases: readonly { name: string; document: unknown; policyType?: PolicyType; paths: readonly (string | number)[][] }[] = [
  { name: 'the minimum policy of ECR-VPCE', document: policy(layerStatement), paths: [] },
  {
    name: 'org condition on your own buckets in a separate statement is fine',
    document: policy(layerStatement, {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::my-bucket/*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    }),
    paths: [],
  },
  {
    name: 'aws:PrincipalOrgID on the layer statement',
    document: policy({ ...layerStatement, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
    paths: [['Statement', 0, 'Condition', 'StringEquals', 'aws:PrincipalOrgID']],
  },
  {
    name: 'aws:ResourceAccount and aws:principalaccount (any case) on a layer statement that also lists another bucket',
    document: policy({
      ...layerStatement,
      Resource: [LAYERS, 'arn:aws:s3:::my-bucket/*'],
      Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333', 'aws:principalaccount': '111122223333' } },
    }),
    paths: [
      ['Statement', 0, 'Condition', 'StringEquals', 'aws:ResourceAccount'],
      ['Statement', 0, 'Condition', 'StringEquals', 'aws:principalaccount'],
    ],
  },
  {
    name: 'aws:PrincipalArn under ArnLike, aws:ResourceOrgPaths under ForAnyValue:StringLike, through s3:Get*',
    document: policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:Get*',
      Resource: 'arn:aws:s3:::prod-*-starport-layer-bucket/*',
      Condition: {
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' },
        'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': 'o-a1b2c3d4e5/*' },
      },
    }),
    paths: [
      ['Statement', 0, 'Condition', 'ArnLike', 'aws:PrincipalArn'],
      ['Statement', 0, 'Condition', 'ForAnyValue:StringLike', 'aws:ResourceOrgPaths'],
    ],
  },
  {
    name: 'the layer bucket written with an unresolved Fn::Sub is still the layer bucket',
    document: policy({
      ...layerStatement,
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::prod-${AWS::Region}-starport-layer-bucket/*' },
      Condition: { StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } } },
    }),
    paths: [['Statement', 0, 'Condition', 'StringEquals', 'aws:PrincipalAccount']],
  },
  {
    name: 'a negated condition holds for AWS accounts, so the download works',
    document: policy({ ...layerStatement, Condition: { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } } }),
    paths: [],
  },
  {
    name: 'a VPC condition is no account condition',
    document: policy({ ...layerStatement, Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-0123456789abcdef0' } } }),
    paths: [],
  },
  {
    name: 'a Deny of every S3 object outside the organization also denies the layers',
    document: policy(layerStatement, {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
    }),
    paths: [['Statement', 1, 'Condition', 'StringNotEqualsIfExists', 'aws:ResourceOrgID']],
  },
  {
    name: 'a Deny with an exemption beside the account key is not decided',
    document: policy(layerStatement, {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
    }),
    paths: [],
  },
  {
    name: 'a Deny that excludes the layer bucket with NotResource',
    document: policy(layerStatement, {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      NotResource: ['arn:aws:s3:::prod-*-starport-layer-bucket/*'],
      Condition: { StringNotEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
    }),
    paths: [],
  },
  {
    name: 'a bucket policy (resource policy) with the layer statement and an account condition',
    policyType: 'resource',
    document: policy({ ...layerStatement, Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } }),
    paths: [['Statement', 0, 'Condition', 'StringEquals', 'aws:ResourceAccount']],
  },
  {
    name: 'identity policies are signed by your principals: not this rule',
    policyType: 'identity',
    document: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: LAYERS, Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } }),
    paths: [],
  },
];

describe(rule.meta.code, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const hits = runPolicyRule(rule, unitOf(c.document, c.policyType ?? 'vpc-endpoint-gateway'));
    expect(hits.map((h) => h.path)).toEqual(c.paths);
    for (const hit of hits) expect(hit.message).toMatch(/ECR service account/);
  });

  it('is an error citing DOMAIN.md §3 and the 403', () => {
    expect(rule.meta.severity).toBe('error');
    expect(rule.meta.description).toMatch(/DOMAIN\.md §3.*|CannotPullContainerError/);
  });
});
