import type { InputIssue } from '../model/errors';
import { checkArgs, describeValue, isPlainRecord } from '../model/validate-args';
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
  checkArgs(requestIssues(request), policiesIssues(policies));
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

const KINDS: readonly string[] = ['identity', 'resource', 'vpc-endpoint'] satisfies readonly PolicyKind[];
const isScalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number';
const bad = (field: string, expected: string, value: unknown): InputIssue => ({ field, expected, received: describeValue(value) });

/** Once per call: a few type checks, and one pass over the context the evaluator reads anyway. */
function requestIssues(request: unknown): InputIssue[] {
  if (!isPlainRecord(request)) return [bad('request', 'be an object with principal, action and resource', request)];
  const issues: InputIssue[] = [];
  const principal = request['principal'];
  if (!isPlainRecord(principal) || typeof principal['arn'] !== 'string') issues.push(bad('request.principal', 'be an object with an arn string', principal));
  else {
    if (principal['account'] !== undefined && typeof principal['account'] !== 'string')
      issues.push(bad('request.principal.account', 'be a string when given', principal['account']));
    if (principal['type'] !== undefined && principal['type'] !== 'AWS' && principal['type'] !== 'Service')
      issues.push(bad('request.principal.type', 'be "AWS" or "Service" when given', principal['type']));
  }
  for (const name of ['action', 'resource']) if (typeof request[name] !== 'string') issues.push(bad(`request.${name}`, 'be a string', request[name]));
  if (request['resourceAccount'] !== undefined && typeof request['resourceAccount'] !== 'string')
    issues.push(bad('request.resourceAccount', 'be a string when given', request['resourceAccount']));
  const context = request['context'];
  if (context !== undefined) {
    if (!isPlainRecord(context)) issues.push(bad('request.context', 'be an object of condition keys when given', context));
    else
      for (const [key, value] of Object.entries(context)) {
        if (!isScalar(value) && !(Array.isArray(value) && value.every(isScalar)))
          issues.push(bad(`request.context.${key}`, 'be a string, number, boolean or a list of them', value));
      }
  }
  return issues;
}

function policiesIssues(policies: unknown): InputIssue[] {
  if (!Array.isArray(policies)) return [bad('policies', 'be a list of { label, kind, document }', policies)];
  const issues: InputIssue[] = [];
  policies.forEach((input: unknown, i) => {
    const at = `policies[${i}]`;
    if (!isPlainRecord(input)) return issues.push(bad(at, 'be an object with label, kind and document', input));
    if (typeof input['label'] !== 'string') issues.push(bad(`${at}.label`, 'be a string', input['label']));
    if (typeof input['kind'] !== 'string' || !KINDS.includes(input['kind'])) issues.push(bad(`${at}.kind`, `be one of ${KINDS.join(', ')}`, input['kind']));
    if (!isCompiledPolicy(input['document']) && !isPlainRecord(input['document']))
      issues.push(bad(`${at}.document`, 'be a policy document or a compilePolicy result', input['document']));
    if (input['endpointType'] !== undefined && input['endpointType'] !== 'interface' && input['endpointType'] !== 'gateway')
      issues.push(bad(`${at}.endpointType`, 'be "interface" or "gateway" when given', input['endpointType']));
    return undefined;
  });
  return issues;
}
