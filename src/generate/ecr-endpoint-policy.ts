import { parseAccountId, parseOrgId, parsePrincipal, parseRepository } from '../model/ids';
import type { ConditionBlock, Principal, Statement } from '../model/policy';
import { PULL_THROUGH_CACHE_ACTIONS, parsePullThroughPrefix, pullThroughRepositoryArn } from '../model/pull-through-cache';
import { awsOwnedImageRepositoryArn, parseAwsOwnedImage } from '../model/aws-owned-images';
import { canonicalizePolicy } from '../normalize/canonicalize';
import { advisory, sortAdvisories, type Advisory } from './advisories';
import { checkOptions, IssueCollector, quotaCheck, resolveRegion, sizeAdvisories, sizeAsPrinted, type GeneratedPolicy, type RegionOptions } from './common';
import { ECR_PULL_ACTIONS } from '../model/aws-facts';
import { VPC_ENDPOINT_POLICY_LIMIT } from './s3-gateway-policy';

/** The layer upload and image push actions, granted only when asked. */
const ECR_PUSH_ACTIONS = ['ecr:CompleteLayerUpload', 'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'] as const;

export interface EcrEndpointPolicyOptions extends RegionOptions {
  /** Account whose repositories the endpoints serve. */
  readonly account: string;
  /** Repository names of `account` or repository ARNs in the Region; default: every repository of `account`. */
  readonly repositories?: readonly string[];
  /** IAM role or user ARNs (or account IDs) allowed to use the endpoints, e.g. the task execution role. */
  readonly principals?: readonly string[];
  /** Allow callers of this organization only (aws:PrincipalOrgID). */
  readonly orgId?: string;
  /** Also allow pushing images through the endpoints (CI runners in the VPC). */
  readonly allowPush?: boolean;
  /** Repository prefixes of pull through cache rules: the import and the cached repository's creation go through the endpoint too. */
  readonly pullThroughCachePrefixes?: readonly string[];
  /** AWS-owned images the tasks also pull, such as `guardduty-agent` (the GuardDuty Runtime Monitoring sidecar): their repository in the Region is added to the pull. */
  readonly awsOwnedImages?: readonly string[];
}

/**
 * One endpoint policy for both ECR interface endpoints, ecr.api and ecr.dkr (ECR-VPCE recommends one):
 * a Principal always (PL), GetAuthorizationToken on `*`, the pull actions (and push when asked) on
 * the account's repositories, and the callers narrowed to named principals and/or an organization.
 */
export function generateEcrEndpointPolicy(options: EcrEndpointPolicyOptions): GeneratedPolicy {
  checkOptions(options, {
    account: 'string',
    repositories: 'strings',
    principals: 'strings',
    orgId: 'string',
    allowPush: 'boolean',
    pullThroughCachePrefixes: 'strings',
    awsOwnedImages: 'strings',
  });
  const issues = new IssueCollector();
  const { region, advisories: regionAdvisories } = resolveRegion(options, issues);
  const account = issues.take(parseAccountId(options.account));
  const orgId = options.orgId === undefined ? undefined : issues.take(parseOrgId(options.orgId));
  issues.throwIfAny();
  const r = region!;
  const acct = account!;
  const repositories = issues.takeAll(options.repositories, 'repositories', (v, f) => parseRepository(v, r, acct, f));
  const principals = issues.takeAll(options.principals, 'principals', (v, f) => parsePrincipal(v, r, f));
  const prefixes = issues.takeAll(options.pullThroughCachePrefixes, 'pullThroughCachePrefixes', (v, f) => parsePullThroughPrefix(v, f));
  const ownedImages = [...new Set(issues.takeAll(options.awsOwnedImages, 'awsOwnedImages', (v, f) => parseAwsOwnedImage(v, f)))];
  issues.throwIfAny();

  const advisories: Advisory[] = [...regionAdvisories];
  const principal: Principal = principals.length > 0 ? { AWS: principals } : '*';
  const condition: ConditionBlock | undefined = orgId === undefined ? undefined : { StringEquals: { 'aws:PrincipalOrgID': [orgId] } };
  if (principals.length === 0 && orgId === undefined) advisories.push(advisory('ecr-endpoint-any-principal'));
  const scoped = condition === undefined ? {} : { Condition: condition };
  const repositoryArns = repositories.length > 0 ? repositories : [`arn:${r.partition}:ecr:${r.name}:${acct}:repository/*`];
  // AWS-owned images (pull only, never push): their repository joins a pull statement of its own.
  const ownedRepositories = ownedImages.flatMap((image) => {
    const arn = awsOwnedImageRepositoryArn(image, r);
    if (arn === undefined) advisories.push(advisory('aws-owned-image-region-unverified', `${image} in ${r.name}`));
    return arn === undefined ? [] : [arn];
  });

  const statements: Statement[] = [
    { Effect: 'Allow', Principal: principal, Action: ['ecr:GetAuthorizationToken'], Resource: ['*'], ...scoped },
    {
      Effect: 'Allow',
      Principal: principal,
      Action: options.allowPush === true ? [...ECR_PULL_ACTIONS, ...ECR_PUSH_ACTIONS] : ECR_PULL_ACTIONS,
      Resource: repositoryArns,
      ...scoped,
    },
  ];
  if (ownedRepositories.length > 0) {
    statements.push({ Effect: 'Allow', Principal: principal, Action: ECR_PULL_ACTIONS, Resource: ownedRepositories, ...scoped });
  }
  if (prefixes.length > 0) {
    statements.push({
      Effect: 'Allow',
      Principal: principal,
      Action: [...ECR_PULL_ACTIONS, ...PULL_THROUGH_CACHE_ACTIONS],
      Resource: prefixes.map((p) => pullThroughRepositoryArn(r, acct, p)),
      ...scoped,
    });
  }
  const document = canonicalizePolicy({ Statement: statements });
  const sizes = [quotaCheck('vpc-endpoint-policy', VPC_ENDPOINT_POLICY_LIMIT, sizeAsPrinted(document), true)];
  return { document, sizes, advisories: sortAdvisories([...advisories, ...sizeAdvisories(sizes)]) };
}
