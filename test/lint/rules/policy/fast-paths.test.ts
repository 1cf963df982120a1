import { loadIamCatalog } from '../../../../src/catalog/iam-catalog';
import { allowWithUnsupportedTagConditionKeyForService } from '../../../../src/lint/rules/policy/allow-with-unsupported-tag-condition-key-for-service';
import { nearest } from '../../../../src/lint/rules/policy/lib/nearest';
import { sizeWithoutWhitespace } from '../../../../src/lint/rules/policy/lib/policy-size';
import { repeatedIndices } from '../../../../src/lint/rules/policy/lib/repeats';
import { policyInvalidCharacter } from '../../../../src/lint/rules/policy/policy-invalid-character';
import { redundantAction } from '../../../../src/lint/rules/policy/redundant-action';
import { redundantResource } from '../../../../src/lint/rules/policy/redundant-resource';
import { policy, run, unitOf } from './helpers';

// The shortcuts the rules take for speed (no wildcard in a statement, large statements, answers
// remembered across statements) must find exactly what the general path finds. Expected hits are
// worked out by hand from each rule's description.

describe('repeatedIndices', () => {
  it('lists the values equal to an earlier one, in order, for short and long lists', () => {
    expect(repeatedIndices(['a', 'b', 'c'])).toBeUndefined();
    expect(repeatedIndices(['a', 'b', 'a', 'a', 'b'])).toEqual([2, 3, 4]);
    const long = Array.from({ length: 40 }, (_, i) => `v${i}`);
    expect(repeatedIndices(long)).toBeUndefined();
    expect(repeatedIndices([...long, 'v3', 'v39', 'new'])).toEqual([40, 41]);
  });
});

const actionPaths = (indices: readonly number[]) => indices.map((i) => ['Statement', 0, 'Action', i]);
const resourcePaths = (indices: readonly number[]) => indices.map((i) => ['Statement', 0, 'Resource', i]);

describe('REDUNDANT_ACTION shortcuts', () => {
  it('finds actions listed twice, in any case, in a long statement without wildcards', async () => {
    const actions = Array.from({ length: 20 }, (_, i) => `ec2:Action${i}`);
    actions[17] = 'EC2:ACTION3';
    actions[19] = 'ec2:Action0';
    const document = policy({ Effect: 'Allow', Action: actions, Resource: '*' });
    const hits = run(redundantAction, unitOf(document), loadIamCatalog());
    expect(hits.map((h) => h.path)).toEqual(actionPaths([17, 19]));
    expect(hits[0]?.message).toMatch(/listed twice/);
  });

  it('finds an action covered by a later wildcard and one listed twice in a statement with a wildcard', async () => {
    const document = policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*', 's3:getobject', 's3:PutObject'], Resource: '*' });
    const hits = run(redundantAction, unitOf(document), loadIamCatalog());
    expect(hits.map((h) => h.path)).toEqual(actionPaths([0, 2]));
    expect(hits[0]?.message).toMatch(/"s3:Get\*" already matches it/);
  });
});

describe('REDUNDANT_RESOURCE shortcuts', () => {
  it('compares long lists of ARNs without wildcards by their text', async () => {
    const arns = Array.from({ length: 20 }, (_, i) => `arn:aws:s3:::bucket-${i}`);
    arns.push('arn:aws:s3:::bucket-7', 'arn:aws:s3:::BUCKET-7');
    const document = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: arns });
    expect(run(redundantResource, unitOf(document), loadIamCatalog()).map((h) => h.path)).toEqual(resourcePaths([20]));
  });

  it('reports an ARN under a broader wildcard and one listed twice, not an ARN of another bucket', async () => {
    const document = policy({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::b/logs/*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::c/x', 'arn:aws:s3:::b/logs/*'],
    });
    const hits = run(redundantResource, unitOf(document), loadIamCatalog());
    expect(hits.map((h) => h.path)).toEqual(resourcePaths([0, 3]));
    expect(hits[0]?.message).toMatch(/"arn:aws:s3:::b\/\*" already matches it/);
  });
});

describe('ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE answers remembered per wildcard and key', () => {
  // ECR (Service Authorization Reference): GetAuthorizationToken takes no resource, so no aws:ResourceTag;
  // BatchGetImage acts on a repository, which takes aws:ResourceTag/${TagKey}.
  const tagged = (action: string) =>
    policy({ Effect: 'Allow', Action: action, Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } } });

  it('gives the same answer for the same wildcard in every statement and policy', async () => {
    const documents = [tagged('ecr:GetAuthorization*'), tagged('ecr:GetAuthorization*'), tagged('ecr:BatchGet*'), tagged('ECR:getauthorization*')];
    const iam = loadIamCatalog();
    const paths = documents.map((d) => run(allowWithUnsupportedTagConditionKeyForService, unitOf(d), iam).map((h) => h.path));
    expect(paths).toEqual([[['Statement', 0, 'Action']], [['Statement', 0, 'Action']], [], [['Statement', 0, 'Action']]]);
  });
});

describe('POLICY_INVALID_CHARACTER fast path', () => {
  it.each([
    ['an astral character', 'team-\u{1F600}'],
    ['a lone surrogate', 'team-\uD83D'],
    ['a control character', 'team-\u0007'],
  ])('still reports %s in the text', (_name, value) => {
    const document = policy({ Sid: value, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    const hits = policyInvalidCharacter.check(unitOf(document, 'identity', JSON.stringify(document).replace('\\u0007', '\u0007')), { iam: undefined as never });
    expect(hits.map((h) => h.path)).toEqual([['Statement', 0, 'Sid']]);
  });

  it('passes Latin-1 text', () => {
    const document = policy({ Sid: 'Équipe', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    expect(policyInvalidCharacter.check(unitOf(document, 'identity', JSON.stringify(document)), { iam: undefined as never })).toEqual([]);
  });
});

describe('nearest with its reused rows', () => {
  it('gives the same answers whatever was asked before', () => {
    const candidates = ['DescribeInstances', 'DescribeImages', 'DescribeInstanceStatus', 'RunInstances'];
    const first = nearest('DescribeInstancez', candidates);
    expect(first).toBe('DescribeInstances');
    expect(nearest('ab', ['abc', 'xyz'])).toBe('abc');
    expect(nearest('RunInstancesAndMoreAndMoreAndMore', candidates)).toBeUndefined();
    expect(nearest('DescribeInstancez', candidates)).toBe(first);
    expect(nearest('PutObjct', ['GetObject', 'PutObject'])).toBe('PutObject');
  });
});

describe('sizeWithoutWhitespace, measured string by string', () => {
  /** The plain definition, one character at a time: outside strings white space does not count; inside, everything does, an escape two. */
  function reference(text: string): number {
    let size = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        size++;
        if (c === '\\') {
          size++;
          i++;
        } else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
        size++;
      } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') size++;
    }
    return size;
  }

  it('agrees with the plain definition on policies and on malformed text', () => {
    const samples = [
      '',
      '{ "a" : "b c" ,\n\t"d": [ 1 ] }',
      '{"a":"x\\" y", "b": "\\\\", "c": "\\\\\\"" }',
      '"unterminated \\',
      '"unterminated \\\\',
      '  "a\\"',
      'no strings at all \r\n',
      JSON.stringify({ Statement: [{ Action: ['s3:Get*', 'x "quoted" \\ back'], Resource: '*' }] }, null, 2),
    ];
    // Random texts over the characters that matter.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const alphabet = ['"', '\\', ' ', '\n', 'a', '{', ':', '\t'];
    for (let n = 0; n < 500; n++) samples.push(Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join(''));
    for (const text of samples) expect({ text, size: sizeWithoutWhitespace(text) }).toEqual({ text, size: reference(text) });
  });
});
