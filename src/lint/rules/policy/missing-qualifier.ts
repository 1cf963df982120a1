import type { ConditionView, PolicyRule, RuleHit, StatementView } from '../../types';
import { hit, isMultivaluedType, showValue } from './lib/support';

export const missingQualifier: PolicyRule<'MISSING_QUALIFIER'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_QUALIFIER',
    severity: 'error',
    title: 'A multivalued condition key is used without ForAllValues or ForAnyValue',
    description:
      'Keys of an ArrayOf… type (aws:TagKeys, aws:CalledVia, aws:PrincipalOrgPaths, …) carry several values in a request; ' +
      'they must be compared with the ForAllValues: or ForAnyValue: set operators (Access Analyzer check MISSING_QUALIFIER, ' +
      'an error; key types from the Service Authorization Reference). The Null operator needs no qualifier.',
    fix: 'Qualify the operator, e.g. "StringEquals": {"aws:TagKeys": ["team"]} -> "ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}.',
  },
  check(unit, { iam }) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const s = statements[si] as StatementView;
      for (let ci = 0; ci < s.conditions.length; ci++) {
        const c = s.conditions[ci] as ConditionView;
        if (c.setOperator !== undefined || c.baseOperator === 'Null') continue;
        if (!isMultivaluedType(iam.conditionKeyTypes(c.key))) continue;
        hits.push(
          hit(
            `the multivalued condition key ${showValue(c.key)} must be used with ForAllValues: or ForAnyValue:, received ${showValue(c.operator)}`,
            c.path,
            `Condition::${c.key}`,
          ),
        );
      }
    }
    return hits;
  },
};
