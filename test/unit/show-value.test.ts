import { showValue } from '../../src/model/errors';

describe('showValue', () => {
  it('should show a value as JSON, quoted and escaped, and say nothing for undefined', () => {
    expect(showValue('a"b')).toBe('"a\\"b"');
    expect(showValue('x\u0000y\n')).toBe('"x\\u0000y\\n"');
    expect(showValue({ a: [1, null, true] })).toBe('{"a":[1,null,true]}');
    expect(showValue(undefined)).toBe('nothing');
  });

  it('should cut a long value to 80 characters, the last one an ellipsis', () => {
    const shown = showValue('x'.repeat(500));
    expect(shown).toHaveLength(80);
    expect(shown).toBe(`"${'x'.repeat(78)}…`);
    expect(showValue('x'.repeat(78))).toHaveLength(80);
  });

  it('should skip undefined and functions inside a value, and show a cycle as such', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(showValue({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(showValue([undefined, () => 1])).toBe('[null,null]');
    expect(showValue(cyclic)).toBe('a value that refers to itself');
  });
});
