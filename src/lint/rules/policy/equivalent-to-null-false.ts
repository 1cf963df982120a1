import type { ConditionView, PolicyRule, RuleHit, StatementView } from '../../types';
import { hit, showValue } from './lib/support';

export const equivalentToNullFalse: PolicyRule<'EQUIVALENT_TO_NULL_FALSE'> = {
  kind: 'policy',
  meta: {
    code: 'EQUIVALENT_TO_NULL_FALSE',
    severity: 'suggestion',
    title: 'A Like condition with the value "*" only tests that the key exists',
    description:
      '"StringLike": {"aws:ResourceTag/team": "*"} (or ArnLike, or ForAnyValue:StringLike) matches every request that has the ' +
      'key, whatever its value: it is "Null": {"aws:ResourceTag/team": "false"} in disguise (Access Analyzer check ' +
      'EQUIVALENT_TO_NULL_FALSE, a suggestion). The IfExists forms are left alone: they also match when the key is absent.',
    fix: 'Write what is meant: "Null": {"aws:ResourceTag/team": "false"} to require the key, or list the accepted values.',
  },
  check(unit) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const s = statements[si] as StatementView;
      for (let ci = 0; ci < s.conditions.length; ci++) {
        const c = s.conditions[ci] as ConditionView;
        if (c.baseOperator !== 'StringLike' && c.baseOperator !== 'ArnLike') continue;
        if (c.ifExists || c.setOperator === 'ForAllValues') continue;
        const star = c.values.find((v) => v.value === '*');
        if (star === undefined) continue;
        hits.push(
          hit(
            `${c.operator} with "*" on ${showValue(c.key)} only requires the key to be present: use "Null": {${JSON.stringify(c.key)}: "false"}`,
            star.path,
            `Condition::${c.key}`,
          ),
        );
      }
    }
    return hits;
  },
};
