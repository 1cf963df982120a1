import type { PolicyRule } from '../../types';
import { sourceIpSplit } from './lib/source-ip';
import { conditionHits, hit } from './lib/support';

export const privateNotIpAddressSubset: PolicyRule<'PRIVATE_NOT_IP_ADDRESS_SUBSET'> = {
  kind: 'policy',
  meta: {
    code: 'PRIVATE_NOT_IP_ADDRESS_SUBSET',
    severity: 'suggestion',
    title: 'aws:SourceIp is excluded from a mix of private and public addresses',
    description:
      'aws:SourceIp holds public addresses only; the private (RFC 1918) ranges of a NotIpAddress condition have no effect (Access Analyzer check PRIVATE_NOT_IP_ADDRESS_SUBSET, a suggestion).',
    fix: 'Move the private ranges to a NotIpAddress condition on aws:VpcSourceIp, e.g. {"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionHits(unit.view.statements, (c) => {
      const split = sourceIpSplit(c, 'NotIpAddress');
      if (split === undefined || !(split.privateCount > 0 && split.publicCount > 0)) return undefined;
      return hit(
        'the private (RFC 1918) ranges among the values of aws:SourceIp have no effect under NotIpAddress: aws:SourceIp holds public addresses only, use aws:VpcSourceIp for private ones',
        c.path,
        `Condition::${c.key}`,
      );
    });
  },
};
