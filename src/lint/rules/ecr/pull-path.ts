/**
 * Facts about the image pull path shared by the ECR-over-PrivateLink rules (docs/aws-facts.md §1–§4): which
 * actions and resources a statement covers, which conditions it carries, which endpoints a stack
 * declares, whether it pulls from ECR. Questions about values that are unknown before deploy answer
 * `unknown`, so each rule decides on its own side which way an unknown must fall (a rule never fires
 * on an unknown).
 */
import {
  awsManagedPolicyName,
  layerBucketName,
  LAYER_BUCKET_IN_TEXT,
  MANAGED_POLICIES_GRANTING_ALL_ECR,
  MANAGED_POLICIES_GRANTING_PULL,
  namesLayerBucket,
} from '../../../model/aws-facts';
import { isRecord } from '../../../model/json';
import { globMatch } from '../../../catalog/iam-catalog';
import { endpointRegionOf, endpointServiceOf } from '../../../template/stack-helpers';
import { partitionOf, REGION_SHAPE } from '../../../model/region';
import { canonicalConditionKey, VPC_CONDITION_KEYS } from '../../../normalize/condition-keys';
import type { ConditionView, EndpointModel, JsonPath, PolicyUnit, PolicyView, RoleModel, StackModel, StatementView } from '../../types';

export type Tri = 'yes' | 'no' | 'unknown';

/**
 * Whether a list field (Action, Resource, …) as written holds a value that is not a string: an
 * intrinsic the reader could not resolve. Statement views leave such values out, so without this
 * check an unresolved `!Sub` would read as "no resource".
 */
export function hasUnknownEntry(raw: unknown): boolean {
  if (raw === undefined || typeof raw === 'string') return false;
  return Array.isArray(raw) ? raw.some((v) => typeof v !== 'string') : true;
}

/** IAM wildcards (`*`, `?`) in an action name, which IAM compares case-insensitively. */
export const actionMatches = (pattern: string, action: string): boolean => globMatch(pattern.toLowerCase(), action.toLowerCase());

/** IAM wildcards in a resource ARN, which IAM compares case-sensitively. */
const resourceMatches = (pattern: string, arn: string): boolean => globMatch(pattern, arn);

/**
 * Does the statement's Action (or NotAction) cover `action`? `Action: "ecr:*"` and `"*"` cover
 * `ecr:GetAuthorizationToken`; `NotAction: ["iam:*"]` covers it too.
 */
export function coversAction(statement: StatementView, action: string): Tri {
  const field = statement.actions !== undefined ? 'Action' : statement.notActions !== undefined ? 'NotAction' : undefined;
  if (field === undefined) return 'no';
  const values = (field === 'Action' ? statement.actions : statement.notActions) ?? [];
  const matched = values.some((v) => actionMatches(v.value, action));
  const unknown = hasUnknownEntry(statement.raw[field]);
  if (field === 'Action') return matched ? 'yes' : unknown ? 'unknown' : 'no';
  return matched ? 'no' : unknown ? 'unknown' : 'yes';
}

/** The Action entries that cover `action`, for precise hit paths. */
function actionsCovering(statement: StatementView, action: string): readonly { readonly value: string; readonly path: JsonPath }[] {
  return (statement.actions ?? []).filter((v) => actionMatches(v.value, action));
}

/**
 * Does the statement's Resource (or NotResource) cover one of `arns`? A statement with neither
 * (endpoint policies may omit Resource in broken documents; the grammar rule reports that) covers nothing.
 */
export function coversResource(statement: StatementView, arns: readonly string[]): Tri {
  const field = statement.resources !== undefined ? 'Resource' : statement.notResources !== undefined ? 'NotResource' : undefined;
  if (field === undefined) return 'no';
  const values = (field === 'Resource' ? statement.resources : statement.notResources) ?? [];
  const unknown = hasUnknownEntry(statement.raw[field]);
  if (field === 'Resource') {
    if (arns.some((arn) => values.some((v) => resourceMatches(v.value, arn)))) return 'yes';
    return unknown ? 'unknown' : 'no';
  }
  if (arns.some((arn) => !values.some((v) => resourceMatches(v.value, arn)))) return unknown ? 'unknown' : 'yes';
  return 'no';
}

/** The statement's conditions on keys of `keys` (canonical spelling; condition key names are case-insensitive). */
export const conditionsOn = (statement: StatementView, keys: ReadonlySet<string>): readonly ConditionView[] =>
  statement.conditions.filter((c) => keys.has(canonicalConditionKey(c.key)));

/**
 * True when the condition fails for a request that lacks the key: a positive operator without
 * IfExists (`StringEquals`, `ArnLike`, `ForAnyValue:StringEquals`, …) or `Null: false`. Negated
 * operators and ForAllValues are true for a missing key (IAM-KEYS, "condition keys that are absent").
 */
function requiresKey(condition: ConditionView): boolean {
  if (condition.ifExists || condition.setOperator === 'ForAllValues') return false;
  if (condition.baseOperator === 'Null') return condition.values.length > 0 && condition.values.every((v) => v.value.toLowerCase() === 'false');
  return !/Not/.test(condition.baseOperator);
}

/** True when a Condition value as written is not a plain map of maps: an unresolved intrinsic. */
export const hasUnknownCondition = (statement: StatementView): boolean =>
  statement.raw['Condition'] !== undefined &&
  (!isRecord(statement.raw['Condition']) || Object.values(statement.raw['Condition']).some((block) => !isRecord(block)));

/** The endpoint's service (`ecr.dkr`, `s3`, `logs`, …), or undefined when its service name is unknown. */
export function endpointService(endpoint: EndpointModel): string | undefined {
  if (endpoint.service !== undefined) return endpoint.service;
  return endpoint.serviceName.known ? endpointServiceOf(endpoint.serviceName.value) : undefined;
}

/** The Region of an endpoint's service name, when it is written out. */
export function endpointRegion(endpoint: EndpointModel): string | undefined {
  return endpoint.serviceName.known ? endpointRegionOf(endpoint.serviceName.value) : undefined;
}

/** Endpoints of a service, and whether some endpoint's service cannot be told (then "missing" cannot be decided). */
export function endpointsOf(stack: StackModel, service: string): { readonly found: readonly EndpointModel[]; readonly undecided: boolean } {
  return {
    found: stack.endpoints.filter((e) => endpointService(e) === service),
    undecided: stack.endpoints.some((e) => endpointService(e) === undefined),
  };
}

/** `ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]/name[:tag|@digest]` (ECR private registry URIs). */
const ECR_IMAGE_URI = /^\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/[^\s]+$/;

// The facts live in model/aws-facts; the ECR rules import them from here with the helpers.
export { awsManagedPolicyName, layerBucketName, MANAGED_POLICIES_GRANTING_ALL_ECR, MANAGED_POLICIES_GRANTING_PULL };

/** Logical IDs of the roles task definitions name as ExecutionRoleArn. */
export const executionRoleIds = (stack: StackModel): ReadonlySet<string> =>
  new Set(stack.taskDefinitions.flatMap((t) => (t.executionRole?.resource === undefined ? [] : [t.executionRole.resource])));

/** True when the role's trust policy lets ECS tasks assume it (execution roles and task roles both do). */
export function trustsEcsTasks(role: RoleModel): boolean {
  return (role.trustPolicy?.view.statements ?? []).some(
    (s) =>
      s.effect === 'Allow' &&
      !s.conditional &&
      s.principalValues.some((p) => p.type === 'Service' && p.value.toLowerCase() === 'ecs-tasks.amazonaws.com') &&
      coversAction(s, 'sts:AssumeRole') === 'yes',
  );
}

/** The Allow statements sure to be in the policy: one behind an undecided Fn::If may not be deployed. */
export const allowStatements = (unit: PolicyUnit): readonly StatementView[] => unit.view.statements.filter((s) => s.effect === 'Allow' && !s.conditional);

/** A condition on a VPC key (aws:SourceVpc, aws:SourceVpce, aws:SourceVpcArn, aws:VpcSourceIp) of an Allow statement. */
export interface AllowVpcCondition {
  readonly statement: StatementView;
  readonly condition: ConditionView;
}

const NO_VPC_CONDITIONS: readonly AllowVpcCondition[] = Object.freeze([]);
// Condition key names are case-insensitive.
const VPC_KEYS_LOWER: ReadonlySet<string> = new Set([...VPC_CONDITION_KEYS].map((k) => k.toLowerCase()));
const vpcConditionsOf = new WeakMap<PolicyView, readonly AllowVpcCondition[]>();

/**
 * The conditions on VPC keys of the policy's Allow statements, in document order. Four rules ask
 * about every policy, and nearly every policy has none: they are looked for once per policy.
 */
export function allowVpcConditions(unit: PolicyUnit): readonly AllowVpcCondition[] {
  let found = vpcConditionsOf.get(unit.view);
  if (found === undefined) {
    let list: AllowVpcCondition[] | undefined;
    // Indexed loops: this runs for every policy, mostly before the code is warm.
    const statements = unit.view.statements;
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i] as StatementView;
      if (statement.effect !== 'Allow' || statement.conditional) continue;
      const conditions = statement.conditions;
      for (let j = 0; j < conditions.length; j++) {
        const condition = conditions[j] as ConditionView;
        if (VPC_KEYS_LOWER.has(condition.key.toLowerCase())) (list ??= []).push({ statement, condition });
      }
    }
    found = list ?? NO_VPC_CONDITIONS;
    vpcConditionsOf.set(unit.view, found);
  }
  return found;
}

/**
 * The VPC-key conditions that keep an Allow of `action` from applying to a request without the key
 * (see `requiresKey`), with the Action values that grant it (`NotAction` when NotAction does).
 */
export function vpcConditionsRequiredFor(unit: PolicyUnit, action: string): readonly { readonly condition: ConditionView; readonly granted: string }[] {
  const out: { condition: ConditionView; granted: string }[] = [];
  for (const { statement, condition } of allowVpcConditions(unit)) {
    if (!requiresKey(condition) || coversAction(statement, action) !== 'yes') continue;
    const via = actionsCovering(statement, action).map((a) => a.value);
    out.push({ condition, granted: via.length === 0 ? 'NotAction' : via.join(', ') });
  }
  return out;
}

/**
 * Does the role grant `action` (an Allow in one of its stack policies, or a known AWS managed
 * policy)? Conditions are ignored: a pull conditioned on aws:SourceVpce still shows the role pulls.
 */
function roleGrants(role: RoleModel, action: string, managed: ReadonlySet<string>): boolean {
  const inline = role.policies.some((unit) => allowStatements(unit).some((s) => coversAction(s, action) === 'yes'));
  return (
    inline ||
    role.managedPolicyArns.some((arn) => {
      const name = arn.known ? awsManagedPolicyName(arn.value) : undefined;
      return name !== undefined && managed.has(name);
    })
  );
}

/** What shows that a stack pulls images from ECR, for messages; empty when nothing does. */
export function ecrPullEvidence(stack: StackModel): readonly string[] {
  const evidence: string[] = [];
  for (const task of stack.taskDefinitions) {
    for (const container of task.containers) {
      if (container.image.known && ECR_IMAGE_URI.test(container.image.value)) {
        evidence.push(`${task.resource} runs the ECR image ${container.image.value}`);
      }
    }
  }
  const executionRoles = executionRoleIds(stack);
  for (const role of stack.roles) {
    if ((executionRoles.has(role.resource) || trustsEcsTasks(role)) && roleGrants(role, 'ecr:BatchGetImage', MANAGED_POLICIES_GRANTING_PULL)) {
      evidence.push(`the role ${role.resource} used by ECS tasks grants ecr:BatchGetImage`);
    }
  }
  for (const endpoint of stack.endpoints) {
    if (endpointService(endpoint) === 'ecr.dkr') evidence.push(`the stack declares the ecr.dkr endpoint ${endpoint.resource}`);
  }
  return evidence;
}

/**
 * Whether a network rule may judge the stack without check's walk (a Terraform plan, or a template
 * the walk cannot take, such as one whose images are parameters without value): only when the stack
 * shows an ECR pull (`ecrPullEvidence`) and declares no internet route. With a NAT gateway or an
 * internet gateway route the pull may go that way, and a rule that cannot tell stays quiet.
 */
export const judgedWithoutWalk = (stack: StackModel): boolean => !stack.hasInternetRoute && ecrPullEvidence(stack).length > 0;

/**
 * Whether the stack has an ECS task definition or an ECR endpoint: an S3 interface endpoint in a
 * stack with neither (an Application Load Balancer in front of S3, say) has nothing to do with image
 * layers. The cfn-guard twin of S3_ENDPOINT_NOT_GATEWAY asks the same.
 */
export const showsEcrWorkload = (stack: StackModel): boolean =>
  stack.taskDefinitions.length > 0 || stack.endpoints.some((e) => endpointService(e) === 'ecr.dkr' || endpointService(e) === 'ecr.api');

/** An absolute path inside a CloudFormation resource's Properties; other formats keep the resource path. */
export const propertyPath = (stack: StackModel, resourcePath: JsonPath, property: string): JsonPath =>
  stack.format === 'cloudformation' ? [...resourcePath, 'Properties', property] : resourcePath;

// A stand-in for an object key: the layer keys are ECR's business, and a grant on `bucket/*` covers any of them.
const SAMPLE_KEY = 'layer';

/**
 * Sample object ARNs of the layer bucket to match resources against: in `aws` and the Region's
 * partition (the partition outside `aws` is [unverified], docs/aws-facts.md §3). Without a known Region, in
 * each Region the resources name (or us-east-1), so that a policy naming any Region's layer bucket
 * counts and a policy naming none does not.
 */
export function layerObjectArns(region: string | undefined, resources: readonly string[]): readonly string[] {
  const named = resources.flatMap((r) => [...r.toLowerCase().matchAll(LAYER_BUCKET_IN_TEXT)].map((m) => m[1] ?? ''));
  const regions = region !== undefined ? [region] : [...new Set([...named.filter((r) => REGION_SHAPE.test(r)), 'us-east-1'])];
  return regions.flatMap((r) => [...new Set(['aws', partitionOf(r) ?? 'aws'])].map((p) => `arn:${p}:s3:::${layerBucketName(r)}/${SAMPLE_KEY}`));
}

/**
 * True when the statement's Resource names the layer bucket, also inside an intrinsic the reader
 * could not resolve: `!Sub arn:${AWS::Partition}:s3:::prod-${AWS::Region}-starport-layer-bucket/*`
 * names it whatever the Region turns out to be.
 */
export function statementNamesLayerBucket(statement: StatementView): boolean {
  const raw = statement.raw['Resource'];
  const entries: readonly unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return entries.some((entry) => namesLayerBucket(typeof entry === 'string' ? entry : (JSON.stringify(entry) ?? '')));
}
