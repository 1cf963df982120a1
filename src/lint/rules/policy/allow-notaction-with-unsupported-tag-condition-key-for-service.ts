import type { PolicyRule } from '../../types';
import { notActionTagKeyHits } from './lib/tag-condition-keys';

export const allowNotActionWithUnsupportedTagConditionKeyForService: PolicyRule<'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'> = {
  kind: 'policy',
  meta: {
    code: 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    severity: 'suggestion',
    source: 'access-analyzer',
    offline: true,
    title: 'An Allow statement with NotAction conditions on a tag key',
    description:
      'Allow with NotAction and a condition that needs aws:ResourceTag/…, aws:RequestTag/… or aws:TagKeys allows only the actions that ' +
      'support the key, not every action it seems to cover (Access Analyzer check ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE, ' +
      'a suggestion). IfExists and negated operators are left alone.',
    fix: 'List the actions to allow in Action instead of excluding some with NotAction, e.g. "NotAction": "iam:*" -> "Action": ["ec2:StartInstances", "ec2:StopInstances"].',
  },
  check(unit) {
    return notActionTagKeyHits(unit.view.statements, 'Allow', 'an Allow statement with NotAction allows only the actions that support its tag condition key');
  },
};
