import type { WirePolicy } from '../normalize/canonicalize';

/**
 * Values that neither document names: they stand for "anything else" in the universe (a repository
 * the policies do not mention, a caller from another account, a condition value nobody wrote).
 * Chosen from the documents' values only (not Sids, not key order), so reordering or
 * canonicalizing a document picks the same ones.
 */
export interface FreshValues {
  /** Replaces `*` and fills names: `fresh`, or `fresh1`, … when a document contains it. */
  readonly fill: string;
  /** Replaces `?`. */
  readonly one: string;
  /** The documents' partition: an ARN of another partition is not a resource these policies can reach. */
  readonly partition: string;
  /** A Region neither document names. */
  readonly region: string;
  /** An account for a caller neither document names. */
  readonly account: string;
  /** Another one: the owner of resources under resource policies (see diffEvaluationInputs). */
  readonly ownerAccount: string;
  /** IP addresses for "a caller from elsewhere": IPv4 and IPv6 (a range of one family never holds the other). */
  readonly ip: string;
  readonly ip6: string;
}

const REGIONS = ['us-west-1', 'eu-west-3', 'ap-northeast-3', 'sa-east-1', 'ca-central-1', 'eu-north-1'];
const IPS = ['192.0.2.1', '198.51.100.1', '203.0.113.1'];
const ARN_PARTITION = /^arn:([^:*?$]+):/;

/** Every string of a document except Sids (keys of condition blocks included). */
function collectStrings(value: unknown, out: string[], key?: string): void {
  if (key === 'Sid') return;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      collectStrings(v, out, k);
    }
  }
}

export function freshValues(documents: readonly WirePolicy[]): FreshValues {
  const strings: string[] = [];
  for (const d of documents) collectStrings(d.Statement, strings);
  const text = strings.join('\n').toLowerCase();
  const unused = (candidates: readonly string[], make: (i: number) => string): string => candidates.find((c) => !text.includes(c)) ?? make(candidates.length);
  const fillCandidates = ['fresh', ...Array.from({ length: 20 }, (_, i) => `fresh${i + 1}`)];
  const fill = unused(fillCandidates, () => `fresh-${text.length}`);
  const accounts = Array.from({ length: 20 }, (_, i) => String(i).padStart(12, '0')).filter((a) => !text.includes(a));
  const partitions = new Set(strings.map((s) => ARN_PARTITION.exec(s)?.[1]).filter((p): p is string => p !== undefined));
  return {
    fill,
    one: 'x',
    partition: partitions.size === 0 || partitions.has('aws') ? 'aws' : [...partitions].sort()[0]!,
    region: unused(REGIONS, () => 'xx-fresh-1'),
    account: accounts[0] ?? '999999999998',
    ownerAccount: accounts[1] ?? '999999999999',
    ip: unused(IPS, () => '192.0.2.254'),
    // The discard-only prefix (RFC 6666): no policy allows callers from there.
    ip6: '100::1',
  };
}
