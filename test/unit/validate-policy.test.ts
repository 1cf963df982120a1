import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IamPolicyDocument } from '../../src/model/iam-policy.generated';
import { formatSchemaErrors, isPolicyDocument, validatePolicyDocument } from '../../src/model/validate-policy';
import { validateIamPolicyDocument } from '../../src/model/validators.generated';

const statement = (fields: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...fields }],
});

const VALID: readonly (readonly [string, unknown])[] = [
  [
    'the AWS managed AmazonECSTaskExecutionRolePolicy',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'ecr:GetAuthorizationToken',
            'ecr:BatchCheckLayerAvailability',
            'ecr:GetDownloadUrlForLayer',
            'ecr:BatchGetImage',
            'logs:CreateLogStream',
            'logs:PutLogEvents',
          ],
          Resource: '*',
        },
      ],
    },
  ],
  ['a single statement object, no Version (lint reports MISSING_VERSION)', { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }],
  [
    'version 2008-10-17 with an Id',
    { Version: '2008-10-17', Id: 'policy-1', Statement: [{ Sid: 'any string: resource policies allow it', Effect: 'Allow', Action: 's3:*' }] },
  ],
  ['Principal "*"', statement({ Principal: '*' })],
  ['Principal AWS as a string', statement({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } })],
  ['Principal Service as a list', statement({ Principal: { Service: ['ecs-tasks.amazonaws.com', 'ecs.amazonaws.com'] } })],
  ['Principal Federated and CanonicalUser', statement({ Principal: { Federated: 'cognito-identity.amazonaws.com', CanonicalUser: ['79a59df900b949e5'] } })],
  ['NotPrincipal', { Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::123456789012:role/admin'] }, Action: '*', Resource: '*' }] }],
  ['NotAction', { Statement: [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }] }],
  ['NotResource', { Statement: [{ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'] }] }],
  ['ForAnyValue:StringLike', statement({ Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['team-*'] } } })],
  ['StringEqualsIfExists', statement({ Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } } })],
  ['Null with a boolean and with a string', statement({ Condition: { Null: { 'aws:ResourceTag/team': false, 'aws:RequestTag/team': 'true' } } })],
  ['numeric and boolean values', statement({ Condition: { NumericLessThanEquals: { 's3:max-keys': 10 }, Bool: { 'aws:SecureTransport': [true] } } })],
  [
    'every operator family',
    statement({
      Condition: {
        StringNotEqualsIgnoreCase: { k: 'v' },
        'ForAllValues:StringNotLike': { k: 'v' },
        NumericGreaterThan: { k: 1 },
        DateLessThanEquals: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
        BinaryEquals: { k: 'QmluYXJ5' },
        NotIpAddressIfExists: { 'aws:SourceIp': ['10.0.0.0/8'] },
        ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' },
        'ForAllValues:ArnEquals': { k: 'arn:aws:s3:::b' },
      },
    }),
  ],
];

// Each invalid document has exactly one problem, so each must give exactly one issue: the anyOf
// noise of ajv must not reach the user.
const INVALID: readonly { name: string; doc: unknown; path: (string | number)[]; message: string }[] = [
  { name: 'a document that is not an object', doc: [], path: [], message: 'the policy document must be an object, received []' },
  { name: 'no Statement', doc: { Version: '2012-10-17' }, path: ['Statement'], message: 'Statement must be present' },
  { name: 'an empty Statement list', doc: { Statement: [] }, path: ['Statement'], message: 'Statement must have at least 1 item, received []' },
  {
    name: 'a Statement that is neither object nor list',
    doc: { Statement: 'Allow' },
    path: ['Statement'],
    message: 'Statement must be an object or an array, received "Allow"',
  },
  {
    name: 'an unknown top-level key',
    doc: { ...statement({}), Statment: [] },
    path: ['Statment'],
    message: 'Statment must not be present (not a property of the policy document)',
  },
  {
    name: 'an unknown Version',
    doc: { ...statement({}), Version: '2012-10-18' },
    path: ['Version'],
    message: 'must be equal to one of the allowed values "2012-10-17", "2008-10-17", received "2012-10-18"',
  },
  { name: 'no Effect', doc: { Statement: [{ Action: 's3:GetObject' }] }, path: ['Statement', 0, 'Effect'], message: 'Statement[0].Effect must be present' },
  {
    name: 'Effect "Alow"',
    doc: statement({ Effect: 'Alow' }),
    path: ['Statement', 0, 'Effect'],
    message: 'Statement[0].Effect must be equal to one of the allowed values "Allow", "Deny", received "Alow"',
  },
  {
    name: 'Effect "allow"',
    doc: statement({ Effect: 'allow' }),
    path: ['Statement', 0, 'Effect'],
    message: 'received "allow" (did you mean "Allow"? values are case-sensitive)',
  },
  {
    name: 'an error in a single statement object',
    doc: { Statement: { Effect: 'Allow', Action: 7 } },
    path: ['Statement', 'Action'],
    message: 'Statement.Action must be a string or an array, received 7',
  },
  {
    name: 'Action and NotAction together',
    doc: statement({ NotAction: 's3:PutObject' }),
    path: ['Statement', 0],
    message: 'Statement[0] must have exactly one of Action or NotAction, received both',
  },
  {
    name: 'neither Action nor NotAction',
    doc: { Statement: [{ Effect: 'Allow', Resource: '*' }] },
    path: ['Statement', 0],
    message: 'Statement[0] must have exactly one of Action or NotAction, received neither',
  },
  {
    name: 'Resource and NotResource together',
    doc: statement({ NotResource: 'x' }),
    path: ['Statement', 0],
    message: 'Statement[0] must have at most one of Resource or NotResource, received both',
  },
  {
    name: 'Principal and NotPrincipal together',
    doc: statement({ Principal: '*', NotPrincipal: '*' }),
    path: ['Statement', 0],
    message: 'at most one of Principal or NotPrincipal',
  },
  {
    name: 'an unknown statement key',
    doc: statement({ Actions: 's3:*' }),
    path: ['Statement', 0, 'Actions'],
    message: 'Statement[0].Actions must not be present (not a property of Statement[0])',
  },
  {
    name: 'an Action list holding a number',
    doc: statement({ Action: ['s3:GetObject', 1] }),
    path: ['Statement', 0, 'Action', 1],
    message: 'Statement[0].Action[1] must be a string, received 1',
  },
  {
    name: 'Principal {"Foo": "x"}',
    doc: statement({ Principal: { Foo: 'x' } }),
    path: ['Statement', 0, 'Principal', 'Foo'],
    message: 'Statement[0].Principal must be "*" or have only the keys AWS, Service, Federated and CanonicalUser, received "Foo"',
  },
  {
    name: 'Principal "all"',
    doc: statement({ Principal: 'all' }),
    path: ['Statement', 0, 'Principal'],
    message: 'Statement[0].Principal must be "*" or an object, received "all"',
  },
  { name: 'an empty Principal', doc: statement({ Principal: {} }), path: ['Statement', 0, 'Principal'], message: 'must have at least 1 property, received {}' },
  {
    name: 'the unknown operator StringEqual',
    doc: statement({ Condition: { StringEqual: { 'aws:SourceVpce': 'vpce-1' } } }),
    path: ['Statement', 0, 'Condition', 'StringEqual'],
    message: 'Statement[0].Condition.StringEqual must be an IAM condition operator',
  },
  {
    name: 'NullIfExists',
    doc: statement({ Condition: { NullIfExists: { 'aws:SourceVpce': 'true' } } }),
    path: ['Statement', 0, 'Condition', 'NullIfExists'],
    message: 'Null has no IfExists form',
  },
  {
    name: 'a lower-case operator',
    doc: statement({ Condition: { stringequals: { k: 'v' } } }),
    path: ['Statement', 0, 'Condition', 'stringequals'],
    message: 'must be an IAM condition operator',
  },
  {
    name: 'an operator that is not an object',
    doc: statement({ Condition: { StringEquals: 'vpce-1' } }),
    path: ['Statement', 0, 'Condition', 'StringEquals'],
    message: 'must be an object, received "vpce-1"',
  },
  {
    name: 'a condition value that is an object',
    doc: statement({ Condition: { StringEquals: { 'aws:SourceVpce': { id: 1 } } } }),
    path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpce'],
    message: 'Statement[0].Condition.StringEquals.aws:SourceVpce must be a string, a number, a boolean or an array, received {"id":1}',
  },
  {
    name: 'a condition value list holding null',
    doc: statement({ Condition: { StringEquals: { 'a.b': [null] } } }),
    path: ['Statement', 0, 'Condition', 'StringEquals', 'a.b', 0],
    message: 'Statement[0].Condition.StringEquals["a.b"][0] must be a string, a number or a boolean, received null',
  },
];

describe('validatePolicyDocument', () => {
  it.each(VALID)('should accept %s', (_name, doc) => {
    expect(validatePolicyDocument(doc)).toEqual([]);
    expect(isPolicyDocument(doc)).toBe(true);
  });

  it.each(INVALID)('should report $name', ({ doc, path: expectedPath, message }) => {
    const pointer = expectedPath.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
    expect(validatePolicyDocument(doc)).toEqual([{ path: expectedPath, pointer, message: expect.stringContaining(message) }]);
    expect(isPolicyDocument(doc)).toBe(false);
  });

  it('should report every problem of a document, in document terms', () => {
    const issues = validatePolicyDocument({
      Statement: [
        { Effect: 'Alow', Action: 's3:*' },
        { Effect: 'Allow', Action: 's3:*', Condition: { StringEqual: {} } },
      ],
    });
    expect(issues.map((i) => i.pointer)).toEqual(['/Statement/0/Effect', '/Statement/1/Condition/StringEqual']);
  });
});

describe('isPolicyDocument', () => {
  it('should narrow unknown input to IamPolicyDocument', () => {
    const input: unknown = JSON.parse('{"Statement": {"Effect": "Allow", "Action": "s3:GetObject"}}');
    if (!isPolicyDocument(input)) throw new Error('expected a policy document');
    const doc: IamPolicyDocument = input;
    expect(Array.isArray(doc.Statement) ? doc.Statement[0].Effect : doc.Statement.Effect).toBe('Allow');
  });
});

describe('formatSchemaErrors', () => {
  it('should return no issue for no errors', () => {
    expect(formatSchemaErrors(null, {})).toEqual([]);
    expect(formatSchemaErrors(undefined, {})).toEqual([]);
  });

  it('should name the root as told', () => {
    validateIamPolicyDocument(42);
    expect(formatSchemaErrors(validateIamPolicyDocument.errors, 42, { root: 'the spec' })).toEqual([
      { path: [], pointer: '', message: 'the spec must be an object, received 42' },
    ]);
  });
});

// Real policies keep the schema honest: every AWS managed policy must validate.
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/aws-managed-policies');
const hasCorpus = existsSync(CORPUS);

describe('the AWS managed policies corpus', () => {
  (hasCorpus ? it : it.skip)(`should validate every policy${hasCorpus ? '' : ` (skipped: ${CORPUS} is absent on this machine)`}`, () => {
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    const failures = files.flatMap((file) => {
      const issues = validatePolicyDocument(JSON.parse(readFileSync(path.join(CORPUS, file), 'utf8')));
      return issues.length === 0 ? [] : [`${file}: ${issues.map((i) => i.message).join('; ')}`];
    });
    expect(failures).toEqual([]);
  });
});
