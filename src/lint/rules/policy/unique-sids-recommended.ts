import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';

export const uniqueSidsRecommended: PolicyRule<'UNIQUE_SIDS_RECOMMENDED'> = {
  kind: 'policy',
  meta: {
    code: 'UNIQUE_SIDS_RECOMMENDED',
    severity: 'warning',
    title: 'Two statements have the same Sid',
    description:
      'Statement IDs should be unique within a policy; some policy types require it (Access Analyzer checks UNIQUE_SIDS_RECOMMENDED, ' +
      'a general warning, and UNIQUE_SIDS_REQUIRED, an error, for the types that require it, which the reference does not list).',
    fix: 'Rename the later statement, e.g. the second "Sid": "Pull" -> "Sid": "PullFromCache".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    const statements = unit.view.statements;
    if (statements.length < 2) return NO_HITS;
    let hits: RuleHit[] | undefined;
    const seen = new Set<string>();
    for (const s of statements) {
      if (s.sid === undefined || s.sid === '') continue;
      if (seen.has(s.sid)) (hits ??= []).push(hit(`Sid must be unique within the policy, received ${showValue(s.sid)} again`, [...s.path, 'Sid']));
      else seen.add(s.sid);
    }
    return hits ?? NO_HITS;
  },
};
