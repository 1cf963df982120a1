/** Repeated keys in JSON and YAML files: found with their place, and reported as DUPLICATE_KEY errors. */
import fc from 'fast-check';
import { lint } from '../../src/lint/engine';
import { findDuplicateKeys, parseJsonSource } from '../../src/template/source/json-source';
import { parseYamlSource } from '../../src/template/source/yaml-source';

const lines = (...l: string[]): string => l.join('\n');

describe('duplicate keys in JSON', () => {
  it('should find a repeated Effect at the repeat, naming the first', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Deny",',
      '      "Effect": "Allow",',
      '      "Action": "s3:GetObject",',
      '      "Resource": "*"',
      '    }',
      '  ]',
      '}',
    );
    const source = parseJsonSource('p.json', text);
    expect(source.duplicateKeys).toEqual([
      { key: 'Effect', path: ['Statement', 0, 'Effect'], position: { line: 6, column: 7 }, first: { line: 5, column: 7 } },
    ]);
    // JSON.parse keeps the last: what the rules see.
    expect((source.data as { Statement: { Effect: string }[] }).Statement[0]!.Effect).toBe('Allow');
  });

  it('should find a key written with an escape as the same key, and each of three occurrences after the first', () => {
    expect(findDuplicateKeys('{"a":1,"\\u0061":2}').map((d) => [d.key, d.position.column])).toEqual([['a', 8]]);
    expect(findDuplicateKeys('{"k":1,"k":2,"k":3}').map((d) => d.position.column)).toEqual([8, 14]);
  });

  it('should not count keys of different objects, or colons inside strings, as repeats', () => {
    const text = '{"a":{"a":1},"b":[{"c":1},{"c":2}],"d":"\\":x","e":":y","arn":"arn:aws:s3:::b"}';
    expect(parseJsonSource('p.json', text).duplicateKeys).toBeUndefined();
    expect(findDuplicateKeys(text)).toEqual([]);
  });

  it('should find none in any JSON that JSON.stringify writes (which never repeats a key)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 1) ?? 'null';
        expect(parseJsonSource('p.json', text).duplicateKeys).toBeUndefined();
        expect(findDuplicateKeys(text)).toEqual([]);
      }),
    );
  });

  it('should find the repeat whatever its depth and the white space around the colon', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(':', ' :', '\n\t: '), fc.nat(5), (key, colon, depth) => {
        const inner = `{${JSON.stringify(key)}${colon}1,${JSON.stringify(key)}${colon}2}`;
        const text = '{"x":'.repeat(depth) + inner + '}'.repeat(depth);
        const found = parseJsonSource('p.json', text).duplicateKeys ?? [];
        expect(found.map((d) => d.path)).toEqual([[...Array<string>(depth).fill('x'), key]]);
      }),
    );
  });
});

describe('duplicate keys in YAML', () => {
  it('should report the repeat instead of refusing the file, keeping the last value as JSON does', () => {
    const source = parseYamlSource('t.yaml', lines('Resources:', '  Role:', '    Type: AWS::IAM::Role', '    Type: AWS::S3::Bucket'));
    expect(source.duplicateKeys).toEqual([
      { key: 'Type', path: ['Resources', 'Role', 'Type'], position: { line: 4, column: 5 }, first: { line: 3, column: 5 } },
    ]);
    expect((source.data as { Resources: { Role: { Type: string } } }).Resources.Role.Type).toBe('AWS::S3::Bucket');
  });
});

describe('DUPLICATE_KEY findings', () => {
  it('should be an error at the repeat, and the rest of the file is still linted', async () => {
    const text = lines(
      '{',
      '  "Statement": {',
      '    "Effect": "Allow",',
      '    "Effect": "Deny",',
      '    "Action": "s3:GetObject",',
      '    "Resource": "*"',
      '  }',
      '}',
    );
    const report = await lint([{ file: 'p.json', text }], { policyType: 'identity' });
    const duplicate = report.findings.find((f) => f.code === 'DUPLICATE_KEY');
    expect(duplicate).toMatchObject({ severity: 'error', line: 4, column: 5, path: ['Statement', 'Effect'] });
    expect(duplicate?.message).toBe(
      'the key "Effect" must appear once in its object, received it again (first at line 3); parsers differ on which value wins, policygen reads the last',
    );
    // No Version: the policy rules ran on the file too.
    expect(report.findings.map((f) => f.code)).toContain('MISSING_VERSION');
  });

  it('should name the template resource the repeat is in', async () => {
    const text = lines('Resources:', '  Bucket:', '    Type: AWS::S3::Bucket', '    Properties: {}', '    Properties: {}');
    const report = await lint([{ file: 't.yaml', text }]);
    expect(report.findings.filter((f) => f.code === 'DUPLICATE_KEY')).toEqual([
      expect.objectContaining({ line: 5, column: 5, resource: 'Bucket', severity: 'error' }),
    ]);
  });
});
