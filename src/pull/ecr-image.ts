import { PARTITIONS } from '../model/regions.generated';

/** An image of an Amazon ECR private registry, from its URI. */
export interface EcrImage {
  /** 12 digits, or a deploy-time symbol (`{{Ref AWS.AccountId}}`-style, see symbols.ts). */
  readonly account: string;
  /** A Region name, or a symbol. */
  readonly region: string;
  readonly repository: string;
  /** `:tag` or `@digest` as written, without the separator; undefined for neither (`latest`). */
  readonly reference?: string;
}

// A deploy-time symbol stands where a value is unknown: `{{Ref AWS.Region}}`.
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Registry host names end in the partition's DNS suffix: amazonaws.com, amazonaws.com.cn, c2s.ic.gov, …
const DNS_SUFFIXES = [...new Set(PARTITIONS.map((p) => p.dnsSuffix))].map(escape).join('|');
const SYMBOL = String.raw`\{\{[^}]*\}\}`;
const PART = (plain: string) => `(?:${plain}|${SYMBOL})`;

/**
 * `ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]/NAME[:TAG|@DIGEST]` (ECR User Guide, "Private
 * registry"; other partitions end in their own DNS suffix), where any part may be a symbol: `!Sub ${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/app`
 * without a Region is still an ECR image. The repository name is lower-case words separated by
 * `/`, `.`, `_`, `-`.
 */
const ECR_IMAGE = new RegExp(
  String.raw`^(?<account>${PART(String.raw`\d{12}`)})\.dkr\.ecr(?:-fips)?\.(?<region>${PART('[a-z0-9-]+')})\.${PART(`(?:${DNS_SUFFIXES})`)}` +
    String.raw`/(?<repository>(?:[^:@\s{}]|${SYMBOL})+)(?:[:@](?<reference>.+))?$`,
);

/** The image's registry and repository, or undefined when the URI is not an ECR private registry's. */
export function parseEcrImage(uri: string): EcrImage | undefined {
  const groups = ECR_IMAGE.exec(uri)?.groups;
  if (groups === undefined) return undefined;
  return {
    account: groups['account']!,
    region: groups['region']!,
    repository: groups['repository']!,
    ...(groups['reference'] !== undefined ? { reference: groups['reference'] } : {}),
  };
}

/** `arn:PARTITION:ecr:REGION:ACCOUNT:repository/NAME` (docs/aws-facts.md §1 hop 2). */
export const repositoryArn = (partition: string, image: EcrImage): string =>
  `arn:${partition}:ecr:${image.region}:${image.account}:repository/${image.repository}`;
