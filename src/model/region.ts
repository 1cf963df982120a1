import { fail, ok, showValue, type Result } from './errors';
import { booleanArg, checkArgs, describeValue, fieldsArg, isPlainRecord, objectArg, stringArg } from './validate-args';
import { PARTITIONS, REGION_DATA_SOURCE } from './regions.generated';

/**
 * Regions and partitions, from the table that scripts/generate-regions.mjs writes (docs/aws-facts.md §6).
 * Regions launched after the table was made are accepted on request, by their partition's pattern.
 */

export type PartitionId = (typeof PARTITIONS)[number]['id'];

export interface RegionInfo {
  readonly name: string;
  readonly partition: PartitionId;
  /** False for a Region accepted by its partition's pattern only (`allowUnlisted`). */
  readonly listed: boolean;
  readonly dnsSuffix: string;
  /** Service-name prefix of the ecr.api and ecr.dkr endpoints: `cn.com.amazonaws` in aws-cn. */
  readonly ecrEndpointPrefix: string;
  /** Service-name prefix of every other endpoint, the S3 gateway included. */
  readonly defaultEndpointPrefix: string;
  /** False where only the AWS CDK source gives the prefix; generators then add an `[unverified]` advisory. */
  readonly prefixVerified: boolean;
}

export interface ParseRegionOptions {
  /** The option or spec field the value came from, for the issue; `region` by default. */
  readonly field?: string;
  /** Accept a Region missing from the table when its partition's pattern matches it. */
  readonly allowUnlisted?: boolean;
}

type Partition = (typeof PARTITIONS)[number];

const LISTED: ReadonlyMap<string, Partition> = new Map(PARTITIONS.flatMap((partition) => partition.regions.map((name) => [name, partition] as const)));
const REGION_NAMES: readonly string[] = Object.freeze([...LISTED.keys()].sort());
const PATTERNS: ReadonlyMap<PartitionId, RegExp> = new Map(PARTITIONS.map((p) => [p.id, new RegExp(p.regionPattern)]));

/**
 * The shape of every Region name: lowercase words and a number (us-east-1, us-gov-west-1,
 * eusc-de-east-1). The SDK patterns use \w, which admits uppercase and underscores, so an unlisted
 * name must have this shape too; readers use it to find the Region in endpoint service names.
 */
export const REGION_SHAPE = /^[a-z]+(?:-[a-z]+)+-\d+$/;

// A Region's family is its name without direction and number (us-gov-west-1 -> us-gov). The aws
// pattern `(us|eu|…)-\w+-\d+` also matches `us-gov-9` or `us-isob-1`; a family that another partition's
// listed Regions use settles which partition may claim such a name.
const familyOf = (name: string): string => name.split('-').slice(0, -2).join('-');
const FAMILY_OWNERS: ReadonlyMap<string, PartitionId> = new Map([...LISTED].map(([name, partition]) => [familyOf(name), partition.id] as const));

const ECR_SERVICES: ReadonlySet<string> = new Set(['ecr.api', 'ecr.dkr']);
const MAX_SUGGESTION_DISTANCE = 3;
const EXAMPLE_REGION = 'us-east-1';

/** Every Region in the table, sorted. */
export function listRegions(): readonly string[] {
  return REGION_NAMES;
}

/** The partition of a listed Region, else of the partition whose pattern claims the name; undefined when none does. */
export function partitionOf(regionName: string): PartitionId | undefined {
  return LISTED.get(regionName)?.id ?? partitionByPattern(regionName)?.id;
}

/**
 * Parses a Region name against the table.
 *
 * @example
 * parseRegion('cn-north-1')                             // ok: partition aws-cn, listed
 * parseRegion('us-east-9', { allowUnlisted: true })     // ok: partition aws, listed: false
 * parseRegion('us-esat-1')                              // fails, hint: did you mean "us-east-1"?
 */
export function parseRegion(value: unknown, options: ParseRegionOptions = {}): Result<RegionInfo> {
  checkArgs(objectArg(options, 'options'), fieldsArg(options, { field: (v, f) => stringArg(v, f, true), allowUnlisted: booleanArg }));
  if (typeof value === 'string') {
    const listed = LISTED.get(value);
    if (listed) return ok(toRegionInfo(value, listed, true));
  }
  const unlisted = typeof value === 'string' ? partitionByPattern(value) : undefined;
  if (unlisted && options.allowUnlisted) return ok(toRegionInfo(value as string, unlisted, false));

  const suggestion = typeof value === 'string' ? closestRegion(value) : undefined;
  const hints = [
    ...(suggestion ? [`did you mean "${suggestion}"?`] : []),
    ...(unlisted
      ? [
          `if ${String(value)} is a new Region of partition ${unlisted.id}, --allow-unlisted-region accepts Regions newer than the table, which comes from ${REGION_DATA_SOURCE}`,
        ]
      : []),
  ];
  return fail({
    field: options.field ?? 'region',
    received: showValue(value),
    expected: `be an AWS Region such as ${EXAMPLE_REGION} (one of ${REGION_NAMES.length} Regions in ${PARTITIONS.length} partitions)`,
    ...(hints.length > 0 ? { hint: hints.join(' ') } : {}),
  });
}

/**
 * The VPC endpoint service name of `service` in the Region: `com.amazonaws.us-east-1.logs`, and
 * `cn.com.amazonaws.cn-north-1.ecr.dkr` where ECR uses its own prefix. `s3` gives the gateway
 * endpoint, which keeps `com.amazonaws` in every partition (docs/aws-facts.md §2).
 */
export function endpointServiceName(region: RegionInfo, service: string): string {
  checkArgs(
    isRegionInfo(region)
      ? undefined
      : { field: 'region', expected: "be a RegionInfo as parseRegion returns it (parseRegion('us-east-1').value)", received: describeValue(region) },
    typeof service === 'string' && service !== ''
      ? undefined
      : { field: 'service', expected: 'be an endpoint service such as "ecr.dkr"', received: describeValue(service) },
  );
  const prefix = ECR_SERVICES.has(service) ? region.ecrEndpointPrefix : region.defaultEndpointPrefix;
  return `${prefix}.${region.name}.${service}`;
}

function toRegionInfo(name: string, partition: Partition, listed: boolean): RegionInfo {
  return {
    name,
    partition: partition.id,
    listed,
    dnsSuffix: partition.dnsSuffix,
    ecrEndpointPrefix: partition.endpointPrefix.ecr,
    defaultEndpointPrefix: partition.endpointPrefix.default,
    prefixVerified: partition.prefixVerified,
  };
}

function partitionByPattern(name: string): Partition | undefined {
  if (!REGION_SHAPE.test(name)) return undefined;
  const owner = familyOwner(name);
  return PARTITIONS.find((p) => PATTERNS.get(p.id)?.test(name) && (owner === undefined || owner === p.id));
}

/** The partition owning the longest listed family the name starts with. */
function familyOwner(name: string): PartitionId | undefined {
  let best: { readonly family: string; readonly owner: PartitionId } | undefined;
  for (const [family, owner] of FAMILY_OWNERS) {
    if (name.startsWith(`${family}-`) && family.length > (best?.family.length ?? -1)) best = { family, owner };
  }
  return best?.owner;
}

function closestRegion(value: string): string | undefined {
  const wanted = value.trim().toLowerCase();
  // Longer input is no typo of a Region name; this also bounds the quadratic distance below.
  if (wanted.length === 0 || wanted.length > 40) return undefined;
  let best: { readonly name: string; readonly distance: number } | undefined;
  for (const name of REGION_NAMES) {
    const distance = levenshtein(wanted, name);
    if (distance <= MAX_SUGGESTION_DISTANCE && distance < (best?.distance ?? Infinity)) best = { name, distance };
  }
  return best?.name;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const isRegionInfo = (value: unknown): value is RegionInfo =>
  isPlainRecord(value) &&
  typeof value['name'] === 'string' &&
  typeof value['ecrEndpointPrefix'] === 'string' &&
  typeof value['defaultEndpointPrefix'] === 'string';
