import fc from 'fast-check';
import type { DiffPolicyType, PolicyDiff } from '../../src/diff';
import { generateEcrEndpointPolicy } from '../../src/generate/ecr-endpoint-policy';
import { generateExecutionRolePolicy } from '../../src/generate/execution-role-policy';
import { generateS3GatewayPolicy } from '../../src/generate/s3-gateway-policy';
import { canonicalizePolicy, type WirePolicy } from '../../src/normalize/canonicalize';
import { diffEvaluationInputs } from '../../src/diff';
import { evaluate, type EvaluationRequest } from '../../src/simulate';
import { account, logGroupName, region, repositoryName, uniqueList, vpceId, vpcId } from '../property/arbitraries/inputs';
import {
  ACCOUNT,
  AWS_OWNED_ACCOUNT,
  policyDocument,
  policyDocumentPair,
  request as randomRequest,
  type GeneratedRequest,
  type WireDocument,
} from '../property/arbitraries/policies';
import { diff, expectExamplesHold } from './helpers';

/**
 * Properties of `diffPolicies` (issue 4, §6) over the evaluator's random policies (biased to ECR, S3
 * and logs, with conditions, wildcards and Not* elements) and over the generators' policies.
 * DIFF_PROPERTY_RUNS sets the number of cases per property.
 */
const RUNS = Number(process.env.DIFF_PROPERTY_RUNS ?? 60);
const settings = { numRuns: RUNS };
/** Per property: generous, as a loaded CI machine runs them several times slower. */
const TIMEOUT_MS = 120_000;

const wire = (d: WireDocument | object): WirePolicy => d as unknown as WirePolicy;

/** The random policies of the evaluator's tests, by kind, with the policy type a diff reads them as. */
const RANDOM_KINDS: readonly { readonly kind: 'identity' | 'resource' | 'vpc-endpoint'; readonly policyType: DiffPolicyType }[] = [
  { kind: 'identity', policyType: 'identity' },
  { kind: 'resource', policyType: 'resource' },
  { kind: 'vpc-endpoint', policyType: 'vpc-endpoint-interface' },
];

const executionRole = fc
  .record({
    region,
    account,
    vpceIds: uniqueList(vpceId, 2),
    vpcIds: uniqueList(vpcId, 1),
    repositories: uniqueList(repositoryName, 3),
    logGroups: uniqueList(logGroupName, 2),
  })
  .map((o) => wire(generateExecutionRolePolicy(o).document));
const ecrEndpoint = fc.record({ region, account, repositories: uniqueList(repositoryName, 3) }).map((o) => wire(generateEcrEndpointPolicy(o).document));
const s3Gateway = region.map((r) => wire(generateS3GatewayPolicy({ region: r }).document));

/** A statement list in another order: a permutation drawn by fast-check. */
const permuted = (doc: WirePolicy, order: readonly number[]): WirePolicy => {
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const keyed = statements.map((s, i) => [order[i % order.length]! * statements.length + i, s] as const);
  return { ...doc, Statement: keyed.sort(([a], [b]) => a - b).map(([, s]) => s) };
};

/** What a diff says, without statement indices and Sids (which reordering and canonicalizing change). */
const verdict = (d: PolicyDiff) => ({
  broader: d.broader,
  counts: d.counts,
  requests: d.universe.requests,
  added: d.added.map((e) => e.request),
  removed: d.removed.map((e) => e.request),
});

/** New actions on new resources, each of a service the random policies may or may not mention. */
const EXTRAS: readonly { readonly action: string; readonly resource: string }[] = [
  { action: 'ecr:PutImage', resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/extra` },
  { action: 's3:PutObject', resource: 'arn:aws:s3:::extra-bucket/key' },
  { action: 'logs:CreateLogGroup', resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/extra` },
  { action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:extra-queue` },
  { action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
];

/**
 * The request the extra statement is about, as AWS sends it from a role of the account: with the
 * caller's and the resource's account keys (IAM User Guide, global condition keys), nothing else.
 */
function extraRequest(extra: (typeof EXTRAS)[number]): EvaluationRequest {
  const role = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;
  const resourceAccount = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(extra.resource)?.[1];
  return {
    principal: { arn: role },
    action: extra.action,
    resource: extra.resource,
    resourceAccount: ACCOUNT,
    context: {
      'aws:PrincipalArn': role,
      'aws:PrincipalAccount': ACCOUNT,
      'aws:PrincipalIsAWSService': 'false',
      ...(resourceAccount === undefined ? {} : { 'aws:ResourceAccount': resourceAccount }),
    },
  };
}

const allows = (doc: WirePolicy, request: EvaluationRequest) => evaluate(request, [{ label: 'p', kind: 'identity', document: doc }]).decision === 'Allow';

const withExtra = (doc: WirePolicy, extra: (typeof EXTRAS)[number]): WirePolicy => {
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return { ...doc, Statement: [...statements, { Effect: 'Allow', Action: extra.action, Resource: extra.resource }] } as WirePolicy;
};

const ARN_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;
const SESSION = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//;

/**
 * A random request of the evaluator's tests, as AWS would send it: aws:PrincipalArn and
 * aws:PrincipalAccount follow the caller (a session's role), aws:ResourceAccount the resource ARN,
 * and the accounts are those `diffEvaluationInputs` evaluates with (identity and endpoint policies:
 * the caller's own account; resource policies: another one).
 */
function asSent(r: GeneratedRequest, policyType: DiffPolicyType): EvaluationRequest {
  const context: Record<string, string | string[]> = { ...r.context };
  const account = r.principalIsService ? undefined : r.principal.split(':')[4]!;
  if (account !== undefined) {
    const session = SESSION.exec(r.principal);
    context['aws:PrincipalArn'] = session ? `arn:aws:iam::${session[1]}:role/${session[2]}` : r.principal;
    context['aws:PrincipalAccount'] = account;
  }
  const resourceAccount = ARN_ACCOUNT.exec(r.resource)?.[1];
  if (resourceAccount !== undefined) context['aws:ResourceAccount'] = resourceAccount;
  else delete context['aws:ResourceAccount'];
  return {
    principal: { arn: r.principal },
    action: r.action,
    resource: r.resource,
    resourceAccount: policyType === 'resource' ? AWS_OWNED_ACCOUNT : (account ?? ACCOUNT),
    context,
  };
}

describe('diffPolicies: properties', () => {
  it(
    'should find nothing between a random policy and itself',
    async () => {
      for (const { kind, policyType } of RANDOM_KINDS) {
        await fc.assert(
          fc.asyncProperty(policyDocument(kind), async (doc) => {
            const result = await diff(wire(doc), wire(doc), { policyType });
            expect([result.broader, result.added, result.removed]).toEqual([false, [], []]);
          }),
          settings,
        );
      }
    },
    TIMEOUT_MS,
  );

  it(
    'should find nothing between a generated policy and itself',
    async () => {
      const generated = fc.oneof(
        executionRole.map((doc) => ({ doc, policyType: 'identity' as const })),
        ecrEndpoint.map((doc) => ({ doc, policyType: 'vpc-endpoint-interface' as const })),
        s3Gateway.map((doc) => ({ doc, policyType: 'vpc-endpoint-gateway' as const })),
      );
      await fc.assert(
        fc.asyncProperty(generated, async ({ doc, policyType }) => {
          const result = await diff(doc, doc, { policyType });
          expect([result.broader, result.counts]).toEqual([false, { added: 0, removed: 0 }]);
        }),
        settings,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'should find what an extra Allow statement allows, and only requests that NEW allows and OLD denies',
    async () => {
      const base = fc.oneof(policyDocument('identity').map(wire), executionRole);
      await fc.assert(
        fc.asyncProperty(base, fc.constantFrom(...EXTRAS), async (before, extra) => {
          const after = withExtra(before, extra);
          const request = extraRequest(extra);
          // The extra statement must allow something P did not (else there is nothing to find).
          fc.pre(!allows(before, request) && allows(after, request));
          const result = await diff(before, after, { policyType: 'identity' });
          expect(result.broader).toBe(true);
          expect(result.added.length).toBeGreaterThan(0);
          expect(result.removed).toEqual([]);
          expectExamplesHold(result, before, after);
        }),
        settings,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'should call NEW broader whenever a random request shows it allows what OLD denies',
    async () => {
      // Not a theorem (the universe is finite, src/diff/README.md says what it leaves out): a check
      // that it covers the evaluator's random vocabulary, whose counterexample would name a gap.
      for (const { kind, policyType } of RANDOM_KINDS) {
        await fc.assert(
          fc.asyncProperty(policyDocumentPair(kind), randomRequest, async ([a, b], r) => {
            fc.pre(!(r.principalIsService && policyType !== 'resource'));
            const request = asSent(r, policyType);
            const allows = (d: WireDocument) => evaluate(request, diffEvaluationInputs(wire(d), policyType)).decision === 'Allow';
            fc.pre(allows(b) && !allows(a));
            expect((await diff(wire(a), wire(b), { policyType })).broader).toBe(true);
          }),
          { numRuns: Math.ceil(RUNS / 2) },
        );
      }
    },
    TIMEOUT_MS,
  );

  it(
    'should not depend on the order of statements',
    async () => {
      for (const { kind, policyType } of RANDOM_KINDS.slice(0, 2)) {
        const order = fc.array(fc.nat(50), { minLength: 1, maxLength: 4 });
        await fc.assert(
          fc.asyncProperty(policyDocumentPair(kind), order, async ([a, b], o) => {
            const [before, after] = [wire(a), wire(b)];
            const reference = await diff(before, after, { policyType });
            expect(verdict(await diff(permuted(before, o), permuted(after, [...o].reverse()), { policyType }))).toEqual(verdict(reference));
            expectExamplesHold(reference, before, after);
          }),
          settings,
        );
      }
    },
    TIMEOUT_MS,
  );

  it(
    'should not depend on canonicalization',
    async () => {
      for (const { kind, policyType } of RANDOM_KINDS.slice(0, 2)) {
        await fc.assert(
          fc.asyncProperty(policyDocumentPair(kind), async ([a, b]) => {
            const [before, after] = [wire(a), wire(b)];
            const reference = verdict(await diff(before, after, { policyType }));
            const canonical = (d: WirePolicy) => canonicalizePolicy(d) as unknown as WirePolicy;
            expect(verdict(await diff(canonical(before), after, { policyType }))).toEqual(reference);
            expect(verdict(await diff(before, canonical(after), { policyType }))).toEqual(reference);
          }),
          settings,
        );
      }
    },
    TIMEOUT_MS,
  );
});
