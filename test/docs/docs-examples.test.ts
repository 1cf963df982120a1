import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BIN, BUILT_MAIN, REPO_ROOT } from '../cli/helpers';
import { matchesExpected, parseDoc, rewriteExpected, type CommandExample, type FencedBlock } from './markdown-examples';

/**
 * Every example of the documentation runs here through the built CLI (bin/policygen.js, so
 * `npm run build` first) and must print exactly the block shown under it (stdout, or stderr when marked so), with the exit code its
 * marker names. The markup is described in ./markdown-examples.ts. `UPDATE_GOLDEN=1` rewrites the
 * expected blocks from the runs (read the diff before committing it).
 */

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
].sort();
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const TIMEOUT_MS = 30_000;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one example as a user would in a shell: no colour, no debug stack, a pipe for stdout. */
function run(example: CommandExample, scratch: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['POLICYGEN_DEBUG'];
  delete env['FORCE_COLOR'];
  const cwd = example.cwd === 'repo' ? REPO_ROOT : scratch;
  const argv = example.kind === 'command' ? [BIN, ...example.args] : [join(scratch, `example-${example.line}.mjs`)];
  if (example.kind === 'module') writeFileSync(argv[0]!, example.source);
  const result = spawnSync(process.execPath, argv, { cwd, env, encoding: 'utf8', timeout: TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch folder holding the document's files, where `policygen` resolves to this package (for js examples). */
function scratchFor(files: readonly { name: string; content: string }[]): string {
  const scratch = mkdtempSync(join(tmpdir(), 'policygen-docs-'));
  for (const file of files) {
    mkdirSync(dirname(join(scratch, file.name)), { recursive: true });
    writeFileSync(join(scratch, file.name), file.content);
  }
  mkdirSync(join(scratch, 'node_modules'));
  symlinkSync(REPO_ROOT, join(scratch, 'node_modules', 'policygen'), 'dir');
  return scratch;
}

const scratches: string[] = [];
const updates = new Map<string, { block: FencedBlock; stdout: string }[]>();

beforeAll(() => {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` before the docs examples`);
});

afterAll(() => {
  for (const scratch of scratches) rmSync(scratch, { recursive: true, force: true });
  for (const [doc, list] of updates) {
    const path = join(REPO_ROOT, doc);
    writeFileSync(path, rewriteExpected(readFileSync(path, 'utf8'), list));
  }
});

describe.each(DOCS)('%s', (doc) => {
  const parsed = parseDoc(readFileSync(join(REPO_ROOT, doc), 'utf8'));
  let scratch = '';
  beforeAll(() => {
    scratch = scratchFor(parsed.files);
    scratches.push(scratch);
  });

  it('should mark every sh/js/ts block as an example or as not run, in valid markup', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.unmarked.map((b) => `line ${b.line}: ${b.body.split('\n')[0]}`)).toEqual([]);
  });

  const examples = parsed.examples.map((e) => [`line ${e.line}: ${e.kind === 'command' ? `policygen ${e.args.join(' ')}` : 'node module'}`, e] as const);
  if (examples.length === 0) return;
  it.each(examples)('%s', (_, example) => {
    const result = run(example, scratch);
    const shown = result[example.stream];
    if (UPDATE && !example.excerpt && shown !== example.expected.body) {
      updates.set(doc, [...(updates.get(doc) ?? []), { block: example.expected, stdout: shown }]);
    }
    expect({ exit: result.status, stack: /\n\s+at /.test(result.stderr) }).toEqual({ exit: example.exit, stack: false });
    if (UPDATE && !example.excerpt) return;
    if (!matchesExpected(shown, example.expected.body, example.excerpt)) {
      // The whole output, so the difference shows; the excerpt's `…` lines are the only freedom.
      expect(shown).toBe(example.expected.body);
    }
  });
});
