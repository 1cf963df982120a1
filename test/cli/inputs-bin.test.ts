import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, BUILT_MAIN, type CliRun } from './helpers';

/**
 * The real process on inputs that used to hang or exhaust memory (issue 12, item 1). Each run has a
 * short timeout: a regression fails the test instead of hanging the suite. Needs `npm run build`.
 */
const TIMEOUT_MS = 15_000;
let dir: string;
const at = (name: string): string => join(dir, name);
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"}]}\n';

function run(args: readonly string[], input?: Buffer): CliRun & { readonly timedOut: boolean } {
  const env = { ...process.env };
  delete env['POLICYGEN_DEBUG'];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    env,
    timeout: TIMEOUT_MS,
    maxBuffer: 1024 * 1024,
    ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input }),
  });
  // EPIPE is expected when policygen stops reading standard input at the cap; only a timeout is a failure.
  return {
    status: r.status,
    stdout: r.stdout.toString(),
    stderr: r.stderr.toString(),
    timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT',
  };
}

function expectRefused(r: ReturnType<typeof run>, message: RegExp): void {
  expect(r.timedOut).toBe(false);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
}

const describeBuilt = existsSync(BUILT_MAIN) ? describe : describe.skip;

describeBuilt('policygen on inputs that cannot hurt (bin)', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-inputs-bin-'));
    writeFileSync(at('p.json'), POLICY);
    const r = spawnSync('mkfifo', [at('fifo')]);
    if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr.toString()}`);
    symlinkSync('fifo', at('fifo-link.json'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['lint', ['lint', 'fifo']],
    ['lint (a link to a FIFO)', ['lint', 'fifo-link.json']],
    ['generate --spec', ['generate', '--spec', 'fifo']],
    ['diff', ['diff', 'fifo', 'p.json']],
    ['lint --config', ['lint', 'p.json', '--config', 'fifo']],
    ['check --template', ['check', '--template', 'fifo']],
  ])('%s: a FIFO is refused at once, not waited on', (_name, args) => {
    expectRefused(run(args), /cannot read fifo(-link\.json)?: it must be a regular file, received a named pipe \(FIFO\)/);
  });

  it.each([
    ['lint', ['lint', '/dev/zero']],
    ['generate --spec', ['generate', '--spec', '/dev/zero']],
    ['diff', ['diff', '/dev/zero', 'p.json']],
  ])('%s: /dev/zero is refused, not read until memory runs out', (_name, args) => {
    expectRefused(run(args), /cannot read \/dev\/zero: it must be a regular file, received a character device/);
  });

  it('should stop reading standard input at --max-input-size', () => {
    // 2 MiB of zeros on stdin against a 1 MiB cap: refused after the first MiB.
    expectRefused(
      run(['diff', '-', 'p.json', '--max-input-size', '1M'], Buffer.alloc(2 * 1024 * 1024)),
      /cannot read standard input: it must be at most --max-input-size 1048576 bytes/,
    );
  });

  it('should still read a policy from standard input', () => {
    const r = run(['diff', '-', 'p.json'], Buffer.from(POLICY));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
