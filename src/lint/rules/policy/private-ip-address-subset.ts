import type { PolicyRule } from '../../types';
import { sourceIpSplit } from './lib/source-ip';
import { conditionHits, hit } from './lib/support';

export const privateIpAddressSubset: PolicyRule<'PRIVATE_IP_ADDRESS_SUBSET'> = {
  kind: 'policy',
  meta: {
    code: 'PRIVATE_IP_ADDRESS_SUBSET',
    severity: 'suggestion',
    title: 'aws:SourceIp is compared with a mix of private and public addresses',
    description:
      'aws:SourceIp holds public addresses only; the private (RFC 1918) ranges of an IpAddress condition never match and do not do what they seem to (Access Analyzer check PRIVATE_IP_ADDRESS_SUBSET, a suggestion).',
    fix: 'Move the private ranges to aws:VpcSourceIp, e.g. ["203.0.113.0/24", "10.0.0.0/16"] -> aws:SourceIp ["203.0.113.0/24"] and aws:VpcSourceIp ["10.0.0.0/16"] in separate statements.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionHits(unit.view.statements, (c) => {
      const split = sourceIpSplit(c, 'IpAddress');
      if (split === undefined || !(split.privateCount > 0 && split.publicCount > 0)) return undefined;
      return hit(
        'the private (RFC 1918) ranges among the values of aws:SourceIp never match: aws:SourceIp holds public addresses only, use aws:VpcSourceIp for private ones',
        c.path,
        `Condition::${c.key}`,
      );
    });
  },
};
