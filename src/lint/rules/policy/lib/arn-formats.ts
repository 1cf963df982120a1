/**
 * A resource ARN against the ARN formats of the Service Authorization Reference (the catalog's
 * resource types, e.g. `arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}`),
 * for the rules INVALID_ARN_RESOURCE, MISSING_ARN_REGION, ARN_REGION_NOT_ALLOWED and
 * ARN_ACCOUNT_NOT_ALLOWED (IAM User Guide, "IAM policy validation check reference":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
 *
 * Never a false error: a `*`, `?` or `${…}` (a policy variable, or a CloudFormation / Terraform value
 * not resolved before deploy) in the value stands for any text, and the value is judged only when no
 * string it can stand for fits any format. A format's `${Variable}` stands for one or more characters.
 * Letters are compared without case: AWS's own managed policies write `statemachine:` and
 * `vpcconnection/` where the reference has `stateMachine:` and `vpcConnection/`, and a case the
 * reference may not hold exactly is no ground for an error.
 */
import { hasArnFormats } from '../../../../catalog/iam-catalog';
import type { IamCatalog, RuleHit, StatementView } from '../../../types';
import { arnFields, isOpenField, resourceValues } from './arn-fields';
import { memoizePerCatalog } from './catalog-memo';
import { hit, NO_HITS } from './support';

/** One ARN format, split into what the rules compare. */
export interface ArnFormat {
  /** As the Service Authorization Reference writes it. */
  readonly arn: string;
  /** The Region field is a variable (not empty). */
  readonly hasRegion: boolean;
  /** The account field is not empty (`${Account}`, or `aws` for AWS-owned resources). */
  readonly hasAccount: boolean;
  /** The resource part as a glob: literal characters, and ANY (`?`) / STAR (`*`) tokens. */
  readonly resource: readonly Token[];
}

/** A literal character (its code), one character of any kind, or any run of characters. */
export type Token = number | typeof ANY | typeof STAR;
const ANY = -1;
const STAR = -2;

/** `${Name}` as one or more characters; every other character literal. */
export function formatTokens(resource: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < resource.length; i++) {
    if (resource.startsWith('${', i)) {
      const end = resource.indexOf('}', i);
      if (end > 0) {
        tokens.push(ANY, STAR);
        i = end;
        continue;
      }
    }
    tokens.push(resource.charCodeAt(i));
  }
  return tokens;
}

/** A policy value: `*` any run, `?` one character, `${…}` (to its brace, or to the end) any run. */
export function valueTokens(resource: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < resource.length; i++) {
    const c = resource.charCodeAt(i);
    if (c === 42 /* * */) tokens.push(STAR);
    else if (c === 63 /* ? */) tokens.push(ANY);
    else if (resource.startsWith('${', i)) {
      const end = resource.indexOf('}', i);
      tokens.push(STAR);
      if (end < 0) break;
      i = end;
    } else tokens.push(c);
  }
  return tokens;
}

/**
 * Whether some string matches both globs. Most pairs differ in a literal character before the first
 * `*` or after the last one, and most values hold no wildcard: both are decided without allocating.
 * The rest is a search over pairs of positions in both globs.
 *
 * @example globsIntersect(valueTokens('repository/*'), valueTokens('repo?itory/app')) // true
 */
export function globsIntersect(a: readonly Token[], b: readonly Token[]): boolean {
  if (!endsCompatible(a, b)) return false;
  if (isLiteral(b)) return globMatchesLiteral(a, b);
  if (isLiteral(a)) return globMatchesLiteral(b, a);
  return globsIntersectSearch(a, b);
}

/**
 * False when no string can match both: before the first STAR of either glob every token stands for
 * exactly one character at a fixed position from the start, after the last STAR at a fixed position
 * from the end, and two different literal characters there cannot both hold.
 */
function endsCompatible(a: readonly Token[], b: readonly Token[]): boolean {
  let i = 0;
  for (; i < a.length && i < b.length; i++) {
    const x = a[i] as Token;
    const y = b[i] as Token;
    if (x === STAR || y === STAR) break;
    if (x !== y && x !== ANY && y !== ANY) return false;
  }
  // One glob ended before either met a STAR: the other must have a STAR next, or end too.
  if (i === a.length || i === b.length) {
    if (i === a.length && i === b.length) return true;
    const next = i === a.length ? b[i] : a[i];
    if (next !== STAR) return false;
  }
  for (let p = a.length - 1, q = b.length - 1; p >= 0 && q >= 0; p--, q--) {
    const x = a[p] as Token;
    const y = b[q] as Token;
    if (x === STAR || y === STAR) break;
    if (x !== y && x !== ANY && y !== ANY) return false;
  }
  return true;
}

function isLiteral(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) if ((tokens[i] as Token) < 0) return false;
  return true;
}

/** Whether `glob` matches the literal characters `text`: the usual walk that backs up to the last STAR. */
function globMatchesLiteral(glob: readonly Token[], text: readonly Token[]): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < text.length) {
    const g = glob[i];
    if (g === STAR) {
      star = i++;
      resume = j;
    } else if (g !== undefined && (g === ANY || g === text[j])) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else return false;
  }
  while (glob[i] === STAR) i++;
  return i === glob.length;
}

// The search's visited pairs and stack, kept between calls (the lint is one thread and this never
// re-enters): a resource value is compared with every format of its service.
let seen = new Uint8Array(1024);
let stack = new Int32Array(1024);

/** Every pair (i, j) of positions reachable from (0, 0) by reading the same character in both globs. */
function globsIntersectSearch(a: readonly Token[], b: readonly Token[]): boolean {
  const width = b.length + 1;
  const size = (a.length + 1) * width;
  if (seen.length < size) {
    seen = new Uint8Array(size);
    stack = new Int32Array(size);
  } else seen.fill(0, 0, size);
  let top = 0;
  const push = (k: number): void => {
    if (seen[k] === 0) {
      seen[k] = 1;
      stack[top++] = k;
    }
  };
  push(0);
  while (top > 0) {
    const k = stack[--top] as number;
    const i = (k / width) | 0;
    const j = k - i * width;
    if (i === a.length && j === b.length) return true;
    const x = a[i];
    const y = b[j];
    if (x === STAR) {
      push(k + width);
      if (j < b.length) push(k + 1);
    }
    if (y === STAR) {
      push(k + 1);
      if (i < a.length) push(k + width);
    }
    if (x !== undefined && y !== undefined && x !== STAR && y !== STAR && (x === ANY || y === ANY || x === y)) push(k + width + 1);
  }
  return false;
}

function parseFormat(arn: string): ArnFormat {
  const parts = arn.split(':');
  return {
    arn,
    hasRegion: (parts[3] ?? '') !== '',
    hasAccount: (parts[4] ?? '') !== '',
    resource: formatTokens(parts.slice(5).join(':').toLowerCase()),
  };
}

const formatsOf = memoizePerCatalog((iam, arnService): readonly ArnFormat[] | false => {
  if (!hasArnFormats(iam)) return false;
  const formats = iam.arnFormatsOfArnService(arnService);
  return formats === undefined || formats.length === 0 ? false : formats.map(parseFormat);
});

/** What the catalog's formats say about one resource ARN. */
export interface ArnFormatMatch {
  readonly region: string;
  readonly account: string;
  /** The formats of the ARN's service whose resource part the value can match (empty: none can). */
  readonly matching: readonly ArnFormat[];
  /** Every format of the ARN's service. */
  readonly formats: readonly ArnFormat[];
}

const matchArn = memoizePerCatalog((iam, value): ArnFormatMatch | false => {
  // `${AWS::Region}` and `${aws:username}` hold colons: emptied first, they cannot shift the fields.
  const arn = arnFields(value.includes('${') ? value.replace(/\$\{[^}]*\}/g, '${}') : value);
  if (arn === undefined || arn.resource === undefined || isOpenField(arn.service)) return false;
  const formats = formatsOf(iam, arn.service);
  if (formats === false) return false;
  const resource = valueTokens(arn.resource.toLowerCase());
  return { region: arn.region, account: arn.account, matching: formats.filter((f) => globsIntersect(f.resource, resource)), formats };
});

/**
 * The formats a resource ARN value can match; undefined when it cannot be judged: not an ARN of six
 * fields, a service field with a wildcard, or a service of which the catalog knows no ARN format.
 *
 * @example arnFormatMatch(iam, 'arn:aws:s3:::bucket/key')?.matching.map((f) => f.arn) // ['arn:${Partition}:s3:::${BucketName}/${ObjectName}', …]
 */
export function arnFormatMatch(iam: IamCatalog, value: string): ArnFormatMatch | undefined {
  return matchArn(iam, value) || undefined;
}

/**
 * The hits of one ARN format rule over every Resource and NotResource value of a policy that the
 * catalog can judge: `judge` returns the message for a value it reports, or undefined.
 */
export function arnFormatHits(
  statements: readonly StatementView[],
  iam: IamCatalog,
  judge: (match: ArnFormatMatch, value: string) => string | undefined,
): readonly RuleHit[] {
  let hits: RuleHit[] | undefined;
  for (const s of statements) {
    if (s.resources === undefined && s.notResources === undefined) continue;
    for (const r of resourceValues(s)) {
      const match = arnFormatMatch(iam, r.value);
      const message = match === undefined ? undefined : judge(match, r.value);
      if (message !== undefined) (hits ??= []).push(hit(message, r.path, `Resource::${r.value}`));
    }
  }
  return hits ?? NO_HITS;
}
