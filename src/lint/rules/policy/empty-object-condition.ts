import type { PolicyRule, RuleHit } from '../../types';
import { isRecord } from '../../../model/json';
import { hit, NO_HITS } from './lib/support';

export const emptyObjectCondition: PolicyRule<'EMPTY_OBJECT_CONDITION'> = {
  kind: 'policy',
  meta: {
    code: 'EMPTY_OBJECT_CONDITION',
    severity: 'suggestion',
    title: 'Condition is an empty object',
    description: 'A Condition element with no operator in it adds nothing to the statement (Access Analyzer check EMPTY_OBJECT_CONDITION, a suggestion).',
    fix: 'Remove "Condition": {} or write the condition, e.g. "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      const condition = s.raw['Condition'];
      if (isRecord(condition) && Object.keys(condition).length === 0)
        (hits ??= []).push(hit('Condition must hold at least one condition operator, received {}', [...s.path, 'Condition']));
    }
    return hits ?? NO_HITS;
  },
};
