import type { PolicyRule } from '../../types';
import { keyStatus } from './lib/condition-keys';
import { conditionHits, hit, showValue } from './lib/support';

export const missingTagKeyInCondition: PolicyRule<'MISSING_TAG_KEY_IN_CONDITION'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_TAG_KEY_IN_CONDITION',
    severity: 'error',
    title: 'A tag condition key has no tag name',
    description:
      'aws:ResourceTag, aws:RequestTag and aws:PrincipalTag (and the service keys of the same names) need the tag key after a ' +
      'slash: aws:ResourceTag/owner (Access Analyzer check MISSING_TAG_KEY_IN_CONDITION, an error; IAM User Guide, ' +
      '"Controlling access to AWS resources using tags").',
    fix: 'Name the tag, e.g. "StringEquals": {"aws:ResourceTag": "JaneDoe"} -> "StringEquals": {"aws:ResourceTag/owner": "JaneDoe"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit, { iam }) {
    return conditionHits(unit.view.statements, (c) => {
      if (keyStatus(iam, c.key).kind !== 'missing-tag-key') return undefined;
      return hit(
        `the tag condition key ${showValue(c.key)} must name a tag key, e.g. ${showValue(`${c.key.replace(/\/$/, '')}/owner`)}`,
        c.path,
        `Condition::${c.key}`,
      );
    });
  },
};
