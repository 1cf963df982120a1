import type { PolicyRule, RuleHit } from '../../types';
import { emptyConditionValues } from './lib/empty-values';
import { hit, NO_HITS, showValue } from './lib/support';

export const emptyArrayCondition: PolicyRule<'EMPTY_ARRAY_CONDITION'> = {
  kind: 'policy',
  meta: {
    code: 'EMPTY_ARRAY_CONDITION',
    severity: 'suggestion',
    title: 'A condition key has an empty list of values',
    description:
      'A condition key with no values cannot match a request, so the statement has no effect (Access Analyzer check EMPTY_ARRAY_CONDITION, a suggestion).',
    fix: 'Give the values, e.g. "StringEquals": {"aws:SourceVpce": []} -> "StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}, or remove the key.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const e of emptyConditionValues(s)) {
        if (e.kind === 'plain')
          (hits ??= []).push(
            hit(
              `the condition key ${showValue(e.key)} under ${e.operator} must have at least one value, received []: the statement has no effect`,
              e.path,
              `Condition::${e.key}`,
            ),
          );
      }
    }
    return hits ?? NO_HITS;
  },
};
