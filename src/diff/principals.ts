import type { RequestPrincipal } from '../simulate';
import type { FreshValues } from './fresh';
import { formatTokens, patternTokens, variableKeys } from './patterns';
import { listOf, type DiffStatement } from './statements';
import type { DiffPolicyType } from './types';
import { instanceOf, witnessOf } from './witness';

/** A caller of the universe, with its account (undefined for service principals). */
export interface UniversePrincipal {
  readonly principal: RequestPrincipal;
  readonly account: string | undefined;
}

const ACCOUNT_ID = /^\d{12}$/;
const ARN_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;

/** A statement reads a caller key: in a condition, or as a policy variable. */
const readsCallerKey = (s: DiffStatement): boolean =>
  s.conditions.some((c) => isPrincipalKey(c.key.toLowerCase())) ||
  (s.variables && [...(s.resources?.patterns ?? []), ...s.conditions.flatMap((c) => c.values)].some((v) => variableKeys(v, false).some(isPrincipalKey)));
const ROOT = /^arn:([^:]+):iam::(\d{12}):root$/;
const IAM_ARN = /^arn:([^:]+):(?:iam|sts)::(\d{12}):/;

/** Formats an aws:PrincipalArn pattern is read against, in this order. */
const PRINCIPAL_FORMATS = [
  'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}',
  'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}',
  'arn:${Partition}:iam::${Account}:root',
];

/**
 * Condition keys the universe derives from the request instead of varying them on their own: a
 * caller's ARN and account go with the caller, so `"Principal": {"AWS": "111122223333"}` and
 * `"Principal": "*"` with `aws:PrincipalAccount` = 111122223333 compare as equal.
 */
const PRINCIPAL_KEYS = ['aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:PrincipalServiceName', 'aws:PrincipalIsAWSService'] as const;
const PRINCIPAL_KEYS_LOWER = new Set(PRINCIPAL_KEYS.map((k) => k.toLowerCase()));
export const isPrincipalKey = (lowerKey: string): boolean => PRINCIPAL_KEYS_LOWER.has(lowerKey);

const SESSION = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

/**
 * The values of the principal keys for a caller (IAM User Guide, "AWS global condition context
 * keys"): for a role session, aws:PrincipalArn holds the role's ARN, not the session's (the guide's
 * example values for the key; the evaluator's random tests build requests the same way).
 */
export function principalContext(p: UniversePrincipal): Readonly<Record<string, string>> {
  if (p.principal.type === 'Service') return { 'aws:PrincipalServiceName': p.principal.arn, 'aws:PrincipalIsAWSService': 'true' };
  const session = SESSION.exec(p.principal.arn);
  const arn = session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : p.principal.arn;
  return { 'aws:PrincipalArn': arn, ...(p.account === undefined ? {} : { 'aws:PrincipalAccount': p.account }), 'aws:PrincipalIsAWSService': 'false' };
}

/**
 * The callers of the universe: a role of an account neither document names; for resource and
 * endpoint policies, every principal named in Principal/NotPrincipal (an account as a role and a
 * user of that account, and, for gateway endpoints, which read an account as its root user only,
 * also the root); in every policy type, the callers that aws:PrincipalArn and aws:PrincipalAccount
 * condition values name; where a document reads a caller key, a role and a user of each account
 * its resources are in, and, for resource policies, a service.
 * Endpoint policies are tried with IAM callers only: a service principal has no identity policy to
 * pass an endpoint with (the evaluator's rule 4).
 */
export function principalUniverse(statements: readonly DiffStatement[], policyType: DiffPolicyType, fresh: FreshValues): UniversePrincipal[] {
  const out = new Map<string, UniversePrincipal>();
  const iam = (arn: string) => {
    const account = IAM_ARN.exec(arn)?.[2];
    out.set(arn, { principal: { arn, type: 'AWS' }, account });
  };
  // An account stands for its roles and its users: a condition on aws:PrincipalArn can tell them apart.
  const accountOf = (partition: string, account: string) => {
    iam(`arn:${partition}:iam::${account}:role/${fresh.fill}`);
    iam(`arn:${partition}:iam::${account}:user/${fresh.fill}`);
    if (policyType === 'vpc-endpoint-gateway') iam(`arn:${partition}:iam::${account}:root`);
  };
  iam(`arn:${fresh.partition}:iam::${fresh.account}:role/${fresh.fill}`);

  const principalArns: string[] = [];
  for (const s of statements) {
    if (policyType !== 'identity')
      readPrincipalElement(s.principal, policyType, fresh, {
        iam,
        accountOf,
        service: (name) => out.set(name, { principal: { arn: name, type: 'Service' }, account: undefined }),
      });
    for (const c of s.conditions) {
      const key = c.key.toLowerCase();
      if (key === 'aws:principalaccount') {
        for (const v of c.values) {
          const account = instanceOf(patternTokens(v, { wildcards: true, variables: 'none', arn: false }, fresh));
          if (ACCOUNT_ID.test(account)) accountOf(fresh.partition, account);
        }
      } else if (key === 'aws:principalarn') principalArns.push(...c.values);
    }
  }
  if (statements.some(readsCallerKey)) {
    // A caller key compared with the resource (`aws:ResourceAccount` = `${aws:PrincipalAccount}`):
    // callers of the accounts the documents' resources are in.
    for (const s of statements) {
      for (const r of [
        ...(s.resources?.patterns ?? []),
        ...s.conditions.filter((c) => c.key.toLowerCase() === 'aws:resourceaccount').flatMap((c) => c.values),
      ]) {
        const account = ARN_ACCOUNT.exec(r)?.[1] ?? (ACCOUNT_ID.test(r) ? r : undefined);
        if (account !== undefined) accountOf(fresh.partition, account);
      }
    }
    // Where a condition asks what kind of caller it is, a resource policy is also tried with a
    // service no document names (`"Principal": "*"` admits services too).
    if (policyType === 'resource') {
      const name = `${fresh.fill}.amazonaws.com`;
      out.set(name, { principal: { arn: name, type: 'Service' }, account: undefined });
    }
  }
  // An aws:PrincipalArn pattern names a caller of each account it may be in: one neither document
  // names, and each account the callers above are in (`arn:aws:iam::*:role/deployer` next to a
  // Principal naming 444455556666 means that account's deployer role).
  const accounts = [
    fresh.account,
    ...new Set([...out.values()].flatMap((p) => (p.account === undefined || p.account === fresh.account ? [] : [p.account]))),
  ].sort();
  for (const v of principalArns) {
    const tokens = patternTokens(v, { wildcards: true, variables: 'none', arn: true }, fresh);
    for (const account of accounts) {
      const arn = PRINCIPAL_FORMATS.map((f) => witnessOf(tokens, formatTokens(f, { ...fresh, account }))).find((w) => w !== undefined);
      if (arn !== undefined) iam(arn);
    }
  }
  return [...out.values()].sort((a, b) => (a.principal.arn < b.principal.arn ? -1 : a.principal.arn > b.principal.arn ? 1 : 0));
}

interface PrincipalSink {
  readonly iam: (arn: string) => void;
  readonly accountOf: (partition: string, account: string) => void;
  readonly service: (name: string) => void;
}

function readPrincipalElement(element: unknown, policyType: DiffPolicyType, fresh: FreshValues, sink: PrincipalSink): void {
  if (element === undefined || element === '*' || typeof element !== 'object' || element === null) return;
  for (const [type, raw] of Object.entries(element as Record<string, unknown>)) {
    for (const value of listOf(raw)) {
      if (value === '*') continue;
      if (type !== 'AWS') {
        // Service, Federated and CanonicalUser callers have no identity policy of their own.
        if (policyType === 'resource') sink.service(value);
        continue;
      }
      const root = ROOT.exec(value);
      if (ACCOUNT_ID.test(value)) sink.accountOf(fresh.partition, value);
      else if (root) sink.accountOf(root[1]!, root[2]!);
      else sink.iam(value);
    }
  }
}
