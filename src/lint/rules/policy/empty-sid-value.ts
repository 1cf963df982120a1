import type { PolicyRule, RuleHit } from '../../types';

import { hit, NO_HITS } from './lib/support';

export const emptySidValue: PolicyRule<'EMPTY_SID_VALUE'> = {
  kind: 'policy',
  meta: {
    code: 'EMPTY_SID_VALUE',
    severity: 'suggestion',
    title: 'The Sid is an empty string',
    description: 'Sid is optional; when present it should identify the statement (Access Analyzer check EMPTY_SID_VALUE, a suggestion).',
    fix: 'Give the statement an ID or remove Sid, e.g. "Sid": "" -> "Sid": "PullImages".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.raw['Sid'] === '') (hits ??= []).push(hit('Sid must not be an empty string: give the statement an ID or remove Sid', [...s.path, 'Sid']));
    }
    return hits ?? NO_HITS;
  },
};
