import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeUtf8, SourceParseError } from '../template/source/source-error';

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
    case 'ELOOP':
      return 'too many levels of symbolic links (a link loop?)';
    case 'ENOTDIR':
      return 'a folder in the path is a file';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * The largest file (or standard input) a command reads, by default: 32 MiB. The largest AWS
 * managed policy is ~100 KiB and CloudFormation accepts templates up to 1 MB (S3-hosted); a
 * Terraform plan of a large estate can be tens of MiB, hence `--max-input-size BYTES`.
 */
export const DEFAULT_MAX_INPUT_SIZE = 32 * 1024 * 1024;

let maxInputSize = DEFAULT_MAX_INPUT_SIZE;

/** Sets the cap for the run that starts (main, from `--max-input-size`); every read below applies it. */
export function setMaxInputSize(bytes: number = DEFAULT_MAX_INPUT_SIZE): void {
  maxInputSize = bytes;
}

/** `--max-input-size` parser: a whole number of bytes, with an optional K, M or G suffix (powers of 1024). */
export function parseByteSize(text: string): number | undefined {
  const m = /^(\d{1,15})([KMG]i?B?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '').charAt(0).toUpperCase();
  const bytes = Number(m[1]) * (unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

const MIB = 1024 * 1024;

/** `33554432 bytes (32 MiB)`: the exact count, and a readable one when it is large. */
const showSize = (bytes: number): string =>
  bytes < MIB ? `${bytes} bytes` : `${bytes} bytes (${bytes % MIB === 0 ? bytes / MIB : (bytes / MIB).toFixed(1)} MiB)`;

function tooLarge(name: string, size: string): CliIoError {
  return new CliIoError(
    `cannot read ${name}: it must be at most --max-input-size ${showSize(maxInputSize)}, received ${size}; raise the limit with --max-input-size BYTES if the file is meant to be that large`,
  );
}

/** What a file that is not a regular file is, for the message that refuses it. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The error for a path that is not a regular file: thrown without a `cause`, as every refusal (see isRefusal). */
export function refusal(name: string, stat: Stats): CliIoError {
  return new CliIoError(`cannot read ${name}: it must be a regular file, received ${kindOf(stat)}`);
}

/**
 * Whether a read error is policygen refusing the input (not a regular file, over the size cap)
 * rather than the system failing to read it (those carry the system error as their `cause`).
 */
export const isRefusal = (error: unknown): error is CliIoError => error instanceof CliIoError && error.cause === undefined;

const CHUNK = 64 * 1024;

/** Where reads of up to CHUNK bytes land before their bytes are copied out: one allocation per process. */
let scratch: Buffer | undefined;

/**
 * Reads from `fd` until end of file or until more than `max` bytes came: a stream without end
 * (a device, a pipe that never closes its writer) stops at the cap, never exhausts memory. For a
 * regular file, `size` (its fstat size) sizes the first read, and once that many bytes came a
 * short read is its end: one read per file, without a probe for end of file (a lint of the 1,523
 * AWS managed policies reads that many files; 15% less wall time, bench/README.md).
 */
function readCapped(fd: number, max: number, name: string, size?: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const want = Math.min(total === 0 && size !== undefined ? size + 1 : CHUNK, max + 1 - total);
    const buffer = want <= CHUNK ? (scratch ??= Buffer.allocUnsafeSlow(CHUNK)) : Buffer.allocUnsafe(want);
    let n: number;
    try {
      n = readSync(fd, buffer, 0, want, null);
    } catch (error) {
      // Standard input may be a non-blocking pipe whose writer is not done yet: wait, then read on.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    chunks.push(buffer === scratch ? Buffer.from(buffer.subarray(0, n)) : n === want ? buffer : buffer.subarray(0, n));
    total += n;
    if (total > max) throw tooLarge(name, `more than ${total - 1} bytes`);
    // The file as fstat saw it, read whole: done. (Files of /proc say size 0 and are read to their end.)
    if (total === size && n < want) break;
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

/**
 * The bytes of a regular file (links followed). Anything else is refused, not read: a FIFO
 * would block until a writer comes, a device such as /dev/zero never ends. The file is opened
 * non-blocking (so opening a FIFO does not wait for a writer) and checked on the open descriptor,
 * so it cannot be swapped between the check and the read.
 */
export function readFileBytes(file: string, name = file): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new CliIoError(`cannot read ${name}: ${reason(error)}`, { cause: error });
  }
  try {
    const stat = fstatSync(fd);
    // A folder is the system's answer (EISDIR), as when reading one fails: lint reports it as an unreadable file.
    if (stat.isDirectory())
      throw new CliIoError(`cannot read ${name}: ${reason({ code: 'EISDIR' })}`, { cause: Object.assign(new Error('EISDIR'), { code: 'EISDIR' }) });
    if (!stat.isFile()) throw refusal(name, stat);
    if (stat.size > maxInputSize) throw tooLarge(name, showSize(stat.size));
    return readCapped(fd, maxInputSize, name, stat.size);
  } catch (error) {
    if (error instanceof CliIoError) throw error;
    throw new CliIoError(`cannot read ${name}: ${reason(error)}`, { cause: error });
  } finally {
    closeSync(fd);
  }
}

/**
 * File bytes as text: invalid UTF-8 is refused at its line and column, the way `lint` reports it,
 * rather than decoded into replacement characters that would then be parsed.
 */
function decodeInput(bytes: Uint8Array, name: string): string {
  try {
    return decodeUtf8(bytes);
  } catch (error) {
    if (!(error instanceof SourceParseError)) throw error;
    throw new CliIoError(
      `${name}:${error.position.line}:${error.position.column}: the file must be UTF-8 text, received bytes that are not valid UTF-8 (a binary file, or one saved in another encoding?)`,
    );
  }
}

/** The text of a regular file; `name` is how messages name it (the path as the user gave it). */
export function readTextFile(file: string, name = file): string {
  return decodeInput(readFileBytes(file, name), name);
}

/** The name under which a command reads standard input, as in most command-line tools. */
export const STDIN = '-';

/** The text of `file`, or of standard input for `-` (capped and decoded the same way). */
export function readTextInput(file: string): string {
  if (file !== STDIN) return readTextFile(file);
  let bytes: Buffer;
  try {
    bytes = readCapped(0, maxInputSize, 'standard input');
  } catch (error) {
    if (error instanceof CliIoError) throw error;
    throw new CliIoError(`cannot read standard input: ${reason(error)}`, { cause: error });
  }
  return decodeInput(bytes, '<stdin>');
}

/**
 * Writes `text` to `file` atomically: a temporary file in the same folder, flushed, then renamed
 * over the target, so a failed run never leaves a truncated or half-written file behind.
 *
 * Only a regular file is replaced, and it keeps its mode. Anything else that exists there is
 * refused rather than replaced: a rename over /dev/null (as root) or a FIFO would destroy it, and
 * over a symbolic link it would replace the link instead of writing where it points. A read-only
 * file is refused too: renaming over it would succeed (the folder is writable) and silently
 * discard its protection.
 */
export function writeFileAtomic(file: string, text: string): void {
  const existing = lstatSync(file, { throwIfNoEntry: false });
  if (existing !== undefined) {
    if (existing.isSymbolicLink()) {
      throw new CliIoError(`cannot write ${file}: --out must name a regular file, received a symbolic link; write to the file it points to instead`);
    }
    if (!existing.isFile()) throw new CliIoError(`cannot write ${file}: --out must name a regular file, received ${kindOf(existing)}`);
    if ((existing.mode & 0o222) === 0 || !isWritable(file)) {
      throw new CliIoError(`cannot write ${file}: the file is read-only; make it writable (chmod u+w) or choose another --out`);
    }
  }
  // node:crypto is loaded here, not at start-up: only commands that write files need it.
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const temp = join(dirname(file), `.${basename(file)}.policygen-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      if (existing !== undefined) fchmodSync(fd, existing.mode & 0o777);
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

function isWritable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A writer for standard output or error that writes to the file descriptor, synchronously, instead
 * of through `process.stdout`/`process.stderr`: the first use of those loads Node's stream and socket
 * modules, a tenth of a cold one-file lint's CPU time on Node.js 20 (bench/README.md). A reader that
 * went away (EPIPE: `policygen lint … | head`) ends the output quietly, as it does for other command
 * line tools, instead of an unhandled error. On another failure (a non-blocking descriptor's EAGAIN)
 * what is left, and every later text, go to the stream, which queues as Node.js does. On Windows the
 * stream is always used: it converts the text for the console.
 */
export function standardWriter(fd: number, stream: () => NodeJS.WritableStream): (text: string) => void {
  let mode: 'fd' | 'stream' | 'closed' = process.platform === 'win32' ? 'stream' : 'fd';
  let listening = false;
  const toStream = (data: string | Uint8Array): void => {
    const s = stream();
    if (!listening) {
      listening = true;
      s.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        mode = 'closed';
      });
    }
    s.write(data);
  };
  return (text) => {
    if (mode === 'closed') return;
    if (mode === 'stream') {
      toStream(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
        mode = 'closed';
        return;
      }
      mode = 'stream';
      toStream(bytes.subarray(written));
    }
  };
}
