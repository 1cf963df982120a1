import { isIgnored, parseLintConfig, policyTypeFor } from '../../../src/lint/config';
import { detectKind, isCdkOutFolder, sourceFormatOf } from '../../../src/template/detect';
import { globBase, globToRegExp } from '../../../src/lint/path-glob';
import { formatIssue, PolicygenInputError } from '../../../src/model/errors';

const CODES = new Set(['TEST_A', 'TEST_B']);

function configIssues(text: string): string[] {
  try {
    parseLintConfig('.policygen.json', text, CODES);
  } catch (error) {
    if (error instanceof PolicygenInputError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error('expected a PolicygenInputError');
}

describe('parseLintConfig', () => {
  it('should read rules, policy types and ignored paths', () => {
    const config = parseLintConfig(
      'c.json',
      JSON.stringify({
        $schema: 'x',
        rules: { TEST_A: 'off', TEST_B: 'warning' },
        policyTypes: [
          { glob: 'endpoints/*.json', type: 'vpc-endpoint-gateway' },
          { glob: '**/trust-*.json', type: 'trust' },
        ],
        ignore: ['build/', 'vendor/**'],
      }),
      CODES,
    );
    expect([...config.rules]).toEqual([
      ['TEST_A', 'off'],
      ['TEST_B', 'warning'],
    ]);
    expect(policyTypeFor(config, 'endpoints/s3.json')).toBe('vpc-endpoint-gateway');
    expect(policyTypeFor(config, './endpoints/s3.json')).toBe('vpc-endpoint-gateway');
    expect(policyTypeFor(config, 'endpoints/sub/s3.json')).toBeUndefined();
    expect(policyTypeFor(config, 'a/b/trust-ecs.json')).toBe('trust');
    expect(policyTypeFor(config, 'trust-ecs.json')).toBe('trust');
    expect(policyTypeFor(config, 'role.json')).toBeUndefined();
    expect(isIgnored(config, 'build/x.json')).toBe(true);
    expect(isIgnored(config, 'vendor/a/b.yaml')).toBe(true);
    expect(isIgnored(config, 'builds/x.json')).toBe(false);
  });

  it('should name every bad field with its line', () => {
    const text = [
      '{',
      '  "rules": { "NOPE": "off", "TEST_A": "loud" },',
      '  "policyTypes": [{ "glob": "", "type": "gateway" }],',
      '  "ignore": [3],',
      '  "extra": true',
      '}',
    ].join('\n');
    expect(configIssues(text)).toEqual([
      '.policygen.json:5:12: extra must not be there: the known fields are "$schema", "rules", "policyTypes", "ignore", received true',
      '.policygen.json:2:22: rules.NOPE must name a rule code of policygen, received "NOPE" (the README lists the codes)',
      '.policygen.json:2:39: rules.TEST_A must be one of "error", "security_warning", "warning", "suggestion", "off", received "loud"',
      '.policygen.json:3:29: policyTypes[0].glob must be a non-empty path glob such as "endpoints/*.json", received ""',
      '.policygen.json:3:41: policyTypes[0].type must be one of "identity", "resource", "trust", "scp", "rcp", "vpc-endpoint", "vpc-endpoint-interface", "vpc-endpoint-gateway", received "gateway"',
      '.policygen.json:4:14: ignore[0] must be a non-empty path glob such as "build/**", received 3',
    ]);
  });

  it('should report invalid JSON and a non-object with their position', () => {
    expect(configIssues('{"rules": {},}')).toEqual([
      expect.stringMatching(/^\.policygen\.json:1:14: the config file must be valid JSON, received invalid JSON: a trailing comma/),
    ]);
    expect(configIssues('[]')).toEqual(['.policygen.json:1:1: the config must be a JSON object, received []']);
  });

  it('should not let a "__proto__" rule code reach Object.prototype', () => {
    expect(configIssues('{"rules": {"__proto__": "off"}}')).toEqual([expect.stringMatching(/rules\.__proto__ must name a rule code/)]);
  });
});

describe('path globs', () => {
  it.each([
    ['*.json', 'a.json', true],
    ['*.json', 'd/a.json', false],
    ['**/*.json', 'a.json', true],
    ['**/*.json', 'd/e/a.json', true],
    ['d/**', 'd/e/a.json', true],
    ['d/**/a.json', 'd/a.json', true],
    ['d/**/a.json', 'd/x/y/a.json', true],
    ['d/?.json', 'd/a.json', true],
    ['d/?.json', 'd/ab.json', false],
    ['a.b', 'axb', false],
    ['(x)+.json', '(x)+.json', true],
    ['./p/*.yaml', 'p/q.yaml', true],
  ])('%s should match %s: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });

  it.each([
    ['*.json', '.'],
    ['policies/*.json', 'policies'],
    ['./a/b/**/*.json', 'a/b'],
    ['/abs/x/*.json', '/abs/x'],
    ['a/*/c.json', 'a'],
  ])('should start searching %s from %s', (glob, base) => {
    expect(globBase(glob)).toBe(base);
  });
});

describe('detect', () => {
  it.each([
    [{ Version: '2012-10-17', Statement: [] }, 'policy'],
    [{ AWSTemplateFormatVersion: '2010-09-09' }, 'cloudformation'],
    [{ Resources: {} }, 'cloudformation'],
    [{ format_version: '1.2', planned_values: {} }, 'terraform-plan'],
    [{ format_version: '1.2', resource_changes: [] }, 'terraform-plan'],
    [{ format_version: '1.2' }, undefined],
    [{ name: 'package' }, undefined],
    [[{ Statement: [] }], undefined],
    ['Statement', undefined],
    [null, undefined],
  ])('should detect %j as %s', (data, kind) => {
    expect(detectKind(data)).toBe(kind);
  });

  it('should not take an inherited key for the content', () => {
    expect(detectKind(Object.create({ Statement: [] }))).toBeUndefined();
  });

  it.each([
    ['a.yaml', '{}', 'yaml'],
    ['a.YML', '{}', 'yaml'],
    ['a.json', 'x: 1', 'json'],
    ['stack.template', '  {"Resources": {}}', 'json'],
    ['stack.template', 'Resources: {}', 'yaml'],
    ['stack.template', '\uFEFF{}', 'json'],
  ])('should read %s (%j) as %s', (file, text, format) => {
    expect(sourceFormatOf(file, text)).toBe(format);
  });

  it('should know a cdk.out folder by manifest.json and a *.template.json', () => {
    expect(isCdkOutFolder(['manifest.json', 'tree.json', 'App.template.json'])).toBe(true);
    expect(isCdkOutFolder(['manifest.json', 'tree.json'])).toBe(false);
    expect(isCdkOutFolder(['App.template.json'])).toBe(false);
  });
});
