import { canonicalConditionKey } from '../../../normalize/condition-keys';
import type { PolicyRule } from '../../types';
import { allowVpcConditions } from './pull-path';
import { cite } from '../../../model/aws-sources';

/** The VPC keys are single-valued (docs/aws-facts.md §4); set operators on them are the IAM User Guide's "overly permissive" case. */
export const vpceVpcKeySetOperator: PolicyRule<'VPCE_VPC_KEY_SET_OPERATOR'> = {
  kind: 'policy',
  meta: {
    code: 'VPCE_VPC_KEY_SET_OPERATOR',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'ForAnyValue or ForAllValues on a VPC condition key in an Allow statement',
    description:
      'aws:SourceVpc, aws:SourceVpce, aws:SourceVpcArn and aws:VpcSourceIp are single-valued. The IAM User Guide warns that set ' +
      'operators on single-valued keys "can lead to overly permissive policies": ForAllValues is true when the key is absent, so an ' +
      'Allow with it also admits requests that bypass the endpoint, and ForAnyValue hides the intent. ' +
      `${cite('IAM-KEYS')}.`,
    fix: 'Drop the set prefix: "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-0123456789abcdef0"}} (several values of one key are already ORed).',
  },
  check(unit) {
    return allowVpcConditions(unit)
      .filter(({ condition: c }) => c.setOperator !== undefined)
      .map(({ condition: c }) => ({
        message:
          c.setOperator === 'ForAllValues'
            ? `${c.operator} on the single-valued key ${canonicalConditionKey(c.key)} is true when the key is absent, so this Allow also admits requests that do not come through a VPC endpoint; use ${c.baseOperator}`
            : `${c.operator} on the single-valued key ${canonicalConditionKey(c.key)}: set operators on single-valued keys can lead to overly permissive policies; use ${c.baseOperator}`,
        path: c.path,
        detail: `Condition::${c.operator}::${canonicalConditionKey(c.key)}`,
      }));
  },
};
