/**
 * IPv4 and IPv6 addresses and CIDR ranges for IpAddress/NotIpAddress. IAM User Guide, "Condition
 * operators", section "IP address condition operators": "The value must be in the standard CIDR
 * format (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP address
 * without the associated routing prefix, IAM uses the default prefix value of /32." (/128 for IPv6.)
 * An address is eight 16-bit groups; IPv4 uses the last two and is never inside an IPv6 range.
 */
export interface IpAddress {
  readonly v6: boolean;
  readonly groups: readonly number[];
}

export interface IpRange extends IpAddress {
  readonly prefix: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function parseIp(value: string): IpAddress | undefined {
  const v4 = V4.exec(value);
  if (v4) {
    const octets = v4.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    const [a, b, c, d] = octets as [number, number, number, number];
    return { v6: false, groups: [0, 0, 0, 0, 0, 0, (a << 8) | b, (c << 8) | d] };
  }
  if (!value.includes(':')) return undefined;
  const halves = value.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : halves[1]!.split(':')) : [];
  const all = [...head, ...tail];
  if (!all.every((g) => HEX_GROUP.test(g))) return undefined;
  const missing = 8 - all.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return { v6: true, groups };
}

export function parseIpRange(value: string): IpRange | undefined {
  const slash = value.indexOf('/');
  const address = parseIp(slash < 0 ? value : value.slice(0, slash));
  if (!address) return undefined;
  const max = address.v6 ? 128 : 32;
  if (slash < 0) return { ...address, prefix: max };
  const text = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(text) || Number(text) > max) return undefined;
  return { ...address, prefix: Number(text) };
}

export function ipInRange(ip: IpAddress, range: IpRange): boolean {
  if (ip.v6 !== range.v6) return false;
  // IPv4 occupies the last 32 bits, so its prefix counts from bit 96.
  let bits = range.v6 ? range.prefix : 96 + range.prefix;
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((ip.groups[i]! & mask) !== (range.groups[i]! & mask)) return false;
  }
  return true;
}
