import type { PolicyUnit } from '../../../types';

/** Characters of JSON text without the white space between tokens (IAM counts no white space for identity and trust policies). */
export function sizeWithoutWhitespace(text: string): number {
  let size = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      size++;
      if (c === 92 /* \ */) {
        size++;
        i++;
      } else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
      size++;
    } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) size++;
  }
  return size;
}

/** The policy text as IAM receives it when known, else the compact JSON of the document. */
export const policyText = (unit: PolicyUnit): string => unit.text ?? JSON.stringify(unit.document) ?? '';
