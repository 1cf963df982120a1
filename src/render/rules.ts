/** `policygen rules`: the rule list as JSON (`{"rules":[…]}`) or as a text table. */
import type { RuleListEntry } from '../lint/rule-list';
import { POLICY_TYPES } from '../lint/types';

/** `{"rules":[{"code","severity","title","policyTypes","source","offline"}]}`, keys in that order. */
export function renderRulesJson(rules: readonly RuleListEntry[]): string {
  const ordered = rules.map((r) => ({
    code: r.code,
    severity: r.severity,
    title: r.title,
    policyTypes: r.policyTypes,
    source: r.source,
    offline: r.offline,
  }));
  return `${JSON.stringify({ rules: ordered }, null, 2)}\n`;
}

/** One line per rule, columns padded; "all" when a rule applies to every policy type. */
export function renderRulesText(rules: readonly RuleListEntry[]): string {
  const rows = rules.map((r) => [
    r.code,
    r.severity,
    r.source,
    r.offline ? 'yes' : 'no',
    r.policyTypes.length === POLICY_TYPES.length ? 'all' : r.policyTypes.join(','),
    r.title,
  ]);
  const header = ['CODE', 'SEVERITY', 'SOURCE', 'OFFLINE', 'POLICY TYPES', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
