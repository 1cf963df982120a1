import type { PolicyRule } from '../../types';
import { conditionHits, hit, isMultivaluedType, showValue } from './lib/support';

export const missingQualifier: PolicyRule<'MISSING_QUALIFIER'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_QUALIFIER',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A multivalued condition key is used without ForAllValues or ForAnyValue',
    description:
      'Keys of an ArrayOf… type (aws:TagKeys, aws:CalledVia, aws:PrincipalOrgPaths, …) carry several values in a request; ' +
      'they must be compared with the ForAllValues: or ForAnyValue: set operators (Access Analyzer check MISSING_QUALIFIER, ' +
      'an error; key types from the Service Authorization Reference). The Null operator needs no qualifier.',
    fix: 'Qualify the operator, e.g. "StringEquals": {"aws:TagKeys": ["team"]} -> "ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}.',
  },
  check(unit, { iam }) {
    return conditionHits(unit.view.statements, (c) => {
      if (c.setOperator !== undefined || c.baseOperator === 'Null') return undefined;
      if (!isMultivaluedType(iam.conditionKeyTypes(c.key))) return undefined;
      return hit(
        `the multivalued condition key ${showValue(c.key)} must be used with ForAllValues: or ForAnyValue:, received ${showValue(c.operator)}`,
        c.path,
        `Condition::${c.key}`,
      );
    });
  },
};
