import { isRecord } from '../../../model/json';
import type { PolicyRule, RuleHit } from '../../types';
import { operatorsOf } from './lib/condition-operators';
import { hit, NO_HITS, showValue } from './lib/support';

const NULL_IF_EXISTS = /^(?:ForAnyValue:|ForAllValues:)?NullIfExists$/;

export const nullWithIfExists: PolicyRule<'NULL_WITH_IF_EXISTS'> = {
  kind: 'policy',
  meta: {
    code: 'NULL_WITH_IF_EXISTS',
    severity: 'error',
    title: 'The Null operator has the IfExists suffix',
    description:
      'IfExists may end any condition operator except Null: Null already tests whether the key is present (Access Analyzer ' +
      'check NULL_WITH_IF_EXISTS, an error; IAM User Guide, "...IfExists condition operators").',
    fix: 'Drop the suffix, e.g. "NullIfExists": {"aws:TagKeys": "false"} -> "Null": {"aws:TagKeys": "false"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      const condition = s.raw['Condition'];
      // Operators are checked by name before any path is built: nearly no policy has this one.
      if (!isRecord(condition) || !Object.keys(condition).some((operator) => operator.endsWith('NullIfExists'))) continue;
      for (const o of operatorsOf(s)) {
        if (NULL_IF_EXISTS.test(o.operator))
          (hits ??= []).push(hit(`the condition operator ${showValue(o.operator)} must be Null without IfExists`, o.path, `Condition::${o.operator}`));
      }
    }
    return hits ?? NO_HITS;
  },
};
