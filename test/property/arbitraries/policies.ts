import fc from 'fast-check';

/**
 * Random IAM policies and requests for the evaluator's differential tests, biased toward what an
 * image pull touches: ECR, S3 (the layer bucket) and CloudWatch Logs, with the condition keys
 * policygen writes (VPC endpoint, organization, account) and the operator families IAM has.
 * Small closed vocabularies on purpose: random policies and random requests must often meet.
 * Every action is a real one (iam-data), so evaluators that check actions accept them.
 */

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
/** The account that owns the ECR layer bucket, as far as a caller can tell: not theirs. */
export const AWS_OWNED_ACCOUNT = '999988887777';
const REGION = 'us-east-1';

type Json = string | number | boolean | Json[] | { [key: string]: Json };
export type WireDocument = { Version?: string; Statement: { [key: string]: Json }[] };

export interface GeneratedPolicy {
  readonly label: string;
  readonly kind: 'identity' | 'resource' | 'vpc-endpoint';
  readonly document: WireDocument;
}

export interface GeneratedRequest {
  readonly principal: string;
  readonly principalIsService: boolean;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  /** Strings and lists of strings only: the shape both evaluators take. */
  readonly context: Record<string, string | string[]>;
}

export interface GeneratedCase {
  readonly request: GeneratedRequest;
  readonly policies: readonly GeneratedPolicy[];
}

const EXEC_ROLE = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;
const EXEC_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ecsTaskExecutionRole/task-1`;
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
const OTHER_ROLE = `arn:aws:iam::${OTHER_ACCOUNT}:role/deployer`;
const SERVICE = 'ecs-tasks.amazonaws.com';
const PRINCIPALS = [EXEC_ROLE, EXEC_SESSION, USER, OTHER_ROLE] as const;

const REPOSITORIES = ['app', 'app/web', 'base', 'App'] as const;
const LAYER_BUCKET = `prod-${REGION}-starport-layer-bucket`;
const BUCKETS = [LAYER_BUCKET, 'my-bucket', 'other-bucket'] as const;
const OBJECT_KEYS = ['sha256/abc', 'alice/notes.txt', 'x'] as const;
const LOG_GROUPS = ['/ecs/app', '/ecs/other'] as const;
const VPCES = ['vpce-0a1b2c3d', 'vpce-11112222'] as const;
const VPCS = ['vpc-0a1b2c3d', 'vpc-99998888'] as const;
const ORGS = ['o-abcdefghij', 'o-zzzzzzzzzz'] as const;
const ORG_PATHS = ['o-abcdefghij/r-ab12/ou-ab12-11111111/', 'o-abcdefghij/r-ab12/ou-ab12-22222222/', 'o-zzzzzzzzzz/r-zz99/'] as const;
const IPS = ['10.0.1.5', '203.0.113.7', '2001:db8::1', '2001:db9::5'] as const;
const TIMES = ['2024-01-01T00:00:00Z', '2025-06-01T12:00:00Z', '2026-03-15T08:30:00Z'] as const;
const TAG_KEYS = ['team', 'env', 'cost'] as const;
const TEAMS = ['app', 'base', 'ops'] as const;
const USERNAMES = ['alice', 'bob'] as const;

/** Real actions (iam-data), each with the resource its requests carry. */
const ACTIONS: readonly { action: string; resource: fc.Arbitrary<{ resource: string; account: string }> }[] = (() => {
  const repository = fc
    .tuple(fc.constantFrom(ACCOUNT, OTHER_ACCOUNT), fc.constantFrom(...REPOSITORIES))
    .map(([account, name]) => ({ resource: `arn:aws:ecr:${REGION}:${account}:repository/${name}`, account }));
  const none = fc.constant({ resource: '*', account: ACCOUNT });
  const bucketOwner = (bucket: string) => (bucket === LAYER_BUCKET ? fc.constant(AWS_OWNED_ACCOUNT) : fc.constantFrom(ACCOUNT, OTHER_ACCOUNT));
  const object = fc
    .tuple(fc.constantFrom(...BUCKETS), fc.constantFrom(...OBJECT_KEYS))
    .chain(([bucket, key]) => bucketOwner(bucket).map((account) => ({ resource: `arn:aws:s3:::${bucket}/${key}`, account })));
  const bucket = fc.constantFrom(...BUCKETS).chain((b) => bucketOwner(b).map((account) => ({ resource: `arn:aws:s3:::${b}`, account })));
  const logStream = fc
    .tuple(fc.constantFrom(ACCOUNT, OTHER_ACCOUNT), fc.constantFrom(...LOG_GROUPS))
    .map(([account, group]) => ({ resource: `arn:aws:logs:${REGION}:${account}:log-group:${group}:log-stream:ecs/app/1`, account }));
  const logGroup = fc
    .tuple(fc.constantFrom(ACCOUNT, OTHER_ACCOUNT), fc.constantFrom(...LOG_GROUPS))
    .map(([account, group]) => ({ resource: `arn:aws:logs:${REGION}:${account}:log-group:${group}`, account }));
  return [
    { action: 'ecr:GetAuthorizationToken', resource: none },
    { action: 'ecr:BatchGetImage', resource: repository },
    { action: 'ecr:GetDownloadUrlForLayer', resource: repository },
    { action: 'ecr:BatchCheckLayerAvailability', resource: repository },
    { action: 'ecr:PutImage', resource: repository },
    { action: 's3:GetObject', resource: object },
    { action: 's3:PutObject', resource: object },
    { action: 's3:ListBucket', resource: bucket },
    { action: 'logs:PutLogEvents', resource: logStream },
    { action: 'logs:CreateLogStream', resource: logStream },
    { action: 'logs:CreateLogGroup', resource: logGroup },
    { action: 'logs:DescribeLogGroups', resource: none },
  ];
})();

const ACTION_PATTERNS = [
  ...ACTIONS.map((a) => a.action),
  'ECR:batchgetimage',
  'ecr:*',
  'ecr:Batch*',
  'ecr:Get*',
  's3:Get?bject',
  's3:*Object',
  's3:*',
  'logs:*',
  'logs:Put*',
  'logs:Create???Stream',
  '*',
] as const;

const RESOURCE_PATTERNS = [
  '*',
  `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app`,
  `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/*`,
  `arn:aws:ecr:*:${ACCOUNT}:repository/app*`,
  `arn:aws:ecr:${REGION}:*:repository/app`,
  `arn:aws:ecr:us-east-?:${ACCOUNT}:repository/base`,
  `arn:aws:ecr:${REGION}:${OTHER_ACCOUNT}:repository/*`,
  `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/\${aws:PrincipalTag/team}`,
  `arn:aws:ecr:${REGION}:\${aws:PrincipalAccount}:repository/*`,
  'arn:aws:ecr:*',
  `arn:aws:s3:::${LAYER_BUCKET}/*`,
  'arn:aws:s3:::prod-*-starport-layer-bucket/*',
  'arn:aws:s3:::my-bucket',
  'arn:aws:s3:::my-bucket/*',
  'arn:aws:s3:::*/alice/*',
  'arn:aws:s3:::my-bucket/${aws:username}/*',
  'arn:aws:s3:::my-bucket/${*}',
  'arn:aws:s3:::*',
  `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/app:*`,
  `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/app`,
  'arn:aws:logs:*:*:log-group:*',
  `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/*`,
  `arn:aws:logs:${REGION}:*:*`,
] as const;

type KeyType = 'string' | 'arn' | 'bool' | 'ip' | 'date' | 'numeric';
interface KeySpec {
  readonly key: string;
  readonly type: KeyType;
  readonly multi?: boolean;
  readonly policyValues: readonly string[];
}

const KEYS: readonly KeySpec[] = [
  { key: 'aws:SourceVpce', type: 'string', policyValues: [...VPCES, 'vpce-*', 'vpce-0a1b????', 'VPCE-0A1B2C3D', '${aws:SourceVpce}', 'vpce-${*}'] },
  { key: 'aws:SourceVpc', type: 'string', policyValues: [...VPCS, 'vpc-9999*'] },
  { key: 'aws:PrincipalOrgID', type: 'string', policyValues: [...ORGS, 'o-*'] },
  { key: 'aws:ResourceAccount', type: 'string', policyValues: [ACCOUNT, OTHER_ACCOUNT, '${aws:PrincipalAccount}', '1111*'] },
  { key: 'aws:PrincipalAccount', type: 'string', policyValues: [ACCOUNT, OTHER_ACCOUNT] },
  {
    key: 'aws:PrincipalArn',
    type: 'arn',
    policyValues: [EXEC_ROLE, `arn:aws:iam::${ACCOUNT}:role/*`, 'arn:aws:iam::*:role/deployer', `arn:aws:iam::${ACCOUNT}:*`],
  },
  { key: 'aws:PrincipalTag/team', type: 'string', policyValues: [...TEAMS, 'a*', '${aws:username}'] },
  { key: 'aws:username', type: 'string', policyValues: [...USERNAMES, "${aws:PrincipalTag/team, 'alice'}"] },
  { key: 'aws:SecureTransport', type: 'bool', policyValues: ['true', 'false', 'True'] },
  { key: 'aws:SourceIp', type: 'ip', policyValues: ['10.0.0.0/16', '203.0.113.0/24', '2001:db8::/32', '10.0.1.5', '0.0.0.0/0'] },
  { key: 'aws:CurrentTime', type: 'date', policyValues: [...TIMES, '2025-01-01', '1735689600'] },
  { key: 's3:max-keys', type: 'numeric', policyValues: ['5', '10', '100', '10.0'] },
  { key: 'aws:TagKeys', type: 'string', multi: true, policyValues: [...TAG_KEYS, 'c*', 'TEAM'] },
  { key: 'aws:PrincipalOrgPaths', type: 'string', multi: true, policyValues: [...ORG_PATHS, 'o-abcdefghij/*', 'o-abcdefghij/r-ab12/ou-ab12-11111111/*'] },
];

const OPERATORS: Record<KeyType, readonly string[]> = {
  string: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
  arn: ['ArnLike', 'ArnEquals', 'ArnNotLike', 'ArnNotEquals', 'StringLike', 'StringEquals'],
  bool: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
  date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
};

const oneOrMany = <T>(values: readonly T[]) =>
  fc.subarray([...values], { minLength: 1, maxLength: Math.min(3, values.length) }).map((v) => (v.length === 1 ? v[0]! : v));

/**
 * What a request offers its policies: its action, resource, principal and context values. Statements
 * draw from these about half the time, so random policies often apply to the request (else nearly
 * every case would be an implicit deny and prove little).
 */
export interface RequestHints {
  readonly action: string;
  readonly resource: string;
  readonly principal: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}

const biased = <T>(hinted: readonly T[], pool: readonly T[]) =>
  hinted.length === 0
    ? oneOrMany(pool)
    : fc.oneof({ arbitrary: oneOrMany([...new Set([...hinted, ...pool.slice(0, 2)])]), weight: 2 }, { arbitrary: oneOrMany(pool), weight: 1 });

/** One condition: operator (with optional set operator and IfExists), key, values. */
function condition(hints: RequestHints): fc.Arbitrary<[string, string, Json]> {
  return fc.constantFrom(...KEYS).chain((spec) => {
    const present = hints.context[spec.key];
    const fromRequest = present === undefined ? [] : Array.isArray(present) ? (present as string[]) : [present as string];
    const nullCheck = fc.constantFrom('true', 'false').map((v): [string, string, Json] => ['Null', spec.key, v]);
    const compared = fc
      .record({
        operator: fc.constantFrom(...OPERATORS[spec.type]),
        // Multivalued keys mostly with a set operator, single-valued ones rarely (both happen in the field).
        set: fc.oneof(
          { arbitrary: fc.constant(''), weight: spec.multi ? 1 : 8 },
          { arbitrary: fc.constantFrom('ForAnyValue:', 'ForAllValues:'), weight: spec.multi ? 6 : 1 },
        ),
        ifExists: fc.oneof({ arbitrary: fc.constant(''), weight: 4 }, { arbitrary: fc.constant('IfExists'), weight: 1 }),
        values: spec.type === 'string' || spec.type === 'arn' ? biased(fromRequest, spec.policyValues) : oneOrMany(spec.policyValues),
      })
      .map(({ operator, set, ifExists, values }): [string, string, Json] => [`${set}${operator}${ifExists}`, spec.key, values]);
    return fc.oneof({ arbitrary: compared, weight: 6 }, { arbitrary: nullCheck, weight: 1 });
  });
}

const conditionBlock = (hints: RequestHints): fc.Arbitrary<{ [op: string]: { [key: string]: Json } }> =>
  fc.array(condition(hints), { minLength: 1, maxLength: 3 }).map((list) => {
    const block: { [op: string]: { [key: string]: Json } } = {};
    for (const [operator, key, values] of list) (block[operator] ??= {})[key] = values;
    return block;
  });

const principalElement = (hints: RequestHints): fc.Arbitrary<Json> =>
  fc.oneof<fc.WeightedArbitrary<Json>[]>(
    { arbitrary: fc.constant('*'), weight: 3 },
    { arbitrary: fc.constant({ AWS: '*' }), weight: 1 },
    { arbitrary: fc.constantFrom(ACCOUNT, OTHER_ACCOUNT).map((a) => ({ AWS: a })), weight: 2 },
    { arbitrary: fc.constantFrom(ACCOUNT, OTHER_ACCOUNT).map((a) => ({ AWS: `arn:aws:iam::${a}:root` })), weight: 2 },
    { arbitrary: oneOrMany([EXEC_ROLE, USER, OTHER_ROLE, EXEC_SESSION]).map((v) => ({ AWS: v })), weight: 3 },
    { arbitrary: fc.constant<Json>(hints.principal === SERVICE ? { Service: SERVICE } : { AWS: hints.principal }), weight: 2 },
    { arbitrary: fc.constant({ Service: SERVICE }), weight: 1 },
  );

function statement(kind: GeneratedPolicy['kind'], hints: RequestHints): fc.Arbitrary<{ [key: string]: Json }> {
  return fc
    .record({
      sid: fc.option(fc.constantFrom('Pull', 'Layers', 'Logs', 'Guard'), { nil: undefined }),
      effect: fc.oneof({ arbitrary: fc.constant('Allow'), weight: 3 }, { arbitrary: fc.constant('Deny'), weight: 1 }),
      notAction: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 }),
      actions: biased([hints.action], ACTION_PATTERNS),
      notResource: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 }),
      resources: biased([hints.resource], RESOURCE_PATTERNS),
      principal: principalElement(hints),
      notPrincipal: fc.oneof({ arbitrary: fc.constant(false), weight: 8 }, { arbitrary: fc.constant(true), weight: 1 }),
      condition: fc.option(conditionBlock(hints), { nil: undefined, freq: 2 }),
    })
    .map((s) => {
      const out: { [key: string]: Json } = {};
      if (s.sid !== undefined) out.Sid = s.sid;
      out.Effect = s.effect;
      // iam-simulate accepts only "Principal": "*" in endpoint policies (see regressions.test.ts).
      if (kind === 'vpc-endpoint') out.Principal = '*';
      else if (kind === 'resource') out[s.notPrincipal && s.effect === 'Deny' ? 'NotPrincipal' : 'Principal'] = s.principal;
      out[s.notAction ? 'NotAction' : 'Action'] = s.actions;
      out[s.notResource ? 'NotResource' : 'Resource'] = s.resources;
      if (s.condition !== undefined) out.Condition = s.condition;
      return out;
    });
}

const policy = (kind: GeneratedPolicy['kind'], label: string, hints: RequestHints): fc.Arbitrary<GeneratedPolicy> =>
  fc.array(statement(kind, hints), { minLength: 1, maxLength: 3 }).map((Statement) => ({ label, kind, document: { Version: '2012-10-17', Statement } }));

/** Identity policies (none to two), maybe a resource policy, maybe a VPC endpoint policy. */
export const policySet = (hints: RequestHints): fc.Arbitrary<GeneratedPolicy[]> =>
  fc
    .record({ identity: fc.integer({ min: 0, max: 2 }), resource: fc.boolean(), endpoint: fc.boolean() })
    .chain(({ identity, resource, endpoint }) =>
      fc.tuple(
        ...Array.from({ length: identity }, (_, i) => policy('identity', `identity-${i}`, hints)),
        ...(resource ? [policy('resource', 'resource', hints)] : []),
        ...(endpoint ? [policy('vpc-endpoint', 'endpoint', hints)] : []),
      ),
    );

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

export const request: fc.Arbitrary<GeneratedRequest> = fc
  .record({
    target: fc.constantFrom(...ACTIONS).chain(({ action, resource }) => resource.map((r) => ({ action, ...r }))),
    principal: fc.oneof({ arbitrary: fc.constantFrom(...PRINCIPALS), weight: 12 }, { arbitrary: fc.constant(SERVICE), weight: 1 }),
    viaEndpoint: fc.boolean(),
    vpce: fc.constantFrom(...VPCES),
    vpc: fc.constantFrom(...VPCS),
    sourceIp: maybe(fc.constantFrom(...IPS)),
    orgId: maybe(fc.constantFrom(...ORGS)),
    orgPaths: maybe(fc.subarray([...ORG_PATHS], { maxLength: 2 })),
    secureTransport: maybe(fc.constantFrom('true', 'false')),
    currentTime: maybe(fc.constantFrom(...TIMES)),
    maxKeys: maybe(fc.constantFrom('1', '10', '1000')),
    tagKeys: maybe(fc.subarray([...TAG_KEYS])),
    team: maybe(fc.constantFrom(...TEAMS)),
    principalKeys: fc.boolean(),
  })
  .map((r): GeneratedRequest => {
    const service = r.principal === SERVICE;
    const principalAccount = service ? undefined : r.principal.split(':')[4]!;
    const context: Record<string, string | string[]> = {};
    if (r.viaEndpoint) Object.assign(context, { 'aws:SourceVpce': r.vpce, 'aws:SourceVpc': r.vpc });
    else if (r.sourceIp !== undefined) context['aws:SourceIp'] = r.sourceIp;
    if (r.secureTransport !== undefined) context['aws:SecureTransport'] = r.secureTransport;
    if (r.currentTime !== undefined) context['aws:CurrentTime'] = r.currentTime;
    if (r.maxKeys !== undefined) context['s3:max-keys'] = r.maxKeys;
    if (r.tagKeys !== undefined) context['aws:TagKeys'] = r.tagKeys;
    if (!service) {
      if (r.orgId !== undefined) context['aws:PrincipalOrgID'] = r.orgId;
      if (r.orgPaths !== undefined) context['aws:PrincipalOrgPaths'] = r.orgPaths;
      if (r.team !== undefined) context['aws:PrincipalTag/team'] = r.team;
      if (r.principalKeys) {
        context['aws:PrincipalAccount'] = principalAccount!;
        context['aws:PrincipalArn'] = r.principal === EXEC_SESSION ? EXEC_ROLE : r.principal;
        if (r.principal === USER) context['aws:username'] = 'alice';
      }
    }
    if (r.principalKeys) context['aws:ResourceAccount'] = r.target.account;
    return {
      principal: r.principal,
      principalIsService: service,
      action: r.target.action,
      resource: r.target.resource,
      resourceAccount: r.target.account,
      context,
    };
  });

/** A request and the policies it meets. A service principal has no identity policies. */
export const evaluationCase: fc.Arbitrary<GeneratedCase> = request.chain((req) =>
  policySet(req).map((policies) => ({ request: req, policies: req.principalIsService ? policies.filter((p) => p.kind !== 'identity') : policies })),
);

/** One policy document of the given kind, drawn with the hints of a random request so that its statements often meet. */
export const policyDocument = (kind: GeneratedPolicy['kind']): fc.Arbitrary<WireDocument> => request.chain((r) => policy(kind, kind, r).map((p) => p.document));

/** Two policy documents of the same kind drawn with the same hints: they often talk about the same requests. */
export const policyDocumentPair = (kind: GeneratedPolicy['kind']): fc.Arbitrary<[WireDocument, WireDocument]> =>
  request.chain((r) => fc.tuple(policy(kind, 'a', r), policy(kind, 'b', r)).map(([a, b]): [WireDocument, WireDocument] => [a.document, b.document]));
