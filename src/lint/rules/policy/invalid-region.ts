import { parseRegion } from '../../../model/region';
import type { PolicyRule } from '../../types';
import { hasVariable } from './lib/condition-values';
import { conditionValueHits, hasWildcard, hit, operatorFamily, showValue } from './lib/support';

// Keys whose values are Region names (IAM User Guide, global condition keys: aws:RequestedRegion).
const REGION_KEYS = new Set(['aws:requestedregion']);

export const invalidRegion: PolicyRule<'INVALID_REGION'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_REGION',
    severity: 'error',
    title: 'A condition value that names a Region is not a Region',
    description:
      'aws:RequestedRegion holds the Region a request is sent to, such as eu-west-1; a value that is no Region never matches ' +
      "(Access Analyzer check INVALID_REGION, an error). Regions come from policygen's partition table; a Region newer than " +
      "the table is accepted when its partition's pattern matches it. Values with wildcards or policy variables are not checked.",
    fix: 'Write the Region code, e.g. "eu-west-l" -> "eu-west-1", "Ireland" -> "eu-west-1".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    return conditionValueHits(unit.view.statements, (c, v) => {
      if (operatorFamily(c.baseOperator) !== 'String' || !REGION_KEYS.has(c.key.toLowerCase())) return undefined;
      if (hasWildcard(v.value) || hasVariable(v.value) || parseRegion(v.value, { allowUnlisted: true }).ok) return undefined;
      return hit(
        `the value of ${showValue(c.key)} must be an AWS Region such as us-east-1, received ${showValue(v.value)}`,
        v.path,
        `Condition::${c.key}::${v.value}`,
      );
    });
  },
};
