import type { PolicyRule } from '../../types';
import { sourceIpSplit } from './lib/source-ip';
import { conditionHits, hit } from './lib/support';

export const privateIpAddress: PolicyRule<'PRIVATE_IP_ADDRESS'> = {
  kind: 'policy',
  meta: {
    code: 'PRIVATE_IP_ADDRESS',
    severity: 'error',
    title: 'aws:SourceIp is compared with private addresses only: the condition never matches',
    description:
      'aws:SourceIp holds the public address a request comes from; requests from private (RFC 1918) addresses reach AWS through a VPC endpoint and carry aws:VpcSourceIp instead. An IpAddress condition listing only private ranges never matches (Access Analyzer check PRIVATE_IP_ADDRESS, an error; IAM User Guide, aws:SourceIp).',
    fix: 'Use aws:VpcSourceIp for private ranges, e.g. "IpAddress": {"aws:SourceIp": "10.0.0.0/16"} -> "IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}, paired with aws:SourceVpc.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionHits(unit.view.statements, (c) => {
      const split = sourceIpSplit(c, 'IpAddress');
      if (split === undefined || !(split.privateCount > 0 && split.publicCount === 0)) return undefined;
      return hit(
        'aws:SourceIp must be compared with public IP ranges, received only private (RFC 1918) ranges: this IpAddress condition never matches',
        c.path,
        `Condition::${c.key}`,
      );
    });
  },
};
