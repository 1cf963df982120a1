import { freshValues } from '../../src/diff/fresh';
import { freshResource, resourceInstance, resourceWitness } from '../../src/diff/patterns';
import { witnessOf, type Token } from '../../src/diff/witness';

const fresh = freshValues([{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' }] }]);
const REPOSITORY = 'arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}';
const LOG_STREAM = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';

/** `a*b?` with `*` filled by `F` and `?` by `x`, both free to stand for `:`. */
const glob = (text: string): Token[] =>
  [...text].map((c): Token =>
    c === '*' ? { kind: 'star', fill: 'F', colons: true } : c === '?' ? { kind: 'one', fill: 'x', colons: true } : { kind: 'char', c },
  );

describe('witnessOf', () => {
  it.each([
    ['app*', '*web', 'appFweb'],
    ['a?c', 'abc', 'abc'],
    ['*', 'literal', 'literal'],
    ['x*y', 'x*y', 'xFy'],
  ])('should find a string that %s and %s both match', (a, b, expected) => {
    expect(witnessOf(glob(a), glob(b))).toBe(expected);
  });

  it('should say when two patterns share no string', () => {
    expect(witnessOf(glob('app*'), glob('web*'))).toBeUndefined();
    expect(witnessOf(glob('a?'), glob('abc'))).toBeUndefined();
  });

  it('should keep a wildcard within its ARN segment', () => {
    const segment: Token = { kind: 'star', fill: 'F', colons: false };
    expect(witnessOf([segment], glob('a:b'))).toBeUndefined();
    expect(witnessOf([segment], glob('ab'))).toBe('ab');
  });
});

describe('resource witnesses against iam-data ARN formats', () => {
  it('should give a resource of the format the pattern covers, with fresh names where the pattern has wildcards', () => {
    expect(resourceWitness('arn:aws:ecr:us-east-1:111122223333:repository/*', true, REPOSITORY, fresh)).toBe(
      `arn:aws:ecr:us-east-1:111122223333:repository/${fresh.fill}`,
    );
    expect(resourceWitness('arn:aws:ecr:*:111122223333:repository/app', true, REPOSITORY, fresh)).toBe(
      `arn:aws:ecr:${fresh.region}:111122223333:repository/app`,
    );
  });

  it('should line a log group pattern up with the log stream format', () => {
    expect(resourceWitness('arn:aws:logs:us-east-1:111122223333:log-group:/ecs/app:*', true, LOG_STREAM, fresh)).toBe(
      `arn:aws:logs:us-east-1:111122223333:log-group:/ecs/app:log-stream:${fresh.fill}`,
    );
  });

  it('should expand a short pattern and reject another service', () => {
    expect(resourceWitness('arn:aws:ecr:*', true, REPOSITORY, fresh)).toBe(`arn:aws:ecr:${fresh.region}:${fresh.account}:repository/${fresh.fill}`);
    expect(resourceWitness('arn:aws:s3:::*', true, REPOSITORY, fresh)).toBeUndefined();
    expect(resourceWitness('arn:aws:ecr:us-east-1:111122223333:repository/', true, REPOSITORY, fresh)).toBeUndefined(); // no name
  });

  it('should fill a policy variable with the value its key takes in the universe', () => {
    expect(resourceWitness('arn:aws:s3:::my-bucket/${aws:username}/*', true, OBJECT, fresh)).toBe(`arn:aws:s3:::my-bucket/${fresh.fill}/${fresh.fill}`);
    // Without Version 2012-10-17, `${aws:username}` is text.
    expect(resourceWitness('arn:aws:s3:::my-bucket/${aws:username}/*', false, OBJECT, fresh)).toBe(`arn:aws:s3:::my-bucket/\${aws:username}/${fresh.fill}`);
  });

  it('should make a fresh resource of a format, and an instance of a pattern of an unknown type', () => {
    expect(freshResource(OBJECT, fresh)).toBe(`arn:aws:s3:::${fresh.fill}/${fresh.fill}`);
    expect(resourceInstance('arn:aws:foo:us-east-1:111122223333:thing/a?c*', true, fresh)).toBe(
      `arn:aws:foo:us-east-1:111122223333:thing/a${fresh.one}c${fresh.fill}`,
    );
  });
});

describe('freshValues', () => {
  it('should pick values the documents do not contain', () => {
    const values = freshValues([
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: ['arn:aws:ecr:us-west-1:000000000000:repository/fresh'] }],
      },
    ]);
    expect(values.fill).not.toBe('fresh');
    expect(values.account).not.toBe('000000000000');
    expect(values.region).not.toBe('us-west-1');
    expect(values.account).toMatch(/^\d{12}$/);
    expect(values.ownerAccount).not.toBe(values.account);
  });

  it('should keep the documents’ partition', () => {
    const values = freshValues([{ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws-cn:s3:::bucket/*' }] }]);
    expect(values.partition).toBe('aws-cn');
  });
});
