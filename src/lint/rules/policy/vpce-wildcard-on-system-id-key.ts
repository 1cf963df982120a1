import type { PolicyRule, RuleHit } from '../../types';
import { isSystemIdKey } from './lib/system-id-keys';
import { ENDPOINT_POLICY_TYPES, hasWildcard, hit, showValue } from './lib/support';
import { cite } from '../../../model/aws-sources';

export const vpceWildcardOnSystemIdKey: PolicyRule<'VPCE_WILDCARD_ON_SYSTEM_ID_KEY'> = {
  kind: 'policy',
  meta: {
    code: 'VPCE_WILDCARD_ON_SYSTEM_ID_KEY',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'A wildcard is used with a key holding a system-generated ID in an endpoint policy',
    description:
      'Endpoint policies cannot use the wildcards * or ? with global keys whose values AWS generates: aws:SourceVpc, ' +
      'aws:SourceVpce, aws:PrincipalAccount, aws:PrincipalOrgID, aws:ResourceAccount, … (AWS PrivateLink Guide, endpoint ' +
      'policy considerations). Access Analyzer reports the same class of problem as WILDCARD_USAGE_TOO_PERMISSIVE. ' +
      `${cite('PL')}.`,
    fix: 'List the IDs in full, e.g. "StringEquals": {"aws:SourceVpc": ["vpc-0123456789abcdef0"]}.',
  },
  appliesTo: ENDPOINT_POLICY_TYPES,
  check(unit) {
    const hits: RuleHit[] = [];
    for (const s of unit.view.statements) {
      for (const c of s.conditions) {
        if (c.baseOperator === 'Null' || !isSystemIdKey(c.key)) continue;
        for (const v of c.values) {
          if (!hasWildcard(v.value)) continue;
          hits.push(
            hit(
              `the condition key ${c.key} must be compared with full IDs in an endpoint policy, received the wildcard value ${showValue(v.value)}`,
              v.path,
              `Condition::${c.key}::${v.value}`,
            ),
          );
        }
      }
    }
    return hits;
  },
};
