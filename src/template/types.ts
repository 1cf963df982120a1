/**
 * The template model: parsed sources with locations, the policies found in them, and the stack
 * model (endpoints, security groups, task definitions, roles) that lint, check and diff read.
 */

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
  /**
   * Keys given twice in one object, each repeat after the first. Parsers differ on which value wins
   * (JSON.parse keeps the last, others the first or refuse the file), so the file is ambiguous.
   */
  readonly duplicateKeys?: readonly DuplicateKey[];
}

export interface DuplicateKey {
  readonly key: string;
  /** The path of the repeated member's value; `locate` would find the last occurrence, so the position is kept. */
  readonly path: JsonPath;
  readonly position: Position;
  /** Where the key first appears in the same object. */
  readonly first: Position;
}

/**
 * How a policy is used decides which rules apply and which quota counts. Access Analyzer's
 * ValidatePolicy knows identity, resource, SCP and RCP policies (a role trust policy is a resource
 * policy of type AWS::IAM::AssumeRolePolicyDocument); `trust` and the endpoint types are ours, because
 * endpoint policies have rules of their own. `vpc-endpoint` is an endpoint policy whose endpoint type
 * (Interface or Gateway) is not known: the rules for both run, the gateway-only ones do not.
 */
export type PolicyType = 'identity' | 'resource' | 'vpc-endpoint' | 'vpc-endpoint-interface' | 'vpc-endpoint-gateway' | 'trust' | 'scp' | 'rcp';
export const POLICY_TYPES: readonly PolicyType[] = [
  'identity',
  'resource',
  'trust',
  'scp',
  'rcp',
  'vpc-endpoint',
  'vpc-endpoint-interface',
  'vpc-endpoint-gateway',
];
/** Every endpoint policy type: rules about endpoint policies apply to each. */
export const ENDPOINT_POLICY_TYPES: readonly PolicyType[] = ['vpc-endpoint', 'vpc-endpoint-interface', 'vpc-endpoint-gateway'];

/**
 * Resource types whose policies `--resource-type` names, as CloudFormation spells them (Access
 * Analyzer's ValidatePolicy takes the same names in validatePolicyResourceType). The trust policy of
 * a role is AWS::IAM::AssumeRolePolicyDocument.
 */
export const RESOURCE_TYPES = [
  'AWS::S3::Bucket',
  'AWS::S3::AccessPoint',
  'AWS::S3::MultiRegionAccessPoint',
  'AWS::S3ObjectLambda::AccessPoint',
  'AWS::S3Express::DirectoryBucket',
  'AWS::DynamoDB::Table',
  'AWS::KMS::Key',
  'AWS::ECR::Repository',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::SecretsManager::Secret',
  'AWS::Lambda::Function',
  'AWS::IAM::AssumeRolePolicyDocument',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

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
  /**
   * In one branch of a CloudFormation `Fn::If` whose condition the reader could not decide (path
   * `['Statement', i, 'Fn::If', 1 | 2, …]`): the deployed policy may not hold it, and it may share its
   * Sid or text with the other branch's statement.
   */
  readonly conditional: boolean;
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
  /** For resource and trust policies, the resource the policy is attached to, when known. */
  readonly resourceType?: ResourceType;
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
