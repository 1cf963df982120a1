import type { PolicyRule } from '../../types';
import { sourceIpSplit } from './lib/source-ip';
import { conditionHits, hit } from './lib/support';

export const privateNotIpAddress: PolicyRule<'PRIVATE_NOT_IP_ADDRESS'> = {
  kind: 'policy',
  meta: {
    code: 'PRIVATE_NOT_IP_ADDRESS',
    severity: 'error',
    title: 'aws:SourceIp is excluded from private addresses only: the condition always matches',
    description:
      'aws:SourceIp holds public addresses only, so a NotIpAddress condition listing only private (RFC 1918) ranges matches every request and has no effect (Access Analyzer check PRIVATE_NOT_IP_ADDRESS, an error; IAM User Guide, aws:SourceIp).',
    fix: 'Use aws:VpcSourceIp for private ranges, e.g. "NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"} -> "NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionHits(unit.view.statements, (c) => {
      const split = sourceIpSplit(c, 'NotIpAddress');
      if (split === undefined || !(split.privateCount > 0 && split.publicCount === 0)) return undefined;
      return hit(
        'aws:SourceIp must be compared with public IP ranges, received only private (RFC 1918) ranges: this NotIpAddress condition always matches',
        c.path,
        `Condition::${c.key}`,
      );
    });
  },
};
