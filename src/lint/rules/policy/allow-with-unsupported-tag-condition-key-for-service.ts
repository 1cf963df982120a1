import { hasActionConditionKeys } from '../../iam-catalog';
import type { ConditionView, PolicyRule, RuleHit } from '../../types';
import { actionStatus } from './lib/action-status';
import { hasWildcard, hit, isNegatedOperator, showValue, splitAction } from './lib/support';

const TAG_KEY = /^aws:(?:resourcetag\/.+|requesttag\/.+|tagkeys)$/i;

/** Conditions that are false when the key is missing, so the statement never applies to actions without it. */
const requiresKey = (c: ConditionView): boolean =>
  TAG_KEY.test(c.key) && !c.ifExists && c.setOperator !== 'ForAllValues' && c.baseOperator !== 'Null' && !isNegatedOperator(c.baseOperator);

export const allowWithUnsupportedTagConditionKeyForService: PolicyRule<'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'> = {
  kind: 'policy',
  meta: {
    code: 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    severity: 'suggestion',
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
    if (!hasActionConditionKeys(iam)) return [];
    const hits: RuleHit[] = [];
    for (const s of unit.view.statements) {
      if (s.effect !== 'Allow' || s.actions === undefined) continue;
      const keys = s.conditions.filter(requiresKey).map((c) => c.key);
      if (keys.length === 0) continue;
      for (const a of s.actions) {
        if (actionStatus(iam, a.value) !== 'known') continue;
        const parts = splitAction(a.value) as { service: string; name: string };
        const actions = hasWildcard(parts.name) ? iam.matchActions(parts.service, parts.name) : [parts.name];
        const unsupported = keys.filter((key) => actions.every((name) => iam.actionSupportsConditionKey(parts.service, name, key) === false));
        if (unsupported.length === 0) continue;
        hits.push(
          hit(
            `the action ${showValue(a.value)} does not support the condition key ${unsupported.join(', ')}: this statement never allows it`,
            a.path,
            `Action::${a.value}`,
          ),
        );
      }
    }
    return hits;
  },
};
