import type { LintReport } from '../lint/engine';
import { renderJson } from './json';

/**
 * `policygen lint --format json`: exactly the shape of schemas/lint-report.schema.json, built key
 * by key so that nothing else the engine carries can leak into the output.
 */
export function renderLintJson(report: LintReport): string {
  const { summary } = report;
  return renderJson({
    findings: report.findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column,
      code: f.code,
      severity: f.severity,
      message: f.message,
      path: f.path,
      ...(f.resource !== undefined ? { resource: f.resource } : {}),
    })),
    summary: {
      files: summary.files,
      findings: summary.findings,
      bySeverity: {
        error: summary.bySeverity.error,
        security_warning: summary.bySeverity.security_warning,
        warning: summary.bySeverity.warning,
        suggestion: summary.bySeverity.suggestion,
      },
      suppressed: summary.suppressed,
      rules: summary.rules,
    },
  });
}
