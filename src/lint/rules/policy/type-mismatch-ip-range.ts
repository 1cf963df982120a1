import type { PolicyRule } from '../../types';
import { isIpValue, hasVariable } from './lib/condition-values';
import { conditionValueHits, hit, operatorFamily, showValue } from './lib/support';

export const typeMismatchIpRange: PolicyRule<'TYPE_MISMATCH_IP_RANGE'> = {
  kind: 'policy',
  meta: {
    code: 'TYPE_MISMATCH_IP_RANGE',
    severity: 'warning',
    title: 'An IpAddress condition has a value that is not an IP address or CIDR block',
    description:
      'IpAddress and NotIpAddress compare a key with IPv4 or IPv6 addresses in CIDR notation (203.0.113.0/24, 2001:DB8:1234:5678::/64); any other value does not work as intended (Access Analyzer check TYPE_MISMATCH_IP_RANGE, a general warning; IAM User Guide, "IP address condition operators").',
    fix: 'Write the range in CIDR notation, e.g. "203.0.113.*" -> "203.0.113.0/24".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) => {
      if (operatorFamily(c.baseOperator) !== 'IpAddress' || isIpValue(v.value) || hasVariable(v.value)) return undefined;
      return hit(
        `the value of ${showValue(c.key)} under ${c.operator} must be an IP address or a CIDR block such as 203.0.113.0/24, received ${showValue(v.value)}`,
        v.path,
        `Condition::${c.key}::${v.value}`,
      );
    });
  },
};
