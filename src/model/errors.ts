/**
 * Problems with user input, as data. A generator or parser returns or throws these; only the CLI
 * turns them into text and exit codes.
 */
export interface InputIssue {
  /** The option or spec field, as the user wrote it: `region`, `repositories[2]`, `--vpce`. */
  readonly field: string;
  /** What was received, as text (already truncated for display). */
  readonly received: string;
  /** What is expected: completes "<field> must …". */
  readonly expected: string;
  /** A concrete fix, when one is known: "did you mean us-east-1?". */
  readonly hint?: string;
  /** Where the value came from, when it came from a file. */
  readonly location?: { readonly file: string; readonly line: number; readonly column: number };
}

/** Thrown by the public API when its input is invalid; `issues` holds every problem found. */
export class PolicygenInputError extends Error {
  readonly code = 'POLICYGEN_INVALID_INPUT';
  constructor(readonly issues: readonly InputIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'PolicygenInputError';
  }
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issue: InputIssue };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(issue: InputIssue): Result<T> => ({ ok: false, issue });

const MAX_SHOWN = 80;

/** Shows a received value safely: quoted, control characters escaped, long values cut. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = 'a value that refers to itself';
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** `<location>: <field> must <expected>, received <received>. <hint>` */
export function formatIssue(issue: InputIssue): string {
  if (!isIssue(issue)) {
    const shown = issue === null ? 'null' : typeof issue === 'object' ? showValue(issue) : `a ${typeof issue}`;
    throw new PolicygenInputError([{ field: 'issue', expected: 'be an InputIssue with string field, expected and received', received: shown }]);
  }
  const where = issue.location ? `${issue.location.file}:${issue.location.line}:${issue.location.column}: ` : '';
  const hint = issue.hint ? ` (${issue.hint})` : '';
  return `${where}${issue.field} must ${issue.expected}, received ${issue.received}${hint}`;
}

function isIssue(value: unknown): value is InputIssue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const location = v['location'] as Record<string, unknown> | undefined | null;
  return (
    typeof v['field'] === 'string' &&
    typeof v['expected'] === 'string' &&
    typeof v['received'] === 'string' &&
    (v['hint'] === undefined || typeof v['hint'] === 'string') &&
    (location === undefined ||
      (typeof location === 'object' &&
        location !== null &&
        typeof location['file'] === 'string' &&
        Number.isFinite(location['line']) &&
        Number.isFinite(location['column'])))
  );
}
