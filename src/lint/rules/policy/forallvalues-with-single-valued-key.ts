import type { PolicyRule } from '../../types';
import { conditionHits, hit, isMultivaluedType, showValue } from './lib/support';
import { cite } from '../../../model/aws-sources';

export const forAllValuesWithSingleValuedKey: PolicyRule<'FORALLVALUES_WITH_SINGLE_VALUED_KEY'> = {
  kind: 'policy',
  meta: {
    code: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    severity: 'security_warning',
    source: 'access-analyzer',
    offline: true,
    title: 'ForAllValues is used with a single-valued condition key',
    description:
      'ForAllValues: is true when the key is absent from the request, so on a single-valued key such as aws:SourceVpce it ' +
      'lets requests that bypass the endpoint through (IAM User Guide, "Single-valued vs. multivalued context keys"; ' +
      'Access Analyzer check FORALLVALUES_WITH_SINGLE_VALUED_KEY, a security warning). ' +
      `${cite('IAM-KEYS', 'AA-CHECKS')}.`,
    fix: 'Drop the qualifier: "ForAllValues:StringEquals": {"aws:SourceVpce": "vpce-…"} -> "StringEquals": {"aws:SourceVpce": "vpce-…"}.',
  },
  check(unit, { iam }) {
    return conditionHits(unit.view.statements, (c) => {
      if (c.setOperator !== 'ForAllValues' || c.baseOperator === 'Null') return undefined;
      const types = iam.conditionKeyTypes(c.key);
      if (types === undefined || isMultivaluedType(types)) return undefined;
      return hit(
        `the single-valued condition key ${showValue(c.key)} must not be used with ForAllValues:, received ${showValue(c.operator)}`,
        c.path,
        `Condition::${c.key}`,
      );
    });
  },
};
