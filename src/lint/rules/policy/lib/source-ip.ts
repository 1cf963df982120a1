/**
 * How the values of an aws:SourceIp condition split into private and public ranges, for the four
 * PRIVATE_* rules (IAM User Guide, aws:SourceIp: it holds public addresses only).
 */
import type { ConditionView } from '../../../types';
import { isPrivateRange, parseIpRange } from './condition-values';

export interface SourceIpSplit {
  readonly privateCount: number;
  readonly publicCount: number;
}

/** The split for an IpAddress or NotIpAddress condition on aws:SourceIp; undefined for any other condition. */
export function sourceIpSplit(c: ConditionView, operator: 'IpAddress' | 'NotIpAddress'): SourceIpSplit | undefined {
  if (c.baseOperator !== operator || c.key.toLowerCase() !== 'aws:sourceip') return undefined;
  let privateCount = 0;
  let publicCount = 0;
  for (const v of c.values) {
    const range = parseIpRange(v.value);
    if (range === undefined) continue;
    if (isPrivateRange(range)) privateCount++;
    else publicCount++;
  }
  return { privateCount, publicCount };
}
