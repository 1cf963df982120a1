import type { DiffExample, PolicyDiff, StatementRef } from '../diff';
import { showsPrincipal } from './diff-json';
import { terminalSafe } from './terminal-safe';

export interface DiffTextOptions {
  /** Where the documents came from, named once in the verdict: `NEW (new.json) is broader than OLD (old.json)`. */
  readonly oldFile?: string;
  readonly newFile?: string;
}

/** Actions listed per direction; the JSON output lists every example. */
export const TEXT_MAX_ACTIONS = 20;
/** Examples listed per action. */
export const TEXT_MAX_PER_ACTION = 3;

/** Values come from the inputs: control characters and bidi overrides are shown escaped, so a file cannot rewrite the terminal. */
const safe = terminalSafe;

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

const POLICY_TYPE_WORDS: Readonly<Record<PolicyDiff['policyType'], string>> = {
  identity: 'identity policies',
  resource: 'resource policies',
  'vpc-endpoint-interface': 'interface endpoint policies',
  'vpc-endpoint-gateway': 'gateway endpoint policies',
};

const shown = (value: unknown): string => (Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value));

function statementName(s: StatementRef): string {
  return `Statement[${s.statementIndex}]${s.sid === undefined ? '' : ` (${s.sid})`}`;
}

/** `StringEquals aws:SourceVpce=vpce-1; Bool aws:SecureTransport=true` */
function conditionText(condition: NonNullable<StatementRef['condition']>): string {
  return Object.entries(condition)
    .map(
      ([operator, keys]) =>
        `${operator} ${Object.entries(keys)
          .map(([k, v]) => `${k}=${shown(v)}`)
          .join(', ')}`,
    )
    .join('; ');
}

/** Why the other document denies: its Deny statements, or the Allow statements whose conditions the request misses. */
function deniedText(e: DiffExample, label: string): string {
  const { decision, statements } = e.deniedBy;
  if (decision === 'ExplicitDeny') return `denied by ${label} ${statements.map(statementName).join(', ')}`;
  if (statements.length === 0) return `no statement of ${label} allows it`;
  return statements
    .map((s) => `${label} ${statementName(s)} ${s.condition === undefined ? 'does not allow it' : `requires ${conditionText(s.condition)}`}`)
    .join('; ');
}

function section(lines: string[], examples: readonly DiffExample[], allowing: string, denying: string, withPrincipal: boolean): void {
  const byAction = new Map<string, DiffExample[]>();
  for (const e of examples) {
    const list = byAction.get(e.request.action) ?? [];
    list.push(e);
    byAction.set(e.request.action, list);
  }
  const actions = [...byAction.entries()];
  for (const [action, list] of actions.slice(0, TEXT_MAX_ACTIONS)) {
    lines.push(`  ${safe(action)}`);
    for (const e of list.slice(0, TEXT_MAX_PER_ACTION)) {
      const context = Object.entries(e.request.context ?? {});
      lines.push(`    ${safe(e.request.resource)}`);
      if (withPrincipal) lines.push(`      principal: ${safe(e.request.principal.arn)}`);
      lines.push(`      context: ${context.length === 0 ? 'no condition keys' : safe(context.map(([k, v]) => `${k}=${shown(v)}`).join(', '))}`);
      lines.push(`      allowed by ${allowing} ${e.allowedBy.map(statementName).map(safe).join(', ')}; ${safe(deniedText(e, denying))}`);
    }
    if (list.length > TEXT_MAX_PER_ACTION) lines.push(`    … and ${plural(list.length - TEXT_MAX_PER_ACTION, 'more resource')}`);
  }
  if (actions.length > TEXT_MAX_ACTIONS) lines.push(`  … and ${plural(actions.length - TEXT_MAX_ACTIONS, 'more action')} (--format json lists them)`);
}

/**
 * `policygen diff --format text`: the verdict, then the newly allowed requests grouped by action
 * (a few per action), then the newly denied ones, for information.
 */
export function renderDiffText(diff: PolicyDiff, options: DiffTextOptions): string {
  const named = (label: string, file: string | undefined) => (file === undefined ? label : `${label} (${safe(file)})`);
  const lines: string[] = [];
  const withPrincipal = showsPrincipal(diff);
  const { universe } = diff;
  const [newName, oldName] = [named('NEW', options.newFile), named('OLD', options.oldFile)];
  lines.push(
    diff.broader
      ? `${newName} is broader than ${oldName}: it allows ${plural(diff.counts.added, 'request')} that OLD denies.`
      : `${newName} is not broader than ${oldName}: it allows no request that OLD denies.`,
  );
  lines.push(
    `Compared as ${POLICY_TYPE_WORDS[diff.policyType]} on ${plural(universe.requests, 'request')} (${plural(universe.actions, 'action')}, ${plural(universe.principals, 'caller')}; iam-data ${universe.iamData}).`,
  );
  if (universe.capped) {
    lines.push(
      `The universe was capped at ${universe.limit.toLocaleString('en-US')} evaluations: some combinations were not tried, so "not broader" is not proven.`,
    );
  }
  if (diff.added.length > 0) {
    lines.push('', 'Allowed by NEW, denied by OLD:');
    section(lines, diff.added, 'NEW', 'OLD', withPrincipal);
  }
  if (diff.removed.length > 0) {
    lines.push('', `Allowed by OLD, denied by NEW (narrower, for information: ${plural(diff.counts.removed, 'request')}):`);
    section(lines, diff.removed, 'OLD', 'NEW', withPrincipal);
  }
  if (diff.added.length + diff.removed.length > 0) {
    const { name, account, region } = universe.placeholders;
    lines.push('', `(${name}, account ${account} and Region ${region} stand for names neither policy uses.)`);
  }
  return `${lines.join('\n')}\n`;
}
