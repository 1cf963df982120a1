import type { WirePolicy } from '../normalize/canonicalize';
import { compilePolicy, isCompiledPolicy, statementMatch, type CompiledPolicy } from './compile';
import { ACCOUNT_LEVEL, NO_MATCH } from './principal';
import { prepareRequest } from './request';
import type { DecidingStatement, EvaluationRequest, EvaluationResult, PolicyInput, PolicyKind } from './types';

const cache = new WeakMap<object, CompiledPolicy>();
const ROOT = /^arn:[^:]+:iam::\d{12}:root$/;

/** The compiled form of a document, built once per document object. */
function compiled(document: WirePolicy | CompiledPolicy): CompiledPolicy {
  if (isCompiledPolicy(document)) return document;
  let policy = cache.get(document);
  if (policy === undefined) {
    policy = compilePolicy(document);
    cache.set(document, policy);
  }
  return policy;
}

/**
 * Evaluates one request against identity, resource and VPC endpoint policies, the way the IAM User
 * Guide describes ("Policy evaluation logic" and its pages "How AWS enforcement code logic evaluates
 * requests to allow or deny access", "Policy evaluation for requests within a single account",
 * "Cross-account policy evaluation logic"):
 * 1. "An explicit deny in any of these policies overrides the allow": a Deny statement that applies
 *    in any policy gives ExplicitDeny.
 * 2. Same account: "If an action is allowed by an identity-based policy, a resource-based policy, or
 *    both, then AWS allows the action." A resource policy statement that names only the account
 *    (`arn:aws:iam::ACCOUNT:root`) grants nothing by itself: it delegates to identity policies.
 * 3. Cross-account: "The resource-based policy in the trusting account must specify the principal …
 *    The principal's identity-based policy must allow the requested access": both must allow.
 * 4. A service principal has no identity policies: only a resource policy can allow it.
 * 5. VPC endpoint policy: "An endpoint policy does not override or replace identity-based policies or
 *    resource-based policies" and controls "which AWS principals can use the endpoint" (AWS
 *    PrivateLink Guide, "Control access to VPC endpoints using endpoint policies"). When one is given
 *    it is an additional filter: it must also allow, and its Deny statements deny. Several
 *    `vpc-endpoint` inputs are read as the one policy of the endpoint the request went through.
 * Not modeled (see src/simulate/README.md): SCPs, RCPs, permission boundaries, session policies,
 * the root user, anonymous requests, service-specific rules (KMS key policies, role trust policies,
 * S3 ACLs and Block Public Access).
 */
export function evaluate(request: EvaluationRequest, policies: readonly PolicyInput[]): EvaluationResult {
  const req = prepareRequest(request);
  const sameAccount = req.resourceAccount === undefined || req.resourceAccount === req.principalAccount;
  const denies: DecidingStatement[] = [];
  const identityAllows: DecidingStatement[] = [];
  const resourceAllows: DecidingStatement[] = [];
  const accountAllows: DecidingStatement[] = [];
  const endpointAllows: DecidingStatement[] = [];
  let hasResourcePolicy = false;
  let hasEndpointPolicy = false;

  for (const input of policies) {
    if (input.kind === 'identity' && req.principalIsService) continue;
    if (input.kind === 'resource') hasResourcePolicy = true;
    if (input.kind === 'vpc-endpoint') hasEndpointPolicy = true;
    // "For gateway endpoints, if you specify the principal in the format "AWS":"AWS-account-ID" or
    // "AWS":"arn:aws:iam::AWS-account-ID:root", access is granted to the AWS account root user only,
    // and not all IAM users and roles for the account." (PrivateLink Guide, endpoint policies)
    const rootOnly = input.kind === 'vpc-endpoint' && input.endpointType === 'gateway' && !ROOT.test(req.principalArn);
    for (const statement of compiled(input.document).statements) {
      const match = statementMatch(statement, req, input.kind !== 'identity');
      if (match === NO_MATCH || (match === ACCOUNT_LEVEL && rootOnly)) continue;
      const ref: DecidingStatement = {
        policy: input.label,
        kind: input.kind,
        statementIndex: statement.index,
        effect: statement.effect,
        ...(statement.sid === undefined ? {} : { sid: statement.sid }),
      };
      if (statement.effect === 'Deny') denies.push(ref);
      else if (input.kind === 'identity') identityAllows.push(ref);
      else if (input.kind === 'vpc-endpoint') endpointAllows.push(ref);
      else (match === ACCOUNT_LEVEL ? accountAllows : resourceAllows).push(ref);
    }
  }

  if (denies.length > 0) return { decision: 'ExplicitDeny', decidedBy: denies, missingAllow: [], sameAccount };

  const missing: PolicyKind[] = [];
  let granted: DecidingStatement[];
  if (req.principalIsService) {
    if (resourceAllows.length === 0) missing.push('resource');
    granted = resourceAllows;
  } else if (sameAccount) {
    if (identityAllows.length === 0 && resourceAllows.length === 0) missing.push('identity', ...(hasResourcePolicy ? (['resource'] as const) : []));
    granted = [...identityAllows, ...resourceAllows];
  } else {
    if (identityAllows.length === 0) missing.push('identity');
    if (resourceAllows.length === 0 && accountAllows.length === 0) missing.push('resource');
    granted = [...identityAllows, ...resourceAllows, ...accountAllows];
  }
  if (hasEndpointPolicy && endpointAllows.length === 0) missing.push('vpc-endpoint');

  return missing.length > 0
    ? { decision: 'ImplicitDeny', decidedBy: [], missingAllow: missing, sameAccount }
    : { decision: 'Allow', decidedBy: [...granted, ...endpointAllows], missingAllow: [], sameAccount };
}
