/**
 * Canonical spelling of the global condition keys policygen writes or reads. Condition key names
 * are case-insensitive (IAM-KEYS), so `aws:sourceVpce` in the ECS documentation and
 * `aws:SourceVpce` are the same key; canonical form spells each one way.
 */
const GLOBAL_KEYS = [
  'aws:CalledVia',
  'aws:CalledViaFirst',
  'aws:CalledViaLast',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:MultiFactorAuthPresent',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalIsAWSService',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalServiceName',
  'aws:PrincipalType',
  'aws:RequestedRegion',
  'aws:ResourceAccount',
  'aws:ResourceOrgID',
  'aws:ResourceOrgPaths',
  'aws:SecureTransport',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceIp',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceVpc',
  'aws:SourceVpcArn',
  'aws:SourceVpce',
  'aws:TagKeys',
  'aws:userid',
  'aws:username',
  'aws:ViaAWSService',
  'aws:VpcSourceIp',
] as const;

const BY_LOWER = new Map<string, string>(GLOBAL_KEYS.map((k) => [k.toLowerCase(), k]));
const TAG_PREFIXES = ['aws:PrincipalTag/', 'aws:RequestTag/', 'aws:ResourceTag/'] as const;

/** The canonical spelling of a condition key: known keys as documented, others with a lower-case service prefix. */
export function canonicalConditionKey(key: string): string {
  const lower = key.toLowerCase();
  const known = BY_LOWER.get(lower);
  if (known) return known;
  for (const prefix of TAG_PREFIXES) {
    if (lower.startsWith(prefix.toLowerCase())) return prefix + key.slice(prefix.length);
  }
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon).toLowerCase() + key.slice(colon);
}

/** Keys that exist only for requests that come through a VPC endpoint (docs/aws-facts.md §4). */
export const VPC_CONDITION_KEYS: ReadonlySet<string> = new Set(['aws:SourceVpc', 'aws:SourceVpce', 'aws:SourceVpcArn', 'aws:VpcSourceIp']);

/** Keys that scope the caller's or the resource's account or organization (docs/aws-facts.md §3). */
export const ACCOUNT_CONDITION_KEYS: ReadonlySet<string> = new Set([
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:ResourceAccount',
  'aws:ResourceOrgID',
  'aws:ResourceOrgPaths',
]);
