import { endpointServiceName, parseRegion } from '../model/region';
import { ACCOUNT_CONDITION_KEYS, canonicalConditionKey, VPC_CONDITION_KEYS } from '../normalize/condition-keys';
import { compilePolicy, type DecidingStatement, type EvaluationResult, type PolicyKind, type RequestContext } from '../simulate';
import { layerBucket, type Hop } from './hops';
import { ALLOW_EVERYTHING } from './known-policies';
import type { PreparedHop } from './prepared-hop';
import type { Route } from './network';
import { statementsOf, type CheckPolicy, type StackFacts, type TaskFacts } from './stack-facts';
import { hasSymbol } from './symbols';

/** Why a step is blocked, and how to fix it. */
export interface Explanation {
  readonly reason: string;
  readonly hint?: string;
}

/** `LABEL: Sid X`, or `LABEL: Statement[i]` for a statement without Sid. */
export const formatDecider = (d: DecidingStatement): string => `${d.policy}: ${d.sid !== undefined ? `Sid ${d.sid}` : `Statement[${d.statementIndex}]`}`;
export const formatDeciders = (result: EvaluationResult): string[] => [...new Set(result.decidedBy.map(formatDecider))];

/** The name of the endpoint service in the stack's Region, or with REGION when that is unknown. */
function serviceName(stack: StackFacts, service: string): string {
  const region = hasSymbol(stack.region) ? undefined : parseRegion(stack.region, { allowUnlisted: true });
  return region?.ok ? endpointServiceName(region.value, service) : `com.amazonaws.REGION.${service}`;
}

export function networkExplanation(hop: Hop, route: Extract<Route, { path: 'none' }>, stack: StackFacts, internet: boolean): Explanation {
  const e = route.endpoint;
  const kind = hop.gateway ? 'gateway' : 'interface';
  const noInternet = internet ? '' : ', and the template declares no internet route (NAT or internet gateway; --internet if one exists elsewhere)';
  switch (route.problem) {
    case 'no-endpoint':
      return {
        reason: `no ${hop.service} endpoint${noInternet}`,
        hint: hop.gateway
          ? `add an AWS::EC2::VPCEndpoint with ServiceName ${serviceName(stack, hop.service)}, VpcEndpointType Gateway, RouteTableIds: the task subnets' route tables`
          : `add an AWS::EC2::VPCEndpoint with ServiceName ${serviceName(stack, hop.service)}, VpcEndpointType Interface, PrivateDnsEnabled true and a security group admitting TCP 443 from the task subnets`,
      };
    case 'other-region':
      return {
        reason: `${hop.resources[0] === '*' ? `the registry token of ${hop.region}` : hop.resources[0]} is in ${hop.region}, not in the stack's Region ${stack.region}: VPC endpoints serve their own Region only${noInternet}`,
        hint: `use a ${hop.service.startsWith('ecr') || hop.service === 's3' ? 'repository' : 'resource'} in ${stack.region} (ECR replication can copy images), or give the tasks an internet route`,
      };
    case 'wrong-type':
      return {
        reason: `${e!.resource} is ${e!.type === 'Interface' ? 'an' : 'a'} ${e!.type} endpoint, but ${hop.gateway ? 'image layers come through the S3 gateway endpoint on the private route tables' : `${hop.service} needs an interface endpoint`}${noInternet}`,
        hint: `make ${e!.resource} VpcEndpointType ${hop.gateway ? 'Gateway with RouteTableIds: the task subnets\u2019 route tables' : 'Interface'}`,
      };
    case 'private-dns-off':
      return hop.service === 'ecr.api'
        ? {
            reason: `private DNS is off on ${e!.resource}: the ECS agent and Fargate call ecr:GetAuthorizationToken at ecr.api's default host name, which then does not lead to the endpoint, and they cannot be given its own DNS name${noInternet}`,
            hint: `set PrivateDnsEnabled: true on ${e!.resource} (an endpoint URL works only for the CLI and SDKs, policygen docs/aws-facts.md §2; CloudFormation's default is false)`,
          }
        : {
            reason: `private DNS is off on ${e!.resource}: docker resolves the registry's default host name, which then does not lead to the endpoint${noInternet}`,
            hint: `set PrivateDnsEnabled: true on ${e!.resource} (ecr.dkr must have it, policygen docs/aws-facts.md §2; CloudFormation's default is false)`,
          };
    case 'no-https-ingress':
      return {
        reason: `no security group of ${e!.resource} admits TCP 443, so the ${kind} endpoint cannot be reached (its private DNS name takes the call even when an internet route exists)`,
        hint: `add an ingress rule for TCP 443 from the task subnets (or the task security group) to a security group of ${e!.resource}`,
      };
    case 'no-https-egress':
      return {
        reason: `the tasks' security groups allow no TCP 443 egress to ${e!.type === 'Gateway' ? `the S3 prefix list of ${e!.resource}` : `a security group of ${e!.resource}`}, so the call never leaves the task`,
        hint:
          e!.type === 'Gateway'
            ? `add an egress rule for TCP 443 to the S3 prefix list (DestinationPrefixListId: com.amazonaws.REGION.s3's pl- ID) to the tasks' security group`
            : `add an egress rule for TCP 443 to the endpoint's security group (DestinationSecurityGroupId) to the tasks' security group`,
      };
    case 'no-route-tables':
      return {
        reason: `${e!.resource} is attached to no route table, so no subnet routes S3 traffic to it${noInternet}`,
        hint: `set RouteTableIds of ${e!.resource} to the route tables of the task subnets`,
      };
  }
}

const callerName = (hop: Hop): string => (hop.caller === 'ecr-service' ? "ECR's layer signer (an AWS-owned account)" : 'the execution role');

/**
 * A blocked evaluation, explained: the Deny that matched, or for a missing Allow the statements that
 * would allow if their conditions held (found by evaluating again without the Allow conditions), with
 * the request's values of the keys those conditions test.
 */
export function blockedExplanation(
  hop: Hop,
  resource: string,
  result: EvaluationResult,
  prepared: PreparedHop,
  task: TaskFacts,
  stack: StackFacts,
  reevaluate: (policies: readonly CheckPolicy[]) => EvaluationResult,
): Explanation {
  const request = `${hop.action} on ${resource}`;
  if (result.decision === 'ExplicitDeny') {
    return {
      reason: `${request} is explicitly denied by ${formatDeciders(result).join(', ')}`,
      hint: 'narrow or remove the Deny statement: it matches this request (an explicit deny wins over every Allow)',
    };
  }
  const parts: string[] = [];
  let hint: string | undefined;
  for (const kind of result.missingAllow) {
    const policies = prepared.policies.filter((p) => p.input.kind === kind);
    const blocked = conditionBlocked(kind, prepared.policies, reevaluate);
    const keys = [...new Set(blocked.flatMap((b) => b.keys))];
    const who = whose(kind, policies, prepared.route, task);
    const denyOnly = policies.length > 0 && policies.every((p) => statementsOf(p.document).every((s) => s['Effect'] === 'Deny'));
    if (blocked.length > 0) {
      const one = blocked.length === 1;
      parts.push(
        `${blocked.map((b) => b.statement).join(', ')} would allow ${request}, but ${one ? 'its condition' : 'their conditions'} on ${keys.join(', ')} ${one ? 'does' : 'do'} not hold for ${callerName(hop)}: ${describeValues(keys, prepared.context)}`,
      );
    } else if (denyOnly) {
      parts.push(`${who} has only Deny statements, so nothing is allowed through it`);
    } else {
      parts.push(`no statement of ${who} allows ${request} for ${callerName(hop)}`);
    }
    hint ??= hintFor(hop, kind, keys, denyOnly, prepared, stack);
  }
  return { reason: parts.join('; '), ...(hint !== undefined ? { hint } : {}) };
}

function whose(kind: PolicyKind, policies: readonly CheckPolicy[], route: Route, task: TaskFacts): string {
  if (kind === 'vpc-endpoint') return `the policy of ${route.path === 'endpoint' ? route.endpoint.resource : 'the endpoint'}`;
  if (kind === 'resource') return `the repository policy (${policies.map((p) => p.input.label).join(', ')})`;
  if (policies.length === 0) return `the execution role of ${task.resource} (it has no policies)`;
  const role = task.role.kind === 'template' ? task.role.role.resource : 'the execution role';
  return `${role}'s policies (${policies.map((p) => p.input.label).join(', ')})`;
}

interface ConditionBlocked {
  readonly statement: string;
  readonly keys: readonly string[];
}

// Stands for the other policies on the path while one kind is examined alone.
const anyIdentity: CheckPolicy = {
  document: ALLOW_EVERYTHING,
  input: { label: 'any identity policy', kind: 'identity', document: compilePolicy(ALLOW_EVERYTHING) },
};

/**
 * Allow statements of `kind` that match the request except for their Condition: the policies of that
 * kind are evaluated alone (an endpoint policy with any identity policy allowing), without the
 * conditions of their Allow statements, so another missing Allow does not hide them.
 */
function conditionBlocked(kind: PolicyKind, policies: readonly CheckPolicy[], reevaluate: (p: readonly CheckPolicy[]) => EvaluationResult): ConditionBlocked[] {
  const stripped = policies.filter((p) => p.input.kind === kind).map(withoutAllowConditions);
  const again = reevaluate(kind === 'vpc-endpoint' ? [anyIdentity, ...stripped] : stripped);
  if (again.decision !== 'Allow') return [];
  return again.decidedBy
    .filter((d) => d.kind === kind)
    .flatMap((d) => {
      const policy = policies.find((p) => p.input.label === d.policy && p.input.kind === kind);
      const statement = policy ? statementsOf(policy.document)[d.statementIndex] : undefined;
      const condition = statement?.['Condition'];
      if (condition === undefined || condition === null || typeof condition !== 'object') return [];
      const keys = Object.values(condition as Record<string, unknown>).flatMap((block) =>
        block !== null && typeof block === 'object' ? Object.keys(block).map(canonicalConditionKey) : [],
      );
      return [{ statement: formatDecider(d), keys: [...new Set(keys)] }];
    });
}

function withoutAllowConditions(policy: CheckPolicy): CheckPolicy {
  const statements = statementsOf(policy.document).map((s) => {
    if (s['Effect'] !== 'Allow') return s;
    const { Condition: _dropped, ...rest } = s;
    return rest;
  });
  const document = { ...policy.document, Statement: statements } as unknown as CheckPolicy['document'];
  return { document, input: { ...policy.input, document: compilePolicy(document) } };
}

function describeValues(keys: readonly string[], context: RequestContext): string {
  const lower = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  return keys
    .map((key) => {
      const value = lower.get(key.toLowerCase());
      return value === undefined ? `${key} is absent` : `${key} is ${Array.isArray(value) ? JSON.stringify(value) : String(value)}`;
    })
    .join(', ');
}

function hintFor(hop: Hop, kind: PolicyKind, keys: readonly string[], denyOnly: boolean, prepared: PreparedHop, stack: StackFacts): string {
  const endpoint = prepared.route.path === 'endpoint' ? prepared.route.endpoint : undefined;
  const vpcKeys = keys.filter((k) => VPC_CONDITION_KEYS.has(k));
  const accountKeys = keys.filter((k) => ACCOUNT_CONDITION_KEYS.has(k));
  if (kind === 'identity') {
    if (hop.step === 'auth-token' && vpcKeys.length > 0) {
      return `put ecr:GetAuthorizationToken in a statement without ${vpcKeys.join('/')}: on Fargate the call goes through the Fargate-owned network interface and carries no aws:SourceVpc or aws:SourceVpce (policygen docs/aws-facts.md §3, ECS-EXEC)`;
    }
    if (endpoint !== undefined && vpcKeys.length > 0) {
      return `condition the statement on the endpoint this hop uses: "aws:SourceVpce": {"Ref": "${endpoint.resource}"}${vpcKeys.includes('aws:SourceVpc') ? ` and "aws:SourceVpc": its VpcId (${endpoint.vpc})` : ''}; a literal vpce- ID names another endpoint`;
    }
    if (prepared.route.path === 'internet' && vpcKeys.length > 0) {
      return `the request goes over the internet route and carries no ${vpcKeys.join('/')}: add the ${hop.service} endpoint (private DNS on) or drop the condition`;
    }
    if (keys.length > 0) return `the condition on ${keys.join(', ')} must hold for this request, or the statement must not need it`;
    return `allow ${hop.action} on ${hop.resources[0]} in the execution role's policy (policygen execution-role-policy writes it)`;
  }
  if (kind === 'resource') return `allow the execution role ${hop.action} in the repository policy`;
  if (denyOnly)
    return `add Allow statements to the policy of ${endpoint?.resource ?? 'the endpoint'}: a policy with only Deny statements denies everything (policygen docs/aws-facts.md §3)`;
  if (hop.step === 'layer-download') {
    if (accountKeys.length > 0) {
      return `remove the ${accountKeys.join(', ')} condition from the layer statement: the download is signed by an ECR service account in an AWS account, on AWS's bucket (policygen docs/aws-facts.md §3)`;
    }
    return `add to the policy of ${endpoint?.resource ?? 'the S3 gateway endpoint'}: {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:${stack.partition}:s3:::${layerBucket(hop.region)}/*"} with no account or organization condition (policygen s3-gateway-policy)`;
  }
  if (keys.length > 0)
    return `the condition on ${keys.join(', ')} in the policy of ${endpoint?.resource ?? 'the endpoint'} must hold for the execution role's request`;
  return `allow ${hop.action} on ${hop.resources[0]} for the execution role in the policy of ${endpoint?.resource ?? 'the endpoint'} (an endpoint policy must name a Principal)`;
}
