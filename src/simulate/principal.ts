import type { PreparedRequest } from './prepared-request';

/**
 * Principal and NotPrincipal of resource and VPC endpoint policies (IAM User Guide, "AWS JSON policy
 * elements: Principal"):
 * - `"*"` and `{"AWS": "*"}` match everyone.
 * - An account ID or `arn:PARTITION:iam::ACCOUNT:root` names the account: it "delegates" to the
 *   account's identity policies, so in a resource policy it grants only together with an identity
 *   policy Allow ("Cross-account policy evaluation logic"; same rule inside the account: the
 *   statement grants nothing an identity policy does not).
 * - A role, user or session ARN matches that principal; a role ARN also matches the role's sessions
 *   (`arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`). No wildcards: "You cannot use a wildcard to
 *   match part of a principal name or ARN."
 * - `{"Service": "ecs-tasks.amazonaws.com"}` matches that service principal.
 */
export const NO_MATCH = 0;
/** The principal is named (or `*` is). */
export const DIRECT = 1;
/** Only the principal's account is named. */
export const ACCOUNT_LEVEL = 2;
export type PrincipalMatch = typeof NO_MATCH | typeof DIRECT | typeof ACCOUNT_LEVEL;

export interface CompiledPrincipals {
  readonly everyone: boolean;
  readonly accounts: ReadonlySet<string>;
  readonly arns: ReadonlySet<string>;
  /** `partition:account:lower-case role name`, to match the role's sessions. */
  readonly roles: ReadonlySet<string>;
  /** Service, Federated and CanonicalUser principals: compared with the request principal as text. */
  readonly others: ReadonlySet<string>;
}

const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const ROLE = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const SESSION = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

export function compilePrincipals(element: unknown): CompiledPrincipals {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const roles = new Set<string>();
  const others = new Set<string>();
  let everyone = element === '*';
  if (typeof element === 'object' && element !== null) {
    for (const [type, raw] of Object.entries(element as Record<string, unknown>)) {
      for (const value of (Array.isArray(raw) ? raw : [raw]).map(String)) {
        if (type !== 'AWS') {
          others.add(value);
          continue;
        }
        const root = ACCOUNT_ROOT.exec(value);
        const role = ROLE.exec(value);
        if (value === '*') everyone = true;
        else if (ACCOUNT_ID.test(value)) accounts.add(value);
        else if (root) accounts.add(root[1]!);
        else arns.add(value);
        if (role) roles.add(`${role[1]}:${role[2]}:${role[3]!.toLowerCase()}`);
      }
    }
  }
  return { everyone, accounts, arns, roles, others };
}

export function principalMatch(principals: CompiledPrincipals, request: PreparedRequest): PrincipalMatch {
  if (principals.everyone) return DIRECT;
  const arn = request.principalArn;
  if (request.principalIsService) return principals.others.has(arn) ? DIRECT : NO_MATCH;
  if (principals.arns.has(arn) || principals.others.has(arn)) return DIRECT;
  if (principals.roles.size > 0) {
    const session = SESSION.exec(arn);
    if (session && principals.roles.has(`${session[1]}:${session[2]}:${session[3]!.toLowerCase()}`)) return DIRECT;
  }
  return request.principalAccount !== undefined && principals.accounts.has(request.principalAccount) ? ACCOUNT_LEVEL : NO_MATCH;
}
