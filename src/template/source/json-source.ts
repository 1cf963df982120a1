/**
 * JSON input files. `JSON.parse` does the parsing (native and iterative, so fast and safe on deep
 * input); positions are found only when a finding asks for one, by a tokenizer that walks the text
 * along that one path. Nothing is kept per node, so a file without findings costs one parse and a
 * count of its brackets.
 */
import type { DuplicateKey, JsonPath, Position, SourceFile } from '../types';
import { countLines, type LineCount, positionAt, SourceParseError, stripBom } from './source-error';

/**
 * Deeper input is refused: `JSON.parse` copes, but recursive code after it (`JSON.stringify`,
 * readers, rules) would overflow the stack near 5,000 levels. Real policies and templates stay
 * under 30.
 */
export const MAX_NESTING_DEPTH = 512;

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * Parses a JSON file. Throws `SourceParseError` with the line and column of the first problem:
 * invalid JSON, a NUL byte (a binary file), or nesting deeper than `MAX_NESTING_DEPTH`.
 * A UTF-8 byte order mark is dropped; `__proto__` keys stay own properties, as `JSON.parse` makes them.
 */
export function parseJsonSource(file: string, input: string): SourceFile {
  const text = stripBom(input);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new SourceParseError('not a text file: it contains NUL bytes', positionAt(text, nul));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const problem = findJsonError(text) ?? { offset: 0, message: error instanceof Error ? error.message : String(error) };
    throw new SourceParseError(`invalid JSON: ${problem.message}`, positionAt(text, problem.offset), true);
  }
  const tooDeep = offsetBeyondDepth(text, MAX_NESTING_DEPTH);
  if (tooDeep >= 0) {
    throw new SourceParseError(`nested deeper than ${MAX_NESTING_DEPTH} levels; policygen does not read such files`, positionAt(text, tooDeep));
  }
  const locator = new Locator(text);
  // Counting is the cheap test (one native regex pass and a walk of the parsed data): the keys the
  // parsed data has are the keys written unless one was repeated. Only when the counts differ is the
  // text walked token by token, which finds the repeats exactly (or that the count was high).
  const duplicateKeys = countKeyTokens(text) === countKeys(data) ? [] : findDuplicateKeys(text);
  return { file, text, data, locate: (path) => locator.locate(path), ...(duplicateKeys.length > 0 ? { duplicateKeys } : {}) };
}

/**
 * At least the number of object keys the text writes, repeats included: every key is a string and
 * a colon, so each colon after a quote (white space between allowed) counts. Colons inside strings
 * (ARNs are full of them) mostly follow other characters; the rare one after a quote (a string
 * value that starts with a colon, an escaped quote before one) only makes the count high. A native
 * indexOf per colon measured about twice as fast as a regex over the corpus.
 */
function countKeyTokens(text: string): number {
  let keys = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    let j = i - 1;
    let c = text.charCodeAt(j);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(--j);
    if (c === QUOTE) keys++;
  }
  return keys;
}

/** How many own keys the parsed objects have: fewer than the text writes when a key was repeated. */
function countKeys(data: unknown): number {
  let keys = 0;
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) pending.push(item);
      continue;
    }
    for (const key in value) {
      keys++;
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) pending.push(item);
    }
  }
  return keys;
}

type Frame =
  | { readonly kind: 'object'; readonly path: JsonPath; readonly keys: Map<string, number>; key: string; expectKey: boolean }
  | { readonly kind: 'array'; readonly path: JsonPath; index: number };

/** Every repeated key of valid JSON text, in text order, with where it and its first occurrence stand. */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const frames: Frame[] = [];
  const valuePath = (): JsonPath => {
    const top = frames[frames.length - 1];
    if (top === undefined) return [];
    return [...top.path, top.kind === 'object' ? top.key : top.index];
  };
  for (let i = skipWhitespace(text, 0); i < text.length; i = skipWhitespace(text, i)) {
    const c = text.charCodeAt(i);
    const top = frames[frames.length - 1];
    if (c === OPEN_BRACE) {
      frames.push({ kind: 'object', path: valuePath(), keys: new Map(), key: '', expectKey: true });
      i++;
    } else if (c === OPEN_BRACKET) {
      frames.push({ kind: 'array', path: valuePath(), index: 0 });
      i++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      frames.pop();
      i++;
    } else if (c === COMMA) {
      if (top?.kind === 'array') top.index++;
      else if (top?.kind === 'object') top.expectKey = true;
      i++;
    } else if (c === COLON) {
      i++;
    } else if (c === QUOTE && top?.kind === 'object' && top.expectKey) {
      const { key, end } = readKey(text, i);
      const first = top.keys.get(key);
      if (first === undefined) top.keys.set(key, i);
      else out.push({ key, path: [...top.path, key], position: positionAt(text, i), first: positionAt(text, first) });
      top.key = key;
      top.expectKey = false;
      i = end;
    } else {
      i = skipValue(text, i);
    }
  }
  return out;
}

function skipWhitespace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
    i++;
  }
}

/** Offset just after the string that opens at `i` (its closing quote), or the text's length if unterminated. */
function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    j = text.indexOf('"', j);
    if (j < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
    j++;
  }
}

/** Where the next string or bracket starts: a native search skips the white space and scalars between them. */
const STRUCTURE = /["[\]{}]/g;

/** Offset just after the value that starts at `i`, without recursion. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
    // A number or a literal: runs to the next delimiter.
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === 32 || d === 10 || d === 13 || d === 9) break;
      i++;
    }
    return i;
  }
  // `test` moves lastIndex without building a match: one native search per string or bracket.
  let depth = 0;
  STRUCTURE.lastIndex = i;
  while (STRUCTURE.test(text)) {
    const at = STRUCTURE.lastIndex - 1;
    const d = text.charCodeAt(at);
    if (d === QUOTE) STRUCTURE.lastIndex = skipString(text, at);
    else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
    else if (--depth === 0) return at + 1;
  }
  return text.length;
}

/** The key of the string at `i` (escapes decoded only when there are any) and the offset after it. */
function readKey(text: string, i: number): { key: string; end: number } {
  const end = skipString(text, i);
  const raw = text.slice(i + 1, end - 1);
  return { key: raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw, end };
}

/**
 * Finds values by path in valid JSON text. Only the containers on the path are walked; a repeated
 * key resolves to its last occurrence, as in `JSON.parse`. What it remembers grows with the number
 * of lookups, never with the size of the file: the offsets of the containers it walked through, where
 * it stopped in each array (the next index usually comes later), and the last line it counted to.
 */
class Locator {
  private readonly containers = new Map<string, number>();
  private readonly arrayCursors = new Map<string, { index: number; offset: number }>();
  private lines: LineCount = { offset: 0, line: 1, lineStart: 0 };

  constructor(private readonly text: string) {}

  locate(path: JsonPath): Position {
    return this.positionOf(this.offsetOf(path));
  }

  /** The offset of the value at `path`, or of its closest existing ancestor. */
  offsetOf(path: JsonPath): number {
    const { text } = this;
    // Start from the deepest container already found on this path.
    let depth = path.length;
    let at: number | undefined;
    for (; depth > 0; depth--) {
      at = this.containers.get(keyOf(path, depth));
      if (at !== undefined) break;
    }
    if (at === undefined) at = skipWhitespace(text, 0);
    let offset: number = at;
    for (; depth < path.length; depth++) {
      const segment = path[depth] as string | number;
      const open = text.charCodeAt(offset);
      const found: number =
        open === OPEN_BRACE
          ? findMember(text, offset, String(segment))
          : open === OPEN_BRACKET && typeof segment === 'number'
            ? this.findElement(keyOf(path, depth), offset, segment)
            : -1;
      if (found < 0) return offset;
      offset = found;
      this.containers.set(keyOf(path, depth + 1), offset);
    }
    return offset;
  }

  /** The offset of element `index` of the array opening at `open`, resuming where the last search in it stopped. */
  private findElement(key: string, open: number, index: number): number {
    const { text } = this;
    const cursor = this.arrayCursors.get(key);
    let i: number;
    let current: number;
    if (cursor !== undefined && cursor.index <= index) {
      i = cursor.offset;
      current = cursor.index;
    } else {
      i = skipWhitespace(text, open + 1);
      if (text.charCodeAt(i) === CLOSE_BRACKET) return -1;
      current = 0;
    }
    while (current < index) {
      i = skipWhitespace(text, skipValue(text, i));
      if (text.charCodeAt(i) !== COMMA) return -1;
      i = skipWhitespace(text, i + 1);
      current++;
    }
    this.arrayCursors.set(key, { index: current, offset: i });
    return i;
  }

  /** Line and column of an offset, counting on from the last one asked when it is further on. */
  private positionOf(offset: number): Position {
    const from = offset >= this.lines.offset ? this.lines : START_OF_TEXT;
    this.lines = countLines(this.text, from, offset);
    return { line: this.lines.line, column: offset - this.lines.lineStart + 1 };
  }
}

const START_OF_TEXT: LineCount = { offset: 0, line: 1, lineStart: 0 };
const keyOf = (path: JsonPath, length: number): string => JSON.stringify(path.slice(0, length));

/** The offset of the value of `key` in the object opening at `open` (its last occurrence), or -1. */
function findMember(text: string, open: number, key: string): number {
  let found = -1;
  let i = skipWhitespace(text, open + 1);
  while (text.charCodeAt(i) === QUOTE) {
    const member = readKey(text, i);
    i = skipWhitespace(text, member.end);
    if (text.charCodeAt(i) !== COLON) break;
    i = skipWhitespace(text, i + 1);
    if (member.key === key) found = i;
    i = skipWhitespace(text, skipValue(text, i));
    if (text.charCodeAt(i) !== COMMA) break;
    i = skipWhitespace(text, i + 1);
  }
  return found;
}

/** The offset of the first bracket that opens level `max + 1`, or -1. */
function offsetBeyondDepth(text: string, max: number): number {
  // Fewer than `max` opening brackets anywhere (strings included) cannot nest deeper: counted with
  // native indexOf, this spares nearly every file the scan below.
  let openers = 0;
  for (const bracket of ['[', '{']) {
    for (let i = text.indexOf(bracket); i >= 0 && openers <= max; i = text.indexOf(bracket, i + 1)) openers++;
  }
  if (openers <= max) return -1;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = skipString(text, i) - 1;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return -1;
}

const shown = (text: string, i: number): string => (i >= text.length ? 'the end of the file' : JSON.stringify(String.fromCodePoint(text.codePointAt(i) ?? 0)));

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * Where and why `text` is not JSON (RFC 8259), for a message users can act on; undefined when it is
 * valid. Runs only after `JSON.parse` failed. An explicit stack instead of recursion: deep input is
 * no problem.
 */
export function findJsonError(text: string): { offset: number; message: string } | undefined {
  const closers: number[] = [];
  const fail = (offset: number, expected: string) => ({ offset, message: `expected ${expected}, found ${shown(text, offset)}` });
  let i = skipWhitespace(text, 0);
  if (i >= text.length) return { offset: i, message: 'the file is empty or only white space' };
  let expect: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    if (expect === 'value') {
      const c = text.charCodeAt(i);
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        closers.push(c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET);
        i = skipWhitespace(text, i + 1);
        if (text.charCodeAt(i) === closers[closers.length - 1]) {
          closers.pop();
          i++;
          expect = 'after';
        } else expect = c === OPEN_BRACE ? 'key' : 'value';
        continue;
      }
      if (c === QUOTE) {
        const problem = scanString(text, i);
        if (typeof problem !== 'number') return problem;
        i = problem;
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return fail(i + 1, 'a digit');
        i = NUMBER.lastIndex;
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else return fail(i, 'a value (an object, array, string, number, true, false or null)');
      expect = 'after';
    } else if (expect === 'key') {
      if (text.charCodeAt(i) !== QUOTE) return fail(i, 'a property name in double quotes');
      const problem = scanString(text, i);
      if (typeof problem !== 'number') return problem;
      i = skipWhitespace(text, problem);
      if (text.charCodeAt(i) !== COLON) return fail(i, "':' after the property name");
      i = skipWhitespace(text, i + 1);
      expect = 'value';
    } else {
      i = skipWhitespace(text, i);
      const closer = closers[closers.length - 1];
      if (closer === undefined) return i < text.length ? fail(i, 'the end of the file after the JSON value') : undefined;
      const c = text.charCodeAt(i);
      if (c === closer) {
        closers.pop();
        i++;
      } else if (c === COMMA) {
        i = skipWhitespace(text, i + 1);
        const next = text.charCodeAt(i);
        if (next === CLOSE_BRACE || next === CLOSE_BRACKET) return { offset: i, message: 'a trailing comma is not allowed in JSON' };
        expect = closer === CLOSE_BRACE ? 'key' : 'value';
      } else {
        return fail(i, closer === CLOSE_BRACE ? "',' or '}' after a property value" : "',' or ']' after an array element");
      }
    }
  }
}

/** The offset after the string at `i`, or the problem inside it. */
function scanString(text: string, i: number): number | { offset: number; message: string } {
  for (let j = i + 1; j < text.length;) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) return j + 1;
    if (c < 0x20) return { offset: j, message: 'a control character (such as a line break) must be escaped inside a string' };
    if (c === BACKSLASH) {
      ESCAPE.lastIndex = j;
      if (!ESCAPE.test(text)) return { offset: j, message: `invalid escape ${JSON.stringify(text.slice(j, j + 2))} in a string` };
      j = ESCAPE.lastIndex;
    } else j++;
  }
  return { offset: i, message: 'this string is never closed' };
}
