import { PolicygenInputError } from '../../../model/errors';
import { lazyModule } from '../../../model/lazy-module';
import type { CheckReport, CheckStep, NetworkProblem } from '../../../pull';
import type { StackModel } from '../../types';

/**
 * The walk of `policygen check` (src/pull) over the stack a lint rule sees, so that the ECR rules
 * that are views of it answer as check does (issue 10 §1): a step check blocks is a finding at the
 * resource that blocks it; a step it cannot decide is no finding. One walk per parsed file, shared
 * by the rules. Undefined when the walk has nothing to say: a Terraform plan (not walked yet), or
 * a template with no task pulling from ECR, or one whose policies cannot be evaluated (the policy
 * rules report those).
 */
const walks = new WeakMap<object, CheckReport | null>();

/** The pull walk and the IAM evaluator under it: loaded by the first template linted, never by a lint of policy files alone. */
const pull = lazyModule<typeof import('../../../pull')>(() => require('../../../pull'));

export function pullReportOf(stack: StackModel): CheckReport | undefined {
  if (stack.format !== 'cloudformation') return undefined;
  const cached = walks.get(stack.source);
  if (cached !== undefined) return cached ?? undefined;
  let report: CheckReport | null = null;
  try {
    report = pull().checkTemplate(stack.source, stack.region.known ? { region: stack.region.value, allowUnlistedRegion: true } : {});
  } catch (error) {
    if (!(error instanceof PolicygenInputError)) throw error;
  }
  walks.set(stack.source, report);
  return report ?? undefined;
}

/**
 * The steps the walk blocks for want of a network path, with `problem` (network.ts) on one of
 * `services`: what a network rule that is a view of the walk reports, each at the resource it
 * blocks at. Unknown steps are not among them.
 */
export function blockedByNetwork(report: CheckReport, problem: NetworkProblem, services: readonly string[]): readonly CheckStep[] {
  return report.steps.filter((s) => s.verdict === 'blocked' && services.includes(s.endpoint) && pull().networkProblemOf(s) === problem);
}

/** The first of `items` for each distinct key, in order. */
export function firstBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
