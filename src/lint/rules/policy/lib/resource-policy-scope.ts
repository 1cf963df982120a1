/**
 * What the resource-based policy of a resource type may name, for UNSUPPORTED_ACTION_IN_POLICY and
 * UNSUPPORTED_RESOURCE_ARN_IN_POLICY. Access Analyzer runs these two checks only for the resource
 * types ValidatePolicy takes in validatePolicyResourceType (AWS::S3::Bucket, AWS::S3::AccessPoint,
 * AWS::S3::MultiRegionAccessPoint, AWS::S3ObjectLambda::AccessPoint, AWS::IAM::AssumeRolePolicyDocument;
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html); for other
 * resource types it "runs policy checks that apply to all resource policies", so they have no scope here
 * (a KMS key policy names "Resource": "*", an SQS queue policy may grant sns: actions to no effect …).
 * The checks: IAM User Guide, "IAM policy validation check reference",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * ("AWS Key Management Service actions aren't supported in Amazon S3 bucket policies"; "AWS KMS ARNs
 * aren't supported in the Resource element for Amazon S3 bucket policies").
 */
import type { PolicyUnit, ResourceType } from '../../../types';
import { type ArnFields, isOpenField as open } from './arn-fields';

export interface ResourcePolicyScope {
  /** The resource type, as ValidatePolicy names it, for messages. */
  readonly resourceType: ResourceType;
  /** Service prefixes whose actions the policy may name (lower case). */
  readonly services: readonly string[];
  /**
   * The ARNs the Resource element may name: the service, and what the fields must hold. Absent for a
   * role trust policy, which takes no Resource at all (ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE).
   */
  readonly arn?: {
    readonly service: string;
    readonly region?: 'empty';
    readonly account?: 'empty';
    readonly resourcePrefix?: string;
    /** The ARNs it may name, for messages. */
    readonly shape: string;
  };
}

// ARN formats: Service Authorization Reference, "Resource types defined by Amazon S3" (bucket
// arn:${Partition}:s3:::${BucketName}, object arn:${Partition}:s3:::${BucketName}/${ObjectName},
// accesspoint arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}, multiregionaccesspoint
// arn:${Partition}:s3::${Account}:accesspoint/${AccessPointAlias}) and "… Amazon S3 Object Lambda"
// (accesspoint arn:${Partition}:s3-object-lambda:${Region}:${Account}:accesspoint/${AccessPointName}),
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
const SCOPES: readonly ResourcePolicyScope[] = [
  {
    resourceType: 'AWS::S3::Bucket',
    services: ['s3'],
    arn: { service: 's3', region: 'empty', account: 'empty', shape: 'the bucket or its objects (arn:aws:s3:::BUCKET, arn:aws:s3:::BUCKET/KEY)' },
  },
  {
    resourceType: 'AWS::S3::AccessPoint',
    services: ['s3'],
    arn: { service: 's3', resourcePrefix: 'accesspoint/', shape: 'the access point or its objects (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME[/object/KEY])' },
  },
  {
    resourceType: 'AWS::S3::MultiRegionAccessPoint',
    services: ['s3'],
    arn: {
      service: 's3',
      region: 'empty',
      resourcePrefix: 'accesspoint/',
      shape: 'the Multi-Region Access Point or its objects (arn:aws:s3::ACCOUNT:accesspoint/ALIAS[/object/KEY])',
    },
  },
  {
    resourceType: 'AWS::S3ObjectLambda::AccessPoint',
    services: ['s3-object-lambda'],
    arn: { service: 's3-object-lambda', resourcePrefix: 'accesspoint/', shape: 'the access point (arn:aws:s3-object-lambda:REGION:ACCOUNT:accesspoint/NAME)' },
  },
  // A role trust policy grants the assumption of the role: sts actions only (IAM User Guide, "Roles terms and concepts").
  { resourceType: 'AWS::IAM::AssumeRolePolicyDocument', services: ['sts'] },
];
const BY_TYPE = new Map(SCOPES.map((s) => [s.resourceType, s] as const));

/** The scope of the policy's resource type, when Access Analyzer knows one; a `trust` policy is a role trust policy. */
export function resourcePolicyScope(unit: PolicyUnit): ResourcePolicyScope | undefined {
  if (unit.policyType === 'trust') return BY_TYPE.get('AWS::IAM::AssumeRolePolicyDocument');
  return unit.resourceType === undefined ? undefined : BY_TYPE.get(unit.resourceType);
}

/**
 * False when the ARN cannot name the resource type whatever its wildcards match; true when it can or
 * may (a field with a wildcard or a variable is given the benefit of the doubt).
 */
export function arnFitsScope(fields: ArnFields, arn: NonNullable<ResourcePolicyScope['arn']>): boolean {
  if (!open(fields.service) && fields.service !== arn.service) return false;
  if (arn.region === 'empty' && fields.region !== '' && !open(fields.region)) return false;
  if (arn.account === 'empty' && fields.account !== '' && !open(fields.account)) return false;
  if (arn.resourcePrefix !== undefined && fields.resource !== undefined) {
    const literal = literalPrefix(fields.resource);
    const fits =
      literal.length >= arn.resourcePrefix.length
        ? literal.startsWith(arn.resourcePrefix)
        : arn.resourcePrefix.startsWith(literal) && literal !== fields.resource;
    if (!fits) return false;
  }
  return true;
}

/** The part before the first wildcard or variable. */
function literalPrefix(value: string): string {
  const ends = [value.indexOf('*'), value.indexOf('?'), value.indexOf('${')].filter((i) => i >= 0);
  return ends.length === 0 ? value : value.slice(0, Math.min(...ends));
}
