import type { PolicyRule } from '../../types';
import { unsupportedTagKeyHits } from './lib/tag-condition-keys';

export const denyWithUnsupportedTagConditionKeyForService: PolicyRule<'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'> = {
  kind: 'policy',
  meta: {
    code: 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    severity: 'security_warning',
    source: 'access-analyzer',
    offline: true,
    title: 'A Deny statement conditions on a tag key that the action does not support',
    description:
      'When an action does not support aws:ResourceTag/…, aws:RequestTag/… or aws:TagKeys, the key is absent from its requests and a ' +
      'condition that needs the key is false: a Deny statement with that condition never denies the action, even on a tagged resource ' +
      '(Access Analyzer check DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE, a security warning; support per action and resource ' +
      'type from the Service Authorization Reference). A wildcard action is reported only when none of the actions it matches supports ' +
      'the key. IfExists and negated operators are left alone.',
    fix: 'Move the action to its own Deny statement scoped by resource ARN or name, e.g. lambda:DeleteFunction on "arn:aws:lambda:*:111122223333:function:Confidential*".',
  },
  check(unit, { iam }) {
    return unsupportedTagKeyHits(unit.view.statements, iam, 'Deny', 'denies');
  },
};
