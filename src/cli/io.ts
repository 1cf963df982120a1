import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** An I/O failure users can act on: the message names the file and the reason. */
export class CliIoError extends Error {
  readonly code = 'POLICYGEN_IO';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliIoError(`cannot read ${file}: ${reason(error)}`, { cause: error });
  }
}

/** The name under which a command reads standard input, as in most command-line tools. */
export const STDIN = '-';

/** The text of `file`, or of standard input for `-`. */
export function readTextInput(file: string): string {
  if (file !== STDIN) return readTextFile(file);
  try {
    return readFileSync(0, 'utf8');
  } catch (error) {
    throw new CliIoError(`cannot read standard input: ${reason(error)}`, { cause: error });
  }
}

/**
 * Writes `text` to `file` atomically: a temporary file in the same folder, flushed, then renamed
 * over the target, so a failed run never leaves a truncated or half-written file behind.
 */
export function writeFileAtomic(file: string, text: string): void {
  // node:crypto is loaded here, not at start-up: only commands that write files need it.
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const temp = join(dirname(file), `.${basename(file)}.policygen-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created.
    }
    throw new CliIoError(`cannot write ${file}: ${reason(error)}`, { cause: error });
  }
}
