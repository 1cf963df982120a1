import type { PolicyUnit } from '../../../types';

/**
 * Characters of JSON text without the white space between tokens (IAM counts no white space for
 * identity and trust policies). A string counts all its characters, an escape two; the text of a
 * string is measured by jumping from quote to quote (native indexOf), as strings are most of a policy,
 * and only the text between strings is read character by character.
 */
export function sizeWithoutWhitespace(text: string): number {
  const n = text.length;
  let size = 0;
  let i = 0;
  while (i < n) {
    const open = text.indexOf('"', i);
    const end = open < 0 ? n : open;
    for (let k = i; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) size++;
    }
    if (open < 0) return size;
    // Inside the string: the closing quote is the next one not escaped by an odd run of backslashes.
    let from = open + 1;
    for (;;) {
      const close = text.indexOf('"', from);
      if (close < 0) {
        // Unterminated: every character counts, and a final lone backslash counts twice (as an escape would).
        return size + (n - open) + (oddBackslashesBefore(text, n, open + 1) ? 1 : 0);
      }
      if (!oddBackslashesBefore(text, close, open + 1)) {
        size += close - open + 1;
        i = close + 1;
        break;
      }
      from = close + 1;
    }
  }
  return size;
}

/** Whether the run of backslashes just before `end` (not reaching back past `start`) is of odd length. */
function oddBackslashesBefore(text: string, end: number, start: number): boolean {
  let k = end - 1;
  while (k >= start && text.charCodeAt(k) === 92 /* \ */) k--;
  return (end - 1 - k) % 2 === 1;
}

/** The policy text as IAM receives it when known, else the compact JSON of the document. */
export const policyText = (unit: PolicyUnit): string => unit.text ?? JSON.stringify(unit.document) ?? '';
