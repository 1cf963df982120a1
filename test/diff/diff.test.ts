import { PolicygenInputError } from '../../src/model/errors';
import { generateExecutionRolePolicy } from '../../src/generate/execution-role-policy';
import { ACCOUNT, actionsOf, diff, expectExamplesHold, OTHER_ACCOUNT, policy, REPO, VPCE } from './helpers';

/**
 * Expected verdicts come from IAM's evaluation rules (IAM User Guide, "Policy evaluation logic",
 * "Condition operators"; AWS PrivateLink Guide on endpoint policies), worked out by hand.
 */

const pull = (extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: REPO, ...extra });
const viaEndpoint = { Condition: { StringEquals: { 'aws:SourceVpce': VPCE } } };

describe('diffPolicies: identity policies', () => {
  it('should find nothing between a policy and itself', async () => {
    const role = generateExecutionRolePolicy({
      region: 'us-east-1',
      account: ACCOUNT,
      vpceIds: [VPCE],
      repositories: ['app'],
      logGroups: ['/ecs/app'],
    }).document;
    const result = await diff(role, role);
    expect(result.broader).toBe(false);
    expect(result.added).toEqual([]);
    expect(result.removed).toEqual([]);
    expect(result.universe.requests).toBeGreaterThan(0);
  });

  it('should not call narrowing a resource broader, and report what was narrowed', async () => {
    const before = policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*` });
    const after = policy(pull());
    const result = await diff(before, after);
    expect(result.broader).toBe(false);
    expect(result.added).toEqual([]);
    // Another repository of the account: OLD's repository/* covers it, NEW's repository/app does not.
    expect(result.removed.length).toBeGreaterThan(0);
    for (const e of result.removed) {
      expect(e.request.resource.startsWith(`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/`)).toBe(true);
      expect(e.request.resource).not.toBe(REPO);
    }
    expectExamplesHold(result, before, after);
  });

  it('should call dropping a condition broader, the example carrying the condition OLD required', async () => {
    const before = policy(pull(viaEndpoint));
    const after = policy(pull());
    const result = await diff(before, after);
    expect(result.broader).toBe(true);
    const [example] = result.added;
    expect(example?.request).toMatchObject({ action: 'ecr:BatchGetImage', resource: REPO });
    // The request does not come through the endpoint OLD required...
    expect(example?.request.context?.['aws:SourceVpce']).not.toBe(VPCE);
    // ...and the example says which OLD statement would have allowed it, and on which condition.
    expect(example?.deniedBy).toEqual({ decision: 'ImplicitDeny', statements: [{ statementIndex: 0, effect: 'Allow', condition: viaEndpoint.Condition }] });
    expect(example?.allowedBy).toEqual([{ statementIndex: 0, effect: 'Allow' }]);
    expectExamplesHold(result, before, after);
  });

  it('should call ecr:BatchGetImage -> ecr:* broader, with PutImage among the examples', async () => {
    const before = policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' });
    const after = policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' });
    const result = await diff(before, after);
    expect(result.broader).toBe(true);
    const actions = actionsOf(result.added);
    expect(actions).toEqual(expect.arrayContaining(['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:DeleteRepository']));
    expect(actions).not.toContain('ecr:BatchGetImage');
    expect(result.removed).toEqual([]);
    expectExamplesHold(result, before, after);
  });

  it('should expand a service wildcard through iam-data', async () => {
    const before = policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' });
    const after = policy({ Effect: 'Allow', Action: 'ecr:Batch*', Resource: '*' });
    const result = await diff(before, after);
    // ecr's Batch actions besides BatchGetImage (Service Authorization Reference, Amazon ECR).
    expect(actionsOf(result.added)).toEqual(expect.arrayContaining(['ecr:BatchCheckLayerAvailability', 'ecr:BatchDeleteImage']));
    expect(actionsOf(result.added).every((a) => a.startsWith('ecr:Batch'))).toBe(true);
  });

  it('should not call adding a Deny broader', async () => {
    const before = policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' });
    const after = policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }, { Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*' });
    const result = await diff(before, after);
    expect(result.broader).toBe(false);
    expect(actionsOf(result.removed)).toEqual(['ecr:PutImage']);
    expect(result.removed[0]?.deniedBy).toEqual({ decision: 'ExplicitDeny', statements: [{ statementIndex: 1, effect: 'Deny' }] });
  });

  it('should call StringEqualsIfExists broader than StringEquals, on requests without the key', async () => {
    const before = policy(pull(viaEndpoint));
    const after = policy(pull({ Condition: { StringEqualsIfExists: { 'aws:SourceVpce': VPCE } } }));
    const result = await diff(before, after);
    expect(result.broader).toBe(true);
    expect(result.added.length).toBeGreaterThan(0);
    // "If the key is not present, evaluate the condition element as true": only keyless requests are new.
    for (const e of result.added) expect(Object.keys(e.request.context ?? {})).not.toContain('aws:SourceVpce');
    expectExamplesHold(result, before, after);
  });

  it('should see a new endpoint ID, and not a reworded key name', async () => {
    const other = 'vpce-11112222333344445';
    const before = policy(pull(viaEndpoint));
    const wider = await diff(before, policy(pull({ Condition: { StringEquals: { 'aws:SourceVpce': [VPCE, other] } } })));
    expect(wider.added.map((e) => e.request.context?.['aws:SourceVpce'])).toEqual([other]);
    const same = await diff(before, policy(pull({ Condition: { StringEquals: { 'aws:sourcevpce': VPCE } } })));
    expect([same.broader, same.removed.length]).toEqual([false, 0]);
  });

  it('should see a wider CIDR range and a larger number', async () => {
    const ip = (cidr: string) => policy(pull({ Condition: { IpAddress: { 'aws:SourceIp': cidr } } }));
    const wider = await diff(ip('10.0.0.0/16'), ip('10.0.0.0/8'));
    expect(wider.broader).toBe(true);
    for (const e of wider.added) {
      const [a, b] = String(e.request.context?.['aws:SourceIp']).split('.').map(Number);
      expect(a).toBe(10);
      expect(b).not.toBe(0); // inside 10.0.0.0/8, outside 10.0.0.0/16
    }
    const max = (n: string) =>
      policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::my-bucket', Condition: { NumericLessThanEquals: { 's3:max-keys': n } } });
    expect((await diff(max('10'), max('100'))).broader).toBe(true);
    expect((await diff(max('100'), max('10'))).broader).toBe(false);
  });

  it('should read ForAnyValue as broader than ForAllValues on a multivalued key', async () => {
    const tags = (operator: string) =>
      policy({ Effect: 'Allow', Action: 'ecr:TagResource', Resource: REPO, Condition: { [operator]: { 'aws:TagKeys': ['team', 'env'] } } });
    const result = await diff(tags('ForAllValues:StringEquals'), tags('ForAnyValue:StringEquals'));
    expect(result.broader).toBe(true);
    for (const e of result.added) {
      const keys = e.request.context?.['aws:TagKeys'];
      expect(Array.isArray(keys)).toBe(true);
      // ForAnyValue: one of them is team or env; ForAllValues fails: another one is not.
      expect((keys as string[]).some((k) => k === 'team' || k === 'env')).toBe(true);
      expect((keys as string[]).some((k) => k !== 'team' && k !== 'env')).toBe(true);
    }
  });

  it('should try a service that neither document mentions when NEW grants "*"', async () => {
    const before = policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' });
    const after = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
    const result = await diff(before, after);
    expect(result.broader).toBe(true);
    expect(result.added.some((e) => !e.request.action.startsWith('ecr:'))).toBe(true);
    expectExamplesHold(result, before, after);
  });

  it('should read NotAction as every other action', async () => {
    const before = policy({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' });
    const after = policy({ Effect: 'Allow', NotAction: 'ecr:*', Resource: '*' });
    const result = await diff(before, after);
    const actions = actionsOf(result.added);
    expect(actions).toEqual(expect.arrayContaining(['logs:CreateLogGroup']));
    expect(actions.some((a) => a.startsWith('ecr:'))).toBe(false);
  });

  it('should line up a log group pattern with the log stream ARNs PutLogEvents takes', async () => {
    const logs = (group: string) =>
      policy({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}:*` });
    const result = await diff(logs('/ecs/app'), logs('/ecs/*'));
    expect(result.broader).toBe(true);
    for (const e of result.added) expect(e.request.resource).toMatch(new RegExp(`^arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/(?!app:).*:log-stream:.+$`));
  });

  it('should read a policy variable in a Resource, of a service no action names', async () => {
    const before = policy({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/${iot:ClientId}/*' });
    const after = policy({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' });
    const result = await diff(before, after);
    expect(result.broader).toBe(true);
    // Objects outside the caller's own folder of the bucket are new.
    expect(result.added.some((e) => e.request.action === 's3:GetObject')).toBe(true);
    expect(result.removed).toEqual([]);
    expectExamplesHold(result, before, after);
  });

  it('should compare the statements whatever their order', async () => {
    const a = { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' };
    const b = pull(viaEndpoint);
    const result = await diff(policy(a, b), policy(b, a));
    expect([result.broader, result.removed.length]).toEqual([false, 0]);
  });
});

describe('diffPolicies: resource and endpoint policies', () => {
  const repositoryPolicy = (principal: unknown) => policy({ Effect: 'Allow', Principal: principal, Action: 'ecr:BatchGetImage', Resource: REPO });

  it('should call granting another account broader, with a caller of that account', async () => {
    const before = repositoryPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole` });
    const after = repositoryPolicy({ AWS: [`arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`, OTHER_ACCOUNT] });
    const result = await diff(before, after);
    expect(result.policyType).toBe('resource');
    expect(result.broader).toBe(true);
    expect(result.added.every((e) => e.request.principal.arn.startsWith(`arn:aws:iam::${OTHER_ACCOUNT}:`))).toBe(true);
    expectExamplesHold(result, before, after);
  });

  it('should read an account principal and an aws:PrincipalAccount condition alike in an interface endpoint policy', async () => {
    const byPrincipal = policy({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'ecr:*', Resource: '*' });
    const byCondition = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 'ecr:*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
    });
    for (const [a, b] of [
      [byPrincipal, byCondition],
      [byCondition, byPrincipal],
    ] as const) {
      const result = await diff(a, b, { policyType: 'vpc-endpoint-interface' });
      expect([result.broader, result.removed.length]).toEqual([false, 0]);
    }
  });

  it('should read an account principal as its root user only in a gateway endpoint policy', async () => {
    // "For gateway endpoints, if you specify the principal in the format "AWS":"AWS-account-ID" …,
    // access is granted to the AWS account root user only" (PrivateLink Guide).
    const byPrincipal = policy({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' });
    const byCondition = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::my-bucket/*',
      Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
    });
    const result = await diff(byPrincipal, byCondition, { policyType: 'vpc-endpoint-gateway' });
    expect(result.broader).toBe(true);
    // Newly allowed: the account's roles and users, not its root user.
    for (const e of result.added) expect(e.request.principal.arn).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:(role|user)/`));
    expectExamplesHold(result, byPrincipal, byCondition);
  });

  it('should call an account condition on the layer bucket statement narrower', async () => {
    const layer = (condition?: unknown) =>
      policy({
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*',
        ...(condition ? { Condition: condition } : {}),
      });
    const result = await diff(layer(), layer({ StringEquals: { 'aws:ResourceAccount': ACCOUNT } }), { policyType: 'vpc-endpoint-gateway' });
    expect(result.broader).toBe(false);
    expect(actionsOf(result.removed)).toEqual(['s3:GetObject']);
  });
});

describe('diffPolicies: input and limits', () => {
  it('should reject an invalid document with every problem, naming the document', async () => {
    const bad = { Version: '2012-10-17', Statement: [{ Effect: 'Alow', Action: 's3:GetObject', Resource: '*' }] } as never;
    const error = await diff(bad, policy(pull())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicygenInputError);
    expect((error as PolicygenInputError).issues.map((i) => i.field)).toEqual(['oldPolicy.Statement[0].Effect']);
  });

  it('should ask for the policy type when one document names principals and the other does not', async () => {
    const error = await diff(policy(pull()), policy(pull({ Principal: '*' }))).catch((e: unknown) => e);
    expect((error as PolicygenInputError).issues.map((i) => i.field)).toEqual(['policyType']);
  });

  it('should reject a Principal in an identity policy and a missing one in a resource policy', async () => {
    const withPrincipal = await diff(policy(pull({ Principal: '*' })), policy(pull({ Principal: '*' })), { policyType: 'identity' }).catch((e: unknown) => e);
    expect((withPrincipal as PolicygenInputError).issues.map((i) => i.field)).toEqual(['oldPolicy.Statement[0].Principal', 'newPolicy.Statement[0].Principal']);
    const without = await diff(policy(pull()), policy(pull()), { policyType: 'resource' }).catch((e: unknown) => e);
    expect((without as PolicygenInputError).issues.map((i) => i.field)).toEqual(['oldPolicy.Statement[0]', 'newPolicy.Statement[0]']);
  });

  it('should cap the universe, say so, and stay deterministic', async () => {
    const before = policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' });
    const after = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
    const full = await diff(before, after);
    const capped = await diff(before, after, { maxRequests: 40 });
    expect(full.universe.capped).toBe(false);
    expect(capped.universe.capped).toBe(true);
    expect(capped.universe.evaluated).toBeLessThanOrEqual(40);
    expect(capped.broader).toBe(true);
    expect(await diff(before, after, { maxRequests: 40 })).toEqual(capped);
  });

  it('should cap the examples but count every request', async () => {
    const before = policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' });
    const after = policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' });
    const result = await diff(before, after, { maxExamples: 3 });
    expect(result.added).toHaveLength(3);
    expect(result.counts.added).toBeGreaterThan(3);
  });
});
