/**
 * What a condition value must look like for its operator family (IAM User Guide, "IAM JSON policy
 * elements: Condition operators"): dates, numbers, Booleans, IP ranges and base64. Shared by the
 * TYPE_MISMATCH_* rules and the private-address rules; each regex is compiled once, here.
 */
import { lazyModule } from '../../../../model/lazy-module';

/**
 * node:net, for its address parsers, on the first IP value: loading it loads Node's streams and
 * sockets, which a run over policies without IP conditions never needs (bench/README.md).
 */
const net = lazyModule<typeof import('node:net')>(() => require('node:net'));

// ISO 8601 as the Date operators take it (W3C profile: YYYY, YYYY-MM, YYYY-MM-DD, then a time to
// minutes, seconds or fractions, with Z or an offset); epoch seconds are accepted too.
const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const EPOCH = /^\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A value with a policy variable is known only at request time: the format rules leave it alone. */
export const hasVariable = (value: string): boolean => value.includes('${');

export const isDateValue = (value: string): boolean => ISO_DATE.test(value) || EPOCH.test(value);
/** Epoch seconds rather than an ISO 8601 date: accepted, but Access Analyzer advises against it (INVALID_DATE_VALUE). */
export const isEpochDate = (value: string): boolean => EPOCH.test(value);
export const isNumberValue = (value: string): boolean => NUMBER.test(value);
/** Bool compares `true` and `false`; IAM reads them without regard to case. */
export const isBoolValue = (value: string): boolean => {
  const lower = value.toLowerCase();
  return lower === 'true' || lower === 'false';
};
export const isBase64Value = (value: string): boolean => value.length > 0 && BASE64.test(value);

/** An IP address or CIDR block, parsed; IPv4 with its 32-bit value, IPv6 only as valid or not. */
export interface IpRange {
  readonly version: 4 | 6;
  /** Prefix length; 32 or 128 for a single address. */
  readonly bits: number;
  /** IPv4 only: the address as an unsigned 32-bit number. */
  readonly address?: number;
}

/** `203.0.113.0/24`, `2001:DB8::/32` or a single address; undefined when the value is neither. */
export function parseIpRange(value: string): IpRange | undefined {
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const prefix = slash < 0 ? undefined : value.slice(slash + 1);
  const version = net().isIPv4(host) ? 4 : net().isIPv6(host) ? 6 : undefined;
  if (version === undefined) return undefined;
  const max = version === 4 ? 32 : 128;
  let bits = max;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix)) return undefined;
    bits = Number(prefix);
    if (bits > max) return undefined;
  }
  if (version === 6) return { version, bits };
  const address = host.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  return { version, bits, address };
}

/** The IPv4 range with the bits after the mask cleared, when some are set (IMPROVE_IP_RANGE); else undefined. */
export function normalizedIpv4(range: IpRange): string | undefined {
  if (range.version !== 4 || range.address === undefined || range.bits === 32) return undefined;
  const size = 2 ** (32 - range.bits);
  const network = Math.floor(range.address / size) * size;
  if (network === range.address) return undefined;
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join('.')}/${range.bits}`;
}

// RFC 1918 private IPv4 ranges: aws:SourceIp never holds them, as requests from private addresses
// reach AWS through a VPC endpoint, where aws:VpcSourceIp applies (IAM User Guide, aws:SourceIp).
const PRIVATE_V4: readonly (readonly [number, number])[] = [
  [10 * 2 ** 24, 8],
  [(172 * 256 + 16) * 2 ** 16, 12],
  [(192 * 256 + 168) * 2 ** 16, 16],
];

/** True when every address of the IPv4 range is private (RFC 1918). IPv6 ranges are never called private here. */
export function isPrivateRange(range: IpRange): boolean {
  if (range.version !== 4 || range.address === undefined) return false;
  for (const [network, bits] of PRIVATE_V4) {
    if (range.bits < bits) continue;
    const size = 2 ** (32 - bits);
    if (Math.floor(range.address / size) * size === network) return true;
  }
  return false;
}

export const isIpValue = (value: string): boolean => parseIpRange(value) !== undefined;
