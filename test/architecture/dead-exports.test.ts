import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * No dead exports in src/: scripts/dead-exports.mjs lists every export that no other file uses and
 * no doc names (src/index.ts and src/cdk/index.ts, the public API, are allowed). A new export that
 * nothing uses fails here: use it, drop its `export`, or make it public API.
 */

const ROOT = resolve(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'dead-exports.mjs');
// The compiler reads every source and test file: slow on a busy machine.
const TIMEOUT_MS = 180_000;

function deadExports(root: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8', timeout: TIMEOUT_MS });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dead exports', () => {
  it(
    'should find none in src/',
    () => {
      const result = deadExports(ROOT);
      expect(result.stdout).toBe('');
      expect(result.status).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    'should report an export nothing uses, and only that one, in a small tree',
    () => {
      const root = mkdtempSync(join(tmpdir(), 'policygen-dead-exports-'));
      const files: Record<string, string> = {
        'src/index.ts': "export { used, publicOnly } from './lib';\n",
        'src/cdk/index.ts': 'export const construct = 1;\n',
        'src/lib.ts': [
          'export function used(): number { return helper(); }',
          'export const publicOnly = 2;',
          'export function helper(): number { return 3; }',
          'export const nobodyUses = 4;',
          'export const namedInDocs = 5;',
          'export interface Shape { readonly size: number }',
          'export function measure(s: Shape): number { return s.size; }',
          'export const viaRequire = 6;',
          '',
        ].join('\n'),
        'src/other.ts': [
          "import { measure } from './lib';",
          "const { viaRequire } = require('./lib') as typeof import('./lib');",
          'export const total = measure({ size: viaRequire });',
          '',
        ].join('\n'),
        'test/other.test.ts': "import { total } from '../src/other';\nvoid total;\n",
        'docs/api.md': 'Call `namedInDocs` to …\n',
      };
      try {
        for (const [name, text] of Object.entries(files)) {
          mkdirSync(dirname(join(root, name)), { recursive: true });
          writeFileSync(join(root, name), text);
        }
        const result = deadExports(root);
        // helper: used only in its own file (drop `export`); nobodyUses: used nowhere. Shape is a type
        // that an exported signature of its file names; the others are used, public, or documented.
        expect(result.stdout.split('\n').filter(Boolean)).toEqual(['src/lib.ts:3: helper (used in its own file: drop `export`)', 'src/lib.ts:4: nobodyUses']);
        expect(result.status).toBe(1);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    TIMEOUT_MS,
  );
});
