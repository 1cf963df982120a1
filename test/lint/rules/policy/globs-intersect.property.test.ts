import fc from 'fast-check';
import { formatTokens, globsIntersect, valueTokens, type Token } from '../../../../src/lint/rules/policy/lib/arn-formats';

// globsIntersect takes shortcuts (different literals before the first or after the last `*`, a value
// without wildcards). The oracle here takes none: it tries every string over the globs' letters and
// one letter neither holds, up to the longest a shortest common string can be (a character that both
// globs read with `*` can be dropped, so at most one character per non-`*` token of either glob).

const ANY = valueTokens('?')[0] as Token;
const STAR = valueTokens('*')[0] as Token;

function toRegExp(tokens: readonly Token[]): RegExp {
  const body = tokens.map((t) => (t === STAR ? '.*' : t === ANY ? '.' : String.fromCharCode(t))).join('');
  return new RegExp(`^${body}$`, 's');
}

function bruteForceIntersect(a: readonly Token[], b: readonly Token[]): boolean {
  const ra = toRegExp(a);
  const rb = toRegExp(b);
  const longest = [...a, ...b].filter((t) => t !== STAR).length;
  let level = [''];
  for (let length = 0; length <= longest; length++) {
    if (level.some((s) => ra.test(s) && rb.test(s))) return true;
    level = level.flatMap((s) => ['a', 'b', 'z'].map((c) => s + c));
  }
  return false;
}

const token = fc.constantFrom<Token>(97, 98, ANY, STAR);
const glob = fc.array(token, { maxLength: 4 });
const literal = fc.array(fc.constantFrom<Token>(97, 98), { maxLength: 6 });

describe('globsIntersect', () => {
  it('agrees with trying every short string, for any two globs', () => {
    fc.assert(
      fc.property(glob, glob, (a, b) => {
        expect(globsIntersect(a, b)).toBe(bruteForceIntersect(a, b));
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees with a regular expression when one side holds no wildcard, either way round', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 7 }), literal, (a, b) => {
        const expected = toRegExp(a).test(String.fromCharCode(...b));
        expect(globsIntersect(a, b)).toBe(expected);
        expect(globsIntersect(b, a)).toBe(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads a format variable as one or more characters, and a policy wildcard as any run', () => {
    const format = formatTokens('repository/${RepositoryName}');
    expect(globsIntersect(format, valueTokens('repository/app'))).toBe(true);
    expect(globsIntersect(format, valueTokens('repository/'))).toBe(false);
    expect(globsIntersect(format, valueTokens('repository/*'))).toBe(true);
    expect(globsIntersect(format, valueTokens('repo*/x'))).toBe(true);
    expect(globsIntersect(format, valueTokens('*ository/x'))).toBe(true);
    expect(globsIntersect(format, valueTokens('*ositories/x'))).toBe(true);
    expect(globsIntersect(format, valueTokens('repositories'))).toBe(false);
    expect(globsIntersect(format, valueTokens('image/*'))).toBe(false);
  });
});
