import { fail, ok, showValue, type Result } from './errors';
import type { RegionInfo } from './region';

/**
 * Amazon ECR pull through cache. Source: Amazon ECR User Guide, "IAM permissions required to sync an
 * upstream registry with an Amazon ECR private registry"
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html): besides the
 * pull, `ecr:BatchImportUpstreamImage` (identity policy, registry permissions policy or repository
 * policy) and `ecr:CreateRepository` while the cached repository does not exist yet (identity policy
 * or registry permissions policy).
 */
export const PULL_THROUGH_CACHE_ACTIONS = ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'] as const;

/**
 * A pull through cache rule's repository prefix (ECR API Reference, CreatePullThroughCacheRule,
 * `ecrRepositoryPrefix`: 2 to 30 characters, lower-case letters, digits and `._-/` between them).
 */
const PREFIX = /^(?=.{2,30}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

export function parsePullThroughPrefix(value: unknown, field = 'pullThroughCachePrefixes'): Result<string> {
  return typeof value === 'string' && PREFIX.test(value)
    ? ok(value)
    : fail({
        field,
        received: showValue(value),
        expected: 'be a pull through cache repository prefix: 2 to 30 lower-case letters, digits and . _ - / between them, such as "ecr-public"',
      });
}

/** The repositories a pull through cache rule fills: `repository/PREFIX/*` of the account and Region. */
export const pullThroughRepositoryArn = (region: RegionInfo, account: string, prefix: string): string =>
  `arn:${region.partition}:ecr:${region.name}:${account}:repository/${prefix}/*`;
