import type { PolicyRule } from '../../types';
import { conditionHits, hit, showValue } from './lib/support';

export const equivalentToNullFalse: PolicyRule<'EQUIVALENT_TO_NULL_FALSE'> = {
  kind: 'policy',
  meta: {
    code: 'EQUIVALENT_TO_NULL_FALSE',
    severity: 'suggestion',
    source: 'access-analyzer',
    offline: true,
    title: 'A Like condition with the value "*" only tests that the key exists',
    description:
      '"StringLike": {"aws:ResourceTag/team": "*"} (or ArnLike, or ForAnyValue:StringLike) matches every request that has the ' +
      'key, whatever its value: it is "Null": {"aws:ResourceTag/team": "false"} in disguise (Access Analyzer check ' +
      'EQUIVALENT_TO_NULL_FALSE, a suggestion). The IfExists forms are left alone: they also match when the key is absent.',
    fix: 'Write what is meant: "Null": {"aws:ResourceTag/team": "false"} to require the key, or list the accepted values.',
  },
  check(unit) {
    return conditionHits(unit.view.statements, (c) => {
      if (c.baseOperator !== 'StringLike' && c.baseOperator !== 'ArnLike') return undefined;
      if (c.ifExists || c.setOperator === 'ForAllValues') return undefined;
      const star = c.values.find((v) => v.value === '*');
      if (star === undefined) return undefined;
      return hit(
        `${c.operator} with "*" on ${showValue(c.key)} only requires the key to be present: use "Null": {${JSON.stringify(c.key)}: "false"}`,
        star.path,
        `Condition::${c.key}`,
      );
    });
  },
};
