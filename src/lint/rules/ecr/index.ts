/**
 * The ECR-over-PrivateLink rules (docs/aws-facts.md §1–§4, §7): policy-level rules first, then the stack
 * rules in the order of the pull's hops, then the least-privilege views of check's walk (BROADER_*).
 * The stack rules but those views also exist as cfn-guard rules in policies/.
 */
import type { Rule } from '../../types';
import { broaderEcrAllResources } from './broader-ecr-all-resources';
import { broaderEcrDelete } from './broader-ecr-delete';
import { broaderEcrPush } from './broader-ecr-push';
import { broaderLayerBucketWrite } from './broader-layer-bucket-write';
import { broaderNamedGrant } from './broader-named-grant';
import { broaderOtherAccountRepository } from './broader-other-account-repository';
import { broaderOtherBucket } from './broader-other-bucket';
import { broaderOtherLogGroup } from './broader-other-log-group';
import { broaderOtherRepository } from './broader-other-repository';
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
  broaderOtherRepository,
  broaderOtherAccountRepository,
  broaderEcrPush,
  broaderEcrDelete,
  broaderEcrAllResources,
  broaderOtherBucket,
  broaderLayerBucketWrite,
  broaderOtherLogGroup,
  broaderNamedGrant,
] as const satisfies readonly Rule[];

type EcrRuleCode = (typeof ECR_RULES)[number]['meta']['code'];

const EVALUATOR =
  'a view of check’s least-privilege warnings (grant-view.ts): whether a statement allows a request beyond the pull needs the IAM ' +
  'evaluator (wildcards, NotAction, conditions, several policies together), which a guard clause over the template cannot express';

/** The stack rules with no cfn-guard twin in policies/, and why. */
export const WITHOUT_GUARD_TWIN: Readonly<Partial<Record<EcrRuleCode, string>>> = {
  BROADER_OTHER_REPOSITORY: EVALUATOR,
  BROADER_OTHER_ACCOUNT_REPOSITORY: EVALUATOR,
  BROADER_ECR_PUSH: EVALUATOR,
  BROADER_ECR_DELETE: EVALUATOR,
  BROADER_ECR_ALL_RESOURCES: EVALUATOR,
  BROADER_OTHER_BUCKET: EVALUATOR,
  BROADER_LAYER_BUCKET_WRITE: EVALUATOR,
  BROADER_OTHER_LOG_GROUP: EVALUATOR,
  BROADER_NAMED_GRANT: `${EVALUATOR}; and which resources the tasks use comes from the walk of every hop`,
};

/** The stack rules that policies/ mirrors as cfn-guard rules, one `<CODE>.guard` file each. */
export const ECR_STACK_RULE_CODES = ECR_RULES.filter((r) => r.kind === 'stack' && WITHOUT_GUARD_TWIN[r.meta.code] === undefined).map((r) => r.meta.code);
