/**
 * The ECR-over-PrivateLink rules (docs/aws-facts.md §1–§4, §7): policy-level rules first, then the stack
 * rules in the order of the pull's hops. The stack rules also exist as cfn-guard rules in policies/.
 */
import type { Rule } from '../../types';
import { ecrAwslogsWithoutLogsEndpoint } from './ecr-awslogs-without-logs-endpoint';
import { ecrDkrPrivateDnsDisabled } from './ecr-dkr-private-dns-disabled';
import { ecrEndpointMissing } from './ecr-endpoint-missing';
import { ecrExecutionRoleWildcardAction } from './ecr-execution-role-wildcard-action';
import { ecrGetAuthorizationTokenVpcCondition } from './ecr-get-authorization-token-vpc-condition';
import { ecrKmsDecryptVpcCondition } from './ecr-kms-decrypt-vpc-condition';
import { s3EndpointNotGateway } from './s3-endpoint-not-gateway';
import { s3GatewayEndpointNoRouteTables } from './s3-gateway-endpoint-no-route-tables';
import { s3GatewayPolicyMissingLayerBucket } from './s3-gateway-policy-missing-layer-bucket';
import { s3LayerBucketAccountCondition } from './s3-layer-bucket-account-condition';
import { vpceSecurityGroupNoHttpsIngress } from './vpce-security-group-no-https-ingress';
import { vpceVpcKeyIfExists } from './vpce-vpc-key-if-exists';
import { vpceVpcKeySetOperator } from './vpce-vpc-key-set-operator';

export const ECR_RULES = [
  ecrGetAuthorizationTokenVpcCondition,
  ecrKmsDecryptVpcCondition,
  vpceVpcKeyIfExists,
  vpceVpcKeySetOperator,
  s3LayerBucketAccountCondition,
  ecrExecutionRoleWildcardAction,
  ecrEndpointMissing,
  ecrDkrPrivateDnsDisabled,
  vpceSecurityGroupNoHttpsIngress,
  s3EndpointNotGateway,
  s3GatewayEndpointNoRouteTables,
  s3GatewayPolicyMissingLayerBucket,
  ecrAwslogsWithoutLogsEndpoint,
] as const satisfies readonly Rule[];

/** The stack rules that policies/ mirrors as cfn-guard rules, one `<CODE>.guard` file each. */
export const ECR_STACK_RULE_CODES = ECR_RULES.filter((r) => r.kind === 'stack').map((r) => r.meta.code);
