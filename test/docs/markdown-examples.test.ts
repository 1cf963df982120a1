import { matchesExpected, parseDoc, rewriteExpected, shellWords } from './markdown-examples';

/** The markup the docs examples test reads: if it misreads a document, examples go silently untested. */
describe('parseDoc', () => {
  const doc = [
    '# Title',
    '<!-- file: role.json -->',
    '```json',
    '{ "Version": "2012-10-17" }',
    '```',
    '',
    '<!-- example exit=1 -->',
    '```sh',
    'policygen lint role.json \\',
    '  --format "json"',
    '```',
    '```json',
    '{}',
    '```',
    '',
    '<!-- not run: set-up -->',
    '```sh',
    'npm ci',
    '```',
    '```sh',
    'policygen plan',
    '```',
    '',
  ].join('\n');

  it('should read files, examples with their options and expected block, and report unmarked code', () => {
    const parsed = parseDoc(doc);
    expect(parsed.problems).toEqual([]);
    expect(parsed.files).toEqual([{ name: 'role.json', content: '{ "Version": "2012-10-17" }\n' }]);
    expect(parsed.examples.map((e) => ({ args: e.args, exit: e.exit, line: e.line, expected: e.expected.body, cwd: e.cwd }))).toEqual([
      { args: ['lint', 'role.json', '--format', 'json'], exit: 1, line: 8, expected: '{}\n', cwd: 'scratch' },
    ]);
    expect(parsed.unmarked.map((b) => b.line)).toEqual([20]);
  });

  it('should refuse an example without an expected block right after it, and unknown options', () => {
    const parsed = parseDoc(['<!-- example exit=x -->', '```sh', 'policygen plan', '```', 'text', '```json', '{}', '```', ''].join('\n'));
    expect(parsed.problems).toEqual([
      'line 2: unknown example option exit=x',
      'line 2: an example must be followed directly by the block of its expected output',
    ]);
    expect(parsed.examples).toEqual([]);
  });

  it('should refuse shell syntax it would not run, rather than run half a pipeline', () => {
    expect(() => shellWords('policygen diff - new.json | head')).toThrow(/shell syntax "\|"/);
    expect(shellWords("policygen diff 'a b.json' c")).toEqual(['policygen', 'diff', 'a b.json', 'c']);
  });

  it('should rewrite only the expected block', () => {
    const parsed = parseDoc(doc);
    const rewritten = rewriteExpected(doc, [{ block: parsed.examples[0]!.expected, stdout: '{\n  "findings": []\n}\n' }]);
    expect(rewritten).toBe(doc.replace('```json\n{}\n```', '```json\n{\n  "findings": []\n}\n```'));
  });
});

describe('matchesExpected', () => {
  it('should compare exactly unless excerpt, where a lone … line stands for any lines', () => {
    expect(matchesExpected('a\nb\n', 'a\nb\n', false)).toBe(true);
    expect(matchesExpected('a\nb\n', 'a\n…\n', false)).toBe(false);
    expect(matchesExpected('a\nb\nc\nd\n', 'a\n…\nd\n', true)).toBe(true);
    expect(matchesExpected('a\nd\n', 'a\n  …\nd\n', true)).toBe(true);
    expect(matchesExpected('a\nb\nc\n', 'a\n…\nd\n', true)).toBe(false);
    expect(matchesExpected('a.b\n', 'a*b\n', true)).toBe(false);
  });
});
