import { generateExecutionRolePolicy } from '../../src/generate/execution-role-policy';
import { PolicygenInputError } from '../../src/model/errors';

// AWS KMS Developer Guide, "AWS KMS condition keys", kms:ViaService: the value is the calling
// service's endpoint name SERVICE.REGION.amazonaws.com (amazonaws.com.cn in the China Regions).
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const decryptOf = (options: Parameters<typeof generateExecutionRolePolicy>[0]) =>
  generateExecutionRolePolicy(options).document.Statement.find((s) => list(s.Action).includes('kms:Decrypt'));

describe('kms:Decrypt through the secrets services (kms:ViaService)', () => {
  it('should admit only Secrets Manager when the task reads secrets only', () => {
    const decrypt = decryptOf({
      region: 'eu-west-1',
      account: '111122223333',
      secrets: ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf'],
      kmsKeys: ['arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    });
    expect(decrypt?.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } });
  });

  it('should admit only SSM when the task reads parameters only, with the China DNS suffix in cn-north-1', () => {
    const decrypt = decryptOf({
      region: 'cn-north-1',
      account: '111122223333',
      parameters: ['/app/db'],
      kmsKeys: ['arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    });
    expect(decrypt?.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'ssm.cn-north-1.amazonaws.com.cn' } });
  });

  it('should admit both services for a Secrets Manager secret referenced through Parameter Store', () => {
    const decrypt = decryptOf({
      region: 'us-gov-west-1',
      account: '111122223333',
      parameters: ['/aws/reference/secretsmanager/prod/db'],
      kmsKeys: ['arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    });
    expect(decrypt?.Condition).toEqual({
      StringEquals: { 'kms:ViaService': ['secretsmanager.us-gov-west-1.amazonaws.com', 'ssm.us-gov-west-1.amazonaws.com'] },
    });
  });

  it('should reject keys without any secret or parameter, naming kmsKeys', () => {
    expect.assertions(2);
    try {
      generateExecutionRolePolicy({
        region: 'us-east-1',
        account: '111122223333',
        kmsKeys: ['arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
      });
    } catch (error) {
      expect(error).toBeInstanceOf(PolicygenInputError);
      expect((error as PolicygenInputError).issues.map((i) => i.field)).toEqual(['kmsKeys']);
    }
  });
});
