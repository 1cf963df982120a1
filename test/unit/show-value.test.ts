import fc from 'fast-check';
import { showValue } from '../../src/model/errors';

/** The plain definition showValue must agree with: JSON.stringify, then cut to 80 characters. */
function reference(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = 'a value that refers to itself';
  }
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

describe('showValue', () => {
  it('should show what JSON.stringify shows, cut to 80 characters', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(showValue(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('should skip undefined and functions as JSON.stringify does, and show a cycle as such', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    for (const value of [{ a: undefined, b: 1 }, [undefined, () => 1], 'x\u0000y', { toJSON: () => 'z' }, Symbol('s'), () => 1])
      expect(showValue(value)).toBe(reference(value));
    expect(showValue(cyclic)).toBe('a value that refers to itself');
  });
});
