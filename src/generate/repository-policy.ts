import { parsePrincipal, parseVpceId } from '../model/ids';
import type { Statement } from '../model/policy';
import { canonicalizePolicy } from '../normalize/canonicalize';
import { advisory, sortAdvisories, type Advisory } from './advisories';
import { checkOptions, IssueCollector, resolveRegion, type GeneratedPolicy, type RegionOptions } from './common';
import { ECR_PULL_ACTIONS } from '../model/aws-facts';

export interface RepositoryPolicyOptions extends RegionOptions {
  /** IAM role ARNs (the consuming account's task execution role) or account IDs that pull: never `*`. */
  readonly principals: readonly string[];
  /** IDs of the consuming VPC's ecr.dkr endpoints: the pull is admitted only through them (aws:SourceVpce). */
  readonly vpceIds?: readonly string[];
}

/**
 * The repository policy of a repository in another account, letting the consuming account's
 * execution role pull: the three pull actions for the named principals, with no Resource (a
 * repository policy applies to its own repository), optionally only through the consumer's
 * endpoints. A cross-account pull needs both this grant and the role's own identity policy;
 * ecr:GetAuthorizationToken stays in the identity policy, a repository policy cannot grant it
 * (Amazon ECR User Guide, "Private repository policy examples", "Example: Allow another account",
 * and "Repository policies vs IAM policies").
 *
 * @example generateRepositoryPolicy({ region: 'us-east-1',
 *   principals: ['arn:aws:iam::444455556666:role/my-app-execution-role'], vpceIds: ['vpce-0123456789abcdef0'] })
 */
export function generateRepositoryPolicy(options: RepositoryPolicyOptions): GeneratedPolicy {
  checkOptions(options, { principals: 'strings', vpceIds: 'strings' });
  const issues = new IssueCollector();
  const { region, advisories: regionAdvisories } = resolveRegion(options, issues);
  issues.throwIfAny();
  const r = region!;
  const principals = issues.takeAll(options.principals, 'principals', (v, f) => parsePrincipal(v, r, f));
  const vpceIds = issues.takeAll(options.vpceIds, 'vpceIds', (v, f) => parseVpceId(v, f));
  if (Array.isArray(options.principals) && options.principals.length === 0) {
    issues.add({ field: 'principals', received: 'none', expected: 'name at least one IAM role ARN or account ID that pulls (never "*")' });
  }
  issues.throwIfAny();
  const advisories: Advisory[] = [...regionAdvisories];
  if (vpceIds.length === 0) advisories.push(advisory('repository-policy-without-endpoint-condition'));
  const statement: Statement = {
    Effect: 'Allow',
    Principal: { AWS: principals },
    Action: ECR_PULL_ACTIONS,
    ...(vpceIds.length > 0 ? { Condition: { StringEquals: { 'aws:SourceVpce': vpceIds } } } : {}),
  };
  return { document: canonicalizePolicy({ Statement: [statement] }), sizes: [], advisories: sortAdvisories(advisories) };
}
