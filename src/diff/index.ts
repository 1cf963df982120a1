/**
 * `policygen diff`: does NEW allow any request that OLD denies? Pure but for reading iam-data.
 * How the universe of requests is built, and its limits: src/diff/README.md.
 */
export { diffPolicies, comparePolicies } from './diff';
export { diffEvaluationInputs } from './inputs';
export { checkComparison, type ComparisonProblem, type PolicyProblem, type DocumentPath } from './check-input';
export {
  DIFF_MAX_EXAMPLES,
  DIFF_MAX_REQUESTS,
  DIFF_POLICY_TYPES,
  type DiffExample,
  type DiffOptions,
  type DiffPolicyType,
  type DiffUniverse,
  type PolicyDiff,
  type StatementRef,
} from './types';
