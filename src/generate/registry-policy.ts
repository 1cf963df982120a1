import { parseAccountId, parsePrincipal } from '../model/ids';
import { PULL_THROUGH_CACHE_ACTIONS, parsePullThroughPrefix, pullThroughRepositoryArn } from '../model/pull-through-cache';
import { canonicalizePolicy } from '../normalize/canonicalize';
import { advisory, sortAdvisories, type Advisory } from './advisories';
import { checkOptions, IssueCollector, resolveRegion, type GeneratedPolicy, type RegionOptions } from './common';

export interface RegistryPolicyOptions extends RegionOptions {
  /** The account whose private registry this policy belongs to. */
  readonly account: string;
  /** IAM role or user ARNs (or account IDs) that pull through the cache: never `*`. */
  readonly principals: readonly string[];
  /** Repository prefixes of the pull through cache rules. */
  readonly pullThroughCachePrefixes: readonly string[];
}

/**
 * The private registry permissions policy that lets the named principals import upstream images
 * into, and create, the repositories of pull through cache rules: `ecr:BatchImportUpstreamImage` and
 * `ecr:CreateRepository` on `repository/PREFIX/*` (Amazon ECR User Guide, "Granting registry
 * permissions for pull through cache in Amazon ECR", and "IAM permissions required to sync an
 * upstream registry"). Principals are always named: a registry policy for `*` would let any
 * principal that can reach the registry fill it.
 *
 * @example generateRegistryPolicy({ region: 'us-east-1', account: '111122223333',
 *   principals: ['arn:aws:iam::111122223333:role/my-app-execution-role'], pullThroughCachePrefixes: ['ecr-public'] })
 */
export function generateRegistryPolicy(options: RegistryPolicyOptions): GeneratedPolicy {
  checkOptions(options, { account: 'string', principals: 'strings', pullThroughCachePrefixes: 'strings' });
  const issues = new IssueCollector();
  const { region, advisories: regionAdvisories } = resolveRegion(options, issues);
  const account = issues.take(parseAccountId(options.account));
  issues.throwIfAny();
  const r = region!;
  const principals = issues.takeAll(options.principals, 'principals', (v, f) => parsePrincipal(v, r, f));
  const prefixes = issues.takeAll(options.pullThroughCachePrefixes, 'pullThroughCachePrefixes', (v, f) => parsePullThroughPrefix(v, f));
  if (Array.isArray(options.principals) && options.principals.length === 0) {
    issues.add({ field: 'principals', received: 'none', expected: 'name at least one IAM role or user ARN, or account ID (never "*")' });
  }
  if (Array.isArray(options.pullThroughCachePrefixes) && options.pullThroughCachePrefixes.length === 0) {
    issues.add({ field: 'pullThroughCachePrefixes', received: 'none', expected: 'name at least one pull through cache repository prefix' });
  }
  issues.throwIfAny();
  const advisories: Advisory[] = [...regionAdvisories, advisory('pull-through-cache-needs-internet')];
  const document = canonicalizePolicy({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principals },
        Action: PULL_THROUGH_CACHE_ACTIONS,
        Resource: prefixes.map((p) => pullThroughRepositoryArn(r, account!, p)),
      },
    ],
  });
  return { document, sizes: [], advisories: sortAdvisories(advisories) };
}
