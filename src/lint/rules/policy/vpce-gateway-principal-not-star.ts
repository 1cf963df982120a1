import type { PolicyRule, RuleHit } from '../../types';
import { hit, showValue } from './lib/support';
import { AWS_SOURCES } from '../../../model/aws-sources';

export const vpceGatewayPrincipalNotStar: PolicyRule<'VPCE_GATEWAY_PRINCIPAL_NOT_STAR'> = {
  kind: 'policy',
  meta: {
    code: 'VPCE_GATEWAY_PRINCIPAL_NOT_STAR',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'A gateway endpoint policy names a principal other than "*"',
    description:
      'Gateway endpoint policies (S3, DynamoDB) must use "Principal": "*" and scope callers with the aws:PrincipalArn, ' +
      "aws:PrincipalAccount or aws:PrincipalOrgID condition keys: an account or ARN in Principal grants only that account's " +
      `root user (AWS PrivateLink Guide, "Principals for gateway endpoints", ${AWS_SOURCES.PL.url}).`,
    fix: 'Write "Principal": "*" with "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app"}}; keep the ECR layer bucket statement without principal conditions.',
  },
  appliesTo: ['vpc-endpoint-gateway'],
  check(unit) {
    const hits: RuleHit[] = [];
    for (const s of unit.view.statements) {
      if (s.raw['NotPrincipal'] !== undefined) {
        hits.push(hit('a gateway endpoint policy must use "Principal": "*", received NotPrincipal', [...s.path, 'NotPrincipal']));
      }
      for (const p of s.principalValues) {
        if (p.path.includes('NotPrincipal')) continue;
        if (p.value === '*' && (p.type === '*' || p.type === 'AWS')) continue;
        hits.push(hit(`a gateway endpoint policy must use "Principal": "*", received ${p.type} ${showValue(p.value)}`, p.path, `Principal::${p.value}`));
      }
    }
    return hits;
  },
};
