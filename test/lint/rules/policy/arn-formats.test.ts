import { loadIamCatalog } from '../../../../src/catalog/iam-catalog';
import { arnFormatMatch } from '../../../../src/lint/rules/policy/lib/arn-formats';

// Expected formats are read from the Service Authorization Reference's resource type tables
// (ECR: repository/${RepositoryName}; S3: ${BucketName}, ${BucketName}/${ObjectName}).
describe('arnFormatMatch', () => {
  const iam = loadIamCatalog();
  const matching = (value: string): readonly string[] | undefined => arnFormatMatch(iam, value)?.matching.map((f) => f.arn);

  it('finds the repository format for an ECR repository ARN, and none for a misspelt type', () => {
    expect(matching('arn:aws:ecr:us-east-1:111122223333:repository/app')).toContain('arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}');
    expect(matching('arn:aws:ecr:us-east-1:111122223333:repositories/app')).toEqual([]);
  });

  it('lets a wildcard, a policy variable or an unresolved template value stand for any text', () => {
    expect(matching('arn:aws:ecr:us-east-1:111122223333:repo*')?.length).toBeGreaterThan(0);
    expect(matching('arn:aws:ecr:us-east-1:111122223333:${aws:username}')?.length).toBeGreaterThan(0);
    expect(matching('arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/${Name}')?.length).toBeGreaterThan(0);
    expect(matching('arn:aws:ecr:us-east-1:111122223333:reposit?ry/app')?.length).toBeGreaterThan(0);
  });

  it('needs at least one character for a format variable', () => {
    expect(matching('arn:aws:ecr:us-east-1:111122223333:repository/')).toEqual([]);
  });

  it('judges nothing for values it cannot read: not an ARN, a wildcard service, a service without formats', () => {
    expect(arnFormatMatch(iam, '*')).toBeUndefined();
    expect(arnFormatMatch(iam, 'arn:aws:*:us-east-1:111122223333:x')).toBeUndefined();
    expect(arnFormatMatch(iam, 'arn:aws:examplenoservice:us-east-1:111122223333:x')).toBeUndefined();
  });

  it('reads the Region and account of the formats: S3 buckets have neither, IAM roles no Region', () => {
    const bucket = arnFormatMatch(iam, 'arn:aws:s3:::amzn-s3-demo-bucket');
    expect(bucket?.matching.length).toBeGreaterThan(0);
    expect(bucket?.matching.every((f) => !f.hasRegion && !f.hasAccount)).toBe(true);
    const role = arnFormatMatch(iam, 'arn:aws:iam::111122223333:role/app');
    expect(role?.matching.some((f) => f.arn === 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}')).toBe(true);
    expect(role?.matching.every((f) => !f.hasRegion)).toBe(true);
  });
});
