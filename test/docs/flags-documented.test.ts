import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, BUILT_MAIN, REPO_ROOT } from '../cli/helpers';

/**
 * Every flag a command's `--help` lists is named in the docs page of that command (issue 9: the docs
 * document every new flag), so a flag added without its docs fails here. Runs the built CLI: `npm
 * run build` first, as for the docs examples.
 */

const PAGES: Readonly<Record<string, string>> = {
  's3-gateway-policy': 'docs/generate.md',
  'execution-role-policy': 'docs/generate.md',
  'ecr-endpoint-policy': 'docs/generate.md',
  'registry-policy': 'docs/generate.md',
  'repository-policy': 'docs/generate.md',
  plan: 'docs/generate.md',
  generate: 'docs/generate.md',
  lint: 'docs/lint.md',
  rules: 'docs/lint.md',
  check: 'docs/check.md',
  diff: 'docs/diff.md',
};

function flagsOf(command: string): string[] {
  const result = spawnSync(process.execPath, [BIN, command, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.error) throw result.error;
  const options = result.stdout.split('\n\n').find((section) => section.startsWith('Options:')) ?? '';
  return [...new Set([...options.matchAll(/^\s+(?:-\w, )?(--[a-z0-9-]+)/gm)].map((m) => m[1]!))].filter((f) => f !== '--help');
}

beforeAll(() => {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first`);
});

describe.each(Object.entries(PAGES))('policygen %s --help', (command, page) => {
  it(`should have every flag named in ${page}`, () => {
    const flags = flagsOf(command);
    expect(flags.length).toBeGreaterThan(0);
    const text = readFileSync(join(REPO_ROOT, page), 'utf8');
    expect(flags.filter((flag) => !new RegExp(`${flag}(?![a-z0-9-])`).test(text))).toEqual([]);
  });
});
