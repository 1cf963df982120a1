import { diffEvaluationInputs, diffPolicies, type DiffExample, type DiffOptions, type PolicyDiff } from '../../src/diff';
import type { WirePolicy } from '../../src/normalize/canonicalize';
import { evaluate } from '../../src/simulate';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const VPCE = 'vpce-0a1b2c3d4e5f60718';
export const REPO = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app`;

type Statement = Record<string, unknown>;
export const policy = (...Statement: Statement[]): WirePolicy => ({ Version: '2012-10-17', Statement }) as unknown as WirePolicy;

export const diff = (before: WirePolicy, after: WirePolicy, options?: DiffOptions): Promise<PolicyDiff> => diffPolicies(before, after, options);

export const actionsOf = (examples: readonly DiffExample[]): string[] => [...new Set(examples.map((e) => e.request.action))].sort();

/**
 * Re-evaluates an example against both documents, independently of how the diff reached it: identity
 * policies alone with the request as given; other types through diffEvaluationInputs (documented
 * model). Returns [OLD allows, NEW allows].
 */
export function reevaluate(example: DiffExample, before: WirePolicy, after: WirePolicy, policyType: PolicyDiff['policyType']): [boolean, boolean] {
  const inputs = (document: WirePolicy) =>
    policyType === 'identity' ? [{ label: 'p', kind: 'identity' as const, document }] : diffEvaluationInputs(document, policyType);
  return [evaluate(example.request, inputs(before)).decision === 'Allow', evaluate(example.request, inputs(after)).decision === 'Allow'];
}

/** Every example of a diff really is decided as it says: added ones allowed by NEW only, removed ones by OLD only. */
export function expectExamplesHold(result: PolicyDiff, before: WirePolicy, after: WirePolicy): void {
  for (const e of result.added) expect(reevaluate(e, before, after, result.policyType)).toEqual([false, true]);
  for (const e of result.removed) expect(reevaluate(e, before, after, result.policyType)).toEqual([true, false]);
}
