import type { CheckReport } from '../check';
import { renderJson } from './json';

/**
 * `policygen check --format json`:
 * `{"file","region","account","steps":[{"task","container","step","action","resource","endpoint",
 * "endpointResource","network","verdict","allowed","decidedBy","reason","hint"}],"warnings":[{"code","message",
 * "resource","decidedBy"}],"summary":{…}}`. `endpointResource` and `hint` are null when there is none. `verdict` is allowed, blocked or unknown;
 * `allowed` is true, false, or null for an unknown step, whose `reason` says what the input lacks.
 */
export function renderCheckJson(report: CheckReport): string {
  return renderJson({
    file: report.file,
    region: report.region,
    account: report.account,
    steps: report.steps.map((s) => ({
      task: s.task,
      container: s.container,
      step: s.step,
      action: s.action,
      resource: s.resource,
      endpoint: s.endpoint,
      endpointResource: s.endpointResource ?? null,
      network: s.network,
      verdict: s.verdict,
      allowed: s.allowed,
      decidedBy: s.decidedBy,
      reason: s.reason,
      hint: s.hint ?? null,
    })),
    warnings: report.warnings.map((w) => ({ code: w.code, message: w.message, resource: w.resource ?? null, decidedBy: w.decidedBy ?? [] })),
    summary: report.summary,
  });
}
