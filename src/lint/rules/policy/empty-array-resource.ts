import type { PolicyRule, RuleHit } from '../../types';

import { hit, NO_HITS } from './lib/support';

export const emptyArrayResource: PolicyRule<'EMPTY_ARRAY_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'EMPTY_ARRAY_RESOURCE',
    severity: 'suggestion',
    title: 'Resource is an empty list',
    description: 'A statement whose Resource is [] matches no request and grants or denies nothing (Access Analyzer check EMPTY_ARRAY_RESOURCE, a suggestion).',
    fix: 'List the resource ARNs, e.g. "Resource": [] -> "Resource": ["arn:aws:ecr:us-east-1:111122223333:repository/app"], or remove the statement.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      const resource = s.raw['Resource'];
      if (Array.isArray(resource) && resource.length === 0)
        (hits ??= []).push(hit('Resource must list at least one resource, received []: the statement has no effect', [...s.path, 'Resource']));
    }
    return hits ?? NO_HITS;
  },
};
