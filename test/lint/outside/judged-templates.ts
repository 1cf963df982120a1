import { join } from 'node:path';
import { REPO_ROOT, runInProcess } from '../../cli/helpers';

/**
 * The shared part of the outside template suites (cfn-lint's templates, public templates): lint one
 * file as users do (`policygen lint FILE --format json`, in process) and list where the result
 * disagrees with the judgement written from the AWS documentation.
 */

export interface Expected {
  /** The resource's logical ID. */
  readonly resource: string;
  /** The code, or codes of which one must be present. */
  readonly code: string | readonly string[];
}

export interface TemplateJudgement {
  /** Findings that must be present. */
  readonly required: readonly Expected[];
  /** Findings at a judged severity that are acceptable besides the required ones (correct, but not required). */
  readonly allowed?: readonly Expected[];
}

export interface JsonFinding {
  readonly code: string;
  readonly severity: string;
  readonly resource?: string;
  readonly message: string;
}

export interface Outcome {
  readonly status: number | null;
  readonly findings: readonly JsonFinding[];
  /** What disagrees with the judgement; empty when policygen agrees. */
  readonly problems: readonly string[];
}

export const codesOf = (e: Expected): readonly string[] => (typeof e.code === 'string' ? [e.code] : e.code);
const matches = (f: JsonFinding, e: Expected): boolean => (f.resource ?? '') === e.resource && codesOf(e).includes(f.code);

/**
 * Lints `folder/file` and compares: a required finding missing, a finding at one of `judged`
 * severities that the judgement neither requires nor allows, an exit code other than `exit(findings)`,
 * or a stack trace on stderr is a problem.
 */
export async function judgeTemplate(
  folder: string,
  file: string,
  judgement: TemplateJudgement,
  judged: ReadonlySet<string>,
  exit: (findings: readonly JsonFinding[]) => number,
): Promise<Outcome> {
  const run = await runInProcess(['lint', join(folder, file), '--format', 'json'], { cwd: REPO_ROOT });
  const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
  const problems: string[] = [];
  for (const e of judgement.required) {
    if (!findings.some((f) => matches(f, e))) problems.push(`missing ${codesOf(e).join(' or ')} at ${e.resource}`);
  }
  const accepted = [...judgement.required, ...(judgement.allowed ?? [])];
  for (const f of findings) {
    if (judged.has(f.severity) && !accepted.some((e) => matches(f, e)))
      problems.push(`false ${f.severity} ${f.code} at ${f.resource ?? '(file)'}: ${f.message}`);
  }
  const expected = exit(findings);
  if (run.status !== expected) problems.push(`exit ${String(run.status)}, expected ${expected}`);
  if (/\n\s+at /.test(run.stderr)) problems.push(`stack trace: ${run.stderr}`);
  return { status: run.status, findings, problems };
}
