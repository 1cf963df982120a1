import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_NESTING_DEPTH, parseJsonSource } from '../../src/template/source/json-source';
import { SourceParseError } from '../../src/template/source/source-error';
import { parseYamlSource } from '../../src/template/source/yaml-source';

const FIXTURES = join(__dirname, '../fixtures/cloudformation');
const dataOf = (text: string): unknown => parseYamlSource('t.yaml', text).data;

describe('parseYamlSource: short-form intrinsics', () => {
  // Expected long forms from the CloudFormation User Guide, "Intrinsic function reference".
  const cases: readonly [string, unknown][] = [
    ['!Ref MyBucket', { Ref: 'MyBucket' }],
    ['!Ref AWS::Region', { Ref: 'AWS::Region' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!Sub "arn:${AWS::Partition}:s3:::b/*"', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b/*' }],
    ['!Sub ["${A}-x", {A: !Ref P}]', { 'Fn::Sub': ['${A}-x', { A: { Ref: 'P' } }] }],
    ['!GetAtt Role.Arn', { 'Fn::GetAtt': ['Role', 'Arn'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Role, Arn]', { 'Fn::GetAtt': ['Role', 'Arn'] }],
    ['!Join [",", [a, !Ref B]]', { 'Fn::Join': [',', ['a', { Ref: 'B' }]] }],
    ["!Select [0, !GetAZs '']", { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!If [IsProd, a, !Ref AWS::NoValue]', { 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!Not [!Condition IsProd]', { 'Fn::Not': [{ Condition: 'IsProd' }] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Equals [x, y]]', { 'Fn::Or': [{ Condition: 'A' }, { 'Fn::Equals': ['x', 'y'] }] }],
    ['!FindInMap [RegionMap, !Ref AWS::Region, Ami]', { 'Fn::FindInMap': ['RegionMap', { Ref: 'AWS::Region' }, 'Ami'] }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!Base64 {"Fn::Sub": "x-${A}"}', { 'Fn::Base64': { 'Fn::Sub': 'x-${A}' } }],
    ['!Cidr ["10.0.0.0/16", 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ["!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!ImportValue SharedVpcId', { 'Fn::ImportValue': 'SharedVpcId' }],
    ['!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}', { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }],
    // Rule functions, in the short form aws-quickstart/quickstart-linux-bastion and aws-cloudformation-templates use in Rules.
    [
      '!EachMemberIn [!ValueOfAll [AWS::EC2::Subnet::Id, VpcId], !RefAll AWS::EC2::VPC::Id]',
      { 'Fn::EachMemberIn': [{ 'Fn::ValueOfAll': ['AWS::EC2::Subnet::Id', 'VpcId'] }, { 'Fn::RefAll': 'AWS::EC2::VPC::Id' }] },
    ],
    ['!Contains [[a, b], !Ref Env]', { 'Fn::Contains': [['a', 'b'], { Ref: 'Env' }] }],
    ['!EachMemberEquals [!ValueOf [Subnets, VpcId], vpc-1]', { 'Fn::EachMemberEquals': [{ 'Fn::ValueOf': ['Subnets', 'VpcId'] }, 'vpc-1'] }],
    ['!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
    ['!ToJsonString {a: 1}', { 'Fn::ToJsonString': { a: 1 } }],
  ];
  it.each(cases)('should read %s as its long form', (source, expected) => {
    expect(dataOf(`Value: ${source}\n`)).toEqual({ Value: expected });
  });

  it('should read block sequences and maps behind a tag', () => {
    const text = ['Value: !Join', '  - "-"', '  - - a', '    - !Ref B', 'Other: !Sub', '  - "${X}"', '  - X: 1'].join('\n');
    expect(dataOf(text)).toEqual({ Value: { 'Fn::Join': ['-', ['a', { Ref: 'B' }]] }, Other: { 'Fn::Sub': ['${X}', { X: 1 }] } });
  });

  it('should keep YAML 1.2 scalars: dates and version numbers stay strings', () => {
    expect(dataOf('AWSTemplateFormatVersion: 2010-09-09\nV: 1.4.0\nN: 443\nB: true\nS: yes\n')).toEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      V: '1.4.0',
      N: 443,
      B: true,
      S: 'yes',
    });
  });

  it('should read JSON text, tab-indented and with a byte order mark', () => {
    const json = '\uFEFF{\n\t"Resources": {\n\t\t"R": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [1, 2.5, null, false]}}\n\t}\n}\n';
    expect(dataOf(json)).toEqual({ Resources: { R: { Type: 'AWS::S3::Bucket', Properties: { Tags: [1, 2.5, null, false] } } } });
  });

  it('should read the JSON twin of the good fixture to the same data as the YAML', () => {
    const yaml = dataOf(readFileSync(join(FIXTURES, 'good-fargate.yaml'), 'utf8'));
    const json = JSON.parse(readFileSync(join(FIXTURES, 'good-fargate.json'), 'utf8')) as unknown;
    expect(yaml).toEqual(json);
  });
});

describe('parseYamlSource: locate', () => {
  // Line numbers in the comments; columns counted by hand.
  const text = [
    'Resources:', // 1
    '  Role:', // 2
    '    Type: AWS::IAM::Role', // 3
    '    Properties:', // 4
    '      Policies:', // 5
    '        - PolicyName: p', // 6
    '          PolicyDocument:', // 7
    '            Statement:', // 8
    '              - Effect: Allow', // 9
    '                Action: [s3:GetObject, "s3:PutObject"]', // 10
    '                Resource: !Sub "arn:${AWS::Partition}:s3:::b/*"', // 11
  ].join('\n');
  const statement = ['Resources', 'Role', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0];
  const source = parseYamlSource('t.yaml', text);

  it('should give the position of a nested scalar in a flow sequence', () => {
    expect(source.locate([...statement, 'Action', 1])).toEqual({ line: 10, column: 40 });
  });
  it('should give a list item where it starts', () => {
    expect(source.locate(statement)).toEqual({ line: 9, column: 17 });
  });
  it('should give the key of a block collection, where its line is', () => {
    expect(source.locate(['Resources', 'Role'])).toEqual({ line: 2, column: 3 });
  });
  it('should give a scalar value where it starts', () => {
    expect(source.locate([...statement, 'Effect'])).toEqual({ line: 9, column: 25 });
  });
  it('should fall back to the closest existing ancestor for a missing path', () => {
    expect(source.locate(['Resources', 'Role', 'Properties', 'Missing', 'x'])).toEqual({ line: 4, column: 5 });
    expect(source.locate([...statement, 'Action', 7])).toEqual({ line: 10, column: 25 });
  });
  it('should stop at a short-form scalar, at its tag, for a path inside its long form', () => {
    expect(source.locate([...statement, 'Resource', 'Fn::Sub'])).toEqual({ line: 11, column: 27 });
    expect(source.locate([...statement, 'Resource'])).toEqual({ line: 11, column: 27 });
  });
  it('should go into a tagged sequence', () => {
    const s = parseYamlSource('t.yaml', 'A: !Sub\n  - "${X}"\n  - X: !Ref Y\n');
    expect(s.locate(['A', 'Fn::Sub', 1, 'X'])).toEqual({ line: 3, column: 8 });
  });
  it('should give the root for an empty path and for an empty document', () => {
    expect(source.locate([])).toEqual({ line: 1, column: 1 });
    expect(parseYamlSource('e.yaml', '').locate(['a'])).toEqual({ line: 1, column: 1 });
  });
  it('should count CRLF line ends as one', () => {
    const s = parseYamlSource('t.yaml', 'a: 1\r\nb:\r\n  c: [x, y]\r\n');
    expect(s.locate(['b', 'c', 1])).toEqual({ line: 3, column: 10 });
  });
  it('should agree with parseJsonSource on JSON text', () => {
    const json = '{\n  "a": {\n    "b": [1, 2]\n  }\n}';
    const path = ['a', 'b', 1];
    expect(parseYamlSource('t.json', json).locate(path)).toEqual({ line: 3, column: 14 });
    expect(parseJsonSource('t.json', json).locate(path)).toEqual({ line: 3, column: 14 });
    // A flow collection is located at its bracket, as in JSON.
    expect(parseYamlSource('t.json', json).locate(['a'])).toEqual({ line: 2, column: 8 });
  });
  it('should locate the aws:SourceVpce condition of the fixture on its line in YAML and JSON', () => {
    const path = ['Resources', 'ExecutionRole', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 1, 'Condition', 'StringEquals', 'aws:SourceVpce'];
    for (const file of ['good-fargate.yaml', 'good-fargate.json']) {
      const fileText = readFileSync(join(FIXTURES, file), 'utf8');
      const source = file.endsWith('.json') ? parseJsonSource(file, fileText) : parseYamlSource(file, fileText);
      const lines = fileText.split('\n');
      // The one line of the file that names the key.
      const line = lines.findIndex((l) => l.includes('aws:SourceVpce')) + 1;
      expect(lines.filter((l) => l.includes('aws:SourceVpce'))).toHaveLength(1);
      const at = source.locate(path);
      // YAML: the value `!Ref EcrDkrEndpoint` on the key's line; JSON: the `{` after the key.
      expect(at.line).toBe(line);
      expect(at.column).toBeGreaterThan(lines[line - 1]!.indexOf('aws:SourceVpce') + 1);
    }
  });
});

describe('parseYamlSource: errors', () => {
  const parseError = (text: string): SourceParseError => {
    try {
      parseYamlSource('bad.yaml', text);
    } catch (error) {
      if (error instanceof SourceParseError) return error;
      throw error;
    }
    throw new Error('expected a SourceParseError');
  };

  it('should report a syntax error with its line', () => {
    const error = parseError('a: 1\nb: [1, 2\nc: 3\n');
    expect(error.message).toMatch(/must be valid YAML or JSON/);
    expect(error.position.line).toBeGreaterThanOrEqual(2);
  });
  it('should give a duplicate key at its second occurrence as data, not an error (lint reports DUPLICATE_KEY)', () => {
    const source = parseYamlSource('t.yaml', 'Resources:\n  A: 1\n  B: 2\n  A: 3\n');
    expect(source.duplicateKeys).toEqual([{ key: 'A', path: ['Resources', 'A'], position: { line: 4, column: 3 }, first: { line: 2, column: 3 } }]);
  });
  it('should report a non-string key', () => {
    expect(parseError('? [a, b]\n: 1\n').message).toMatch(/key must be a string/);
    expect(parseError('!Ref X: 1\n').message).toMatch(/key must be a string/);
  });
  it('should report a tag CloudFormation does not know', () => {
    const error = parseError('a: 1\nb: !Reff X\n');
    expect(error.message).toMatch(/CloudFormation intrinsic/);
    expect(error.position.line).toBe(2);
  });
  it('should report several documents in one file', () => {
    expect(parseError('a: 1\n---\nb: 2\n').message).toMatch(/multiple documents/);
  });
  it('should refuse an alias bomb quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = Date.now();
    const error = parseError(levels.join('\n'));
    expect(error.message).toMatch(/aliases/);
    expect(error.position.line).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });
  it('should accept a few aliases', () => {
    expect(dataOf('a: &x [1, 2]\nb: *x\n')).toEqual({ a: [1, 2], b: [1, 2] });
  });
  it('should refuse nesting too deep for the parser without crashing', () => {
    const depth = 20_000;
    expect(parseError('['.repeat(depth) + ']'.repeat(depth)).message).toMatch(/must be valid YAML|nested deeper/);
    const block = Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(parseError(block).message).toMatch(/must be valid YAML|nested deeper/);
  });
  it('should read nesting up to the bound of the JSON reader and refuse one level more', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect(() => parseYamlSource('ok.yaml', nested(MAX_NESTING_DEPTH))).not.toThrow();
    const error = parseError(`\n${nested(MAX_NESTING_DEPTH + 1)}`);
    expect(error.message).toMatch(/nested deeper than 512 levels/);
    expect(error.position).toEqual({ line: 2, column: MAX_NESTING_DEPTH + 1 });
  });
  it('should refuse binary content at the first control character', () => {
    const error = parseError('a: 1\nb: x\u0000\u0001y\n');
    expect(error.message).toMatch(/U\+0000/);
    expect(error.position).toEqual({ line: 2, column: 5 });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]).toString('latin1');
    expect(parseError(bytes)).toBeInstanceOf(SourceParseError);
  });
  it('should keep __proto__ as a plain key and never touch Object.prototype', () => {
    const data = dataOf('__proto__:\n  polluted: yes\nconstructor: 1\n') as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
  it('should check keys in linear time (50,000 keys in well under the time a quadratic check takes)', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const started = Date.now();
    expect(Object.keys(dataOf(text) as object)).toHaveLength(50_000);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
