import type { CheckReport, CheckStep } from '../check';
import { terminalSafe } from './terminal-safe';

export interface CheckTextOptions {
  /** ANSI colours for the decisions (the CLI decides: a TTY, no --no-color, no NO_COLOR). */
  readonly color: boolean;
}

/** Values come from the template: control characters and bidi overrides are shown escaped, so a file cannot rewrite the terminal. */
const safe = terminalSafe;

const RED = '\u001b[31m';
const GREEN = '\u001b[32m';
const YELLOW = '\u001b[33m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

const DECISION_CELL: Readonly<Record<CheckStep['verdict'], string>> = { allowed: 'allowed', blocked: 'BLOCKED', unknown: 'UNKNOWN' };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Where the request goes: the endpoint service, and the endpoint resource or the other way. */
function endpointCell(step: CheckStep): string {
  switch (step.network) {
    case 'endpoint':
      return `${step.endpoint} ${step.endpointResource ?? ''}`.trim();
    case 'internet':
      return `${step.endpoint} (internet)`;
    case 'fargate':
      return `${step.endpoint} (Fargate)`;
    case 'none':
      return `${step.endpoint} ${step.endpointResource ?? '(no path)'}`;
  }
}

/**
 * `policygen check --format text`: per task definition, its containers' images and one table of
 * steps (step, action, endpoint, decision, the statements that decided); under each blocked step,
 * why and how to fix it. Then the warnings and a summary line.
 */
export function renderCheckText(report: CheckReport, { color }: CheckTextOptions): string {
  const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [`policygen check ${safe(report.file)} (Region ${safe(report.region)}, account ${safe(report.account)})`];

  const tasks = [...new Set(report.steps.map((s) => s.task))];
  for (const task of tasks) {
    const steps = report.steps.filter((s) => s.task === task);
    const containers = [...new Set(steps.map((s) => s.container))];
    lines.push('', paint(BOLD, `Task ${safe(task)}`));
    for (const c of report.containers.filter((c) => c.task === task)) lines.push(`  container ${safe(c.container)}: ${safe(c.image)}`);
    const withContainer = containers.length > 1;
    const header = [...(withContainer ? ['CONTAINER'] : []), 'STEP', 'ACTION', 'ENDPOINT', 'DECISION', 'DECIDED BY'];
    const rows = steps.map((s) => [
      ...(withContainer ? [s.container] : []),
      s.step,
      s.action,
      endpointCell(s),
      DECISION_CELL[s.verdict],
      s.decidedBy.length > 0 ? s.decidedBy.join(', ') : '-',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => safe(r[i]!).length)));
    const decisionColumn = header.indexOf('DECISION');
    const format = (cells: readonly string[], paintDecision: boolean) =>
      `  ${cells
        .map((cell, i) => {
          const text = safe(cell);
          const padded = i === cells.length - 1 ? text : text.padEnd(widths[i]!);
          if (!paintDecision || i !== decisionColumn) return padded;
          return paint(cell === 'allowed' ? GREEN : cell === 'UNKNOWN' ? YELLOW : RED, padded);
        })
        .join('  ')}`;
    lines.push(format(header, false));
    const indent = ' '.repeat(2 + widths.slice(0, withContainer ? 2 : 1).reduce((sum, w) => sum + w + 2, 0));
    steps.forEach((s, i) => {
      lines.push(format(rows[i]!, true));
      if (s.verdict === 'allowed') return;
      lines.push(`${indent}why: ${safe(s.reason)}`);
      if (s.hint !== undefined) lines.push(`${indent}fix: ${safe(s.hint)}`);
    });
  }

  if (report.warnings.length > 0) {
    lines.push('', paint(BOLD, 'Warnings'));
    for (const w of report.warnings) {
      const by = w.decidedBy !== undefined && w.decidedBy.length > 0 ? ` (${w.decidedBy.join(', ')})` : '';
      lines.push(`  ${paint(YELLOW, w.code)} ${safe(w.message)}${safe(by)}`);
    }
  }

  const { summary } = report;
  const verdict =
    summary.blocked > 0
      ? paint(RED, `${plural(summary.blocked, 'step')} blocked`)
      : summary.unknown > 0
        ? paint(YELLOW, `${plural(summary.unknown, 'step')} unknown`)
        : paint(GREEN, 'every step allowed');
  const unknown = summary.unknown > 0 ? `, ${summary.unknown} unknown` : '';
  lines.push(
    '',
    `${verdict}: ${plural(summary.steps, 'step')} for ${plural(summary.containers, 'container')} in ${plural(summary.tasks, 'task definition')}, ${summary.allowed} allowed, ${summary.blocked} blocked${unknown}; ${plural(summary.warnings, 'warning')}`,
  );
  return `${lines.join('\n')}\n`;
}
