import type { PolicyRule } from '../../types';
import { grammarIssues } from './lib/grammar-issues';
import { hit } from './lib/support';

export const invalidPolicyElement: PolicyRule<'INVALID_POLICY_ELEMENT'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_POLICY_ELEMENT',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'An element is not an element of the policy grammar',
    description:
      'A policy holds Version, Id and Statement; a statement holds Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition, spelt exactly so (IAM User Guide, policy grammar; Access Analyzer check INVALID_POLICY_ELEMENT, an error). IAM rejects the policy.',
    fix: 'Spell the element as the grammar does, e.g. "Resources" -> "Resource".',
  },
  check(unit) {
    return grammarIssues(unit)
      .filter((issue) => issue.code === 'INVALID_POLICY_ELEMENT')
      .map((issue) => hit(issue.message, issue.path));
  },
};
