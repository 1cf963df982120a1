import { layerBucketName } from '../model/aws-facts';
import { showValue } from '../model/errors';
import { ENVIRONMENT_FILE_BUCKET_ACTIONS, ENVIRONMENT_FILE_OBJECT_ACTIONS, parseEnvironmentFile } from '../model/environment-files';
import { parseAccountId, parseBucketName, parseOrgId } from '../model/ids';
import { PARTITIONS } from '../model/regions.generated';
import type { ConditionBlock, Statement } from '../model/policy';
import { canonicalizePolicy } from '../normalize/canonicalize';
import { advisory, sortAdvisories, type Advisory } from './advisories';
import { checkOptions, IssueCollector, quotaCheck, resolveRegion, sizeAdvisories, sizeAsPrinted, type GeneratedPolicy, type RegionOptions } from './common';

export const VPC_ENDPOINT_POLICY_LIMIT = 20_480;
const PARTITION_IDS: readonly string[] = PARTITIONS.map((p) => p.id);

export interface S3GatewayPolicyOptions extends RegionOptions {
  /** Your own buckets that tasks read through the endpoint (s3:GetObject on their objects). */
  readonly buckets?: readonly string[];
  /** Scope the statement for your buckets to callers of this organization (aws:PrincipalOrgID). */
  readonly bucketsOrgId?: string;
  /** Scope the statement for your buckets to buckets owned by these accounts (aws:ResourceAccount). */
  readonly bucketsResourceAccounts?: readonly string[];
  /** EC2 launch type: let hosts read the Amazon Linux 2 and 2023 package repositories. */
  readonly amazonLinuxRepositories?: boolean;
  /**
   * ARN partition of the ECR layer bucket. Defaults to the Region's partition; outside `aws` this is
   * `[unverified]` (docs/aws-facts.md §3), hence the option.
   */
  readonly layerBucketPartition?: string;
  /** S3 object ARNs of the tasks' environment files, read by the execution role through the endpoint. */
  readonly environmentFiles?: readonly string[];
}

/**
 * The S3 gateway endpoint policy for image layers (docs/aws-facts.md §3): `Principal: "*"`, `s3:GetObject`
 * on the Region's `prod-REGION-starport-layer-bucket`, and no account or organization condition,
 * because the presigned URL is signed by ECR and the bucket is AWS's. Other statements only as asked.
 *
 * @example generateS3GatewayPolicy({ region: 'eu-west-1' }).document
 */
export function generateS3GatewayPolicy(options: S3GatewayPolicyOptions): GeneratedPolicy {
  checkOptions(options, {
    buckets: 'strings',
    bucketsOrgId: 'string',
    bucketsResourceAccounts: 'strings',
    amazonLinuxRepositories: 'boolean',
    layerBucketPartition: 'string',
  });
  const issues = new IssueCollector();
  const { region, advisories: regionAdvisories } = resolveRegion(options, issues);
  const buckets = issues.takeAll(options.buckets, 'buckets', (v, f) => parseBucketName(v, f));
  const orgId = options.bucketsOrgId === undefined ? undefined : issues.take(parseOrgId(options.bucketsOrgId, 'bucketsOrgId'));
  const accounts = issues.takeAll(options.bucketsResourceAccounts, 'bucketsResourceAccounts', (v, f) => parseAccountId(v, f));
  if (options.layerBucketPartition !== undefined && !PARTITION_IDS.includes(options.layerBucketPartition)) {
    issues.add({
      field: 'layerBucketPartition',
      received: showValue(options.layerBucketPartition),
      expected: `be one of the partitions of the Region table: ${PARTITION_IDS.join(', ')}`,
    });
  }
  if ((orgId !== undefined || accounts.length > 0) && buckets.length === 0) {
    issues.add({
      field: 'bucketsOrgId/bucketsResourceAccounts',
      received: 'no buckets',
      expected: 'come with buckets: they scope your own buckets, never the ECR layer bucket',
    });
  }
  issues.throwIfAny();
  const r = region!;
  const environmentFiles = issues.takeAll(options.environmentFiles, 'environmentFiles', (v, f) => parseEnvironmentFile(v, r, f));
  issues.throwIfAny();
  const layerPartition = options.layerBucketPartition ?? r.partition;
  const advisories: Advisory[] = [...regionAdvisories];
  if (r.partition !== 'aws') advisories.push(advisory('s3-layer-bucket-partition-unverified', `used arn:${layerPartition}`));

  const statements: Statement[] = [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject'],
      Resource: [`arn:${layerPartition}:s3:::${layerBucketName(r.name)}/*`],
    },
  ];
  if (buckets.length > 0) {
    const condition: { [op: string]: { [key: string]: readonly string[] } } = {};
    if (orgId !== undefined) condition['StringEquals'] = { 'aws:PrincipalOrgID': [orgId] };
    if (accounts.length > 0) condition['StringEquals'] = { ...condition['StringEquals'], 'aws:ResourceAccount': accounts };
    statements.push({
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject'],
      Resource: buckets.map((b) => `arn:${r.partition}:s3:::${b}/*`),
      ...(Object.keys(condition).length > 0 ? { Condition: condition as ConditionBlock } : {}),
    });
  }
  if (environmentFiles.length > 0) {
    // Exactly the files and their buckets' location, as the role gets them: nothing else of those buckets.
    statements.push({ Effect: 'Allow', Principal: '*', Action: ENVIRONMENT_FILE_OBJECT_ACTIONS, Resource: environmentFiles.map((f) => f.objectArn) });
    statements.push({ Effect: 'Allow', Principal: '*', Action: ENVIRONMENT_FILE_BUCKET_ACTIONS, Resource: environmentFiles.map((f) => f.bucketArn) });
  }
  if (options.amazonLinuxRepositories === true) {
    advisories.push(advisory('amazon-linux-buckets-unverified'));
    statements.push({
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject'],
      Resource: [
        `arn:${r.partition}:s3:::amazonlinux.${r.name}.amazonaws.com/*`,
        `arn:${r.partition}:s3:::amazonlinux-2-repos-${r.name}/*`,
        `arn:${r.partition}:s3:::al2023-repos-${r.name}-de612dc2/*`,
      ],
    });
  }
  const document = canonicalizePolicy({ Statement: statements });
  const sizes = [quotaCheck('vpc-endpoint-policy', VPC_ENDPOINT_POLICY_LIMIT, sizeAsPrinted(document), true)];
  return { document, sizes, advisories: sortAdvisories([...advisories, ...sizeAdvisories(sizes)]) };
}
