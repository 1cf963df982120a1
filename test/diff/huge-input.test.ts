import { diffPolicies } from '../../src/diff';

/** Inputs far larger than real policies: they must be decided, not crash (issue 12, item 1). */
describe('diff on huge values', () => {
  const policy = (resource: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }],
  });

  it('should compare a 150,000-character ARN without exceeding the stack', async () => {
    const huge = `arn:aws:s3:::${'a'.repeat(150_000)}/*`;
    // s3:GetObject acts on objects (arn:aws:s3:::BUCKET/KEY): the objects of bucket `aaa…` are not
    // under bucket `b`, so NEW allows a request OLD denies.
    const diff = await diffPolicies(policy('arn:aws:s3:::b/*') as never, policy(huge) as never, { policyType: 'identity' });
    expect(diff.broader).toBe(true);
  });
});
