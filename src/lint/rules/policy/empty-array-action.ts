import type { PolicyRule, RuleHit } from '../../types';

import { hit, NO_HITS } from './lib/support';

export const emptyArrayAction: PolicyRule<'EMPTY_ARRAY_ACTION'> = {
  kind: 'policy',
  meta: {
    code: 'EMPTY_ARRAY_ACTION',
    severity: 'suggestion',
    title: 'Action is an empty list',
    description: 'A statement whose Action is [] matches no request and grants or denies nothing (Access Analyzer check EMPTY_ARRAY_ACTION, a suggestion).',
    fix: 'List the actions, e.g. "Action": [] -> "Action": ["ecr:BatchGetImage"], or remove the statement.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      const action = s.raw['Action'];
      if (Array.isArray(action) && action.length === 0)
        (hits ??= []).push(hit('Action must list at least one action, received []: the statement has no effect', [...s.path, 'Action']));
    }
    return hits ?? NO_HITS;
  },
};
