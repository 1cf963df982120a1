import type { NetworkProblem } from './network';
import type { CheckStep } from './types';

/**
 * Why the walk found no network path for a step it blocked (network.ts), kept beside the report
 * rather than in it: lint's ECR rules, views of the walk, report each problem at its own rule
 * (ECR_ENDPOINT_MISSING, S3_ENDPOINT_NOT_GATEWAY, …), while the check's JSON keeps its shape.
 */
const problems = new WeakMap<CheckStep, NetworkProblem>();

export function recordNetworkProblem(step: CheckStep, problem: NetworkProblem): CheckStep {
  problems.set(step, problem);
  return step;
}

/** The network problem that blocks `step`, for a step of a report the walk returned; else undefined. */
export const networkProblemOf = (step: CheckStep): NetworkProblem | undefined => problems.get(step);
