import type { PolicyRule, RuleHit } from '../../types';
import { isSystemIdKey } from './lib/system-id-keys';
import { ENDPOINT_POLICY_TYPES, hit, operatorFamily, showValue } from './lib/support';
import { AWS_SOURCES } from '../../../model/aws-sources';

export const vpceNumericOperatorOnSystemIdKey: PolicyRule<'VPCE_NUMERIC_OPERATOR_ON_SYSTEM_ID_KEY'> = {
  kind: 'policy',
  meta: {
    code: 'VPCE_NUMERIC_OPERATOR_ON_SYSTEM_ID_KEY',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'A numeric operator is used with a key holding a system-generated ID in an endpoint policy',
    description:
      'Endpoint policies cannot compare keys whose values AWS generates (aws:PrincipalAccount, aws:SourceVpc, …) with numeric ' +
      'operators; an account ID is a string of 12 digits, not a number (AWS PrivateLink Guide, endpoint policy ' +
      `considerations, ${AWS_SOURCES.PL.url}).`,
    fix: 'Use a string operator: "NumericEquals": {"aws:PrincipalAccount": 111122223333} -> "StringEquals": {"aws:PrincipalAccount": "111122223333"}.',
  },
  appliesTo: ENDPOINT_POLICY_TYPES,
  check(unit) {
    const hits: RuleHit[] = [];
    for (const s of unit.view.statements) {
      for (const c of s.conditions) {
        if (operatorFamily(c.baseOperator) !== 'Numeric' || !isSystemIdKey(c.key)) continue;
        hits.push(
          hit(
            `the condition key ${c.key} must be compared with a string operator in an endpoint policy, received ${showValue(c.operator)}`,
            c.path,
            `Condition::${c.key}`,
          ),
        );
      }
    }
    return hits;
  },
};
