import type { PolicyRule, RuleHit, StatementView } from '../../types';
import { hit, NO_HITS } from './lib/support';

/** JSON with object keys sorted, so that key order does not make two equal statements differ. */
function canonicalText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalText(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export const redundantStatement: PolicyRule<'REDUNDANT_STATEMENT'> = {
  kind: 'policy',
  meta: {
    code: 'REDUNDANT_STATEMENT',
    severity: 'suggestion',
    title: 'Two statements are identical',
    description:
      'A statement repeated in the same policy grants nothing more; when someone later edits one copy and not the other, the ' +
      'policy no longer says what it seems to (Access Analyzer check REDUNDANT_STATEMENT, a suggestion). Statements are compared ' +
      'whole, Sid included, with key order ignored.',
    fix: 'Remove the repeated statement, e.g. keep one of two identical {"Effect": "Allow", "Action": "s3:GetObject", …} statements.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    const statements = unit.view.statements;
    if (statements.length < 2) return NO_HITS;
    let hits: RuleHit[] | undefined;
    // Statements are compared whole only when a cheap signature says they may be equal: most policies have none alike.
    const bySignature = new Map<string, StatementView[]>();
    for (const s of statements) {
      // The two branches of an undecided Fn::If may hold the same statement: only one is deployed.
      if (s.conditional) continue;
      const signature = `${s.effect}|${s.actions?.length}:${s.actions?.[0]?.value}|${s.notActions?.[0]?.value}|${s.resources?.length}:${s.resources?.[0]?.value}|${s.conditions.length}`;
      const alike = bySignature.get(signature);
      if (alike === undefined) bySignature.set(signature, [s]);
      else alike.push(s);
    }
    for (const alike of bySignature.values()) {
      if (alike.length < 2) continue;
      const seen = new Map<string, number>();
      for (const s of alike) {
        const text = canonicalText(s.raw);
        const first = seen.get(text);
        if (first === undefined) seen.set(text, s.index);
        else (hits ??= []).push(hit(`the statement repeats statement ${first} and must be removed`, s.path));
      }
    }
    if (hits !== undefined) hits.sort((a, b) => (a.path[1] as number) - (b.path[1] as number));
    return hits ?? NO_HITS;
  },
};
