import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { LintCliContext } from '../../src/cli/commands/lint';
import { main } from '../../src/cli/main';

/** What one CLI run produced. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const REPO_ROOT = resolve(__dirname, '../..');
export const BIN = resolve(REPO_ROOT, 'bin/policygen.js');
/** What `bin/policygen.js` requires: present only after `npm run build`. */
export const BUILT_MAIN = resolve(REPO_ROOT, 'dist/cjs/cli/main.js');

const SPAWN_TIMEOUT_MS = 20_000;

/**
 * Runs the built bin in a child process, as users do: exit code, stdout and stderr.
 * POLICYGEN_DEBUG is removed so a stack trace in stderr is always a bug.
 */
export function runBin(args: readonly string[], { cwd = REPO_ROOT, input }: { cwd?: string; input?: string } = {}): CliRun {
  const env = { ...process.env };
  delete env['POLICYGEN_DEBUG'];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: SPAWN_TIMEOUT_MS,
    ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input }),
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `main` from the sources in this process with captured writers: fast enough for property
 * tests. `context` sets what the process would otherwise tell (`lint`'s folder, environment, TTYs).
 */
export async function runInProcess(args: readonly string[], context: Omit<LintCliContext, 'stdout' | 'stderr'> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    ...context,
  });
  return { status, stdout, stderr };
}
