import fc from 'fast-check';

/**
 * Values a JavaScript caller (or a cast) can hand a public function: wrong types, null, lists for
 * objects, objects for lists, huge and deeply nested values, and now and then a right one.
 */

const nest = (depth: number, leaf: unknown, asObject: boolean): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asObject ? { Statement: value, a: value === leaf ? 1 : undefined } : [value];
  return value;
};

/** A deep list or object: 10 to 2,000 levels (JSON.stringify itself overflows not far beyond). */
export const deep = fc.tuple(fc.integer({ min: 10, max: 2_000 }), fc.boolean()).map(([depth, asObject]) => nest(depth, 'x', asObject));

/** Big but shallow: a long string, a long list, a wide object. */
export const huge = fc.oneof(
  fc.integer({ min: 10_000, max: 50_000 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 500, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => `ecr:Action${i}`)),
  fc.integer({ min: 500, max: 3_000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
);

/** One value of the wrong kind, or of no kind at all. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(undefined, null, 0, -1, 5, NaN, Infinity, true, false, '', ' ', 'x', [], {}, [null], { Statement: 5 }) },
  {
    weight: 3,
    arbitrary: fc.anything({
      maxDepth: 3,
      withNullPrototype: true,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(Symbol('s'), () => undefined, 10n, new Error('e'), new Uint8Array([0xff, 0xfe])) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: huge },
);

/** A field value: usually one a caller means (`good`), otherwise junk. */
export const field = (...good: readonly unknown[]): fc.Arbitrary<unknown> =>
  good.length === 0 ? junk : fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: junk });

/** An options object with some of its fields, each good or junk; or junk instead of the object. */
export const optionsOf = (shape: Readonly<Record<string, fc.Arbitrary<unknown>>>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: fc.record(shape, { requiredKeys: [] }) }, { weight: 1, arbitrary: junk });

/** A policy statement, plausible or not. */
export const statement: fc.Arbitrary<unknown> = optionsOf({
  Sid: field('A', 'a b'),
  Effect: field('Allow', 'Deny', 'allow'),
  Principal: field('*', { AWS: '111122223333' }, { Service: ['ecs-tasks.amazonaws.com'] }, { AWS: [5] }),
  NotPrincipal: field({ AWS: '*' }),
  Action: field('ecr:BatchGetImage', ['s3:GetObject', 'ecr:*'], '*', 'ecr:', ['*:*']),
  NotAction: field('iam:*'),
  Resource: field('*', 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*', ['arn:aws:ecr:us-east-1:111122223333:repository/a'], 'arn:${aws:username}'),
  NotResource: field('arn:aws:s3:::b/*'),
  Condition: field(
    { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
    { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgID': ['o-*'] } },
    { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    { DateGreaterThan: { 'aws:CurrentTime': 'x' } },
    { Null: { 'aws:SourceVpc': 'maybe' } },
    { StringEquals: 5 },
  ),
});

/** A policy document, plausible or not. */
export const policyDocument: fc.Arbitrary<unknown> = optionsOf({
  Version: field('2012-10-17', '2008-10-17', '2020-01-01'),
  Id: field('x'),
  Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })),
});
