/**
 * Tag condition keys and the actions that support them, for the four *_UNSUPPORTED_TAG_CONDITION_KEY_*
 * rules (IAM User Guide, "IAM policy validation check reference":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html). Support
 * per action and resource type comes from the Service Authorization Reference, through the catalog.
 */
import { type DetailedIamCatalog, hasActionConditionKeys } from '../../../../catalog/iam-catalog';
import type { ConditionView, IamCatalog, RuleHit, StatementView } from '../../../types';
import { actionStatus } from './action-status';
import { hasWildcard, hit, isNegatedOperator, NO_HITS, showValue, splitAction } from './support';

/** The global tag keys: aws:ResourceTag/…, aws:RequestTag/…, aws:TagKeys. */
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

/**
 * For statements of `effect` with Action and a condition that needs a tag key: one hit per action
 * (or wildcard) of which no action supports the key, since the condition is false for it and the
 * statement never `verb` it.
 */
export function unsupportedTagKeyHits(statements: readonly StatementView[], iam: IamCatalog, effect: 'Allow' | 'Deny', verb: string): readonly RuleHit[] {
  if (!hasActionConditionKeys(iam)) return NO_HITS;
  let hits: RuleHit[] | undefined;
  for (const s of statements) {
    if (s.effect !== effect || s.actions === undefined || s.conditions.length === 0) continue;
    const keys = s.conditions.filter(requiresKey).map((c) => c.key);
    if (keys.length === 0) continue;
    for (const a of s.actions) {
      if (actionStatus(iam, a.value) !== 'known') continue;
      const parts = splitAction(a.value) as { service: string; name: string };
      const unsupported = keys.filter((key) => supportedByNone(iam, parts.service, parts.name, key));
      if (unsupported.length === 0) continue;
      (hits ??= []).push(
        hit(
          `the action ${showValue(a.value)} does not support the condition key ${unsupported.join(', ')}: this statement never ${verb} it`,
          a.path,
          `Action::${a.value}`,
        ),
      );
    }
  }
  return hits ?? NO_HITS;
}

/**
 * For statements of `effect` with NotAction and a condition that needs a tag key: one hit on the
 * NotAction element, since the actions it leaves in include actions that lack the key, now or later.
 */
export function notActionTagKeyHits(statements: readonly StatementView[], effect: 'Allow' | 'Deny', message: string): readonly RuleHit[] {
  let hits: RuleHit[] | undefined;
  for (const s of statements) {
    if (s.effect !== effect || s.notActions === undefined || s.conditions.length === 0) continue;
    const keys = s.conditions.filter(requiresKey).map((c) => c.key);
    if (keys.length === 0) continue;
    (hits ??= []).push(hit(`${message} (${keys.join(', ')})`, [...s.path, 'NotAction'], `NotAction::${keys.join(',')}`));
  }
  return hits ?? NO_HITS;
}
