import type { LintReport } from '../lint/engine';
import { type Finding, type Severity, SEVERITIES } from '../lint/types';
import { terminalSafe } from './terminal-safe';

export interface LintTextOptions {
  /** ANSI colours for severities (the CLI decides: a TTY, no --no-color, no NO_COLOR). */
  readonly color: boolean;
}

const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  error: '\u001b[31m', // red
  security_warning: '\u001b[35m', // magenta
  warning: '\u001b[33m', // yellow
  suggestion: '\u001b[36m', // cyan
};
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/**
 * Messages and file names come from the inputs: control characters (ANSI escapes) and bidi
 * overrides are shown escaped, so a file cannot rewrite the terminal or hide text.
 */
const safe = terminalSafe;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const SEVERITY_WORDS: Readonly<Record<Severity, string>> = {
  error: 'error',
  security_warning: 'security warning',
  warning: 'warning',
  suggestion: 'suggestion',
};

/**
 * `policygen lint --format text`: a header line per file, then one line per finding,
 * `file:line:col severity code message` (editors and CI logs link the location), and a summary.
 */
export function renderLintText(report: LintReport, { color }: LintTextOptions): string {
  const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  let current: string | undefined;
  let filesWithFindings = 0;
  for (const f of report.findings) {
    if (f.file !== current) {
      if (current !== undefined) lines.push('');
      current = f.file;
      filesWithFindings++;
      lines.push(paint(BOLD, safe(f.file)));
    }
    lines.push(findingLine(f, paint));
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(report, filesWithFindings));
  return `${lines.join('\n')}\n`;
}

function findingLine(f: Finding, paint: (code: string, text: string) => string): string {
  return `${safe(f.file)}:${f.line}:${f.column} ${paint(SEVERITY_COLOR[f.severity], f.severity)} ${f.code} ${safe(f.message)}`;
}

function summaryLine({ summary }: LintReport, filesWithFindings: number): string {
  const suppressed = summary.suppressed > 0 ? `; ${summary.suppressed} suppressed` : '';
  if (summary.findings === 0) return `policygen lint: ${plural(summary.files, 'file')}, no findings${suppressed}`;
  const counts = SEVERITIES.filter((s) => summary.bySeverity[s] > 0).map((s) => plural(summary.bySeverity[s], SEVERITY_WORDS[s]));
  return `policygen lint: ${plural(summary.findings, 'finding')} (${counts.join(', ')}) in ${filesWithFindings} of ${plural(summary.files, 'file')}${suppressed}`;
}
