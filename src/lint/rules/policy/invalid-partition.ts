import type { PolicyRule, RuleHit } from '../../types';
import { arnFields, isOpenField, resourceValues } from './lib/arn-fields';
import { hit, NO_HITS, showValue } from './lib/support';
import { PARTITIONS } from '../../../model/regions.generated';
import { cite } from '../../../model/aws-sources';

const PARTITION_IDS: ReadonlySet<string> = new Set(PARTITIONS.map((p) => p.id));

export const invalidPartition: PolicyRule<'INVALID_PARTITION'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_PARTITION',
    severity: 'error',
    title: 'The partition of a resource ARN is not an AWS partition',
    description:
      'The second field of an ARN is the partition: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc (Access Analyzer check INVALID_PARTITION, an error; partitions from the Region table of policygen, generated from the AWS SDK partitions data). Whether a service exists in a partition is not in the offline data and is not checked. ' +
      `${cite('AA-CHECKS')}.`,
    fix: 'Write a partition, e.g. "arn:amazon:s3:::bucket" -> "arn:aws:s3:::bucket".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.resources === undefined && s.notResources === undefined) continue;
      for (const r of resourceValues(s)) {
        const arn = arnFields(r.value);
        if (arn !== undefined && !isOpenField(arn.partition) && !PARTITION_IDS.has(arn.partition))
          (hits ??= []).push(
            hit(
              `the partition ${showValue(arn?.partition)} of the resource ARN ${showValue(r.value)} must be one of ${[...PARTITION_IDS].join(', ')}`,
              r.path,
              `Resource::${r.value}`,
            ),
          );
      }
    }
    return hits ?? NO_HITS;
  },
};
