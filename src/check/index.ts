/**
 * `policygen check`: does every hop of the ECR image pull work, and is the access no wider than
 * that? Pure: templates and specs in, a report out; the CLI reads files and sets the exit code.
 */
export { checkFails, checkSpec, checkTemplate, checkUndecided } from './check';
export { specCheckTemplate } from './spec-template';
export { ACCOUNT_STAND_IN } from './stack-facts';
export { AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY, DEFAULT_ENDPOINT_POLICY } from './known-policies';
export {
  CHECK_WARNING_CODES,
  type CheckedContainer,
  type CheckOptions,
  type CheckReport,
  type CheckStep,
  type CheckSummary,
  type CheckWarning,
  type CheckWarningCode,
  type HopName,
  type NetworkPath,
  type StepVerdict,
} from './types';
