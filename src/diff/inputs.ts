import type { WirePolicy } from '../normalize/canonicalize';
import { compilePolicy, type CompiledPolicy, type PolicyInput } from '../simulate';
import { statementsOf } from './statements';
import { checkArgs, objectArg, oneOfArg } from '../model/validate-args';
import { DIFF_POLICY_TYPES, type DiffPolicyType } from './types';
import { variableKeys } from './patterns';

/** The label of the compared document in `evaluate`'s `decidedBy`. */
export const DIFF_POLICY_LABEL = 'policy';
const CALLER_LABEL = 'caller';

let allowAll: CompiledPolicy | undefined;
/** The caller's identity policies when a resource or endpoint policy is compared: they allow everything. */
const callerAllowsEverything = (): CompiledPolicy =>
  (allowAll ??= compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));

/**
 * The policies `diffPolicies` evaluates each request against, for one document:
 * - identity: the document alone, the request in the caller's own account;
 * - resource: the document as the resource policy of a resource in an account of its own (the
 *   request's `resourceAccount`), the caller's identity policies allowing everything. So a request
 *   is allowed when the document grants it to the caller, directly or through the caller's account
 *   (a statement that names an account delegates to it: its admins can pass the access on);
 * - vpc-endpoint-interface / vpc-endpoint-gateway: the document as the endpoint's policy, the
 *   caller's identity policies allowing everything, the resource in the caller's account.
 * Repeat an example with `evaluate(example.request, diffEvaluationInputs(document, policyType))`.
 */
export function diffEvaluationInputs(document: WirePolicy | CompiledPolicy, policyType: DiffPolicyType): PolicyInput[] {
  checkArgs(objectArg(document, 'document'), oneOfArg(policyType, 'policyType', DIFF_POLICY_TYPES));
  return inputsOf([{ label: DIFF_POLICY_LABEL, document }], policyType);
}

/** The caller's policies the policy type needs, then each document as the policy type says. */
function inputsOf(documents: readonly { readonly label: string; readonly document: WirePolicy | CompiledPolicy }[], policyType: DiffPolicyType): PolicyInput[] {
  if (policyType === 'identity') return documents.map(({ label, document }) => ({ label, kind: 'identity', document }));
  const caller: PolicyInput = { label: CALLER_LABEL, kind: 'identity', document: callerAllowsEverything() };
  if (policyType === 'resource') return [caller, ...documents.map(({ label, document }): PolicyInput => ({ label, kind: 'resource', document }))];
  const endpointType = policyType === 'vpc-endpoint-gateway' ? 'gateway' : 'interface';
  return [caller, ...documents.map(({ label, document }): PolicyInput => ({ label, kind: 'vpc-endpoint', document, endpointType }))];
}

/**
 * Both documents' applicability policies (below) in one evaluation: every statement of them is an
 * Allow, so an Allow decision lists every one that applies, each under its document's label
 * (`old`, `new`); none applies when the decision is not Allow.
 */
export function applicabilityInputs(oldPolicy: WirePolicy, newPolicy: WirePolicy, policyType: DiffPolicyType): PolicyInput[] {
  return inputsOf(
    [
      { label: 'old', document: applicabilityPolicy(oldPolicy) },
      { label: 'new', document: applicabilityPolicy(newPolicy) },
    ],
    policyType,
  );
}

/**
 * The document with every statement made an Allow without conditions, and Resource patterns with a
 * policy variable widened to `*` (a NotResource with one dropped): a statement of it applies to a
 * request whenever the original statement might, whatever the context. Statement indices are kept.
 * Which statements apply decides the request for every context at once (see diff.ts).
 */
function applicabilityPolicy(document: WirePolicy): CompiledPolicy {
  const live = document.Version === '2012-10-17';
  const hasVariable = (values: unknown): boolean => live && (Array.isArray(values) ? values : [values]).some((v) => variableKeys(String(v), true).length > 0);
  const Statement = statementsOf(document).map((s) => {
    const { Sid: _sid, Condition: _condition, Resource, NotResource, ...rest } = s;
    const out: Record<string, unknown> = { ...rest, Effect: 'Allow' };
    if (Resource !== undefined) out.Resource = hasVariable(Resource) ? '*' : Resource;
    else if (NotResource !== undefined && !hasVariable(NotResource)) out.NotResource = NotResource;
    return out;
  });
  return compilePolicy({ ...(document.Version === undefined ? {} : { Version: document.Version }), Statement } as unknown as WirePolicy);
}
