import { canonicalConditionKey } from '../../../normalize/condition-keys';
import type { PolicyRule } from '../../types';
import { allowVpcConditions } from './pull-path';
import { cite } from '../../../model/aws-sources';

/** The VPC keys exist only on requests through a VPC endpoint (AWS_SOURCES['IAM-KEYS']): IfExists waves through every other request. */
export const vpceVpcKeyIfExists: PolicyRule<'VPCE_VPC_KEY_IF_EXISTS'> = {
  kind: 'policy',
  meta: {
    code: 'VPCE_VPC_KEY_IF_EXISTS',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: 'IfExists operator on a VPC condition key in an Allow statement',
    description:
      'aws:SourceVpc, aws:SourceVpce, aws:SourceVpcArn and aws:VpcSourceIp are present only for requests that come through a VPC ' +
      'endpoint. On an Allow statement, an …IfExists operator is true when the key is absent, so requests that bypass the endpoint ' +
      '(from the internet or another network) are allowed too, which defeats the condition. IfExists belongs in Deny guardrails ' +
      '(StringNotEqualsIfExists with an aws:ViaAWSService exemption). ' +
      `${cite('IAM-KEYS', 'DP')}.`,
    fix: 'Use the operator without IfExists on Allow statements: "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-0123456789abcdef0"}}.',
  },
  check(unit) {
    return allowVpcConditions(unit)
      .filter(({ condition: c }) => c.ifExists)
      .map(({ condition: c }) => ({
        message: `${c.operator} on ${canonicalConditionKey(c.key)} in an Allow statement also allows every request that does not come through a VPC endpoint (the key is then absent); use ${c.operator.replace(/IfExists$/, '')}`,
        path: c.path,
        detail: `Condition::${c.operator}::${canonicalConditionKey(c.key)}`,
      }));
  },
};
