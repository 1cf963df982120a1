import { generateEcrEndpointPolicy } from '../../src/generate/ecr-endpoint-policy';
import { generateExecutionRolePolicy } from '../../src/generate/execution-role-policy';
import { generateS3GatewayPolicy } from '../../src/generate/s3-gateway-policy';
import { PolicygenInputError } from '../../src/model/errors';

const fields = (f: () => unknown): string[] => {
  try {
    f();
  } catch (error) {
    if (error instanceof PolicygenInputError) return error.issues.map((i) => i.field);
    throw error;
  }
  return [];
};
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe('generateS3GatewayPolicy', () => {
  it('should use the Region’s partition for the layer bucket and say it is unverified outside aws', () => {
    const gov = generateS3GatewayPolicy({ region: 'us-gov-west-1' });
    expect(list(gov.document.Statement[0]!.Resource)).toEqual(['arn:aws-us-gov:s3:::prod-us-gov-west-1-starport-layer-bucket/*']);
    expect(gov.advisories.map((a) => a.id)).toContain('s3-layer-bucket-partition-unverified');
    expect(generateS3GatewayPolicy({ region: 'us-east-1' }).advisories).toEqual([]);
  });

  it('should let the user pick the layer bucket partition', () => {
    const gov = generateS3GatewayPolicy({ region: 'us-gov-west-1', layerBucketPartition: 'aws' });
    expect(list(gov.document.Statement[0]!.Resource)).toEqual(['arn:aws:s3:::prod-us-gov-west-1-starport-layer-bucket/*']);
  });

  it('should accept only the partitions of the Region table as the layer bucket partition', () => {
    expect(fields(() => generateS3GatewayPolicy({ region: 'us-gov-west-1', layerBucketPartition: 'aws-foo' }))).toEqual(['layerBucketPartition']);
    expect(() => generateS3GatewayPolicy({ region: 'us-gov-west-1', layerBucketPartition: 'aws-foo' })).toThrow(
      /be one of the partitions of the Region table: aws, aws-cn, .*aws-us-gov, received "aws-foo"/,
    );
    expect(fields(() => generateS3GatewayPolicy({ region: 'cn-north-1', layerBucketPartition: 'aws-cn' }))).toEqual([]);
  });

  it('should scope the user’s own buckets, in a separate statement, by org and resource account', () => {
    const doc = generateS3GatewayPolicy({
      region: 'eu-west-1',
      buckets: ['my-config'],
      bucketsOrgId: 'o-abcdefghij',
      bucketsResourceAccounts: ['111122223333'],
    }).document;
    expect(doc.Statement).toHaveLength(2);
    const own = doc.Statement.find((s) => list(s.Resource).includes('arn:aws:s3:::my-config/*'))!;
    expect(own.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij', 'aws:ResourceAccount': '111122223333' } });
  });

  it('should refuse bucket names S3 does not allow, reserved prefixes and suffixes included', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
    for (const name of ['xn--00', 'sthree-logs', 'amzn-s3-demo-bucket', 'data-s3alias', 'data--ol-s3', 'data.mrap', 'a', 'My_Bucket', '192.168.5.4', 'a..b']) {
      expect([name, fields(() => generateS3GatewayPolicy({ region: 'eu-west-1', buckets: [name] }))]).toEqual([name, ['buckets[0]']]);
    }
    expect(() => generateS3GatewayPolicy({ region: 'eu-west-1', buckets: ['xn--00'] })).toThrow(/prefix or suffix S3 reserves/);
    for (const name of ['abc', 'my-config', 'logs.example.com', 'xn-0', 'data-s3alias-archive']) {
      expect([name, fields(() => generateS3GatewayPolicy({ region: 'eu-west-1', buckets: [name] }))]).toEqual([name, []]);
    }
  });

  it('should refuse org scoping without buckets, since it must never land on the layer statement', () => {
    expect(fields(() => generateS3GatewayPolicy({ region: 'eu-west-1', bucketsOrgId: 'o-abcdefghij' }))).toEqual(['bucketsOrgId/bucketsResourceAccounts']);
  });
});

describe('generateExecutionRolePolicy', () => {
  const base = { region: 'us-east-1', account: '111122223333' };

  it('should default the pull actions to the account’s repositories in the Region, never "*"', () => {
    const doc = generateExecutionRolePolicy(base).document;
    const pull = doc.Statement.find((s) => list(s.Action).includes('ecr:BatchGetImage'))!;
    expect(pull.Resource).toBe('arn:aws:ecr:us-east-1:111122223333:repository/*');
  });

  it('should accept repository ARNs of other accounts in the same Region', () => {
    const arn = 'arn:aws:ecr:us-east-1:444455556666:repository/shared/base';
    const doc = generateExecutionRolePolicy({ ...base, repositories: [arn, 'my-app'] }).document;
    const pull = doc.Statement.find((s) => list(s.Action).includes('ecr:BatchGetImage'))!;
    expect(list(pull.Resource).sort()).toEqual([arn, 'arn:aws:ecr:us-east-1:111122223333:repository/my-app'].sort());
  });

  it('should grant logs:CreateLogGroup only when asked', () => {
    const actions = (o: object) => generateExecutionRolePolicy({ ...base, logGroups: ['/ecs/app'], ...o }).document.Statement.flatMap((s) => list(s.Action));
    expect(actions({})).not.toContain('logs:CreateLogGroup');
    expect(actions({ createLogGroup: true })).toContain('logs:CreateLogGroup');
  });

  it('should scope secrets, parameters and keys to their ARNs, with kms:Decrypt conditioned on kms:ViaService, not on the VPC', () => {
    const secret = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf';
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const doc = generateExecutionRolePolicy({
      ...base,
      vpceIds: ['vpce-0123456789abcdef0'],
      secrets: [secret],
      parameters: ['/app/db'],
      kmsKeys: [key],
    }).document;
    const by = (action: string) => doc.Statement.find((s) => list(s.Action).includes(action))!;
    expect(by('secretsmanager:GetSecretValue').Resource).toBe(secret);
    expect(by('ssm:GetParameters').Resource).toBe('arn:aws:ssm:us-east-1:111122223333:parameter/app/db');
    expect(by('kms:Decrypt')).toMatchObject({ Resource: key });
    // No VPC key (KMS is called by the secrets services); only through those two services (kms:ViaService).
    expect(by('kms:Decrypt').Condition).toEqual({
      StringEquals: { 'kms:ViaService': ['secretsmanager.us-east-1.amazonaws.com', 'ssm.us-east-1.amazonaws.com'] },
    });
  });

  it('should grant a secret referenced through Parameter Store on both services (ECS-EXEC)', () => {
    const result = generateExecutionRolePolicy({ ...base, parameters: ['/aws/reference/secretsmanager/prod/db', '/app/plain'] });
    const by = (action: string) => result.document.Statement.find((s) => list(s.Action).includes(action))!;
    expect(list(by('ssm:GetParameters').Resource)).toEqual([
      'arn:aws:ssm:us-east-1:111122223333:parameter/app/plain',
      'arn:aws:ssm:us-east-1:111122223333:parameter/aws/reference/secretsmanager/prod/db',
    ]);
    // The name plus exactly six characters: the random suffix of the secret's ARN.
    expect(by('secretsmanager:GetSecretValue').Resource).toBe('arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-??????');
    expect(result.advisories.map((a) => a.id)).toContain('secret-reference-by-name');
  });

  it('should use the exact secret ARN when it is given too, and grant nothing for a plain parameter', () => {
    const secret = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf';
    const doc = generateExecutionRolePolicy({ ...base, secrets: [secret], parameters: ['/aws/reference/secretsmanager/prod/db'] }).document;
    const grants = doc.Statement.filter((s) => list(s.Action).includes('secretsmanager:GetSecretValue')).flatMap((s) => list(s.Resource));
    expect(grants).toEqual([secret]);
    const plain = generateExecutionRolePolicy({ ...base, parameters: ['/app/db'] }).document;
    expect(plain.Statement.some((s) => list(s.Action).includes('secretsmanager:GetSecretValue'))).toBe(false);
  });

  it('should advise when pulls are not tied to an endpoint', () => {
    expect(generateExecutionRolePolicy(base).advisories.map((a) => a.id)).toContain('pull-without-endpoint-condition');
    expect(generateExecutionRolePolicy({ ...base, vpceIds: ['vpce-0123456789abcdef0'] }).advisories.map((a) => a.id)).not.toContain(
      'pull-without-endpoint-condition',
    );
  });

  it.each<[string, object, string]>([
    ['account', { account: '12345' }, 'account'],
    ['vpce', { vpceIds: ['vpce-12345'] }, 'vpceIds[0]'],
    ['vpc', { vpcIds: ['vpc-0123456789abcdef0', 'vpc-XYZ'] }, 'vpcIds[1]'],
    ['repository with a quote', { repositories: ['my"app'] }, 'repositories[0]'],
    ['repository with a wildcard', { repositories: ['app*'] }, 'repositories[0]'],
    ['repository ARN of another Region', { repositories: ['arn:aws:ecr:eu-west-1:111122223333:repository/app'] }, 'repositories[0]'],
    ['repository ARN of another partition', { repositories: ['arn:aws-cn:ecr:us-east-1:111122223333:repository/app'] }, 'repositories[0]'],
    ['log group with a colon', { logGroups: ['a:b'] }, 'logGroups[0]'],
    ['log group with a wildcard', { logGroups: ['/ecs/*'] }, 'logGroups[0]'],
    ['secret name instead of ARN', { secrets: ['db-password'] }, 'secrets[0]'],
    ['KMS alias', { kmsKeys: ['arn:aws:kms:us-east-1:111122223333:alias/app'] }, 'kmsKeys[0]'],
    ['region', { region: 'us-esat-1' }, 'region'],
  ])('should reject a bad %s, naming the field', (_name, override, field) => {
    expect(fields(() => generateExecutionRolePolicy({ ...base, ...override }))).toEqual([field]);
  });

  it('should report every bad field at once', () => {
    expect(fields(() => generateExecutionRolePolicy({ ...base, vpceIds: ['x'], logGroups: ['a*'] }))).toEqual(['vpceIds[0]', 'logGroups[0]']);
  });
});

describe('generateEcrEndpointPolicy', () => {
  const base = { region: 'us-east-1', account: '111122223333' };

  it('should always have a Principal, and the named principals when given', () => {
    const role = 'arn:aws:iam::111122223333:role/exec';
    const doc = generateEcrEndpointPolicy({ ...base, principals: [role] }).document;
    for (const s of doc.Statement) expect(s.Principal).toEqual({ AWS: role });
    const open = generateEcrEndpointPolicy(base);
    for (const s of open.document.Statement) expect(s.Principal).toBe('*');
    expect(open.advisories.map((a) => a.id)).toContain('ecr-endpoint-any-principal');
  });

  it('should grant push actions only when asked', () => {
    const actions = (allowPush: boolean) => generateEcrEndpointPolicy({ ...base, allowPush }).document.Statement.flatMap((s) => list(s.Action));
    expect(actions(false)).not.toContain('ecr:PutImage');
    expect(actions(true)).toEqual(expect.arrayContaining(['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload']));
  });

  it('should scope callers by organization', () => {
    const doc = generateEcrEndpointPolicy({ ...base, orgId: 'o-abcdefghij' }).document;
    for (const s of doc.Statement) expect(s.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } });
  });

  it('should write account IDs as root ARNs of the Region’s partition', () => {
    const doc = generateEcrEndpointPolicy({ region: 'cn-north-1', account: '111122223333', principals: ['444455556666'] }).document;
    expect(doc.Statement[0]!.Principal).toEqual({ AWS: 'arn:aws-cn:iam::444455556666:root' });
  });
});
