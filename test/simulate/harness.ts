// Drives @cloud-copilot/iam-simulate (AGPL: a dev dependency, imported only from test/ and bench/)
// and policygen's evaluator on the same generated case, so the two can be compared.
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { WirePolicy } from '../../src/normalize/canonicalize';
import { evaluate, type Decision, type EvaluationResult, type PolicyInput } from '../../src/simulate';
import type { GeneratedCase, WireDocument } from '../property/arbitraries/policies';

const DECISIONS: Record<string, Decision> = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
};

export interface ReferenceOutcome {
  readonly decision: Decision;
  /** Context keys iam-simulate dropped because the action cannot carry them (s3:max-keys on ECR). */
  readonly ignoredContextKeys: readonly string[];
}

type Statement = WireDocument['Statement'][number];
type ConditionValue = string | number | boolean | ConditionValue[] | { [key: string]: ConditionValue };

const mapStatements = (document: WireDocument, f: (s: Statement) => Statement): WireDocument => ({ ...document, Statement: document.Statement.map(f) });

/** Rewrites the values of conditions whose operator matches `operator`. */
const mapConditionValues =
  (operator: RegExp, f: (value: string) => string | string[]) =>
  (document: WireDocument): WireDocument =>
    mapStatements(document, (statement) => {
      const block = statement.Condition as { [op: string]: { [key: string]: ConditionValue } } | undefined;
      if (block === undefined) return statement;
      const Condition = Object.fromEntries(
        Object.entries(block).map(([op, keys]) => [
          op,
          operator.test(op) ? Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).flatMap((x) => f(String(x)))])) : keys,
        ]),
      );
      return { ...statement, Condition };
    });

const EPOCH = /^\d+$/;
const BARE_IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * Known differences where the AWS documentation supports policygen; each has a named test with the
 * quote in test/simulate/regressions.test.ts. The reference gets an equivalent spelling of the
 * policy that sidesteps its difference, so the rest of the case is still compared.
 */
export const KNOWN_DIFFERENCES: readonly { readonly regression: string; readonly rewrite: (document: WireDocument) => WireDocument }[] = [
  {
    // iam-simulate never applies a NotResource statement through an expanded short ARN (arn:aws:ecr:*).
    regression: 'a short ARN pattern ending in * covers the rest of the ARN, in NotResource too',
    rewrite: (document) =>
      mapStatements(document, (statement) => {
        const expand = (v: string) => {
          const segments = v.split(':').length;
          return v.startsWith('arn:') && segments < 6 && v.endsWith('*') ? v + ':*'.repeat(6 - segments) : v;
        };
        const notResource = statement.NotResource;
        if (notResource === undefined) return statement;
        return { ...statement, NotResource: Array.isArray(notResource) ? notResource.map((v) => expand(String(v))) : expand(String(notResource)) };
      }),
  },
  {
    // iam-simulate compares epoch seconds with ISO dates' milliseconds.
    regression: 'a date in epoch seconds is the same instant as its ISO 8601 form',
    rewrite: mapConditionValues(/^(ForAnyValue:|ForAllValues:)?Date/i, (v) =>
      EPOCH.test(v) ? new Date(Number(v) * 1000).toISOString().replace('.000Z', 'Z') : v,
    ),
  },
  {
    // iam-simulate: a bare IPv4 address never compares with an IPv6 request address.
    regression: 'an address without a prefix is a /32 range, and an IPv6 address is outside it',
    rewrite: mapConditionValues(/IpAddress/i, (v) => (BARE_IPV4.test(v) ? `${v}/32` : v)),
  },
  {
    // iam-simulate computes the /0 mask with a 32-bit shift, which JavaScript takes modulo 32.
    regression: '0.0.0.0/0 contains every IPv4 address',
    rewrite: mapConditionValues(/IpAddress/i, (v) => (v === '0.0.0.0/0' ? ['0.0.0.0/1', '128.0.0.0/1'] : v)),
  },
];

/** The policy as the reference evaluator gets it: every known difference rewritten away. */
export const forReference = (document: WireDocument): WireDocument => KNOWN_DIFFERENCES.reduce((d, k) => k.rewrite(d), document);

/**
 * The iam-simulate input for a case: one resource policy at most, endpoint policies by name. With
 * `rewrite` (the default) each policy is spelled as forReference spells it.
 */
export function toSimulation(original: GeneratedCase, rewrite = true): Simulation {
  const c = rewrite ? { ...original, policies: original.policies.map((p) => ({ ...p, document: forReference(p.document) })) } : original;
  const { request } = c;
  const resourcePolicy = c.policies.find((p) => p.kind === 'resource');
  const endpoints = c.policies.filter((p) => p.kind === 'vpc-endpoint');
  return {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: request.context,
    },
    identityPolicies: c.policies.filter((p) => p.kind === 'identity').map((p) => ({ name: p.label, policy: p.document })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy: resourcePolicy.document } : {}),
    ...(endpoints.length > 0 ? { vpcEndpointPolicies: endpoints.map((p) => ({ name: p.label, policy: p.document })) } : {}),
  };
}

export async function runReference(c: GeneratedCase, rewrite = true): Promise<ReferenceOutcome> {
  const result = await runSimulation(toSimulation(c, rewrite), {});
  if (result.resultType === 'error') throw new Error(`iam-simulate rejected the case: ${JSON.stringify(result.errors)}\n${JSON.stringify(c)}`);
  if (result.resultType !== 'single') throw new Error(`iam-simulate ran a ${result.resultType} simulation: ${JSON.stringify(c)}`);
  const decision = DECISIONS[result.overallResult];
  if (decision === undefined) throw new Error(`iam-simulate returned ${result.overallResult}`);
  return { decision, ignoredContextKeys: result.result.ignoredContextKeys ?? [] };
}

/** policygen's decision on the same case, without the context keys iam-simulate dropped. */
export function runPolicygen(c: GeneratedCase, ignoredContextKeys: readonly string[] = []): EvaluationResult {
  const ignored = new Set(ignoredContextKeys.map((k) => k.toLowerCase()));
  const context = Object.fromEntries(Object.entries(c.request.context).filter(([k]) => !ignored.has(k.toLowerCase())));
  const policies: PolicyInput[] = c.policies.map((p) => ({ label: p.label, kind: p.kind, document: p.document as unknown as WirePolicy }));
  return evaluate(
    {
      principal: { arn: c.request.principal, ...(c.request.principalIsService ? { type: 'Service' as const } : {}) },
      action: c.request.action,
      resource: c.request.resource,
      resourceAccount: c.request.resourceAccount,
      context,
    },
    policies,
  );
}
