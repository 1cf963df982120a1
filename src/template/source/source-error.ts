import { PolicygenInputError } from '../../model/errors';
import type { Position } from '../types';

/**
 * A file that cannot be read as its format: the engine turns it into a `PARSE_ERROR` finding at
 * `position`. A PolicygenInputError, so that a library caller needs to catch one type for bad input;
 * `message` stays the reader's own sentence (findings show it), `issues` carries it as data.
 */
export class SourceParseError extends PolicygenInputError {
  constructor(
    message: string,
    readonly position: Position,
    /** True when the text breaks the JSON grammar (RFC 8259); false for a binary file or one nested too deeply. */
    readonly jsonSyntax = false,
  ) {
    super([{ field: 'the file', expected: 'be readable as JSON or YAML', received: message }]);
    this.message = message;
    this.name = 'SourceParseError';
  }
}

/**
 * The 1-based line and column of a character offset. Lines end at LF, CRLF or a lone CR (what
 * editors count); columns count UTF-16 code units, as editors and SARIF do.
 */
export function positionAt(text: string, offset: number): Position {
  const end = Math.max(0, Math.min(offset, text.length));
  const { line, lineStart } = countLines(text, { offset: 0, line: 1, lineStart: 0 }, end);
  return { line, column: end - lineStart + 1 };
}

/** A point reached while counting lines: `lineStart` is the offset where `line` begins. */
export interface LineCount {
  readonly offset: number;
  readonly line: number;
  readonly lineStart: number;
}

/** Counts lines on from `from` up to `end` (>= from.offset), so that callers can resume a count. */
export function countLines(text: string, from: LineCount, end: number): LineCount {
  let { line, lineStart } = from;
  // indexOf jumps over whole lines; the next LF and CR are searched again only once passed, so a
  // file without CR is not rescanned for one at every line.
  let lf = -1;
  let cr = -1;
  for (let i = from.offset; i < end;) {
    if (lf < i) lf = indexOrInfinity(text, '\n', i);
    if (cr < i) cr = indexOrInfinity(text, '\r', i);
    const next = Math.min(lf, cr);
    if (next >= end) break;
    const after = next === cr && lf === cr + 1 ? next + 2 : next + 1;
    if (after > end) break; // end is the LF of a CRLF: still on this line
    line++;
    lineStart = after;
    i = after;
  }
  return { offset: end, line, lineStart };
}

function indexOrInfinity(text: string, char: string, from: number): number {
  const i = text.indexOf(char, from);
  return i < 0 ? Infinity : i;
}

/** The text without a leading UTF-8 byte order mark (editors on Windows write one; parsers reject it). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// One decoder for every file: without `stream`, a decode carries nothing over to the next one.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * File bytes as text. Bytes that are not UTF-8 mean a binary file (or one saved in another encoding):
 * `SourceParseError` at the first bad sequence, rather than parsing replacement characters.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    // The decoder drops a BOM itself; the first replacement character marks the first bad sequence.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    throw new SourceParseError('not a text file: it is not valid UTF-8', positionAt(lenient, Math.max(0, lenient.indexOf('\uFFFD'))));
  }
}
