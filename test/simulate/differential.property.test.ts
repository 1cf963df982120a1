import fc from 'fast-check';
import type { WirePolicy } from '../../src/normalize/canonicalize';
import { compilePolicy, evaluate, type Decision } from '../../src/simulate';
import { evaluationCase } from '../property/arbitraries/policies';
import { forReference, runPolicygen, runReference } from './harness';

/**
 * policygen's evaluator against @cloud-copilot/iam-simulate, an independent implementation, on
 * random ECR, S3 and CloudWatch Logs policies and requests. The two must reach the same decision,
 * explicit and implicit deny told apart. Where the AWS documentation sides with policygen, the case
 * is a named test in regressions.test.ts and the reference gets an equivalent spelling
 * (harness.ts, KNOWN_DIFFERENCES); every other disagreement fails here.
 *
 * SIMULATE_DIFF_RUNS sets the number of cases (default 10,000), SIMULATE_DIFF_SEED replays a run.
 */
const RUNS = Number(process.env.SIMULATE_DIFF_RUNS ?? 10_000);
const SEED = process.env.SIMULATE_DIFF_SEED === undefined ? undefined : Number(process.env.SIMULATE_DIFF_SEED);
const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

describe('evaluate compared with @cloud-copilot/iam-simulate', () => {
  it('should reach the same decision on every random case', async () => {
    const tally: Record<Decision, number> = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
    await fc.assert(
      fc.asyncProperty(evaluationCase, async (c) => {
        const reference = await runReference(c);
        const ours = runPolicygen(c, reference.ignoredContextKeys);
        tally[ours.decision]++;
        if (ours.decision !== reference.decision) {
          throw new Error(
            `policygen: ${ours.decision} (by ${JSON.stringify(ours.decidedBy)}, missing ${ours.missingAllow.join(', ') || 'nothing'}), ` +
              `iam-simulate: ${reference.decision}`,
          );
        }
      }),
      settings,
    );
    // Agreement proves little if nearly every case is an implicit deny: each decision must be common.
    for (const decision of ['Allow', 'ExplicitDeny', 'ImplicitDeny'] as const) {
      expect(tally[decision]).toBeGreaterThan(RUNS * 0.05);
    }
  }, 120_000);

  it('should decide the same on the spelling the reference gets (the known-difference rewrites are equivalent)', () => {
    fc.assert(
      fc.property(evaluationCase, (c) => {
        const rewritten = { ...c, policies: c.policies.map((p) => ({ ...p, document: forReference(p.document) })) };
        expect(runPolicygen(rewritten).decision).toBe(runPolicygen(c).decision);
      }),
      settings,
    );
  });

  it('should not depend on whether policies are passed compiled or as documents', () => {
    fc.assert(
      fc.property(evaluationCase, (c) => {
        const asDocuments = runPolicygen(c);
        const request = {
          principal: { arn: c.request.principal, ...(c.request.principalIsService ? { type: 'Service' as const } : {}) },
          action: c.request.action,
          resource: c.request.resource,
          resourceAccount: c.request.resourceAccount,
          context: c.request.context,
        };
        const compiled = c.policies.map((p) => ({ ...p, document: compilePolicy(p.document as unknown as WirePolicy) }));
        expect(evaluate(request, compiled)).toEqual(asDocuments);
      }),
      { ...settings, numRuns: Math.min(RUNS, 2_000) },
    );
  });
});
