/**
 * What `policygen check` answers: for every hop of every ECR image pull a stack declares (docs/aws-facts.md
 * §1), does the network path exist and do the policies on it allow the request that hop really
 * makes? Plus, as warnings, what those policies allow beyond the pull (least privilege).
 */

/** The hops of docs/aws-facts.md §1, in the order a task start makes them. */
export type HopName =
  | 'auth-token'
  | 'manifest'
  | 'layer-urls'
  | 'layer-download'
  | 'secret'
  | 'parameter'
  | 'environment-file'
  | 'environment-file-bucket'
  | 'log-group'
  | 'log-stream'
  | 'log-events';

/**
 * How a hop's request travels: through a VPC endpoint of the stack, over an internet route (declared
 * by the stack or assumed with `--internet`), outside the task's VPC (Fargate platform 1.3.0 fetched
 * the registry token itself), or not at all.
 */
export type NetworkPath = 'endpoint' | 'internet' | 'fargate' | 'none';

/**
 * A step's answer. `unknown` when the answer depends on what the input does not hold: a deploy-time
 * value (a parameter without value, an import from a stack not given), a role or network outside
 * the input, a managed policy the check does not know. Never `blocked` for those.
 */
export type StepVerdict = 'allowed' | 'blocked' | 'unknown';

export interface CheckStep {
  /** Logical ID of the AWS::ECS::TaskDefinition. */
  readonly task: string;
  readonly container: string;
  readonly step: HopName;
  readonly action: string;
  readonly resource: string;
  /** The endpoint service that carries the hop: `ecr.api`, `ecr.dkr`, `s3`, `logs`, `secretsmanager`, `ssm`. */
  readonly endpoint: string;
  /** Logical ID of the VPC endpoint that carries it, when one does. */
  readonly endpointResource?: string;
  readonly network: NetworkPath;
  readonly verdict: StepVerdict;
  /** `verdict` as JSON reports it: true, false, or null when unknown. */
  readonly allowed: boolean | null;
  /**
   * The statements that decided, as `LABEL: Sid X` or `LABEL: Statement[i]`: the Allows that granted
   * (identity or resource, and endpoint), or the Denies that denied. Empty when nothing allowed or
   * the network path is missing.
   */
  readonly decidedBy: readonly string[];
  /** Why, in one sentence: the decision and what decided it, what is missing, or what the input does not tell. */
  readonly reason: string;
  /** How to fix a blocked step. */
  readonly hint?: string;
}

/** Codes of the warnings, a closed union (STYLE.md). */
const CHECK_WARNING_CODES = [
  // Least privilege (issue 4 §4): a probe request beyond the pull that a policy allows.
  'BROADER_OTHER_REPOSITORY',
  'BROADER_OTHER_ACCOUNT_REPOSITORY',
  'BROADER_ECR_PUSH',
  'BROADER_ECR_DELETE',
  'BROADER_ECR_ALL_RESOURCES',
  'BROADER_OTHER_BUCKET',
  'BROADER_LAYER_BUCKET_WRITE',
  'BROADER_OTHER_LOG_GROUP',
  'ENDPOINT_DEFAULT_POLICY',
  // What the template leaves open, and the assumption the check made instead.
  'ASSUMED_REGION',
  'ASSUMED_ACCOUNT',
  'ASSUMED_ORGANIZATION',
  'ASSUMED_CONDITION',
  'CROSS_ACCOUNT_REPOSITORY',
  'EXECUTION_ROLE_OUTSIDE_TEMPLATE',
  'UNKNOWN_MANAGED_POLICY',
  'IMAGE_NOT_FROM_ECR',
  'LAYER_BUCKET_PARTITION_UNVERIFIED',
  'SECURITY_GROUP_UNKNOWN',
  'PRIVATE_DNS_OFF',
  'PRIVATE_DNS_UNKNOWN',
  'SEVERAL_ENDPOINTS',
  'SECRET_NOT_CHECKED',
  'EC2_AGENT_ENDPOINTS_MISSING',
  // EC2 launch type without an execution role: the container instance role pulls (docs/aws-facts.md §1 hop 6).
  'INSTANCE_ROLE_USED',
  'INSTANCE_ROLE_UNKNOWN',
  'NETWORK_NOT_IN_INPUT',
  // An EC2 task run on a cluster the input does not declare: its instances (role, subnets) are unknown.
  'CAPACITY_OUTSIDE_INPUT',
  // Least privilege: a named grant the pull does not use (another bucket, log group, repository, secret).
  'BROADER_NAMED_GRANT',
  // A container image from a parameter without value: it cannot be walked until given.
  'IMAGE_FROM_PARAMETER',
] as const;
export type CheckWarningCode = (typeof CHECK_WARNING_CODES)[number];

export interface CheckWarning {
  readonly code: CheckWarningCode;
  readonly message: string;
  /** The logical ID the warning is about, when there is one. */
  readonly resource?: string;
  /** For least-privilege warnings: the statements that allow the probe request. */
  readonly decidedBy?: readonly string[];
}

export interface CheckSummary {
  readonly tasks: number;
  readonly containers: number;
  readonly steps: number;
  readonly allowed: number;
  readonly blocked: number;
  readonly unknown: number;
  readonly warnings: number;
}

/** A container whose image pull was walked. */
export interface CheckedContainer {
  readonly task: string;
  readonly container: string;
  /** The image URI as the template gives it, deploy-time values as symbols. */
  readonly image: string;
}

export interface CheckReport {
  /** The template (or spec) checked, as the caller named it. */
  readonly file: string;
  /** The Region and account the requests were built with: given, inferred, or a stand-in (see warnings). */
  readonly region: string;
  readonly account: string;
  readonly containers: readonly CheckedContainer[];
  readonly steps: readonly CheckStep[];
  readonly warnings: readonly CheckWarning[];
  readonly summary: CheckSummary;
}

export interface CheckOptions {
  /** The Region the stack deploys to; else read from the ECR image URIs or endpoint service names, else a symbol. */
  readonly region?: string;
  /** Accept a `region` newer than policygen's Region table when it matches its partition's pattern. */
  readonly allowUnlistedRegion?: boolean;
  /** The account the stack deploys to; else read from the ECR image URIs, else a stand-in (see ACCOUNT_STAND_IN). */
  readonly accountId?: string;
  /** The task subnets have an internet route even if the template declares none (a NAT gateway in another stack). */
  readonly internet?: boolean;
  /**
   * The identity policy of the EC2 container instance role, for EC2 tasks without an execution role
   * whose instance role the template does not declare (`--instance-role-policy FILE`).
   */
  readonly instanceRolePolicy?: { readonly file: string; readonly document: unknown };
  /** Values for template parameters (`--parameter KEY=VALUE`), used as their Default. */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * Repository policies the templates do not hold (`--repository-policy [ARN=]FILE`): a pull from a
   * repository of another account needs its repository policy to allow it as well as the role.
   */
  readonly repositoryPolicies?: readonly RepositoryPolicyInput[];
}

/** A repository policy given to the check, and the repository it is set on. */
export interface RepositoryPolicyInput {
  /**
   * The repository's ARN. Optional when the policy's statements name it in Resource (ECR's own
   * examples leave Resource out: a repository policy applies to the repository it is set on).
   */
  readonly repositoryArn?: string;
  readonly document: unknown;
  /** Where the policy came from, for labels and errors. */
  readonly file?: string;
}
