import type { PolicyRule, RuleHit } from '../../types';
import { emptyConditionValues } from './lib/empty-values';
import { hit, NO_HITS, showValue } from './lib/support';

export const emptyArrayConditionForAnyValue: PolicyRule<'EMPTY_ARRAY_CONDITION_FORANYVALUE'> = {
  kind: 'policy',
  meta: {
    code: 'EMPTY_ARRAY_CONDITION_FORANYVALUE',
    severity: 'suggestion',
    title: 'ForAnyValue with an empty list never matches',
    description:
      'ForAnyValue with no values never matches a request, so the statement has no effect (Access Analyzer check EMPTY_ARRAY_CONDITION_FORANYVALUE, a suggestion).',
    fix: 'Give the values, e.g. "ForAnyValue:StringEquals": {"aws:TagKeys": []} -> "ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const e of emptyConditionValues(s)) {
        if (e.kind === 'ForAnyValue')
          (hits ??= []).push(
            hit(
              `the condition key ${showValue(e.key)} under ${e.operator} must have at least one value, received []: it never matches`,
              e.path,
              `Condition::${e.key}`,
            ),
          );
      }
    }
    return hits ?? NO_HITS;
  },
};
