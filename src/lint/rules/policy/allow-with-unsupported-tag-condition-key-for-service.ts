import type { PolicyRule } from '../../types';
import { unsupportedTagKeyHits } from './lib/tag-condition-keys';

export const allowWithUnsupportedTagConditionKeyForService: PolicyRule<'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'> = {
  kind: 'policy',
  meta: {
    code: 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    severity: 'suggestion',
    source: 'access-analyzer',
    offline: true,
    title: 'The statement conditions on a tag key that the action does not support',
    description:
      'When an action does not support aws:ResourceTag/…, aws:RequestTag/… or aws:TagKeys, the key is absent from its ' +
      'requests and a condition that needs the key is false: an Allow statement with that condition never allows the ' +
      'action (Access Analyzer check ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE, a suggestion; support per action ' +
      'and resource type from the Service Authorization Reference). A wildcard action is reported only when none of the ' +
      'actions it matches supports the key. IfExists and negated operators are left alone.',
    fix: 'Move the action to a statement without the tag condition and scope it by resource ARN instead, e.g. lambda:GetFunction on "arn:aws:lambda:*:111122223333:function:team-*".',
  },
  check(unit, { iam }) {
    return unsupportedTagKeyHits(unit.view.statements, iam, 'Allow', 'allows');
  },
};
