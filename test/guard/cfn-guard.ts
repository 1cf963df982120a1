/**
 * Runs the cfn-guard binary that @cdklabs/cdk-validator-cfnguard bundles (bin/<os>/<arch>/cfn-guard,
 * the layout its CfnGuardValidator uses), so the guard rules in policies/ are tested with the same
 * binary the CDK plugin runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

export const POLICIES_DIR = join(__dirname, '..', '..', 'policies');

export type GuardStatus = 'PASS' | 'FAIL' | 'SKIP';

/** Where the binary is, or why it cannot be used here (a reason for `describe.skip`). */
export function locateCfnGuard(): { readonly path: string } | { readonly reason: string } {
  const os = platform() === 'darwin' ? 'macos' : platform() === 'linux' ? 'ubuntu' : undefined;
  const cpu = arch() === 'x64' ? 'x86_64' : arch() === 'arm64' ? 'aarch64' : undefined;
  if (os === undefined || cpu === undefined) return { reason: `@cdklabs/cdk-validator-cfnguard ships no cfn-guard for ${platform()}/${arch()}` };
  let root: string;
  try {
    root = dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
  } catch {
    return { reason: '@cdklabs/cdk-validator-cfnguard is not installed (npm ci installs it as a dev dependency)' };
  }
  const path = join(root, 'bin', os, cpu, 'cfn-guard');
  return existsSync(path) ? { path } : { reason: `no cfn-guard binary at ${path}` };
}

function run(binary: string, args: readonly string[]): { readonly status: number; readonly stdout: string } {
  try {
    return { status: 0, stdout: execFileSync(binary, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    const e = error as { status?: number | null; stdout?: string; stderr?: string };
    // cfn-guard exits 19 (validate) or 7 (test) when rules fail, with the report on stdout.
    if (typeof e.status === 'number' && (e.status === 19 || e.status === 7 || e.status === 5) && e.stdout) return { status: e.status, stdout: e.stdout };
    throw new Error(`cfn-guard ${args.join(' ')} failed (exit ${String(e.status)}): ${e.stderr ?? ''}`);
  }
}

export interface GuardTestCase {
  readonly name: string;
  readonly failedRules: readonly { readonly name: string; readonly expected: string; readonly evaluated: readonly string[] }[];
  readonly passedRules: readonly string[];
}

/** `cfn-guard test` of one rule file against its unit tests, as data. */
export function guardTest(binary: string, rulesFile: string, testFile: string): readonly GuardTestCase[] {
  const { stdout } = run(binary, ['test', '--rules-file', rulesFile, '--test-data', testFile, '--output-format', 'json']);
  const report = JSON.parse(stdout) as {
    test_cases: { name: string; passed_rules: { name: string }[]; failed_rules: { name: string; expected: string; evaluated: string[] }[] }[];
  };
  return report.test_cases.map((t) => ({
    name: t.name,
    passedRules: t.passed_rules.map((r) => r.name),
    failedRules: t.failed_rules.map((r) => ({ name: r.name, expected: r.expected, evaluated: r.evaluated })),
  }));
}

/** `cfn-guard validate` of rule files against one template: the status of every rule, by name. */
export function guardValidate(binary: string, rulesFiles: readonly string[], template: string): ReadonlyMap<string, GuardStatus> {
  const args = [
    'validate',
    ...rulesFiles.flatMap((r) => ['--rules', r]),
    '--data',
    template,
    '--output-format',
    'json',
    '--show-summary',
    'none',
    '--structured',
  ];
  const report = JSON.parse(run(binary, args).stdout) as {
    compliant: string[];
    not_applicable: string[];
    not_compliant: { Rule: { name: string } }[];
  }[];
  const statuses = new Map<string, GuardStatus>();
  for (const file of report) {
    for (const name of file.compliant) statuses.set(name, 'PASS');
    for (const name of file.not_applicable) statuses.set(name, 'SKIP');
    for (const failure of file.not_compliant) statuses.set(failure.Rule.name, 'FAIL');
  }
  return statuses;
}
