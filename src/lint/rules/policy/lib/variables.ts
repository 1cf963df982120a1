import type { StatementView, ValueAt } from '../../../types';

/**
 * Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): `${aws:username}`,
 * with an optional default `${aws:username, 'anonymous'}`, and the escapes `${*}`, `${?}`, `${$}`.
 * One scanner for the variable rules, so that they agree on where a variable starts and ends.
 */

export type VariableProblem = 'missing-brace' | 'empty' | 'space' | 'missing-quote';

export interface VariableIssue {
  readonly problem: VariableProblem;
  /** The variable as written, from `${` to `}` (or to the end of the value when the brace is missing). */
  readonly text: string;
}

const ESCAPES = new Set(['*', '?', '$']);

/** The problems of the variables in a value, in order; empty when it has none or all are well formed. */
export function variableIssues(value: string): readonly VariableIssue[] {
  let start = value.indexOf('${');
  if (start < 0) return [];
  const issues: VariableIssue[] = [];
  while (start >= 0) {
    const end = value.indexOf('}', start + 2);
    if (end < 0) {
      issues.push({ problem: 'missing-brace', text: value.slice(start) });
      break;
    }
    const text = value.slice(start, end + 1);
    const body = value.slice(start + 2, end);
    const comma = body.indexOf(',');
    const name = (comma < 0 ? body : body.slice(0, comma)).trim();
    if (body.trim() === '') issues.push({ problem: 'empty', text });
    else if (!ESCAPES.has(body)) {
      // A space may stand around the name and after the comma, never inside the name.
      if (/\s/.test(name)) issues.push({ problem: 'space', text });
      if (comma >= 0) {
        const fallback = body.slice(comma + 1).trim();
        if (fallback.length < 2 || !fallback.startsWith("'") || !fallback.endsWith("'")) issues.push({ problem: 'missing-quote', text });
      }
    }
    start = value.indexOf('${', end + 1);
  }
  return issues;
}

/** The values where IAM reads policy variables: Resource, NotResource and condition values (IAM User Guide, "Where you can use policy variables"). */
export function variableHostValues(s: StatementView): readonly ValueAt[] {
  // Five rules ask this of every statement and nearly none has a variable: allocate only when one does.
  let out: ValueAt[] | undefined;
  if (s.resources !== undefined) for (const v of s.resources) if (v.value.includes('${')) (out ??= []).push(v);
  if (s.notResources !== undefined) for (const v of s.notResources) if (v.value.includes('${')) (out ??= []).push(v);
  for (const c of s.conditions) for (const v of c.values) if (v.value.includes('${')) (out ??= []).push(v);
  return out ?? NONE;
}

const NONE: readonly ValueAt[] = [];
