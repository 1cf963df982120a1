import type { ConditionView, PolicyRule, RuleHit, StatementView } from '../../types';
import { hit, isMultivaluedType, showValue } from './lib/support';

export const forAllValuesWithSingleValuedKey: PolicyRule<'FORALLVALUES_WITH_SINGLE_VALUED_KEY'> = {
  kind: 'policy',
  meta: {
    code: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    severity: 'security_warning',
    title: 'ForAllValues is used with a single-valued condition key',
    description:
      'ForAllValues: is true when the key is absent from the request, so on a single-valued key such as aws:SourceVpce it ' +
      'lets requests that bypass the endpoint through (IAM User Guide, "Single-valued vs. multivalued context keys"; ' +
      'Access Analyzer check FORALLVALUES_WITH_SINGLE_VALUED_KEY, a security warning; DOMAIN.md §4).',
    fix: 'Drop the qualifier: "ForAllValues:StringEquals": {"aws:SourceVpce": "vpce-…"} -> "StringEquals": {"aws:SourceVpce": "vpce-…"}.',
  },
  check(unit, { iam }) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const s = statements[si] as StatementView;
      for (let ci = 0; ci < s.conditions.length; ci++) {
        const c = s.conditions[ci] as ConditionView;
        if (c.setOperator !== 'ForAllValues' || c.baseOperator === 'Null') continue;
        const types = iam.conditionKeyTypes(c.key);
        if (types === undefined || isMultivaluedType(types)) continue;
        hits.push(
          hit(
            `the single-valued condition key ${showValue(c.key)} must not be used with ForAllValues:, received ${showValue(c.operator)}`,
            c.path,
            `Condition::${c.key}`,
          ),
        );
      }
    }
    return hits;
  },
};
