import { findJsonError, MAX_NESTING_DEPTH, parseJsonSource } from '../../src/template/source/json-source';
import { decodeUtf8, positionAt, SourceParseError } from '../../src/template/source/source-error';
import type { Position } from '../../src/lint/types';

/** The SourceParseError `parse` throws, as { message, position }. */
function parseError(text: string): { message: string; position: Position } {
  try {
    parseJsonSource('f.json', text);
  } catch (error) {
    if (error instanceof SourceParseError) return { message: error.message, position: error.position };
    throw error;
  }
  throw new Error('expected a SourceParseError');
}

// Positions below are counted by hand from the text, 1-based, columns in UTF-16 code units.
const POLICY = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [',
  '    {',
  '      "Effect": "Allow",',
  '      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],',
  '      "Resource": "*"',
  '    }',
  '  ]',
  '}',
].join('\n');

describe('parseJsonSource: locate', () => {
  const source = parseJsonSource('policy.json', POLICY);

  it.each([
    [[], { line: 1, column: 1 }],
    [['Version'], { line: 2, column: 14 }],
    [['Statement'], { line: 3, column: 16 }],
    [['Statement', 0], { line: 4, column: 5 }],
    [['Statement', 0, 'Action'], { line: 6, column: 17 }],
    [['Statement', 0, 'Action', 0], { line: 6, column: 18 }],
    [['Statement', 0, 'Action', 1], { line: 6, column: 39 }],
    [['Statement', 0, 'Resource'], { line: 7, column: 19 }],
  ])('should find %j at %j', (path, expected) => {
    expect(source.locate(path)).toEqual(expected);
  });

  it.each([
    [['Statement', 0, 'Condition'], { line: 4, column: 5 }],
    [['Statement', 5], { line: 3, column: 16 }],
    [['Statement', 0, 'Action', 7], { line: 6, column: 17 }],
    [['Version', 'x'], { line: 2, column: 14 }],
    [['Statement', 'Effect'], { line: 3, column: 16 }],
  ])('should fall back to the closest existing ancestor of %j', (path, expected) => {
    expect(source.locate(path)).toEqual(expected);
  });

  it('should give the same positions whatever the order of lookups (its cache must not leak between paths)', () => {
    const text = JSON.stringify({ a: [[1, 2], { b: ['x', 'y', 'z'] }, 3], c: { d: [true, null] }, e: '\n' }, null, 2).replace(/\n/g, '\r\n');
    const paths: (string | number)[][] = [
      ['a', 2],
      ['a', 0, 1],
      ['c', 'd', 1],
      ['a', 1, 'b', 2],
      ['a', 1, 'b', 0],
      ['e'],
      ['a', 0, 0],
      ['c', 'd', 0],
      ['a', 1, 'b', 9],
      ['x'],
    ];
    const fresh = paths.map((p) => parseJsonSource('f.json', text).locate(p));
    for (const order of [paths.map((_, i) => i), paths.map((_, i) => paths.length - 1 - i), [3, 0, 7, 1, 9, 4, 2, 8, 6, 5]]) {
      const one = parseJsonSource('f.json', text);
      const got = order.map((i) => one.locate(paths[i] as (string | number)[]));
      expect(got).toEqual(order.map((i) => fresh[i]));
    }
    // Spot checks by hand (2-space indent, CRLF): "a" opens line 2; its third element, 3, is on line 14.
    expect(fresh[0]).toEqual({ line: 14, column: 5 });
    expect(fresh[6]).toEqual({ line: 4, column: 7 });
  });

  it('should keep the parsed data and the text', () => {
    expect(source.data).toEqual(JSON.parse(POLICY));
    expect(source.text).toBe(POLICY);
    expect(source.file).toBe('policy.json');
  });

  it('should match escaped and non-ASCII keys by their decoded value', () => {
    const s = parseJsonSource('k.json', '{"a\\"b": 1, "\\u0041": 2, "é": [true, "x"]}');
    expect(s.locate(['a"b'])).toEqual({ line: 1, column: 10 });
    expect(s.locate(['A'])).toEqual({ line: 1, column: 23 });
    expect(s.locate(['é', 1])).toEqual({ line: 1, column: 38 });
  });

  it('should count an astral character as two columns (UTF-16, as editors and SARIF do)', () => {
    expect(parseJsonSource('u.json', '{"🙂": 1, "k": 2}').locate(['k'])).toEqual({ line: 1, column: 16 });
  });

  it('should resolve a repeated key to its last occurrence, the one JSON.parse keeps', () => {
    const s = parseJsonSource('d.json', '{"a": 1, "a": 2}');
    expect(s.data).toEqual({ a: 2 });
    expect(s.locate(['a'])).toEqual({ line: 1, column: 15 });
  });

  it('should skip over nested values, strings with brackets and escaped quotes on the way', () => {
    const text = '{"x": {"y": ["]", "\\"}", [[{}]]], "z": "\\\\"}, "w": 1}';
    // `"w"` starts at column 47 (counted by hand); its value is 5 columns on.
    expect(parseJsonSource('n.json', text).locate(['w'])).toEqual({ line: 1, column: 52 });
  });

  it('should count CRLF as one line break and a lone CR as one', () => {
    expect(parseJsonSource('c.json', '{\r\n  "a": [\r\n    1\r\n  ]\r\n}').locate(['a', 0])).toEqual({ line: 3, column: 5 });
    expect(parseJsonSource('r.json', '{\r"a": 1}').locate(['a'])).toEqual({ line: 2, column: 6 });
  });

  it('should drop a UTF-8 byte order mark: not in the text, not counted in columns', () => {
    const s = parseJsonSource('bom.json', '\uFEFF{"a": 1}');
    expect(s.data).toEqual({ a: 1 });
    expect(s.text).toBe('{"a": 1}');
    expect(s.locate(['a'])).toEqual({ line: 1, column: 7 });
  });

  it('should keep __proto__ keys as own properties, never as a prototype', () => {
    const s = parseJsonSource('p.json', '{"__proto__": {"polluted": true}, "a": 1}');
    const data = s.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(s.locate(['__proto__', 'polluted'])).toEqual({ line: 1, column: 28 });
  });

  it('should read a huge string and locate what follows it', () => {
    const big = 'x'.repeat(5_000_000);
    const s = parseJsonSource('big.json', `{"a": "${big}", "b": 2}`);
    expect((s.data as { a: string }).a).toHaveLength(5_000_000);
    // `{"a": "` is 7 columns, then the string, then `", "b": ` (8): the value is the column after.
    expect(s.locate(['b'])).toEqual({ line: 1, column: 7 + 5_000_000 + 8 + 1 });
  });
});

describe('parseJsonSource: errors', () => {
  it.each([
    ['a trailing comma', '{"Version": "2012-10-17",\n "Statement":[1,]}', { line: 2, column: 17 }, /trailing comma/],
    ['a missing colon', '{"a" 1}', { line: 1, column: 6 }, /expected ':'/],
    ['a missing comma in an array', '[1 2]', { line: 1, column: 4 }, /expected ',' or '\]'/],
    ['a missing comma in an object', '{"a": 1 "b": 2}', { line: 1, column: 9 }, /expected ',' or '\}'/],
    ['a missing value', '{"a":}', { line: 1, column: 6 }, /expected a value/],
    ['an unquoted key', '{a: 1}', { line: 1, column: 2 }, /property name in double quotes/],
    ['a string never closed', '{"a": "abc', { line: 1, column: 7 }, /never closed/],
    ['an invalid escape', '["a\\x"]', { line: 1, column: 4 }, /invalid escape/],
    ['a raw line break in a string', '["a\nb"]', { line: 1, column: 4 }, /control character/],
    ['content after the value', '{} x', { line: 1, column: 4 }, /end of the file/],
    ['a bad number', '[-]', { line: 1, column: 3 }, /digit/],
    ['an unclosed object', '{"a": 1', { line: 1, column: 8 }, /expected ',' or '\}'.*end of the file/],
    ['an empty file', '', { line: 1, column: 1 }, /empty/],
    ['a file of white space', '   \n  ', { line: 2, column: 3 }, /empty/],
  ])('should report %s with its line and column', (_name, text, position, message) => {
    const error = parseError(text);
    expect(error.position).toEqual(position);
    expect(error.message).toMatch(/^invalid JSON: /);
    expect(error.message).toMatch(message);
  });

  it('should call a file with NUL bytes not a text file', () => {
    expect(parseError('{"a":1}\u0000\u0000')).toEqual({ message: expect.stringMatching(/not a text file/), position: { line: 1, column: 8 } });
  });

  it('should refuse nesting deeper than the limit at the first bracket too deep, without overflowing the stack', () => {
    const ok = '['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH);
    expect(() => parseJsonSource('ok.json', ok)).not.toThrow();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parseError(deep)).toEqual({ message: expect.stringMatching(/nested deeper than/), position: { line: 1, column: MAX_NESTING_DEPTH + 1 } });
    // Invalid and deep: the error scanner keeps its own stack.
    expect(parseError('['.repeat(100_000))).toEqual({ message: expect.stringMatching(/end of the file/), position: { line: 1, column: 100_001 } });
  });

  it('should find no error in valid JSON', () => {
    expect(findJsonError(POLICY)).toBeUndefined();
    expect(findJsonError('[1, -0.5e+3, true, false, null, "\\u00e9\\n", {}]')).toBeUndefined();
  });
});

describe('positionAt', () => {
  it.each([
    ['a\nb', 2, { line: 2, column: 1 }],
    ['a\r\nb', 3, { line: 2, column: 1 }],
    ['a\r\nb', 2, { line: 1, column: 3 }],
    ['a\rb', 2, { line: 2, column: 1 }],
    ['\n\n\nxy', 4, { line: 4, column: 2 }],
    ['abc', 99, { line: 1, column: 4 }],
  ])('should place offset in %j at %j', (text, offset, expected) => {
    expect(positionAt(text, offset)).toEqual(expected);
  });
});

describe('decodeUtf8', () => {
  it('should decode UTF-8 and drop a byte order mark', () => {
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0xc3, 0xa9, 0x7d]))).toBe('{é}');
  });

  it('should refuse invalid UTF-8 as not a text file, at the first bad byte', () => {
    // `{`, LF, `"`, 0xFF (never valid in UTF-8), `"`, `}`.
    let error: unknown;
    try {
      decodeUtf8(Buffer.from([0x7b, 0x0a, 0x22, 0xff, 0x22, 0x7d]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceParseError);
    expect((error as SourceParseError).message).toMatch(/not a text file/);
    expect((error as SourceParseError).position).toEqual({ line: 2, column: 2 });
  });
});
