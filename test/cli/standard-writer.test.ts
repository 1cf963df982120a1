import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { standardWriter } from '../../src/cli/io';
import { BIN, REPO_ROOT } from './helpers';

// src/cli/io.ts standardWriter: the CLI's stdout and stderr, written to the descriptor without
// loading Node's streams, falling back to the stream when the descriptor refuses.

/** A stand-in for process.stdout that records what it is given. */
function recordingStream(): { stream: () => NodeJS.WritableStream; written: string[] } {
  const written: string[] = [];
  const stream = {
    write: (data: string | Uint8Array) => written.push(Buffer.from(data).toString('utf8')),
    on: () => stream,
  } as unknown as NodeJS.WritableStream;
  return { stream: () => stream, written };
}

describe('standardWriter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-writer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  (process.platform === 'win32' ? it.skip : it)('should write every byte of the texts to the descriptor, in order, without the stream', () => {
    const file = join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    const { stream, written } = recordingStream();
    try {
      const write = standardWriter(fd, stream);
      write('policygen lint: 1 file, no findings\n');
      write('multi-byte: \u2026 \u00a7 \u{1f512}\n');
      write('x'.repeat(200_000));
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe(`policygen lint: 1 file, no findings\nmulti-byte: \u2026 \u00a7 \u{1f512}\n${'x'.repeat(200_000)}`);
    expect(written).toEqual([]);
  });

  (process.platform === 'win32' ? it.skip : it)('should hand the text, and every later one, to the stream when the descriptor fails', () => {
    // A closed descriptor fails with EBADF, as a non-blocking one would with EAGAIN.
    const fd = openSync(join(dir, 'closed.txt'), 'w');
    closeSync(fd);
    const { stream, written } = recordingStream();
    const write = standardWriter(fd, stream);
    write('first\n');
    write('second\n');
    expect(written).toEqual(['first\n', 'second\n']);
  });
});

(existsSync(resolve(REPO_ROOT, 'dist/cjs/cli/main.js')) && process.platform !== 'win32' ? describe : describe.skip)('the bin when its reader goes away', () => {
  it.each([
    ['lint --format sarif', ['lint', 'examples/fargate-awslogs/template.json', '--format', 'sarif']],
    ['generate --example', ['generate', '--example']],
  ])('%s | head -c 20 ends quietly, without an unhandled EPIPE', (_, args) => {
    const line = `"${process.execPath}" "${BIN}" ${args.join(' ')} | head -c 20; exit \${PIPESTATUS[0]}`;
    const env = { ...process.env };
    delete env['POLICYGEN_DEBUG'];
    const run = spawnSync('bash', ['-c', line], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 20_000 });
    expect(run.stdout).toHaveLength(20);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.status);
  });
});
