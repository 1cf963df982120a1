import type { PolicyRule, RuleHit } from '../../types';
import { emptyConditionValues } from './lib/empty-values';
import { hit, NO_HITS, showValue } from './lib/support';

export const emptyArrayConditionIfExists: PolicyRule<'EMPTY_ARRAY_CONDITION_IFEXISTS'> = {
  kind: 'policy',
  meta: {
    code: 'EMPTY_ARRAY_CONDITION_IFEXISTS',
    severity: 'suggestion',
    title: 'IfExists with an empty list matches only requests without the key',
    description:
      'An …IfExists operator with no values matches only when the key is missing from the request; to test that, Null with "true" says it plainly (Access Analyzer check EMPTY_ARRAY_CONDITION_IFEXISTS, a suggestion).',
    fix: 'Write the test for a missing key as Null, e.g. "StringEqualsIfExists": {"aws:SourceVpce": []} -> "Null": {"aws:SourceVpce": "true"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const e of emptyConditionValues(s)) {
        if (e.kind === 'IfExists')
          (hits ??= []).push(
            hit(
              `the condition key ${showValue(e.key)} under ${e.operator} has no values, so it matches only requests without the key: use "Null": {${showValue(e.key)}: "true"}`,
              e.path,
              `Condition::${e.key}`,
            ),
          );
      }
    }
    return hits ?? NO_HITS;
  },
};
