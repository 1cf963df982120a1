/**
 * The layout of the compact catalog text, shared by the compiler (iam-catalog-compile.ts, run at
 * build time or when no built file exists) and the reader (iam-catalog.ts). Apart from both so that
 * neither imports the other's module for its types: the reader requires the compiler lazily, one way.
 */

/** Bumped whenever the catalog layout changes, so that a dist/ file of another layout is never misread. */
export const CATALOG_FORMAT = 2;

/** `aws:ResourceTag/${TagKey}` and `aws:ResourceTag/team` -> `aws:resourcetag/`; other keys lower-cased. */
export const keyFamily = (key: string): string => {
  const lower = key.toLowerCase();
  const slash = lower.indexOf('/');
  return slash < 0 ? lower : lower.slice(0, slash + 1);
};

/** A variable part of a key name: `${TagKey}` or, in a few S3 keys, `<key>`. */
export const VARIABLE = /\$\{[^}]*\}|<[^>]*>/;
export interface CatalogHeader {
  readonly format: number;
  readonly iamData: string;
  /** Every service prefix of the package, lower-cased, in the package's order. */
  readonly services: readonly string[];
  /** Start of each service's line after the header line; one more entry for the end. */
  readonly offsets: readonly number[];
  /** Global condition keys without a variable part: lower-cased key and type. */
  readonly globalKeys: readonly (readonly [string, string])[];
  /** `aws:PrincipalTag/tag-key` and the like: lower-cased prefix up to the slash, and type. */
  readonly globalPrefixes: readonly (readonly [string, string])[];
  /** Condition key prefixes that no service has but whose keys services define, as in the package. */
  readonly unassociated: readonly (readonly [string, readonly string[]])[];
  /**
   * Which services' resource types write ARNs of a service field (the third field of the ARN
   * format): `["iam", [3, 120, …]]`, indices into `services`. ARNs of one service field are spread
   * over several services' tables (IAM roles in iam, sts, ssm …); the ARN rules read only those lines.
   */
  readonly arnServices: readonly (readonly [string, readonly number[]])[];
}

/**
 * One service. Strings and flat lists rather than objects: JSON.parse reads a long string almost for
 * free, while 22,000 actions as small arrays cost it 10 ms, and a run asks for resource types and
 * tag support of few actions.
 * [0] action names separated by spaces, in the package's order;
 * [1] the resource type names the actions write; [2] per action (separated by `;`, in the order of
 *     [0]), its resource types as comma-separated indices into [1], `~index` (negative) when optional;
 * [3] condition key families (`aws:resourcetag/`, `ecr:tagkeys`); [4] per action, as in [2], the
 *     families it supports as indices into [3] (keys of the action, of its resource types in the
 *     action row and in the resource type table);
 * [5] resource types: lower-cased name and ARN format;
 * [6] condition keys without a variable part: lower-cased key and type;
 * [7] condition keys with a variable part (`ecr:ResourceTag/${TagKey}`) as written, and type.
 */
export type CompactService = readonly [
  string,
  readonly string[],
  string,
  readonly string[],
  string,
  readonly (readonly [string, string])[],
  readonly (readonly [string, string])[],
  readonly (readonly [string, string])[],
];

/**
 * The ARN formats of one resource type: nearly always one, but the Service Authorization Reference
 * writes a few API Gateway types as two, separated by a comma ("arn:…/apis/${ApiId}/deployments, arn:…/restapis/…").
 */
export const splitArnFormats = (arn: string): string[] => arn.split(/,\s*(?=arn:)/);
