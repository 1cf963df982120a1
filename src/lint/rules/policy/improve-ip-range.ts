import type { PolicyRule } from '../../types';
import { normalizedIpv4, parseIpRange } from './lib/condition-values';
import { conditionValueHits, hit, operatorFamily, showValue } from './lib/support';

export const improveIpRange: PolicyRule<'IMPROVE_IP_RANGE'> = {
  kind: 'policy',
  meta: {
    code: 'IMPROVE_IP_RANGE',
    severity: 'suggestion',
    title: 'A CIDR block has bits set after its prefix',
    description:
      'In a CIDR block the bits after the prefix length are ignored: 203.0.113.5/24 is 203.0.113.0/24, which may not be ' +
      'what the author meant (Access Analyzer check IMPROVE_IP_RANGE, a suggestion; IAM User Guide, "IP address condition ' +
      'operators"). IPv4 only.',
    fix: 'Write the network address, e.g. "203.0.113.5/24" -> "203.0.113.0/24", or a /32 for the single address.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) => {
      if (operatorFamily(c.baseOperator) !== 'IpAddress') return undefined;
      const range = parseIpRange(v.value);
      const better = range === undefined ? undefined : normalizedIpv4(range);
      if (better === undefined) return undefined;
      return hit(
        `the CIDR block ${showValue(v.value)} must have no bits set after its prefix, use ${showValue(better)}`,
        v.path,
        `Condition::${c.key}::${v.value}`,
      );
    });
  },
};
