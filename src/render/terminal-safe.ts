/**
 * Text that comes from inputs (messages, file names) is shown with control characters (ANSI
 * escapes) and bidi overrides escaped, so a file cannot rewrite the terminal or hide text.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export const terminalSafe = (text: string): string => text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
