import { type DetailedIamCatalog, hasActionConditionKeys } from '../../../catalog/iam-catalog';
import type { ConditionView, PolicyRule, RuleHit, StatementView } from '../../types';
import { actionStatus } from './lib/action-status';
import { hasWildcard, hit, isNegatedOperator, showValue, splitAction } from './lib/support';

const TAG_KEY = /^aws:(?:resourcetag\/.+|requesttag\/.+|tagkeys)$/i;

/** Conditions that are false when the key is missing, so the statement never applies to actions without it. */
const requiresKey = (c: ConditionView): boolean =>
  TAG_KEY.test(c.key) && !c.ifExists && c.setOperator !== 'ForAllValues' && c.baseOperator !== 'Null' && !isNegatedOperator(c.baseOperator);

// A wildcard such as ec2:Describe* stands for hundreds of actions, and the same wildcard and tag key
// recur across statements and files: one answer per catalog, service, pattern and key.
const answersByCatalog = new WeakMap<DetailedIamCatalog, Map<string, boolean>>();

/** True when no action the name stands for (itself, or every match of a wildcard) supports the key. */
function supportedByNone(iam: DetailedIamCatalog, service: string, name: string, key: string): boolean {
  if (!hasWildcard(name)) return iam.actionSupportsConditionKey(service, name, key) === false;
  let answers = answersByCatalog.get(iam);
  if (answers === undefined) {
    answers = new Map();
    answersByCatalog.set(iam, answers);
  }
  // Lengths first, so that no text can pass for another combination of the three.
  const cacheKey = `${service.length}:${name.length}:${service}${name}${key}`;
  let answer = answers.get(cacheKey);
  if (answer === undefined) {
    answer = iam.matchActions(service, name).every((action) => iam.actionSupportsConditionKey(service, action, key) === false);
    // Bounded: a long-running process linting many files must not grow this without limit.
    if (answers.size > 50_000) answers.clear();
    answers.set(cacheKey, answer);
  }
  return answer;
}

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
    if (!hasActionConditionKeys(iam)) return [];
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const s = statements[si] as StatementView;
      if (s.effect !== 'Allow' || s.actions === undefined || s.conditions.length === 0) continue;
      const keys = s.conditions.filter(requiresKey).map((c) => c.key);
      if (keys.length === 0) continue;
      for (const a of s.actions) {
        if (actionStatus(iam, a.value) !== 'known') continue;
        const parts = splitAction(a.value) as { service: string; name: string };
        const unsupported = keys.filter((key) => supportedByNone(iam, parts.service, parts.name, key));
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
