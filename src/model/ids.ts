import { fail, ok, showValue, type Result } from './errors';
import type { RegionInfo } from './region';

/**
 * Parsers for the identifiers users pass in. Each one accepts exactly the documented shape, so
 * nothing a user types can smuggle a quote, a wildcard or an ARN separator into a policy.
 */

const ACCOUNT = /^\d{12}$/;
const VPCE = /^vpce-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const VPC = /^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const ORG = /^o-[a-z0-9]{10,32}$/;
// ECR: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
const REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
// CloudWatch Logs: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
const LOG_GROUP = /^[A-Za-z0-9._\-/#]{1,512}$/;
// Secrets Manager ARNs end in the secret name, a dash and six random characters.
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}-[A-Za-z0-9]{6}$/;
const PARAMETER = /^\/?[A-Za-z0-9_.\-]+(?:\/[A-Za-z0-9_.\-]+)*$/;
const KMS_KEY = /^key\/(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
// S3 general purpose bucket naming rules, reserved prefixes and suffixes included:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
const BUCKET_RESERVED = /^(?:xn--|sthree-|amzn-s3-demo-)|(?:-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/;
const BUCKET = /^(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IAM_PRINCIPAL = /^arn:[a-z-]+:iam::\d{12}:(?:root|role\/[\w+=,.@\/-]{1,512}|user\/[\w+=,.@\/-]{1,512})$/;
const CIDR4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/(3[0-2]|[12]?\d)$/;
// EC2 resource IDs: a prefix and 8 or 17 lower-case hex digits (sg-, pl-), as vpc- and vpce- above.
const SECURITY_GROUP = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const PREFIX_LIST = /^pl-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

function matching(pattern: RegExp, field: string, expected: string, value: unknown): Result<string> {
  return typeof value === 'string' && pattern.test(value) ? ok(value) : fail({ field, received: showValue(value), expected });
}

export const parseAccountId = (value: unknown, field = 'account'): Result<string> =>
  matching(ACCOUNT, field, 'be a 12-digit AWS account ID such as "111122223333"', value);

export const parseVpceId = (value: unknown, field = 'vpce'): Result<string> =>
  matching(VPCE, field, 'be a VPC endpoint ID: "vpce-" and 8 or 17 lower-case hex digits', value);

export const parseVpcId = (value: unknown, field = 'vpc'): Result<string> =>
  matching(VPC, field, 'be a VPC ID: "vpc-" and 8 or 17 lower-case hex digits', value);

export const parseOrgId = (value: unknown, field = 'orgId'): Result<string> =>
  matching(ORG, field, 'be an AWS Organizations ID: "o-" and 10 to 32 lower-case letters or digits', value);

export const parseLogGroupName = (value: unknown, field = 'logGroup'): Result<string> =>
  matching(LOG_GROUP, field, 'be a CloudWatch Logs group name: 1 to 512 of A-Z a-z 0-9 . _ - / #', value);

export const parseBucketName = (value: unknown, field = 'bucket'): Result<string> =>
  typeof value === 'string' && BUCKET_RESERVED.test(value)
    ? fail({
        field,
        received: showValue(value),
        expected: 'be an S3 bucket name without a prefix or suffix S3 reserves (xn--, sthree-, amzn-s3-demo-; -s3alias, --ol-s3, .mrap, --x-s3, --table-s3)',
      })
    : matching(BUCKET, field, 'be an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens', value);

export const parseIpv4Cidr = (value: unknown, field = 'subnetCidr'): Result<string> =>
  matching(CIDR4, field, 'be an IPv4 CIDR block such as "10.0.1.0/24"', value);

/**
 * An IPv6 CIDR block such as "2600:1f18:abcd:1200::/56": hex groups with at most one "::", and a
 * prefix length of 0 to 128. Subnet IPv6 blocks are /64 (VPC user guide, "IP addressing for your VPCs
 * and subnets"), but any block the user writes in a security group rule is accepted.
 */
export function parseIpv6Cidr(value: unknown, field = 'subnetIpv6Cidr'): Result<string> {
  const expected = 'be an IPv6 CIDR block such as "2600:1f18:abcd:1200::/64"';
  if (typeof value !== 'string') return fail({ field, received: showValue(value), expected });
  const match = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(value);
  const bits = match === null ? NaN : Number(match[2]);
  const address = match?.[1] ?? '';
  const halves = address.split('::');
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  const wellFormed =
    match !== null &&
    bits <= 128 &&
    halves.length <= 2 &&
    groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) &&
    (halves.length === 2 ? groups.length <= 7 : groups.length === 8);
  return wellFormed ? ok(value) : fail({ field, received: showValue(value), expected });
}

export const parseSecurityGroupId = (value: unknown, field = 'securityGroupId'): Result<string> =>
  matching(SECURITY_GROUP, field, 'be a security group ID: "sg-" and 8 or 17 lower-case hex digits', value);

export const parsePrefixListId = (value: unknown, field = 's3PrefixListId'): Result<string> =>
  matching(PREFIX_LIST, field, 'be a managed prefix list ID: "pl-" and 8 or 17 lower-case hex digits', value);

/** An IAM role, user or account root ARN, or a 12-digit account (written as its root ARN). */
export function parsePrincipal(value: unknown, region: RegionInfo, field = 'principal'): Result<string> {
  if (typeof value === 'string' && ACCOUNT.test(value)) return ok(`arn:${region.partition}:iam::${value}:root`);
  const parsed = matching(IAM_PRINCIPAL, field, 'be an IAM role or user ARN, or a 12-digit account ID', value);
  if (!parsed.ok) return parsed;
  return samePartition(parsed.value, region, field);
}

/** A role the CloudFormation and Terraform outputs create under the name and path its ARN gives. */
export interface NamedRole {
  readonly arn: string;
  readonly account: string;
  /** `/` or `/a/b/`, as CreateRole's Path. */
  readonly path: string;
  readonly name: string;
}

// IAM CreateRole (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html): RoleName is
// 1 to 64 of [\w+=,.@-]; Path is `/` or `/…/`, at most 512 characters. Path segments take the RoleName
// characters here (as IAM_PRINCIPAL), so nothing else reaches a template.
const ROLE_ARN = /^arn:[a-z-]+:iam::(\d{12}):role(\/(?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/**
 * An IAM role ARN of `account` in the Region's partition, split into the RoleName and Path that
 * create it: the IaC outputs create the role the spec names, in the account they deploy to.
 */
export function parseRoleArn(value: unknown, region: RegionInfo, account: string, field = 'roleArn'): Result<NamedRole> {
  const match = typeof value === 'string' ? ROLE_ARN.exec(value) : null;
  if (match === null || match[2]!.length > 512) {
    return fail({ field, received: showValue(value), expected: `be an IAM role ARN such as arn:${region.partition}:iam::${account}:role/my-role` });
  }
  const arn = samePartition(value as string, region, field);
  if (!arn.ok) return arn;
  if (match[1] !== account) {
    return fail({
      field,
      received: showValue(value),
      expected: `be a role of account ${account} (the spec's account), such as arn:${region.partition}:iam::${account}:role/${match[3]!}`,
      hint: 'the CloudFormation and Terraform outputs create this role in the account they deploy to',
    });
  }
  return ok({ arn: arn.value, account: match[1], path: match[2]!, name: match[3]! });
}

interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

function splitArn(value: string): ArnParts | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

function samePartition(arn: string, region: RegionInfo, field: string): Result<string> {
  const partition = splitArn(arn)?.partition;
  return partition === region.partition
    ? ok(arn)
    : fail({ field, received: showValue(arn), expected: `be in partition "${region.partition}" of Region ${region.name}` });
}

/**
 * An ARN of `service` in the given Region and partition whose resource part matches `resource`.
 * Endpoints only work in their own Region (docs/aws-facts.md §2), so an ARN of another Region is refused.
 */
function parseRegionalArn(value: unknown, region: RegionInfo, field: string, service: string, resource: RegExp, what: string): Result<ArnParts> {
  const expected = `be ${what}`;
  if (typeof value !== 'string') return fail({ field, received: showValue(value), expected });
  const arn = splitArn(value);
  if (!arn || arn.service !== service || !ACCOUNT.test(arn.account) || !resource.test(arn.resource)) {
    return fail({ field, received: showValue(value), expected });
  }
  if (arn.partition !== region.partition || arn.region !== region.name) {
    return fail({
      field,
      received: showValue(value),
      expected: `be in Region ${region.name} (partition ${region.partition})`,
      hint: 'VPC endpoints only serve their own Region',
    });
  }
  return ok(arn);
}

/** A repository name of `account`, or a full repository ARN (of any account) in the Region. */
export function parseRepository(value: unknown, region: RegionInfo, account: string, field = 'repository'): Result<string> {
  if (typeof value === 'string' && !value.startsWith('arn:')) {
    const name = matching(REPOSITORY, field, 'be an ECR repository name (lower-case, digits, ".", "_", "-", "/") or a repository ARN', value);
    if (!name.ok) return name;
    if (value.length < 2 || value.length > 256) return fail({ field, received: showValue(value), expected: 'be 2 to 256 characters long' });
    return ok(`arn:${region.partition}:ecr:${region.name}:${account}:repository/${value}`);
  }
  const what = `an ECR repository ARN such as arn:${region.partition}:ecr:${region.name}:111122223333:repository/my-app`;
  const arn = parseRegionalArn(value, region, field, 'ecr', /^repository\/.+$/, what);
  if (!arn.ok) return arn;
  const name = arn.value.resource.slice('repository/'.length);
  return REPOSITORY.test(name) ? ok(value as string) : fail({ field, received: showValue(value), expected: `be ${what}` });
}

export function parseSecretArn(value: unknown, region: RegionInfo, field = 'secret'): Result<string> {
  const what = `a Secrets Manager secret ARN such as arn:${region.partition}:secretsmanager:${region.name}:111122223333:secret:my-secret-AbCdEf (the full ARN, with its 6-character suffix)`;
  const arn = parseRegionalArn(value, region, field, 'secretsmanager', /^secret:.+$/, what);
  if (!arn.ok) return arn;
  return SECRET_NAME.test(arn.value.resource.slice('secret:'.length))
    ? ok(value as string)
    : fail({ field, received: showValue(value), expected: `be ${what}` });
}

/** An SSM parameter name (of `account`) or ARN; `/app/db` and `app/db` name the same ARN. */
export function parseParameter(value: unknown, region: RegionInfo, account: string, field = 'parameter'): Result<string> {
  if (typeof value === 'string' && !value.startsWith('arn:')) {
    const name = matching(PARAMETER, field, 'be an SSM parameter name such as /my-app/db-password, or a parameter ARN', value);
    if (!name.ok) return name;
    return ok(`arn:${region.partition}:ssm:${region.name}:${account}:parameter/${value.replace(/^\//, '')}`);
  }
  const what = `an SSM parameter ARN such as arn:${region.partition}:ssm:${region.name}:111122223333:parameter/my-app/db-password`;
  const arn = parseRegionalArn(value, region, field, 'ssm', /^parameter\/.+$/, what);
  if (!arn.ok) return arn;
  return PARAMETER.test(arn.value.resource.slice('parameter/'.length))
    ? ok(value as string)
    : fail({ field, received: showValue(value), expected: `be ${what}` });
}

export function parseKmsKeyArn(value: unknown, region: RegionInfo, field = 'kmsKey'): Result<string> {
  const what = `a KMS key ARN such as arn:${region.partition}:kms:${region.name}:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab (aliases cannot scope kms:Decrypt)`;
  const arn = parseRegionalArn(value, region, field, 'kms', KMS_KEY, what);
  return arn.ok ? ok(value as string) : arn;
}
