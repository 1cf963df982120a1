/**
 * The one model of an ECR image pull (issue 10 §1): the walk of every hop over a stack, with the
 * evaluator, to a report of steps (allowed | blocked | unknown) and least-privilege warnings. Pure:
 * templates in, a report out. Below src/lint so that lint's ECR stack rules are views of the same
 * walk as `policygen check` (src/check renders it and adds specs; the CLI reads files and exits).
 */
export { checkFails, checkTemplate, checkUndecided } from './walk';
export { networkProblemOf } from './network-problems';
export { grantorsOf, type Grantor } from './grantors';
export type { NetworkProblem } from './network';
export { combineTemplates, type ParameterValues, type StackSetSource } from './stack-set';
export { AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY, DEFAULT_ENDPOINT_POLICY } from './known-policies';
export {
  type CheckedContainer,
  type CheckOptions,
  type CheckReport,
  type CheckStep,
  type CheckSummary,
  type CheckWarning,
  type CheckWarningCode,
  type HopName,
  type NetworkPath,
  type RepositoryPolicyInput,
  type StepVerdict,
} from './types';
