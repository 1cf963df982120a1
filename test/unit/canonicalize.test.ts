import { canonicalizePolicy } from '../../src/normalize/canonicalize';

describe('canonicalizePolicy', () => {
  it('should write a single value as a string and sort and deduplicate lists', () => {
    const doc = canonicalizePolicy({
      Statement: { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 'S3:GetObject'], Resource: ['b', 'a', 'b'] },
    });
    expect(doc.Statement[0]).toMatchObject({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['a', 'b'] });
  });

  it('should put keys in the fixed order Sid, Effect, Principal, Action, Resource, Condition', () => {
    const doc = canonicalizePolicy({
      Statement: [
        { Condition: { Bool: { 'aws:SecureTransport': true } }, Resource: '*', Action: 'ecr:GetAuthorizationToken', Principal: '*', Effect: 'Allow' },
      ],
    });
    expect(Object.keys(doc)).toEqual(['Version', 'Statement']);
    expect(Object.keys(doc.Statement[0]!)).toEqual(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
    expect(doc.Statement[0]!.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'true' } });
  });

  it('should spell condition keys canonically and merge keys that differ only in case', () => {
    const doc = canonicalizePolicy({
      Statement: [
        {
          Effect: 'Allow',
          Action: 'ecr:BatchGetImage',
          Resource: '*',
          Condition: { StringEquals: { 'aws:sourceVpce': 'vpce-2', 'AWS:SOURCEVPCE': ['vpce-1'] } },
        },
      ],
    });
    expect(doc.Statement[0]!.Condition).toEqual({ StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } });
  });

  it('should derive Sids from content: the same statement gets the same Sid, whatever Sid it had', () => {
    const a = canonicalizePolicy({ Statement: [{ Sid: 'One', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'x' }] });
    const b = canonicalizePolicy({ Statement: [{ Sid: 'Two', Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: ['x'] }] });
    expect(a).toEqual(b);
    expect(a.Statement[0]!.Sid).toMatch(/^AllowLogs[0-9a-f]{8}$/);
  });

  it('should give different statements different Sids and drop exact duplicates', () => {
    const doc = canonicalizePolicy({
      Statement: [
        { Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: 'a' },
        { Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: 'b' },
        { Sid: 'Dup', Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: 'a' },
      ],
    });
    expect(doc.Statement).toHaveLength(2);
    expect(new Set(doc.Statement.map((s) => s.Sid)).size).toBe(2);
  });

  it('should not depend on statement order', () => {
    const s1 = { Effect: 'Allow' as const, Action: 'ecr:BatchGetImage', Resource: 'a' };
    const s2 = { Effect: 'Deny' as const, Action: 'ecr:PutImage', Resource: '*' };
    expect(JSON.stringify(canonicalizePolicy({ Statement: [s1, s2] }))).toBe(JSON.stringify(canonicalizePolicy({ Statement: [s2, s1] })));
  });

  it('should keep Principal "*" and sort principal lists', () => {
    const doc = canonicalizePolicy({
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com', AWS: ['arn:aws:iam::2:root', 'arn:aws:iam::1:root'] }, Action: 'sts:AssumeRole' },
      ],
    });
    const principals = doc.Statement.map((s) => s.Principal);
    expect(principals).toContainEqual('*');
    expect(principals).toContainEqual({ AWS: ['arn:aws:iam::1:root', 'arn:aws:iam::2:root'], Service: 'ecs-tasks.amazonaws.com' });
  });

  it('should be idempotent', () => {
    const once = canonicalizePolicy({
      Statement: [
        {
          Effect: 'Allow',
          NotAction: ['iam:*', 'organizations:*'],
          NotResource: 'arn:aws:iam::*:role/x',
          Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['b*', 'a*'] } },
        },
      ],
    });
    expect(canonicalizePolicy(once)).toEqual(once);
  });
});
