import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** The stack rules that must fire on each fixture (by hand, from the fixtures' READMEs); all others stay silent. */
export const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'cloudformation/good-fargate.yaml': [],
  'cloudformation/good-fargate.json': [],
  'cloudformation/good-ec2-launch-type.yaml': [],
  'cloudformation/broken-s3-policy-without-layer-bucket.yaml': ['S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET'],
  // The layer statement with an account condition is a policy rule's finding (S3_LAYER_BUCKET_ACCOUNT_CONDITION).
  'cloudformation/broken-s3-layer-statement-account-condition.yaml': [],
  // A policy rule's finding (ECR_GET_AUTHORIZATION_TOKEN_VPC_CONDITION): no stack rule fires.
  'cloudformation/broken-get-authorization-token-vpc-condition.yaml': [],
  'cloudformation/broken-ecr-dkr-private-dns-disabled.yaml': ['ECR_DKR_PRIVATE_DNS_DISABLED'],
  'cloudformation/broken-s3-endpoint-interface.yaml': ['S3_ENDPOINT_NOT_GATEWAY'],
  'cloudformation/broken-s3-endpoint-without-route-tables.yaml': ['S3_GATEWAY_ENDPOINT_NO_ROUTE_TABLES'],
  'cloudformation/broken-endpoint-security-group-without-443.yaml': ['VPCE_SECURITY_GROUP_NO_HTTPS_INGRESS'],
  'cloudformation/broken-awslogs-without-logs-endpoint.yaml': ['ECR_AWSLOGS_WITHOUT_LOGS_ENDPOINT'],
  'cloudformation/broken-fargate-without-ecr-api-endpoint.yaml': ['ECR_ENDPOINT_MISSING'],
  'cloudformation/broken-ec2-launch-type-without-ecs-endpoints.yaml': ['ECR_ENDPOINT_MISSING'],
  'ecr-rules/ec2-long-form-intrinsics.json': ['ECR_EXECUTION_ROLE_WILDCARD_ACTION'],
  'ecr-rules/fargate-1-3-0-org-perimeter.yaml': ['S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET'],
  // Private DNS is off on ecr.dkr, but the NAT gateway carries the pull over the public host name
  // (ECR-VPCE: private DNS is what makes the default host name resolve to the endpoint): nothing is blocked.
  'ecr-rules/nat-gateway-dkr-without-private-dns.yaml': [],
  'cdk-out/PrivatePullStack.template.json': [],
};
