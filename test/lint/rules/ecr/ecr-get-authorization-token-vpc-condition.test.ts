import { ecrGetAuthorizationTokenVpcCondition as rule } from '../../../../src/lint/rules/ecr/ecr-get-authorization-token-vpc-condition';
import type { PolicyType } from '../../../../src/lint/types';
import { policy, runPolicyRule, unitOf } from './helpers';

const VPCE = { 'aws:SourceVpce': 'vpce-0123456789abcdef0' };
const pull = { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: '*', Condition: { StringEquals: VPCE } };

// DOMAIN.md §3 (ECS-EXEC): GetAuthorizationToken must not carry aws:SourceVpc / aws:SourceVpce.
const cases: readonly { name: string; document: unknown; policyType?: PolicyType; paths: readonly (string | number)[][] }[] = [
  {
    name: 'the documented split: token without conditions, pull actions with them',
    document: policy({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }, pull),
    paths: [],
  },
  {
    name: 'GetAuthorizationToken under StringEquals aws:SourceVpce',
    document: policy({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*', Condition: { StringEquals: VPCE } }),
    paths: [['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpce']],
  },
  {
    name: 'key names are case-insensitive (the ECS guide writes aws:sourceVpc)',
    document: policy({
      Effect: 'Allow',
      Action: 'ECR:getauthorizationtoken',
      Resource: '*',
      Condition: { StringEquals: { 'aws:sourceVpc': 'vpc-0123456789abcdef0' } },
    }),
    paths: [['Statement', 0, 'Condition', 'StringEquals', 'aws:sourceVpc']],
  },
  {
    name: 'through ecr:*, with two VPC keys',
    document: policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { StringEquals: { ...VPCE, 'aws:SourceVpc': 'vpc-0123456789abcdef0' } } }),
    paths: [
      ['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpce'],
      ['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpc'],
    ],
  },
  {
    name: 'through ecr:Get* and aws:SourceVpcArn under ArnEquals',
    document: policy({
      Effect: 'Allow',
      Action: ['ecr:Get*'],
      Resource: '*',
      Condition: { ArnEquals: { 'aws:SourceVpcArn': 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0123456789abcdef0' } },
    }),
    paths: [['Statement', 0, 'Condition', 'ArnEquals', 'aws:SourceVpcArn']],
  },
  {
    name: 'through NotAction that leaves ECR in, aws:VpcSourceIp under IpAddress',
    document: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*', Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } } }),
    paths: [['Statement', 0, 'Condition', 'IpAddress', 'aws:VpcSourceIp']],
  },
  {
    name: 'NotAction that excludes the token is no grant',
    document: policy({ Effect: 'Allow', NotAction: ['ecr:GetAuthorizationToken', 'iam:*'], Resource: '*', Condition: { StringEquals: VPCE } }),
    paths: [],
  },
  {
    name: 'the pull actions alone, conditioned, are right',
    document: policy(pull),
    paths: [],
  },
  {
    name: 'a Deny guardrail on the VPC keys is not this rule',
    document: policy({ Effect: 'Deny', Action: 'ecr:*', Resource: '*', Condition: { StringNotEqualsIfExists: VPCE } }),
    paths: [],
  },
  {
    name: 'operators that hold when the key is absent do not break the call (IfExists, negated, ForAllValues, Null true)',
    document: policy({
      Effect: 'Allow',
      Action: 'ecr:GetAuthorizationToken',
      Resource: '*',
      Condition: {
        StringEqualsIfExists: VPCE,
        StringNotEquals: VPCE,
        'ForAllValues:StringEquals': VPCE,
        Null: { 'aws:SourceVpc': 'true' },
      },
    }),
    paths: [],
  },
  {
    name: 'Null false requires the key, ForAnyValue too',
    document: policy({
      Effect: 'Allow',
      Action: 'ecr:GetAuthorizationToken',
      Resource: '*',
      Condition: { Null: { 'aws:SourceVpc': 'false' }, 'ForAnyValue:StringLike': VPCE },
    }),
    paths: [
      ['Statement', 0, 'Condition', 'Null', 'aws:SourceVpc'],
      ['Statement', 0, 'Condition', 'ForAnyValue:StringLike', 'aws:SourceVpce'],
    ],
  },
  {
    name: 'other conditions are fine',
    document: policy({
      Effect: 'Allow',
      Action: 'ecr:GetAuthorizationToken',
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    }),
    paths: [],
  },
  {
    name: 'only identity policies: an endpoint policy with the keys is another matter',
    policyType: 'vpc-endpoint-interface',
    document: policy({ Effect: 'Allow', Principal: '*', Action: 'ecr:GetAuthorizationToken', Resource: '*', Condition: { StringEquals: VPCE } }),
    paths: [],
  },
];

describe(rule.meta.code, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const hits = runPolicyRule(rule, unitOf(c.document, c.policyType ?? 'identity'));
    expect(hits.map((h) => h.path)).toEqual(c.paths);
    for (const hit of hits) expect(hit.message).toMatch(/ecr:GetAuthorizationToken.*Fargate/);
  });

  it('names the wildcard that grants the action and gives a suppressible detail', () => {
    const [hit] = runPolicyRule(rule, unitOf(policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { StringEquals: VPCE } })));
    expect(hit?.message).toContain('granted by ecr:*');
    expect(hit?.detail).toBe('Condition::aws:SourceVpce');
  });

  it('is an error citing the ECS task execution role page', () => {
    expect(rule.meta.severity).toBe('error');
    // The ECS task execution role page says the call carries no VPC keys.
    expect(rule.meta.description).toContain('https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html');
  });
});
