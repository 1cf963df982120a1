import { PolicygenInputError } from '../../src/model/errors';
import type { WirePolicy } from '../../src/normalize/canonicalize';
import { compilePolicy, evaluate, type Decision, type EvaluationRequest, type PolicyInput, type RequestContext } from '../../src/simulate';

/**
 * Cases written from the IAM User Guide and the ECS/ECR guides (quoted where the case comes from a
 * sentence or an example there), not from the evaluator's output.
 */

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;
const REPO = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app`;

type Statement = Record<string, unknown>;
const doc = (...Statement: Statement[]) => ({ Version: '2012-10-17', Statement }) as unknown as WirePolicy;
const identity = (...statements: Statement[]): PolicyInput => ({ label: 'role', kind: 'identity', document: doc(...statements) });
const resource = (...statements: Statement[]): PolicyInput => ({ label: 'resource', kind: 'resource', document: doc(...statements) });
const endpoint = (...statements: Statement[]): PolicyInput => ({ label: 'endpoint', kind: 'vpc-endpoint', document: doc(...statements) });
const allow = (extra: Statement = {}): Statement => ({ Effect: 'Allow', Action: '*', Resource: '*', ...extra });
const deny = (extra: Statement = {}): Statement => ({ Effect: 'Deny', Action: '*', Resource: '*', ...extra });

const req = (overrides: Partial<EvaluationRequest> = {}): EvaluationRequest => ({
  principal: { arn: ROLE },
  action: 'ecr:BatchGetImage',
  resource: REPO,
  ...overrides,
});

interface Case {
  readonly name: string;
  readonly policies: readonly PolicyInput[];
  readonly request: EvaluationRequest;
  readonly expected: Decision;
}

const run = (cases: readonly Case[]) =>
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(evaluate(c.request, c.policies).decision).toBe(c.expected);
  });

/** Whether an identity policy allowing everything under `condition` allows a request with `context`. */
const holds = (condition: Statement, context: RequestContext, request: Partial<EvaluationRequest> = {}): boolean =>
  evaluate(req({ ...request, context }), [identity(allow({ Condition: condition }))]).decision === 'Allow';

describe('evaluation logic', () => {
  // "An explicit deny in any of these policies overrides the allow." (Policy evaluation logic)
  run([
    { name: 'a Deny in the same policy overrides an Allow', policies: [identity(allow(), deny())], request: req(), expected: 'ExplicitDeny' },
    {
      name: 'a Deny in another identity policy overrides an Allow',
      policies: [identity(allow()), { ...identity(deny()), label: 'guard' }],
      request: req(),
      expected: 'ExplicitDeny',
    },
    {
      name: 'a resource policy Deny overrides an identity Allow',
      policies: [identity(allow()), resource(deny({ Principal: '*' }))],
      request: req(),
      expected: 'ExplicitDeny',
    },
    {
      name: 'an endpoint policy Deny overrides every Allow',
      policies: [identity(allow()), endpoint(allow({ Principal: '*' }), deny({ Principal: '*' }))],
      request: req(),
      expected: 'ExplicitDeny',
    },
    { name: 'nothing allows: implicit deny', policies: [identity(allow({ Action: 's3:*' }))], request: req(), expected: 'ImplicitDeny' },
    { name: 'no policies at all: implicit deny', policies: [], request: req(), expected: 'ImplicitDeny' },
  ]);

  // Same account: "If an action is allowed by an identity-based policy, a resource-based policy, or
  // both, then AWS allows the action." Cross-account: "The resource-based policy in the trusting
  // account must specify the principal … The principal's identity-based policy must allow the
  // requested access." An account principal delegates to the account's identity policies.
  const crossAccount = req({ resource: `arn:aws:ecr:us-east-1:${OTHER}:repository/app` });
  run([
    { name: 'same account: the identity policy alone allows', policies: [identity(allow())], request: req(), expected: 'Allow' },
    {
      name: 'same account: a resource policy naming the role alone allows',
      policies: [resource(allow({ Principal: { AWS: ROLE } }))],
      request: req(),
      expected: 'Allow',
    },
    {
      name: "same account: a resource policy naming the role allows the role's session",
      policies: [resource(allow({ Principal: { AWS: ROLE } }))],
      request: req({ principal: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ecsTaskExecutionRole/task` } }),
      expected: 'Allow',
    },
    {
      name: 'same account: a resource policy naming only the account does not allow by itself',
      policies: [resource(allow({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }))],
      request: req(),
      expected: 'ImplicitDeny',
    },
    { name: 'cross-account: the identity policy alone does not allow', policies: [identity(allow())], request: crossAccount, expected: 'ImplicitDeny' },
    {
      name: 'cross-account: the resource policy alone does not allow',
      policies: [resource(allow({ Principal: { AWS: ROLE } }))],
      request: crossAccount,
      expected: 'ImplicitDeny',
    },
    {
      name: 'cross-account: both allow',
      policies: [identity(allow()), resource(allow({ Principal: { AWS: ROLE } }))],
      request: crossAccount,
      expected: 'Allow',
    },
    {
      name: 'cross-account: the resource policy names the account (12 digits)',
      policies: [identity(allow()), resource(allow({ Principal: { AWS: ACCOUNT } }))],
      request: crossAccount,
      expected: 'Allow',
    },
    {
      name: 'cross-account: the resource policy names another account',
      policies: [identity(allow()), resource(allow({ Principal: { AWS: OTHER } }))],
      request: crossAccount,
      expected: 'ImplicitDeny',
    },
    {
      name: 'a Deny naming the account denies its principals',
      policies: [identity(allow()), resource(deny({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }))],
      request: req(),
      expected: 'ExplicitDeny',
    },
    {
      name: 'NotPrincipal with Deny spares the principals it names',
      policies: [identity(allow()), resource(deny({ NotPrincipal: { AWS: ROLE } }))],
      request: req(),
      expected: 'Allow',
    },
    {
      name: 'NotPrincipal with Deny denies everyone else',
      policies: [identity(allow()), resource(deny({ NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` } }))],
      request: req(),
      expected: 'ExplicitDeny',
    },
    {
      name: 'a service principal is allowed by a resource policy naming the service',
      policies: [resource(allow({ Principal: { Service: 'ecs-tasks.amazonaws.com' } }))],
      request: req({ principal: { arn: 'ecs-tasks.amazonaws.com' } }),
      expected: 'Allow',
    },
    {
      name: 'a service principal is not allowed by identity policies',
      policies: [identity(allow())],
      request: req({ principal: { arn: 'ecs-tasks.amazonaws.com' } }),
      expected: 'ImplicitDeny',
    },
  ]);

  // "An endpoint policy does not override or replace identity-based policies or resource-based
  // policies" (PrivateLink Guide): it must allow too, and allows nothing alone.
  run([
    {
      name: 'endpoint policy: identity and endpoint allow',
      policies: [identity(allow()), endpoint(allow({ Principal: '*' }))],
      request: req(),
      expected: 'Allow',
    },
    {
      name: 'endpoint policy: the endpoint does not allow the action',
      policies: [identity(allow()), endpoint(allow({ Principal: '*', Action: 's3:GetObject' }))],
      request: req(),
      expected: 'ImplicitDeny',
    },
    { name: 'endpoint policy: allows nothing by itself', policies: [endpoint(allow({ Principal: '*' }))], request: req(), expected: 'ImplicitDeny' },
    {
      name: 'endpoint policy: with only Deny statements it denies everything',
      policies: [identity(allow()), endpoint(deny({ Principal: '*', Action: 'ecr:PutImage' }))],
      request: req(),
      expected: 'ImplicitDeny',
    },
  ]);

  it('should name the statements that decided and what was missing', () => {
    const policies = [identity({ Sid: 'Pull', ...allow({ Action: 'ecr:BatchGetImage' }) }, allow({ Action: 's3:*' })), endpoint(allow({ Principal: '*' }))];
    expect(evaluate(req(), policies)).toEqual({
      decision: 'Allow',
      decidedBy: [
        { policy: 'role', kind: 'identity', statementIndex: 0, sid: 'Pull', effect: 'Allow' },
        { policy: 'endpoint', kind: 'vpc-endpoint', statementIndex: 0, effect: 'Allow' },
      ],
      missingAllow: [],
      sameAccount: true,
    });
    expect(evaluate(req(), [identity(allow(), deny({ Sid: 'NoPull' }))]).decidedBy).toEqual([
      { policy: 'role', kind: 'identity', statementIndex: 1, sid: 'NoPull', effect: 'Deny' },
    ]);
    expect(
      evaluate(req({ resource: `arn:aws:ecr:us-east-1:${OTHER}:repository/app` }), [identity(allow()), endpoint(deny({ Principal: '*', Action: 's3:*' }))]),
    ).toMatchObject({
      decision: 'ImplicitDeny',
      missingAllow: ['resource', 'vpc-endpoint'],
      sameAccount: false,
    });
  });

  it('should evaluate a compiled policy like its document', () => {
    const document = doc(allow({ Action: 'ecr:Batch*' }), deny({ Action: 'ecr:PutImage' }));
    const compiled = compilePolicy(document);
    for (const action of ['ecr:BatchGetImage', 'ecr:PutImage', 's3:GetObject']) {
      expect(evaluate(req({ action }), [{ label: 'p', kind: 'identity', document: compiled }])).toEqual(
        evaluate(req({ action }), [{ label: 'p', kind: 'identity', document }]),
      );
    }
  });

  it('should refuse a document IAM would reject, naming the place', () => {
    const bad = () => compilePolicy(doc({ Effect: 'Permit', Action: '*', Resource: '*', Condition: { StringEqualz: { 'aws:SourceVpce': 'vpce-1' } } }));
    expect(bad).toThrow(PolicygenInputError);
    expect(bad).toThrow(/Statement\[0\]\.Effect must be "Allow" or "Deny", received "Permit"/);
    expect(bad).toThrow(/Statement\[0\]\.Condition\["StringEqualz"\] must be an IAM condition operator/);
    expect(() => compilePolicy(doc({ Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' }))).toThrow(/Statement\[0\]\.Action/);
    expect(() => compilePolicy(doc(allow({ Condition: { 'ForAnyValue:Null': { 'aws:TagKeys': 'true' } } })))).toThrow(PolicygenInputError);
  });
});

describe('Action, NotAction and wildcards', () => {
  const only = (Action: unknown, action: string) => evaluate(req({ action }), [identity(allow({ Action }))]).decision;
  it.each([
    // "Condition key names and action names are case-insensitive" (DOMAIN.md §4, IAM-KEYS)
    ['ECR:batchgetimage', 'ecr:BatchGetImage', 'Allow'],
    ['ecr:Batch*', 'ecr:BatchGetImage', 'Allow'],
    ['ecr:Batch*', 'ecr:BatchCheckLayerAvailability', 'Allow'],
    ['ecr:Batch*', 'ecr:GetDownloadUrlForLayer', 'ImplicitDeny'],
    ['ecr:*', 'ecr:GetAuthorizationToken', 'Allow'],
    ['ecr:*', 's3:GetObject', 'ImplicitDeny'],
    // `?` is exactly one character, `*` any run including none.
    ['s3:Get?bject', 's3:GetObject', 'Allow'],
    ['s3:Get?bject', 's3:Getbject', 'ImplicitDeny'],
    ['s3:Get?Object', 's3:GetObject', 'ImplicitDeny'],
    ['s3:Get*Object', 's3:GetObject', 'Allow'],
    ['*', 'logs:PutLogEvents', 'Allow'],
  ] as const)('Action %j and %s: %s', (pattern, action, expected) => expect(only(pattern, action)).toBe(expected));

  // "NotAction … with Allow … grants much more than it seems" (IamPolicyStatement.NotAction).
  it('NotAction with Allow allows every other action', () => {
    const policies = [identity({ Effect: 'Allow', NotAction: ['iam:*', 'ecr:PutImage'], Resource: '*' })];
    expect(evaluate(req(), policies).decision).toBe('Allow');
    expect(evaluate(req({ action: 'ecr:PutImage' }), policies).decision).toBe('ImplicitDeny');
    expect(evaluate(req({ action: 'iam:CreateUser', resource: '*' }), policies).decision).toBe('ImplicitDeny');
  });
});

describe('Resource, NotResource and ARN matching', () => {
  const on = (Resource: unknown, resourceArn: string, action = 'ecr:BatchGetImage') =>
    evaluate(req({ action, resource: resourceArn }), [identity(allow({ Resource }))]).decision;
  it.each([
    [`arn:aws:ecr:*:${ACCOUNT}:repository/app`, REPO, 'Allow'],
    [`arn:aws:ecr:us-east-?:${ACCOUNT}:repository/app`, REPO, 'Allow'],
    [`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`, REPO, 'Allow'],
    [`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`, `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/team/app`, 'Allow'],
    [`arn:aws:ecr:us-east-1:${OTHER}:repository/*`, REPO, 'ImplicitDeny'],
    // ARN resource names are case-sensitive ("In the Resource element, the IAM user name is case sensitive").
    [`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/App`, REPO, 'ImplicitDeny'],
    // "If the wildcard (*) is the last character of a resource ARN segment, it can expand to match
    // beyond colon boundaries": a short pattern covers the rest of the ARN.
    ['arn:aws:ecr:*', REPO, 'Allow'],
    ['arn:aws:s3:*', REPO, 'ImplicitDeny'],
    // The resource part is matched as a whole: a log group's * covers its streams (DOMAIN.md §3).
    [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/app:*`, `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/app:log-stream:ecs/app/1`, 'Allow'],
    [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/app`, `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/app:log-stream:ecs/app/1`, 'ImplicitDeny'],
    // A segment's * does not cross a colon: this * is the Region only, so `repository/*` must match
    // the account segment (it would match as one string: `*` = `us-east-1:111122223333`).
    ['arn:aws:ecr:*:repository/*', REPO, 'ImplicitDeny'],
    ['arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*', 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/sha256/abc', 'Allow'],
    ['arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*', 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket', 'ImplicitDeny'],
  ] as const)('Resource %s and %s: %s', (pattern, arn, expected) => expect(on(pattern, arn)).toBe(expected));

  it('GetAuthorizationToken takes Resource "*" only (DOMAIN.md §3)', () => {
    expect(on('*', '*', 'ecr:GetAuthorizationToken')).toBe('Allow');
    expect(on(`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`, '*', 'ecr:GetAuthorizationToken')).toBe('ImplicitDeny');
  });

  it('NotResource matches every resource but the ones listed', () => {
    const policies = [identity({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::private-bucket/*' })];
    expect(evaluate(req({ action: 's3:GetObject', resource: 'arn:aws:s3:::my-bucket/x' }), policies).decision).toBe('Allow');
    expect(evaluate(req({ action: 's3:GetObject', resource: 'arn:aws:s3:::private-bucket/x' }), policies).decision).toBe('ImplicitDeny');
  });
});

describe('condition operators', () => {
  // "If the key that you specify in a policy condition is not present in the request context, the
  // values do not match and the condition is false. If the policy condition requires that the key is
  // not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition
  // is true." (Condition operators)
  it.each([
    ['StringEquals', { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' }, true],
    ['StringEquals is case-sensitive', { StringEquals: { 'aws:SourceVpce': 'vpce-0A1B2C3D' } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' }, false],
    ['StringEquals on a missing key', { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } }, {}, false],
    ['StringEquals: * is literal', { StringEquals: { 'aws:SourceVpce': 'vpce-*' } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' }, false],
    ['StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { 'aws:SourceVpce': 'VPCE-0A1B2C3D' } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' }, true],
    ['StringNotEqualsIgnoreCase', { StringNotEqualsIgnoreCase: { 'aws:SourceVpce': 'VPCE-0A1B2C3D' } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' }, false],
    ['StringLike with *', { StringLike: { 'aws:SourceVpce': 'vpce-0a1b*' } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' }, true],
    ['StringLike with ?', { StringLike: { 'aws:SourceVpce': 'vpce-0a1b2c3?' } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' }, true],
    ['StringLike without a wildcard is exact', { StringLike: { 'aws:SourceVpce': 'vpce-0a1b' } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' }, false],
    ['StringNotLike', { StringNotLike: { 'aws:SourceVpce': 'vpce-0a1b*' } }, { 'aws:SourceVpce': 'vpce-11112222' }, true],
    ['StringNotEquals on a missing key', { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } }, {}, true],
    ['StringNotLike on a missing key', { StringNotLike: { 'aws:SourceVpce': 'vpce-*' } }, {}, true],
    // Several values of one key are ORed; under a negated operator the key must match none of them.
    ['several values: OR', { StringEquals: { 'aws:SourceVpce': ['vpce-11112222', 'vpce-0a1b2c3d'] } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' }, true],
    [
      'several values, negated: NOR',
      { StringNotEquals: { 'aws:SourceVpce': ['vpce-11112222', 'vpce-0a1b2c3d'] } },
      { 'aws:SourceVpce': 'vpce-0a1b2c3d' },
      false,
    ],
    [
      'several values, negated, none matches',
      { StringNotEquals: { 'aws:SourceVpce': ['vpce-11112222', 'vpce-33334444'] } },
      { 'aws:SourceVpce': 'vpce-0a1b2c3d' },
      true,
    ],
    // Several keys, and several operators, are ANDed.
    [
      'several keys: AND, both match',
      { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d', 'aws:SourceVpc': 'vpc-0a1b2c3d' } },
      { 'aws:SourceVpce': 'vpce-0a1b2c3d', 'aws:SourceVpc': 'vpc-0a1b2c3d' },
      true,
    ],
    [
      'several keys: AND, one misses',
      { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d', 'aws:SourceVpc': 'vpc-0a1b2c3d' } },
      { 'aws:SourceVpce': 'vpce-0a1b2c3d' },
      false,
    ],
    [
      'several operators: AND',
      { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' }, Bool: { 'aws:SecureTransport': 'true' } },
      { 'aws:SourceVpce': 'vpce-0a1b2c3d', 'aws:SecureTransport': false },
      false,
    ],
    // "Key names are case-insensitive. For example, aws:CurrentTime is equivalent to AWS:currenttime."
    ['condition key names are case-insensitive', { StringEquals: { 'aws:sourcevpce': 'vpce-0a1b2c3d' } }, { 'AWS:SourceVpce': 'vpce-0a1b2c3d' }, true],
  ] as const)('%s', (_, condition, context, expected) => expect(holds(condition, context)).toBe(expected));

  // "the NumericLessThanEquals condition operator with the s3:max-keys key to specify that the
  // requester can list up to 10 objects" (Numeric condition operators)
  it.each([
    ['10', true],
    ['11', false],
    ['9.5', true],
    [10, true],
  ] as const)('NumericLessThanEquals s3:max-keys 10 with %j: %s', (value, expected) =>
    expect(
      holds({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': value }, { action: 's3:ListBucket', resource: 'arn:aws:s3:::example_bucket' }),
    ).toBe(expected),
  );
  it('Numeric: every comparison, and a missing or unparsable value', () => {
    const keys = (value: string) => ({ 's3:max-keys': value });
    expect(holds({ NumericEquals: { 's3:max-keys': '10' } }, keys('10.0'))).toBe(true);
    expect(holds({ NumericNotEquals: { 's3:max-keys': '10' } }, keys('10'))).toBe(false);
    expect(holds({ NumericLessThan: { 's3:max-keys': '10' } }, keys('10'))).toBe(false);
    expect(holds({ NumericGreaterThan: { 's3:max-keys': '10' } }, keys('11'))).toBe(true);
    expect(holds({ NumericGreaterThanEquals: { 's3:max-keys': '10' } }, keys('10'))).toBe(true);
    expect(holds({ NumericLessThanEquals: { 's3:max-keys': '10' } }, {})).toBe(false);
    expect(holds({ NumericLessThanEquals: { 's3:max-keys': '10' } }, keys('ten'))).toBe(false);
  });

  // "You must specify date/time values with one of the W3C implementations of the ISO 8601 date
  // formats or in epoch (UNIX) time." (Date condition operators)
  it('Date: ISO 8601 and epoch seconds, in the policy and in the request', () => {
    const now = { 'aws:CurrentTime': '2025-06-01T12:00:00Z' };
    expect(holds({ DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }, now)).toBe(true);
    expect(holds({ DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }, now)).toBe(false);
    expect(holds({ DateGreaterThan: { 'aws:CurrentTime': '2025-01-01' } }, now)).toBe(true);
    expect(holds({ DateGreaterThan: { 'aws:CurrentTime': '1735689600' } }, now)).toBe(true); // 2025-01-01T00:00:00Z
    expect(holds({ DateLessThanEquals: { 'aws:CurrentTime': '2025-06-01T14:00:00+02:00' } }, now)).toBe(true);
    expect(holds({ DateEquals: { 'aws:CurrentTime': '2025-06-01T14:00:00+02:00' } }, now)).toBe(true);
    expect(holds({ DateNotEquals: { 'aws:CurrentTime': '2025-06-01T12:00:00Z' } }, now)).toBe(false);
    expect(holds({ DateGreaterThanEquals: { 'aws:EpochTime': '2025-06-01T12:00:00Z' } }, { 'aws:EpochTime': 1748779200 })).toBe(true);
    expect(holds({ DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } }, {})).toBe(false);
  });

  // "this identity-based policy uses the Bool condition operator with the aws:SecureTransport key to
  // deny all S3 actions on a bucket and its contents if the request is not over SSL" (Boolean)
  it('Bool: the documented SecureTransport guard', () => {
    const policies = [
      identity(allow(), {
        Effect: 'Deny',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ];
    const get = (context: RequestContext) => evaluate(req({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/x', context }), policies).decision;
    expect(get({ 'aws:SecureTransport': false })).toBe('ExplicitDeny');
    expect(get({ 'aws:SecureTransport': 'false' })).toBe('ExplicitDeny');
    expect(get({ 'aws:SecureTransport': true })).toBe('Allow');
    expect(get({})).toBe('Allow');
  });

  // "It compares the value of the specified key byte for byte against a base-64 encoded
  // representation of the binary value in the policy." (Binary condition operators)
  it('BinaryEquals compares the base-64 text', () => {
    expect(
      holds(
        { BinaryEquals: { 'kms:RecipientAttestation:ImageSha384': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } },
        { 'kms:RecipientAttestation:ImageSha384': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' },
      ),
    ).toBe(true);
    expect(
      holds({ BinaryEquals: { 'kms:RecipientAttestation:ImageSha384': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { 'kms:RecipientAttestation:ImageSha384': 'AAAA' }),
    ).toBe(false);
  });

  // "the request must come from the IP range 203.0.113.0 to 203.0.113.255"; "mix IPv4 and IPv6
  // addresses"; "The aws:SourceIp key is always present in the request context, except when the
  // requester uses a VPC endpoint to make the request. In this case, the condition returns false."
  it.each([
    ['203.0.113.0/24', '203.0.113.255', true],
    ['203.0.113.0/24', '203.0.114.0', false],
    ['2001:DB8:1234:5678::/64', '2001:db8:1234:5678:abcd::1', true],
    ['2001:DB8:1234:5678::/64', '2001:db8:1234:5679::1', false],
    ['2001:DB8:1234:5678::/64', '203.0.113.7', false],
    ['203.0.113.7', '203.0.113.7', true],
    ['203.0.113.7', '203.0.113.8', false],
    ['10.0.0.0/8', '10.255.255.255', true],
  ] as const)('IpAddress %s with %s: %s', (range, ip, expected) => {
    expect(holds({ IpAddress: { 'aws:SourceIp': range } }, { 'aws:SourceIp': ip })).toBe(expected);
    expect(holds({ NotIpAddress: { 'aws:SourceIp': range } }, { 'aws:SourceIp': ip })).toBe(!expected);
  });
  it('IpAddress is false and NotIpAddress true when the request came through a VPC endpoint', () => {
    expect(holds({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' })).toBe(false);
    expect(holds({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceVpce': 'vpce-0a1b2c3d' })).toBe(true);
  });

  // "if the following pattern is used for matching: arn:aws:someservice:*:111122223333:finance/* And
  // the following value is in the request: arn:aws:someservice:us-east-2:999999999999:store/abc:
  // 111122223333:finance/document.txt With a StringLike condition, the match succeeds … With an
  // ArnLike condition, which matches elements between colons, the match fails." "The ArnEquals and
  // ArnLike condition operators behave identically." (ARN condition operators)
  it('ArnLike matches segment by segment, StringLike the whole text', () => {
    const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
    const context = { 'aws:SourceArn': 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' };
    expect(holds({ StringLike: { 'aws:SourceArn': pattern } }, context)).toBe(true);
    expect(holds({ ArnLike: { 'aws:SourceArn': pattern } }, context)).toBe(false);
    expect(holds({ ArnEquals: { 'aws:SourceArn': pattern } }, context)).toBe(false);
    expect(holds({ ArnNotLike: { 'aws:SourceArn': pattern } }, context)).toBe(true);
    const inside = { 'aws:SourceArn': 'arn:aws:someservice:us-east-2:111122223333:finance/a:b' };
    expect(holds({ ArnLike: { 'aws:SourceArn': pattern } }, inside)).toBe(true);
    expect(holds({ ArnEquals: { 'aws:SourceArn': pattern } }, inside)).toBe(true);
    expect(holds({ ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } }, {})).toBe(true);
  });

  // "Use a Null condition operator to check if a condition key is absent at the time of
  // authorization … true (the key doesn't exist — it is null) or false (the key exists and its
  // value is not null)."
  it('Null', () => {
    expect(holds({ Null: { 'aws:TokenIssueTime': 'true' } }, {})).toBe(true);
    expect(holds({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' })).toBe(false);
    expect(holds({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' })).toBe(true);
    expect(holds({ Null: { 'aws:TokenIssueTime': 'false' } }, {})).toBe(false);
  });

  // "If the key is not present, evaluate the condition element as true." "If you are using an
  // "Effect": "Deny" element with a negated condition operator like StringNotEqualsIfExists, the
  // request is still denied even if the tag is missing." (…IfExists condition operators)
  it('IfExists: a missing key passes, a present key is checked', () => {
    expect(holds({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } }, {})).toBe(true);
    expect(holds({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } }, { 'aws:SourceVpce': 'vpce-11112222' })).toBe(false);
    expect(holds({ NumericLessThanEqualsIfExists: { 's3:max-keys': '10' } }, {})).toBe(true);
    const guard = [identity(allow(), deny({ Condition: { StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'app' } } }))];
    expect(evaluate(req({ context: {} }), guard).decision).toBe('ExplicitDeny');
    expect(evaluate(req({ context: { 'aws:PrincipalTag/team': 'app' } }), guard).decision).toBe('Allow');
  });

  // "ForAllValues … also returns true if there are no context keys in the request or if the context
  // key value resolves to a null dataset, such as an empty string"; ForAnyValue "returns false" then.
  // The table of "Multivalued context key examples" for "ForAllValues:StringNotLike":
  // {"aws:TagKeys": "key1*"}: key1:legal → no match; key2:audit → match; no aws:TagKeys → match.
  it.each([
    ['ForAllValues, every value listed', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } }, { 'aws:TagKeys': ['team'] }, true],
    ['ForAllValues, one value not listed', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } }, { 'aws:TagKeys': ['team', 'cost'] }, false],
    ['ForAllValues on a missing key', { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }, {}, true],
    ['ForAllValues on an empty set', { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': [] }, true],
    ['ForAnyValue, one value listed', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['cost', 'team'] }, true],
    ['ForAnyValue, none listed', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['cost'] }, false],
    ['ForAnyValue on a missing key', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, {}, false],
    ['ForAnyValue on an empty set', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': [] }, false],
    [
      'ForAllValues:StringNotLike key1* with key1:legal',
      { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } },
      { 'aws:TagKeys': ['key1:legal'] },
      false,
    ],
    ['ForAllValues:StringNotLike key1* with key2:audit', { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } }, { 'aws:TagKeys': ['key2:audit'] }, true],
    ['ForAllValues:StringNotLike key1* without aws:TagKeys', { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } }, {}, true],
    [
      'ForAnyValue:StringLike on org paths',
      { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-abcdefghij/r-ab12/ou-ab12-11111111/*' } },
      { 'aws:PrincipalOrgPaths': ['o-abcdefghij/r-ab12/ou-ab12-11111111/ou-ab12-33333333/'] },
      true,
    ],
    // A set operator on a single-valued key treats it as a one-value set ("can lead to overly permissive policies").
    [
      'ForAllValues on a single-valued key',
      { 'ForAllValues:StringEquals': { 'aws:SourceVpce': 'vpce-0a1b2c3d' } },
      { 'aws:SourceVpce': 'vpce-0a1b2c3d' },
      true,
    ],
    // "Multivalued context keys require a condition set operator" (policygen's reading: no match).
    ['a multivalued key without a set operator', { StringEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['team'] }, false],
  ] as const)('%s', (_, condition, context, expected) => expect(holds(condition, context)).toBe(expected));
});

describe('policy variables', () => {
  const user = { arn: `arn:aws:iam::${ACCOUNT}:user/David` };
  // The documented home-directory policy: "Resource": ["arn:aws:s3:::mybucket/${aws:username}/*"]
  // and "StringLike": {"s3:prefix": ["${aws:username}/*"]}.
  it('substitutes ${aws:username} in Resource and in conditions', () => {
    const policies = [
      identity(
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::mybucket', Condition: { StringLike: { 's3:prefix': ['${aws:username}/*'] } } },
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::mybucket/${aws:username}/*' },
      ),
    ];
    const get = (key: string) =>
      evaluate({ principal: user, action: 's3:GetObject', resource: `arn:aws:s3:::mybucket/${key}`, context: { 'aws:username': 'David' } }, policies).decision;
    expect(get('David/notes.txt')).toBe('Allow');
    expect(get('Adele/notes.txt')).toBe('ImplicitDeny');
    const list = (prefix: string) =>
      evaluate(
        { principal: user, action: 's3:ListBucket', resource: 'arn:aws:s3:::mybucket', context: { 'aws:username': 'David', 's3:prefix': prefix } },
        policies,
      ).decision;
    expect(list('David/photos/')).toBe('Allow');
    expect(list('Adele/')).toBe('ImplicitDeny');
  });

  it('a variable without a value matches nothing, unless it has a default', () => {
    const resourceOf = (Resource: string, context: RequestContext) =>
      evaluate({ principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::mybucket/company-wide/x', context }, [
        identity({ Effect: 'Allow', Action: 's3:GetObject', Resource }),
      ]).decision;
    expect(resourceOf('arn:aws:s3:::mybucket/${aws:PrincipalTag/team}/*', {})).toBe('ImplicitDeny');
    expect(resourceOf("arn:aws:s3:::mybucket/${aws:PrincipalTag/team, 'company-wide'}/*", {})).toBe('Allow');
    expect(resourceOf("arn:aws:s3:::mybucket/${aws:PrincipalTag/team, 'company-wide'}/*", { 'aws:PrincipalTag/team': 'app' })).toBe('ImplicitDeny');
    expect(holds({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } }, { 'aws:ResourceAccount': ACCOUNT })).toBe(false);
    expect(
      holds({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } }, { 'aws:ResourceAccount': ACCOUNT, 'aws:PrincipalAccount': ACCOUNT }),
    ).toBe(true);
    expect(holds({ StringNotEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } }, { 'aws:ResourceAccount': ACCOUNT })).toBe(false);
  });

  // "${*} - use where you need an * (asterisk) character. ${?} - … a ? (question mark) character.
  // ${$} - … a $ (dollar sign) character."
  it('${*}, ${?} and ${$} stand for the literal characters', () => {
    expect(holds({ StringLike: { 's3:prefix': 'a${*}b' } }, { 's3:prefix': 'a*b' })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'a${*}b' } }, { 's3:prefix': 'axb' })).toBe(false);
    expect(holds({ StringLike: { 's3:prefix': 'a${?}' } }, { 's3:prefix': 'a?' })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'a${?}' } }, { 's3:prefix': 'ax' })).toBe(false);
    expect(holds({ StringEquals: { 's3:prefix': '${$}{aws:username}' } }, { 's3:prefix': '${aws:username}', 'aws:username': 'x' })).toBe(true);
  });

  it('a value that contains * stays literal when substituted', () => {
    expect(holds({ StringLike: { 'aws:PrincipalTag/team': '${aws:username}' } }, { 'aws:PrincipalTag/team': 'ops', 'aws:username': '*' })).toBe(false);
  });

  it('a multivalued key is no policy variable', () => {
    expect(holds({ StringEquals: { 'aws:PrincipalTag/team': '${aws:TagKeys}' } }, { 'aws:PrincipalTag/team': 'team', 'aws:TagKeys': ['team'] })).toBe(false);
  });
});

describe('ECR image pull path (ECS-EXEC, DOMAIN.md §3)', () => {
  const VPCE = 'vpce-0a1b2c3d4e5f60718';
  const VPC = 'vpc-0a1b2c3d4e5f60718';
  // The documented task execution role: pull actions conditioned on the endpoint and VPC,
  // GetAuthorizationToken and the logs actions in a statement without them.
  const executionRole = identity(
    {
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:sourceVpce': VPCE, 'aws:sourceVpc': VPC } },
    },
    { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
  );
  const viaEndpoint = (vpce: string) => ({ 'aws:SourceVpce': vpce, 'aws:SourceVpc': VPC });

  run([
    { name: 'BatchGetImage through the named endpoint is allowed', policies: [executionRole], request: req({ context: viaEndpoint(VPCE) }), expected: 'Allow' },
    {
      name: 'BatchGetImage through another endpoint is denied',
      policies: [executionRole],
      request: req({ context: viaEndpoint('vpce-11112222') }),
      expected: 'ImplicitDeny',
    },
    {
      name: 'BatchGetImage over the internet (no endpoint keys) is denied',
      policies: [executionRole],
      request: req({ context: { 'aws:SourceIp': '203.0.113.7' } }),
      expected: 'ImplicitDeny',
    },
    {
      name: 'GetAuthorizationToken in the statement without VPC conditions is allowed',
      policies: [executionRole],
      request: req({ action: 'ecr:GetAuthorizationToken', resource: '*', context: {} }),
      expected: 'Allow',
    },
    {
      // "The ecr:GetAuthorizationToken API action cannot have the aws:sourceVpc or aws:sourceVpce
      // condition keys applied to it because the GetAuthorizationToken API call goes through the
      // elastic network interface owned by AWS Fargate": the request carries no such key.
      name: 'GetAuthorizationToken with a VPC condition is denied: the key is absent',
      policies: [identity({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': VPCE } } })],
      request: req({ action: 'ecr:GetAuthorizationToken', resource: '*', context: {} }),
      expected: 'ImplicitDeny',
    },
  ]);

  // The layer download: an ECR service account signs the presigned URL and the bucket is AWS's, so
  // only the S3 gateway endpoint policy is the user's to get right (ECR-VPCE, DP): Principal "*" and
  // no account condition on the layer statement.
  const SIGNER = 'arn:aws:iam::999988887777:role/ecr-layer-signer';
  const layer = (statement: Statement) =>
    evaluate(
      {
        principal: { arn: SIGNER },
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/sha256/abc',
        resourceAccount: '999988887777',
        context: { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:PrincipalAccount': '999988887777' },
      },
      [
        { label: 'aws-side', kind: 'identity', document: doc(allow({ Action: 's3:GetObject' })) },
        {
          label: 's3-gateway',
          kind: 'vpc-endpoint',
          endpointType: 'gateway',
          document: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', ...statement }),
        },
      ],
    );
  it('the layer download passes a gateway endpoint policy that allows the starport bucket', () => {
    expect(layer({ Resource: 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*' }).decision).toBe('Allow');
  });
  it('the layer download fails when the endpoint policy lacks the starport bucket', () => {
    expect(layer({ Resource: 'arn:aws:s3:::my-bucket/*' })).toMatchObject({ decision: 'ImplicitDeny', missingAllow: ['vpc-endpoint'] });
  });
  it("the layer download fails when the layer statement is scoped to the user's account", () => {
    const scoped = { Resource: 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } };
    expect(layer(scoped).decision).toBe('ImplicitDeny');
  });
});
