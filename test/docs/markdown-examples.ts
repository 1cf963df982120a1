/**
 * The runnable examples of the documentation, read from the Markdown itself.
 *
 * Markup (an HTML comment on the line right before a fenced block; GitHub and npm do not show it):
 *
 *   <!-- example -->                 the next ```sh block is one `policygen …` command (`\` continues a
 *   <!-- example exit=1 -->          line), the fenced block right after it is its exact stdout; or the
 *   <!-- example cwd=repo -->        next ```js block is an ES module run with `node`, `policygen`
 *   <!-- example excerpt -->         resolving to this package. `exit=N`: the expected exit code (0 by
 *   <!-- example exit=2 stderr -->   default). `cwd=repo`: run from the repository root (for files that
 *                                    only a clone has) instead of a scratch folder. `excerpt`: a line
 *                                    holding only `…` in the expected block stands for any lines.
 *                                    `stderr`: the block is what the command prints on stderr.
 *   <!-- file: NAME -->              the next block is written to NAME in the scratch folder before the
 *                                    examples of that document run.
 *   <!-- not run: REASON -->         the next sh/js/ts block is deliberately not executed (set-up
 *                                    commands, fragments); every other such block must be an example.
 */

/** One fenced code block: its info string, its body (ending in a newline unless empty), and where it starts. */
export interface FencedBlock {
  readonly lang: string;
  readonly body: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Offsets of the body in the document, for rewriting it. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /** The HTML comment on the line right before the fence, without `<!--` and `-->`. */
  readonly marker?: string;
}

export interface CommandExample {
  readonly kind: 'command' | 'module';
  /** The policygen arguments (kind command) or the module text (kind module). */
  readonly args: readonly string[];
  readonly source: string;
  readonly line: number;
  readonly exit: number;
  readonly cwd: 'scratch' | 'repo';
  readonly excerpt: boolean;
  /** The expected block shows stderr rather than stdout. */
  readonly stream: 'stdout' | 'stderr';
  readonly expected: FencedBlock;
}

export interface DocFile {
  readonly name: string;
  readonly content: string;
}

export interface ParsedDoc {
  readonly examples: readonly CommandExample[];
  readonly files: readonly DocFile[];
  /** sh/js/ts blocks that are neither an example nor marked `not run`. */
  readonly unmarked: readonly FencedBlock[];
  /** Problems in the markup itself, with their line. */
  readonly problems: readonly string[];
}

const FENCE = /^(`{3,})([^`\n]*)$/;
const MARKER = /^<!--\s*(.*?)\s*-->$/;
const CODE_LANGS = new Set(['sh', 'shell', 'bash', 'console', 'js', 'mjs', 'ts']);

/** Every fenced block of a Markdown document, in order. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    let close = i + 1;
    while (close < lines.length && lines[close] !== fence) close++;
    if (close >= lines.length) break;
    const previous = i > 0 ? MARKER.exec(lines[i - 1]!.trim()) : null;
    blocks.push({
      lang: open[2]!.trim().split(/\s+/)[0] ?? '',
      body: lines.slice(i + 1, close).join('\n') + (close > i + 1 ? '\n' : ''),
      line: i + 1,
      bodyStart: offsets[i + 1]!,
      bodyEnd: offsets[close]!,
      ...(previous ? { marker: previous[1]! } : {}),
    });
    i = close;
  }
  return blocks;
}

/** Splits one command line as a POSIX shell would for the subset the docs use: words, quotes, `\` newlines. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === '\\' && command[i + 1] === '\n') {
      i++;
    } else if (c === "'" || c === '"') {
      const end = command.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated ${c} in: ${command}`);
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if ('|&;<>$`#'.includes(c) && word === undefined) {
      throw new Error(`examples are one plain command, found shell syntax "${c}" in: ${command}`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The examples, files and unmarked code blocks of one document. */
export function parseDoc(markdown: string): ParsedDoc {
  const blocks = fencedBlocks(markdown);
  const examples: CommandExample[] = [];
  const files: DocFile[] = [];
  const unmarked: FencedBlock[] = [];
  const problems: string[] = [];
  const used = new Set<FencedBlock>();
  blocks.forEach((block, index) => {
    if (used.has(block)) return;
    const marker = block.marker ?? '';
    const file = /^file:\s*(\S+)$/.exec(marker);
    if (file) {
      files.push({ name: file[1]!, content: block.body });
      return;
    }
    const example = /^example((?:\s+\S+)*)$/.exec(marker);
    if (example) {
      const options = example[1]!.trim().split(/\s+/).filter(Boolean);
      const expected = blocks[index + 1];
      const unknown = options.filter((o) => !/^(exit=\d+|cwd=repo|excerpt|stderr)$/.test(o));
      if (unknown.length > 0) problems.push(`line ${block.line}: unknown example option ${unknown[0]}`);
      if (!expected || expected.marker !== undefined || !followsDirectly(markdown, block, expected)) {
        problems.push(`line ${block.line}: an example must be followed directly by the block of its expected output`);
        return;
      }
      used.add(expected);
      const exit = Number(/exit=(\d+)/.exec(example[1]!)?.[1] ?? '0');
      const common = {
        source: block.body,
        line: block.line,
        exit,
        expected,
        excerpt: options.includes('excerpt'),
        stream: options.includes('stderr') ? 'stderr' : 'stdout',
      } as const;
      const cwd = options.includes('cwd=repo') ? 'repo' : 'scratch';
      if (block.lang === 'sh') {
        let args: string[];
        try {
          args = shellWords(block.body.trim());
        } catch (error) {
          problems.push(`line ${block.line}: ${(error as Error).message}`);
          return;
        }
        if (args[0] !== 'policygen') problems.push(`line ${block.line}: a sh example must run policygen, received ${args[0]}`);
        else examples.push({ kind: 'command', args: args.slice(1), cwd, ...common });
      } else if (block.lang === 'js') {
        examples.push({ kind: 'module', args: [], cwd, ...common });
      } else {
        problems.push(`line ${block.line}: an example must be a sh or js block, received ${block.lang || 'no language'}`);
      }
      return;
    }
    if (CODE_LANGS.has(block.lang) && !/^not run:\s*\S/.test(marker)) unmarked.push(block);
  });
  return { examples, files, unmarked, problems };
}

/** True when only white space separates the end of `first` from the start of `second`. */
function followsDirectly(markdown: string, first: FencedBlock, second: FencedBlock): boolean {
  const between = markdown.slice(first.bodyEnd, second.bodyStart);
  return /^`{3,}\n\s*`{3,}[^\n]*\n$/.test(between);
}

/**
 * Whether an output matches an expected block. Exact, unless `excerpt`: then a line holding only
 * `…` stands for any run of lines (none included), so a long JSON document can be shown in part.
 */
export function matchesExpected(actual: string, expected: string, excerpt: boolean): boolean {
  if (!excerpt) return actual === expected;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = expected
    .split('\n')
    .map((line, i, all) => (line.trim() === '…' ? '(?:[^\\n]*\\n)*?' : escape(line) + (i < all.length - 1 ? '\\n' : '')))
    .join('');
  return new RegExp(`^${pattern}$`).test(actual);
}

/** The document with each example's expected block replaced by what the run printed (UPDATE_GOLDEN=1). */
export function rewriteExpected(markdown: string, updates: readonly { readonly block: FencedBlock; readonly stdout: string }[]): string {
  let result = markdown;
  for (const { block, stdout } of [...updates].sort((a, b) => b.block.bodyStart - a.block.bodyStart)) {
    const body = stdout === '' || stdout.endsWith('\n') ? stdout : `${stdout}\n`;
    result = result.slice(0, block.bodyStart) + body + result.slice(block.bodyEnd);
  }
  return result;
}
