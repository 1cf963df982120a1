import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONDITION_OPERATOR, isPlainPolicyDocument } from '../../src/model/plain-policy';
import { validateIamPolicyDocument } from '../../src/model/validators.generated';

// isPlainPolicyDocument may only say yes where the schema validator says yes: otherwise lint would
// pass a policy the grammar rejects. Documents are built near the grammar, so that both answers are common.

const scalar = fc.oneof(fc.constantFrom('*', 'ecr:BatchGetImage', 'arn:aws:s3:::b/*', '', 'Allow'), fc.integer(), fc.boolean(), fc.constant(null));
const stringOrStrings = fc.oneof(
  fc.constantFrom('*', 's3:GetObject'),
  fc.array(fc.oneof(fc.constantFrom('ecr:*', 'logs:PutLogEvents'), scalar), { maxLength: 3 }),
);
const principal = fc.oneof(
  fc.constantFrom('*', 'AWS', ''),
  fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser', 'Other', '__proto__'), stringOrStrings, { maxKeys: 3 }),
  stringOrStrings,
);
const operator = fc.constantFrom(
  'StringEquals',
  'ForAnyValue:StringLikeIfExists',
  'ArnNotLike',
  'Null',
  'NullIfExists',
  'NumericLessThanEquals',
  'StringEqual',
  'Bool',
  'ForAllValues:IpAddress',
);
const conditionValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constant({ nested: 'x' }), fc.array(fc.constant([]), { maxLength: 1 }));
const condition = fc.oneof(
  fc.dictionary(
    operator,
    fc.oneof(fc.dictionary(fc.constantFrom('aws:SourceVpce', 'aws:TagKeys', 'ecr:ResourceTag/team'), conditionValue, { maxKeys: 2 }), scalar),
    { maxKeys: 3 },
  ),
  scalar,
);
const strings = fc.oneof(fc.constantFrom('*', 's3:GetObject'), fc.array(fc.constantFrom('ecr:*', 'logs:PutLogEvents', ''), { maxLength: 3 }));
/** Valid statements: the mutations below break them one field at a time. */
const goodStatement = fc.record(
  {
    Sid: fc.constantFrom('A1', ''),
    Effect: fc.constantFrom('Allow', 'Deny'),
    Principal: fc.oneof(fc.constant('*'), fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser'), strings, { minKeys: 1, maxKeys: 2 })),
    Action: strings,
    Resource: strings,
    Condition: fc.dictionary(operator, fc.dictionary(fc.constantFrom('aws:SourceVpce', 'aws:TagKeys'), conditionValue, { maxKeys: 2 }), { maxKeys: 2 }),
  },
  { requiredKeys: ['Effect', 'Action'] },
);
const statementField = fc.constantFrom('Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Effekt');
const statement = fc.oneof(
  { weight: 4, arbitrary: goodStatement },
  {
    // One field set to something else, or removed.
    weight: 4,
    arbitrary: fc
      .tuple(goodStatement, statementField, fc.oneof(scalar, stringOrStrings, principal, condition), fc.boolean())
      .map(([s, field, value, remove]) => {
        const copy: Record<string, unknown> = { ...s };
        if (remove) delete copy[field];
        else copy[field] = value;
        return copy;
      }),
  },
  { weight: 1, arbitrary: fc.dictionary(statementField, fc.oneof(scalar, stringOrStrings), { maxKeys: 4 }) },
  { weight: 1, arbitrary: scalar },
);
const document = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record(
      {
        Version: fc.oneof(fc.constantFrom('2012-10-17', '2008-10-17'), fc.constantFrom('2012-10-17', '2012-10-18'), scalar),
        Id: fc.oneof(fc.constant('id'), scalar),
        Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 })),
      },
      { requiredKeys: ['Statement'] },
    ),
  },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('Version', 'Id', 'Statement', 'Extra'), fc.oneof(scalar, statement), { maxKeys: 3 }) },
);

describe('isPlainPolicyDocument', () => {
  it('should accept only documents the schema validator accepts', () => {
    fc.assert(
      fc.property(document, (doc) => {
        if (isPlainPolicyDocument(doc)) expect(validateIamPolicyDocument(doc)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('should accept only documents the schema validator accepts, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        if (isPlainPolicyDocument(doc)) expect(validateIamPolicyDocument(doc)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it('should meet both answers in the generated documents (the property above is not vacuous)', () => {
    const answers = fc.sample(document, { numRuns: 2_000, seed: 7 }).map((doc) => [isPlainPolicyDocument(doc), validateIamPolicyDocument(doc)]);
    expect(answers.filter(([plain]) => plain).length).toBeGreaterThan(100);
    expect(answers.filter(([, valid]) => !valid).length).toBeGreaterThan(100);
  });

  it('should use the condition operator pattern of schemas/iam-policy.schema.json', () => {
    const schema = JSON.parse(readFileSync(path.join(__dirname, '../../schemas/iam-policy.schema.json'), 'utf8'));
    expect(Object.keys(schema.definitions.IamConditionBlock.patternProperties)).toEqual([CONDITION_OPERATOR.source]);
  });

  const corpus = path.join(__dirname, '../../../shared/corpus/aws-managed-policies');
  (existsSync(corpus) ? it : it.skip)('should accept every AWS managed policy the validator accepts (the fast path covers real policies)', () => {
    const documents = readdirSync(corpus).map((f) => JSON.parse(readFileSync(path.join(corpus, f), 'utf8')) as unknown);
    const valid = documents.filter((d) => validateIamPolicyDocument(d));
    expect(valid.length).toBeGreaterThan(1_500);
    expect(valid.filter((d) => !isPlainPolicyDocument(d))).toEqual([]);
  });
});
