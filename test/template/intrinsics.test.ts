import {
  evaluateCondition,
  isIntrinsic,
  isNoValue,
  knownEquals,
  referencedResources,
  resolveBoolean,
  resolveList,
  resolveNumber,
  resolvePartialString,
  resolveReference,
  resolveString,
  resolveValue,
  substituteIntrinsics,
  templateContext,
  UNKNOWN_PART,
} from '../../src/template/intrinsics';
import type { Resolved } from '../../src/lint/types';

const template = {
  Parameters: {
    Env: { Type: 'String', Default: 'prod' },
    NoDefault: { Type: 'String' },
    Subnets: { Type: 'CommaDelimitedList', Default: 'subnet-a, subnet-b' },
    Port: { Type: 'Number', Default: 443 },
  },
  Mappings: { Buckets: { 'eu-west-1': { Layer: 'prod-eu-west-1-starport-layer-bucket' }, Env: { prod: 'p' } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    FromParameter: { 'Fn::Equals': [{ Ref: 'NoDefault' }, 'x'] },
    ProdOrUnknown: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'FromParameter' }] },
    DevAndUnknown: { 'Fn::And': [{ Condition: 'IsDev' }, { Condition: 'FromParameter' }] },
    ProdAndUnknown: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'FromParameter' }] },
    InRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
  },
  Resources: { Role: { Type: 'AWS::IAM::Role' }, Endpoint: { Type: 'AWS::EC2::VPCEndpoint' } },
};
const withRegion = templateContext(template, { region: 'eu-west-1' });
const noRegion = templateContext(template);

const isUnknown = (r: Resolved<unknown>) => r.known === false;
const value = (r: Resolved<unknown>) => (r.known ? r.value : 'UNKNOWN');

describe('intrinsics: Ref', () => {
  it('should resolve pseudo parameters from the Region the caller gives', () => {
    // Partition and URL suffix per Region: AWS General Reference, "ARN format" and endpoints.
    const cases: readonly [string, string, string][] = [
      ['eu-west-1', 'aws', 'amazonaws.com'],
      ['cn-north-1', 'aws-cn', 'amazonaws.com.cn'],
      ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
    ];
    for (const [region, partition, suffix] of cases) {
      const context = templateContext(template, { region });
      expect(value(resolveValue({ Ref: 'AWS::Region' }, context))).toBe(region);
      expect(value(resolveValue({ Ref: 'AWS::Partition' }, context))).toBe(partition);
      expect(value(resolveValue({ Ref: 'AWS::URLSuffix' }, context))).toBe(suffix);
    }
  });
  it('should leave Region, Partition, URLSuffix and AccountId unknown when the caller does not give them', () => {
    for (const name of ['AWS::Region', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::AccountId', 'AWS::StackName', 'AWS::StackId']) {
      expect(isUnknown(resolveValue({ Ref: name }, noRegion))).toBe(true);
    }
    expect(value(resolveValue({ Ref: 'AWS::AccountId' }, templateContext(template, { accountId: '111122223333' })))).toBe('111122223333');
  });
  it('should resolve parameters with a Default, lists split at commas', () => {
    expect(value(resolveValue({ Ref: 'Env' }, noRegion))).toBe('prod');
    expect(value(resolveValue({ Ref: 'Subnets' }, noRegion))).toEqual(['subnet-a', 'subnet-b']);
    expect(value(resolveNumber({ Ref: 'Port' }, noRegion))).toBe(443);
    expect(isUnknown(resolveValue({ Ref: 'NoDefault' }, noRegion))).toBe(true);
  });
  it('should make a resource Ref unknown, with a reference to its logical ID', () => {
    expect(isUnknown(resolveValue({ Ref: 'Role' }, withRegion))).toBe(true);
    expect(resolveReference({ Ref: 'Role' }, withRegion)).toEqual({ resource: 'Role' });
    expect(resolveReference({ 'Fn::GetAtt': ['Role', 'Arn'] }, withRegion)).toEqual({ resource: 'Role' });
    expect(resolveReference({ 'Fn::GetAtt': 'Role.Arn' }, withRegion)).toEqual({ resource: 'Role' });
    expect(resolveReference({ 'Fn::Sub': 'arn:aws:iam::1:role/${Role}' }, withRegion)).toEqual({ resource: 'Role' });
    expect(resolveReference('vpce-0123456789abcdef0', withRegion)).toEqual({ literal: 'vpce-0123456789abcdef0' });
    expect(resolveReference({ Ref: 'Env' }, withRegion)).toEqual({ literal: 'prod' });
    expect(resolveReference({ 'Fn::ImportValue': 'X' }, withRegion)).toEqual({});
  });
  it('should never read names from the prototype', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(isUnknown(resolveValue({ Ref: name }, withRegion))).toBe(true);
      expect(isUnknown(resolveValue({ 'Fn::FindInMap': ['Buckets', name, 'Layer'] }, withRegion))).toBe(true);
      expect(evaluateCondition(name, withRegion)).toBeUndefined();
    }
  });
});

describe('intrinsics: functions', () => {
  it('should resolve Fn::Sub in its string and list forms', () => {
    expect(value(resolveString({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::prod-${AWS::Region}-starport-layer-bucket/*' }, withRegion))).toBe(
      'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*',
    );
    expect(value(resolveString({ 'Fn::Sub': ['${Name}-${Env}', { Name: { Ref: 'AWS::Region' } }] }, withRegion))).toBe('eu-west-1-prod');
    expect(value(resolveString({ 'Fn::Sub': 'literal ${!NotAVariable}' }, withRegion))).toBe('literal ${NotAVariable}');
    expect(isUnknown(resolveString({ 'Fn::Sub': 'com.amazonaws.${AWS::Region}.ecr.dkr' }, noRegion))).toBe(true);
    expect(isUnknown(resolveString({ 'Fn::Sub': '${Role.Arn}' }, withRegion))).toBe(true);
    expect(isUnknown(resolveString({ 'Fn::Sub': ['${A}', 'not a map'] }, withRegion))).toBe(true);
  });
  it('should resolve Fn::Join, Fn::Select and Fn::Split over known values only', () => {
    expect(value(resolveString({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] }, withRegion))).toBe('com.amazonaws.eu-west-1.s3');
    expect(isUnknown(resolveString({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] }, noRegion))).toBe(true);
    expect(value(resolveValue({ 'Fn::Select': [1, { Ref: 'Subnets' }] }, noRegion))).toBe('subnet-b');
    expect(value(resolveValue({ 'Fn::Select': ['0', { 'Fn::Split': [',', 'a,b'] }] }, noRegion))).toBe('a');
    expect(isUnknown(resolveValue({ 'Fn::Select': [5, ['a']] }, noRegion))).toBe(true);
    expect(isUnknown(resolveValue({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, withRegion))).toBe(true);
    expect(value(resolveValue({ 'Fn::Split': ['|', 'x|y|z'] }, noRegion))).toEqual(['x', 'y', 'z']);
  });
  it('should resolve Fn::If only when its condition is static', () => {
    expect(value(resolveValue({ 'Fn::If': ['IsProd', 'big', 'small'] }, noRegion))).toBe('big');
    expect(value(resolveValue({ 'Fn::If': ['IsDev', 'big', 'small'] }, noRegion))).toBe('small');
    expect(isUnknown(resolveValue({ 'Fn::If': ['FromParameter', 'a', 'b'] }, noRegion))).toBe(true);
    expect(isUnknown(resolveValue({ 'Fn::If': ['InRegion', 'a', 'b'] }, noRegion))).toBe(true);
    expect(value(resolveValue({ 'Fn::If': ['InRegion', 'a', 'b'] }, withRegion))).toBe('a');
    expect(isUnknown(resolveValue({ 'Fn::If': ['NoSuchCondition', 'a', 'b'] }, noRegion))).toBe(true);
  });
  it('should settle Fn::Or by one true and Fn::And by one false even when the others are unknown', () => {
    expect(evaluateCondition('ProdOrUnknown', noRegion)).toBe(true);
    expect(evaluateCondition('DevAndUnknown', noRegion)).toBe(false);
    expect(evaluateCondition('ProdAndUnknown', noRegion)).toBeUndefined();
  });
  it('should resolve Fn::FindInMap, Fn::Base64, Fn::Length and Fn::ToJsonString', () => {
    expect(value(resolveString({ 'Fn::FindInMap': ['Buckets', { Ref: 'AWS::Region' }, 'Layer'] }, withRegion))).toBe('prod-eu-west-1-starport-layer-bucket');
    expect(isUnknown(resolveString({ 'Fn::FindInMap': ['Buckets', { Ref: 'AWS::Region' }, 'Layer'] }, noRegion))).toBe(true);
    expect(value(resolveString({ 'Fn::FindInMap': ['Buckets', 'nowhere', 'Layer', { DefaultValue: 'd' }] }, noRegion))).toBe('d');
    expect(value(resolveString({ 'Fn::Base64': 'hello' }, noRegion))).toBe('aGVsbG8=');
    expect(value(resolveValue({ 'Fn::Length': { Ref: 'Subnets' } }, noRegion))).toBe(2);
    expect(value(resolveString({ 'Fn::ToJsonString': { a: { Ref: 'Env' } } }, noRegion))).toBe('{"a":"prod"}');
  });
  it('should leave GetAtt, ImportValue, GetAZs, Cidr and unknown functions unknown', () => {
    for (const expression of [
      { 'Fn::GetAtt': ['Role', 'Arn'] },
      { 'Fn::ImportValue': 'Shared' },
      { 'Fn::GetAZs': 'eu-west-1' },
      { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      { 'Fn::Transform': { Name: 'AWS::Include' } },
      { 'Fn::NotAFunction': 1 },
    ]) {
      expect(isUnknown(resolveValue(expression, withRegion))).toBe(true);
    }
  });
  it('should read booleans and numbers as CloudFormation passes them', () => {
    expect(value(resolveBoolean('true', noRegion))).toBe(true);
    expect(value(resolveBoolean('FALSE', noRegion))).toBe(false);
    expect(value(resolveBoolean(true, noRegion))).toBe(true);
    expect(isUnknown(resolveBoolean('yes', noRegion))).toBe(true);
    expect(value(resolveNumber('443', noRegion))).toBe(443);
    expect(isUnknown(resolveNumber('https', noRegion))).toBe(true);
  });
});

describe('intrinsics: unknown values', () => {
  const unknowns = [
    resolveString({ Ref: 'AWS::Region' }, noRegion),
    resolveString({ 'Fn::Sub': 'prod-${AWS::Region}-starport-layer-bucket' }, noRegion),
    resolveString({ 'Fn::GetAtt': ['Endpoint', 'Id'] }, withRegion),
  ];
  it('should never be equal to anything, not even to their own expression', () => {
    for (const u of unknowns) {
      expect(u.known).toBe(false);
      for (const candidate of [
        '',
        '*',
        'eu-west-1',
        'prod-eu-west-1-starport-layer-bucket',
        undefined as unknown as string,
        (u as { expression: string }).expression,
      ]) {
        expect(knownEquals(u, candidate)).toBe(false);
      }
    }
    expect(knownEquals(resolveString({ Ref: 'AWS::Region' }, withRegion), 'eu-west-1')).toBe(true);
  });
  it('should keep the expression they came from', () => {
    expect(unknowns[2]).toEqual({ known: false, expression: { 'Fn::GetAtt': ['Endpoint', 'Id'] } });
  });
});

describe('intrinsics: NoValue, lists and substitution', () => {
  it('should drop AWS::NoValue items and keys', () => {
    const noValue = { Ref: 'AWS::NoValue' };
    expect(isNoValue(noValue, noRegion)).toBe(true);
    expect(isNoValue({ 'Fn::If': ['IsDev', 'x', noValue] }, noRegion)).toBe(true);
    expect(value(resolveList(['a', noValue, { 'Fn::If': ['IsProd', noValue, 'b'] }], noRegion))).toEqual(['a']);
    expect(substituteIntrinsics({ A: noValue, B: [1, noValue, 2], C: { 'Fn::If': ['IsProd', 'kept', noValue] } }, noRegion)).toEqual({ B: [1, 2], C: 'kept' });
  });
  it('should replace resolvable intrinsics in a policy and keep the others as written', () => {
    const document = {
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::prod-${AWS::Region}-starport-layer-bucket/*' },
          Condition: { StringEquals: { 'aws:SourceVpce': { Ref: 'Endpoint' } } },
        },
      ],
    };
    expect(substituteIntrinsics(document, withRegion)).toEqual({
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*',
          Condition: { StringEquals: { 'aws:SourceVpce': { Ref: 'Endpoint' } } },
        },
      ],
    });
    expect(substituteIntrinsics(document, noRegion)).toEqual(document);
  });
  it('should not take a statement with only a Condition block for an intrinsic', () => {
    expect(isIntrinsic({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })).toBe(false);
    expect(isIntrinsic({ Ref: 'X' })).toBe(true);
    expect(isIntrinsic({ 'Fn::Sub': 'x' })).toBe(true);
    expect(isIntrinsic({ Ref: 'X', Other: 1 })).toBe(false);
  });
  it('should keep __proto__ keys as keys when substituting', () => {
    const data = JSON.parse('{"__proto__": {"polluted": {"Ref": "Env"}}, "a": 1}') as unknown;
    const out = substituteIntrinsics(data, noRegion) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
  it('should list the resources an expression refers to', () => {
    expect(referencedResources({ 'Fn::Join': ['', [{ Ref: 'Role' }, { 'Fn::GetAtt': ['Endpoint', 'Id'] }, { Ref: 'Env' }]] }, noRegion)).toEqual([
      'Role',
      'Endpoint',
    ]);
    expect(referencedResources({ 'Fn::Sub': ['${Role.Arn}/${X}', { X: { Ref: 'Endpoint' } }] }, noRegion)).toEqual(['Role', 'Endpoint']);
  });
});

describe('intrinsics: partial strings', () => {
  it('should mark the unknown parts of Sub and Join', () => {
    expect(resolvePartialString({ 'Fn::Sub': 'com.amazonaws.${AWS::Region}.ecr.dkr' }, noRegion)).toBe(`com.amazonaws.${UNKNOWN_PART}.ecr.dkr`);
    expect(resolvePartialString({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] }, noRegion)).toBe(`com.amazonaws.${UNKNOWN_PART}.s3`);
    expect(resolvePartialString({ 'Fn::Sub': 'com.amazonaws.${AWS::Region}.ecr.dkr' }, withRegion)).toBe('com.amazonaws.eu-west-1.ecr.dkr');
    expect(resolvePartialString({ 'Fn::ImportValue': 'X' }, noRegion)).toBe(UNKNOWN_PART);
    expect(resolvePartialString({ a: 1 }, noRegion)).toBeUndefined();
  });
});

describe('intrinsics: hostile templates', () => {
  it('should end on conditions that name each other in a cycle', () => {
    const context = templateContext({ Conditions: { A: { Condition: 'B' }, B: { 'Fn::Not': [{ Condition: 'A' }] } } });
    expect(evaluateCondition('A', context)).toBeUndefined();
  });
  it('should evaluate each condition once (no exponential blow-up on shared sub-conditions)', () => {
    const conditions: Record<string, unknown> = { C60: { 'Fn::Equals': ['a', 'a'] } };
    for (let i = 59; i >= 0; i--) conditions[`C${i}`] = { 'Fn::And': [{ Condition: `C${i + 1}` }, { Condition: `C${i + 1}` }] };
    const started = Date.now();
    // Each level is at most 2 deep in the evaluator; past the depth bound the answer is "not static".
    expect([true, undefined]).toContain(evaluateCondition('C0', templateContext({ Conditions: conditions })));
    expect(Date.now() - started).toBeLessThan(1000);
  });
  it('should give up on deep nesting instead of overflowing the stack', () => {
    let expression: unknown = 'x';
    for (let i = 0; i < 50_000; i++) expression = { 'Fn::Join': ['', [expression]] };
    expect(isUnknown(resolveValue(expression, noRegion))).toBe(true);
    expect(resolvePartialString(expression, noRegion)).toBeDefined();
    expect(() => substituteIntrinsics(expression, noRegion)).not.toThrow();
    expect(() => referencedResources(expression, noRegion)).not.toThrow();
  });
});
