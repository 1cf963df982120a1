import { compilePolicy, evaluate, type EvaluationResult, type PolicyKind, type RequestContext } from '../simulate';
import { blockedExplanation, formatDeciders, networkExplanation, type Explanation } from './explain';
import { AWS_OWNED_ACCOUNT, AWS_OWNED_ORGANIZATION, type Hop } from './hops';
import { ALLOW_EVERYTHING, ecrServiceLayerAccess } from './known-policies';
import { routeOf, type Route } from './network';
import { recordNetworkProblem } from './network-problems';
import { statementsOf, type CheckPolicy, type ContainerFacts, type StackFacts, type TaskFacts } from './stack-facts';
import { hasSymbol, symbol } from './symbols';
import type { Caller, PreparedHop } from './prepared-hop';
import { upstreamCaveats } from './upstream';
import type { CheckStep, CheckWarning } from './types';

const ECR_SIGNER_ARN = (partition: string) => `arn:${partition}:sts::${AWS_OWNED_ACCOUNT}:assumed-role/${symbol('ECR layer signer')}/${symbol('session')}`;

const known = (document: CheckPolicy['document'], label: string): CheckPolicy => ({
  document,
  input: { label, kind: 'identity', document: compilePolicy(document) },
});
const OUTSIDE_TEMPLATE = (arn: string) => known(ALLOW_EVERYTHING, `${arn} (outside the template: assumed to allow)`);

export interface HopEnvironment {
  readonly stack: StackFacts;
  readonly internet: boolean;
  readonly warn: (warning: CheckWarning) => void;
}

/** Routes, evaluates and explains one hop of one container. */
export function runHop(hop: Hop, task: TaskFacts, container: ContainerFacts, env: HopEnvironment): CheckStep {
  const { stack } = env;
  const base = {
    task: task.resource,
    container: container.name,
    step: hop.step,
    action: hop.action,
    resource: hop.resources[0],
    endpoint: hop.service,
  };
  if (task.capacityOutside !== undefined) {
    return {
      ...base,
      // The instances' subnets are not in the input: no path is known (as for a template without network).
      network: 'none',
      ...UNKNOWN,
      decidedBy: [],
      reason: task.capacityOutside,
      hint: 'check with the stack that declares the cluster and its container instances (--template it too), or pass their role with --instance-role-policy FILE',
    };
  }
  const prepared = prepareHop(hop, task, env);
  const { route } = prepared;
  const carrier = route.path === 'endpoint' || route.path === 'none' ? route.endpoint : undefined;
  const located = { ...base, ...(carrier ? { endpointResource: carrier.resource } : {}), network: route.path };
  if (route.path === 'none') {
    // A missing endpoint where the input holds no network at all: it may be in a stack not given.
    if (!stack.networkDeclared && (route.problem === 'no-endpoint' || route.problem === 'other-region')) {
      return {
        ...located,
        ...UNKNOWN,
        decidedBy: [],
        reason: `the input declares no VPC network (no VPC, subnet, route table, endpoint or gateway), so whether a ${hop.service} endpoint or an internet route carries this request is not in the input`,
        hint: 'check with the stack that declares the network, or pass --internet when the task subnets reach the internet',
      };
    }
    // ecr.api without private DNS fails only without an internet route: unknown when the routes are elsewhere.
    if (route.problem === 'private-dns-off' && hop.service === 'ecr.api' && !stack.routesDeclared) {
      return {
        ...located,
        ...UNKNOWN,
        decidedBy: [],
        reason: `private DNS is off on ${carrier?.resource ?? 'the ecr.api endpoint'}, so the auth call needs an internet route, and the input declares no route table or route to tell`,
        hint: 'check with the stack that declares the route tables, pass --internet when the task subnets reach the internet, or set PrivateDnsEnabled: true',
      };
    }
    if (route.problem === 'no-endpoint' && stack.endpointsOfUnknownService.length > 0) {
      return {
        ...located,
        ...UNKNOWN,
        decidedBy: [],
        reason: `no endpoint of the template is known to be a ${hop.service} endpoint, but the service of ${stack.endpointsOfUnknownService.join(', ')} is known only at deploy time and may be`,
        hint: 'give the ServiceName parameter a value (--parameter KEY=VALUE) to decide',
      };
    }
    return recordNetworkProblem({ ...located, ...BLOCKED, decidedBy: [], ...networkExplanation(hop, route, stack, env.internet) }, route.problem);
  }
  if (hop.caller === 'role' && task.role.kind === 'instance-unknown') {
    return {
      ...located,
      ...UNKNOWN,
      decidedBy: [],
      reason: `${task.role.reason}: its policies are not in the input`,
      hint: 'pass the instance role\u2019s policy with --instance-role-policy FILE, or set ExecutionRoleArn of the task',
    };
  }
  if (hop.caller === 'role' && task.role.kind === 'none') {
    return {
      ...located,
      ...BLOCKED,
      decidedBy: [],
      reason: `${task.resource} has no ExecutionRoleArn: ECS pulls private ECR images, writes awslogs and reads secrets with the task execution role`,
      hint: `set ExecutionRoleArn of ${task.resource} to a role that allows the pull (policygen execution-role-policy writes its policy)`,
    };
  }

  // Several spellings of the resource (docs/aws-facts.md §3 [unverified]): the hop works when one is allowed.
  const results = hop.resources.map((resource) => ({ resource, result: evaluateHop(hop, resource, prepared) }));
  const chosen = results.find((r) => r.result.decision === 'Allow') ?? results[0]!;
  const { result } = chosen;
  if (result.decision === 'Allow' && prepared.repositoryPolicyAssumed) {
    // Cross-account: the repository policy must allow too, and the input does not hold it (never "blocked" for that).
    return {
      ...located,
      resource: chosen.resource,
      ...UNKNOWN,
      decidedBy: formatDeciders(result).filter((d) => !d.startsWith(ASSUMED_REPOSITORY_POLICY_LABEL)),
      reason: `the execution role${route.path === 'endpoint' ? ' and the endpoint' : ''} allow it, but ${chosen.resource} belongs to account ${hop.resourceAccount}: a pull across accounts also needs its repository policy to allow the role, and the input does not hold that policy`,
      hint: `pass the repository policy with --repository-policy ${chosen.resource}=FILE (library: repositoryPolicies), or --template the stack that declares the repository`,
    };
  }
  if (result.decision === 'Allow') {
    const allowed: CheckStep = {
      ...located,
      resource: chosen.resource,
      ...ALLOWED,
      decidedBy: formatDeciders(result),
      reason: `allowed by ${describeKinds(result)}${route.path === 'internet' ? ' (over the internet route: no endpoint policy applies)' : ''}`,
    };
    // A first pull through a cache rule, a Windows image's foreign layers: fetched from outside AWS.
    return upstreamCaveats(allowed, hop, task, container, stack, env.internet, (action) => evaluateHop({ ...hop, action }, chosen.resource, prepared));
  }
  const explanation: Explanation = blockedExplanation(hop, chosen.resource, result, prepared, task, stack, (document) =>
    evaluateHop(hop, chosen.resource, { ...prepared, policies: document }),
  );
  const decidedBy = result.decision === 'ExplicitDeny' ? formatDeciders(result) : [];
  const undecided = undecidedBecause(hop, chosen.resource, result, prepared, task, stack);
  if (undecided !== undefined) {
    return {
      ...located,
      resource: chosen.resource,
      ...UNKNOWN,
      decidedBy,
      reason: `${undecided}; as written: ${explanation.reason}`,
      ...(explanation.hint ? { hint: explanation.hint } : {}),
    };
  }
  return { ...located, ...BLOCKED, decidedBy, ...explanation };
}

const ALLOWED = { verdict: 'allowed', allowed: true } as const;
const BLOCKED = { verdict: 'blocked', allowed: false } as const;
const UNKNOWN = { verdict: 'unknown', allowed: null } as const;

/**
 * Why a refused request is not known to be refused, or undefined when it is: the refusal depends on
 * a value the input does not hold (a foreign symbol, see TemplateSymbols.foreign), or the caller's
 * role has managed policies the check does not know and its identity policy is what is missing.
 */
function undecidedBecause(hop: Hop, resource: string, result: EvaluationResult, prepared: PreparedHop, task: TaskFacts, stack: StackFacts): string | undefined {
  const role = hop.caller === 'role' && task.role.kind === 'template' ? task.role.role : undefined;
  if (result.decision !== 'ExplicitDeny' && role !== undefined && role.unknownPolicies.length > 0 && result.missingAllow.includes('identity')) {
    return `${role.resource} has managed policies the check does not know (${role.unknownPolicies.join(', ')}), which may allow it`;
  }
  const foreign = stack.symbols.foreign;
  if (foreign.size === 0) return undefined;
  const involved = new Set<string>();
  const relaxed = prepared.policies.map((p) => relaxForeign(p, foreign, involved));
  if (involved.size === 0) return undefined;
  if (evaluateHop(hop, resource, { ...prepared, policies: relaxed }).decision !== 'Allow') return undefined;
  return `the answer depends on ${[...involved].map((s) => foreign.get(s)!.description).join(', ')}`;
}

const foreignIn = (value: unknown, foreign: ReadonlyMap<string, unknown>, found: Set<string>): boolean => {
  const text = JSON.stringify(value) ?? '';
  let any = false;
  for (const symbolText of foreign.keys()) {
    if (text.includes(symbolText)) {
      found.add(symbolText);
      any = true;
    }
  }
  return any;
};

/**
 * The policy read in the light most favourable to the request wherever it names a foreign symbol:
 * a Deny naming one is dropped, an Allow's Resource naming one becomes `*`, and a condition key whose
 * values name one is left out. If the request is allowed then, the refusal depends on that value.
 */
function relaxForeign(policy: CheckPolicy, foreign: ReadonlyMap<string, unknown>, involved: Set<string>): CheckPolicy {
  if (!foreignIn(policy.document, foreign, new Set())) return policy;
  const statements = statementsOf(policy.document).flatMap((statement) => {
    if (!foreignIn(statement, foreign, involved)) return [statement];
    if (statement['Effect'] !== 'Allow') return [];
    const out: Record<string, unknown> = { ...statement };
    const resources = out['Resource'];
    if (resources !== undefined && foreignIn(resources, foreign, new Set())) out['Resource'] = '*';
    if (out['NotResource'] !== undefined && foreignIn(out['NotResource'], foreign, new Set())) return [];
    if (out['Principal'] !== undefined && foreignIn(out['Principal'], foreign, new Set())) out['Principal'] = '*';
    const condition = out['Condition'];
    if (condition !== null && typeof condition === 'object') {
      const kept: Record<string, unknown> = {};
      for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
        if (block === null || typeof block !== 'object') continue;
        const keys = Object.entries(block as Record<string, unknown>).filter(([, values]) => !foreignIn(values, foreign, new Set()));
        if (keys.length > 0) kept[operator] = Object.fromEntries(keys);
      }
      if (Object.keys(kept).length > 0) out['Condition'] = kept;
      else delete out['Condition'];
    }
    return [out];
  });
  const document = { ...policy.document, Statement: statements } as unknown as CheckPolicy['document'];
  return { document, input: { ...policy.input, document: compilePolicy(document) } };
}

function prepareHop(hop: Hop, task: TaskFacts, env: HopEnvironment): PreparedHop {
  const { stack } = env;
  const route: Route =
    hop.step === 'auth-token' && task.fargateBefore140
      ? { path: 'fargate' }
      : routeOf({ service: hop.service, gateway: hop.gateway, region: hop.region }, stack, env.internet, env.warn, task.egress);
  const caller = hop.caller === 'ecr-service' ? ecrService(hop, stack) : roleCaller(task, hop, stack, env.warn);
  const endpoint = route.path === 'endpoint' ? route.endpoint : undefined;
  // GetAuthorizationToken on Fargate goes through the Fargate-owned network interface, which carries
  // neither aws:SourceVpc nor aws:SourceVpce (docs/aws-facts.md §3, ECS-EXEC).
  // A request a service makes on the caller's behalf (hop.viaService) leaves from that service, not the VPC.
  const vpcKeys = endpoint !== undefined && hop.viaService === undefined && !(hop.step === 'auth-token' && task.launch === 'fargate');
  const context: RequestContext = {
    ...caller.context,
    'aws:RequestedRegion': hop.region,
    'aws:SecureTransport': true,
    ...(vpcKeys ? { 'aws:SourceVpce': endpoint.id, 'aws:SourceVpc': endpoint.vpc } : {}),
    ...(hop.viaService !== undefined ? { 'aws:ViaAWSService': true } : {}),
  };
  const crossAccount = isCrossAccountRepository(hop, stack);
  const repositoryPolicyAssumed = crossAccount && hop.resourcePolicy === undefined;
  const resourcePolicy = hop.resourcePolicy ?? (repositoryPolicyAssumed ? ASSUMED_REPOSITORY_POLICY : undefined);
  const policies = [...caller.identity, ...(resourcePolicy ? [resourcePolicy] : []), ...(endpoint && hop.viaService === undefined ? [endpoint.policy] : [])];
  return { route, caller, policies, context, crossAccount, repositoryPolicyAssumed };
}

/**
 * A pull from a repository a literal other account owns. IAM's "Cross-account policy evaluation
 * logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html):
 * the resource policy in the trusting account and the principal's identity policy must both allow;
 * for ECR that resource policy is the repository policy ("Private repository policies in Amazon ECR",
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html). An account known
 * only at deploy time may be the stack's own: such a pull is evaluated as the stack's (with a warning).
 */
function isCrossAccountRepository(hop: Hop, stack: StackFacts): boolean {
  return (
    hop.caller === 'role' &&
    hop.service.startsWith('ecr.') &&
    hop.resources[0] !== '*' &&
    !hasSymbol(hop.resourceAccount) &&
    !hasSymbol(stack.account) &&
    hop.resourceAccount !== stack.account
  );
}

// Stands for a repository policy the input does not hold: if the pull is allowed with it, the answer depends on that policy.
const ASSUMED_REPOSITORY_POLICY_LABEL = 'repository policy not in the input';
const ASSUMED_REPOSITORY_POLICY: CheckPolicy = (() => {
  const document = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
  } as unknown as CheckPolicy['document'];
  return { document, input: { label: ASSUMED_REPOSITORY_POLICY_LABEL, kind: 'resource', document: compilePolicy(document) } };
})();

function evaluateHop(hop: Hop, resource: string, prepared: PreparedHop): EvaluationResult {
  return evaluate(
    {
      principal: { arn: prepared.caller.arn, account: prepared.caller.account, type: 'AWS' },
      action: hop.action,
      resource,
      // A repository of another (literal) account: cross-account evaluation, both sides must allow.
      resourceAccount: hop.caller === 'ecr-service' ? AWS_OWNED_ACCOUNT : prepared.crossAccount ? hop.resourceAccount : prepared.caller.account,
      context: prepared.context,
    },
    prepared.policies.map((p) => p.input),
  );
}

function roleCaller(task: TaskFacts, hop: Hop, stack: StackFacts, warn: (w: CheckWarning) => void): Caller {
  const role = task.role;
  const roleArn = role.kind === 'template' ? role.role.arn : role.kind === 'external' ? role.arn : symbol(`no execution role ${task.resource}`);
  const sessionArn = role.kind === 'template' ? role.role.sessionArn : sessionOf(roleArn, stack);
  const identity = role.kind === 'template' ? role.role.policies : role.kind === 'external' ? [OUTSIDE_TEMPLATE(role.arn)] : [];
  if (hop.service.startsWith('ecr.') && hop.resourceAccount !== stack.account && hop.resources[0] !== '*' && hop.resourcePolicy === undefined) {
    const literal = isCrossAccountRepository(hop, stack);
    warn({
      code: 'CROSS_ACCOUNT_REPOSITORY',
      message: `${hop.resources[0]} belongs to ${hasSymbol(hop.resourceAccount) ? 'an account known only at deploy time' : `account ${hop.resourceAccount}`}, not the stack's ${stack.account}: its repository policy must allow the execution role; ${literal ? 'the input does not hold it, so its pull steps are unknown (pass it with --repository-policy ARN=FILE)' : 'the check cannot see it and assumes it does'}`,
    });
  }
  const org = stack.orgId;
  const ownResource = hop.resourceAccount === stack.account;
  return {
    arn: sessionArn,
    account: stack.account,
    identity,
    context: {
      'aws:PrincipalArn': roleArn,
      'aws:PrincipalAccount': stack.account,
      'aws:PrincipalType': 'AssumedRole',
      'aws:PrincipalIsAWSService': false,
      'aws:ViaAWSService': false,
      'aws:ResourceAccount': hop.resources[0] === '*' ? stack.account : hop.resourceAccount,
      ...(org !== undefined ? { 'aws:PrincipalOrgID': org, ...(ownResource ? { 'aws:ResourceOrgID': org } : {}) } : {}),
    },
  };
}

/** The session ARN ECS tasks get for a role ARN: `arn:P:sts::ACCOUNT:assumed-role/NAME/SESSION`. */
function sessionOf(roleArn: string, stack: StackFacts): string {
  const match = /^arn:([^:]+):iam::([^:]+):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  return match
    ? `arn:${match[1]}:sts::${match[2]}:assumed-role/${match[3]}/${symbol('ECS task ID')}`
    : `arn:${stack.partition}:sts::${stack.account}:assumed-role/${roleArn}/${symbol('ECS task ID')}`;
}

/**
 * ECR's layer signer: the presigned URL makes an AWS-owned principal the requester, in AWS's
 * account and organization, on AWS's bucket (docs/aws-facts.md §1 hop 3, §3; DP).
 */
function ecrService(hop: Hop, stack: StackFacts): Caller {
  const arn = ECR_SIGNER_ARN(stack.partition);
  return {
    arn,
    account: AWS_OWNED_ACCOUNT,
    identity: [known(ecrServiceLayerAccess(hop.resources), 'ECR service account (AWS-owned)')],
    context: {
      'aws:PrincipalArn': arn,
      'aws:PrincipalAccount': AWS_OWNED_ACCOUNT,
      'aws:PrincipalOrgID': AWS_OWNED_ORGANIZATION,
      'aws:PrincipalType': 'AssumedRole',
      'aws:PrincipalIsAWSService': false,
      'aws:ViaAWSService': false,
      'aws:ResourceAccount': AWS_OWNED_ACCOUNT,
      'aws:ResourceOrgID': AWS_OWNED_ORGANIZATION,
    },
  };
}

const KIND_NAMES: Readonly<Record<PolicyKind, string>> = { identity: 'identity', resource: 'resource', 'vpc-endpoint': 'endpoint' };

function describeKinds(result: EvaluationResult): string {
  const labels = [...new Set(result.decidedBy.map((d) => d.policy))];
  const kinds = [...new Set(result.decidedBy.map((d) => KIND_NAMES[d.kind]))];
  return `${labels.join(' and ')} (${kinds.join(' + ')} ${kinds.length === 1 ? 'policy' : 'policies'})`;
}
