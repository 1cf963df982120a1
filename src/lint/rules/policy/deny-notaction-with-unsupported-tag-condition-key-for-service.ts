import type { PolicyRule } from '../../types';
import { notActionTagKeyHits } from './lib/tag-condition-keys';

export const denyNotActionWithUnsupportedTagConditionKeyForService: PolicyRule<'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'> = {
  kind: 'policy',
  meta: {
    code: 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    severity: 'security_warning',
    source: 'access-analyzer',
    offline: true,
    title: 'A Deny statement with NotAction conditions on a tag key',
    description:
      'Deny with NotAction and a condition that needs aws:ResourceTag/…, aws:RequestTag/… or aws:TagKeys denies only the actions that ' +
      'support the key: every other action it seems to cover, and any action added later without the key, is not denied (Access Analyzer ' +
      'check DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE, a security warning). IfExists and negated operators are left alone.',
    fix: 'List the actions to deny in Action instead of excluding some with NotAction, e.g. "NotAction": "iam:*" -> "Action": ["ec2:TerminateInstances", "ec2:StopInstances"].',
  },
  check(unit) {
    return notActionTagKeyHits(
      unit.view.statements,
      'Deny',
      'a Deny statement with NotAction must not rely on a tag condition key: actions without the key are not denied',
    );
  },
};
