/**
 * Advisories: what a generated artifact cannot settle by itself and the user must know. Each has a
 * stable id (tooling filters on it) and cites its AWS source by the short name docs/aws-facts.md lists
 * (src/model/aws-sources.ts holds their URLs). `[unverified]` marks facts no
 * source settles.
 */
export const ADVISORIES = {
  'endpoints-region-only': {
    level: 'info',
    source: 'ECR-VPCE considerations',
    text: 'VPC endpoints do not support cross-Region requests: create them in the Region where the tasks run and pull only from repositories in that Region.',
  },
  'private-dns-route53-resolver': {
    level: 'info',
    source: 'ECR-VPCE considerations',
    text: 'Private DNS of interface endpoints works only with the Amazon-provided DNS (Route 53 Resolver); with a custom DNS server, forward the service domains to it conditionally.',
  },
  's3-gateway-interrupts-connections': {
    level: 'warning',
    source: 'ECR-VPCE considerations',
    text: 'Adding an S3 gateway endpoint to a route table briefly interrupts existing connections to Amazon S3 from the subnets that use it: deploy it in a quiet window.',
  },
  'pull-through-cache-needs-internet': {
    level: 'info',
    source: 'ECR-VPCE considerations',
    text: 'The first pull through an ECR pull-through cache rule needs internet egress (a NAT gateway) to reach the upstream registry, and Amazon ECR Public is not served by these endpoints.',
  },
  'pull-through-cache-conditions-unverified': {
    level: 'warning',
    source: 'ECR pull through cache IAM permissions [unverified]',
    text: '[unverified] ecr:BatchImportUpstreamImage and ecr:CreateRepository carry the same aws:SourceVpce/aws:SourceVpc condition as the pull: no AWS source says whether ECR evaluates them in the pull’s request context. If the first pull of an upstream image is denied, grant them through the private registry permissions policy instead (policygen registry-policy).',
  },
  'ecr-api-private-dns-required': {
    level: 'error',
    source: 'ECR-VPCE, ECS-VPCE',
    text: 'Private DNS is off on the ecr.api endpoint. Only CLI and SDK callers can name an endpoint (--endpoint-url https://VPCE_ID.api.ecr.REGION.vpce.amazonaws.com); the ECS agent and Fargate call the default ecr.api host name, so without an internet route the registry auth step (ecr:GetAuthorizationToken) fails and tasks do not start: turn private DNS on.',
  },
  'ecr-dkr-private-dns-required': {
    level: 'warning',
    source: 'ECR-VPCE',
    text: 'Private DNS is off on the ecr.dkr endpoint: image pulls use the registry host name and will not reach the endpoint, so tasks fail with CannotPullContainerError.',
  },
  'task-security-group-egress': {
    level: 'info',
    source: 'ECR-VPCE, ECS-VPCE',
    text: 'The tasks’ security group needs outbound TCP 443 to the interface endpoints’ security group and to the Region’s S3 managed prefix list (pl-…); without it pulls time out.',
  },
  // AWS::EC2::VPCEndpoint returns Id, CreationTimestamp, DnsEntries and NetworkInterfaceIds only, no
  // prefix list ID (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html);
  // the AWS-managed S3 prefix list is named com.amazonaws.REGION.s3 and its pl- ID differs per Region
  // (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security).
  's3-prefix-list-id-missing': {
    level: 'info',
    source: 'VPC gateway endpoints: security',
    text: 'No network.s3PrefixListId was given: the task security group’s egress to S3 needs the ID (pl-…) of the Region’s managed prefix list com.amazonaws.REGION.s3, which CloudFormation cannot look up (AWS::EC2::VPCEndpoint returns no prefix list ID), so the CloudFormation template takes it as its S3PrefixListId parameter; Terraform reads the gateway endpoint’s prefix_list_id. Find it with aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.REGION.s3.',
  },
  // https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html says the endpoints serve
  // "private IP addresses (both IPv4 and IPv6)"; https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-requests.html
  // says "Amazon ECR does not support AWS PrivateLink traffic over dual-stack endpoints".
  'endpoint-ipv6-unverified': {
    level: 'warning',
    source: 'ECR-VPCE; ECR requests (dual-stack) [unverified]',
    text: '[unverified] The interface endpoints get IPv6 addresses (endpointIpAddressType dualstack or ipv6): the ECR PrivateLink page says its endpoints serve IPv4 and IPv6, but ECR’s dual-stack page says PrivateLink traffic over dual-stack endpoints is not supported, and every other endpoint service of the plan must accept IPv6 requests too; the S3 gateway endpoint keeps its default IP address type. Keep IPv4 (dualstack) where you can and test a pull before relying on IPv6 only.',
  },
  'endpoint-security-group-cidrs-missing': {
    level: 'warning',
    source: 'ECR-VPCE',
    text: 'No private subnet CIDRs were given, so no ingress rule was generated: the interface endpoints’ security group must admit TCP 443 from the subnets of the tasks.',
  },
  's3-layer-bucket-partition-unverified': {
    level: 'warning',
    source: 'ECR-VPCE, minimum Amazon S3 bucket permissions [unverified]',
    text: '[unverified] Outside the aws partition no source settles the ARN partition of the ECR layer bucket (GovCloud documentation says arn:aws-us-gov, a production GovCloud deployment uses arn:aws; none is documented for China). The Region’s partition is used; pass layerBucketPartition (--layer-bucket-partition) to choose, and confirm with a test pull.',
  },
  'endpoint-prefix-unverified': {
    level: 'warning',
    source: 'aws-cdk vpc-endpoint.ts [unverified]',
    text: '[unverified] The ECR endpoint service-name prefix for this partition comes from the AWS CDK source, not from AWS documentation: confirm it with `aws ec2 describe-vpc-endpoint-services` in the Region.',
  },
  'region-not-in-table': {
    level: 'warning',
    source: 'Region table from the AWS SDK partitions data',
    text: 'The Region is not in policygen’s Region table and was accepted because it matches its partition’s Region pattern: check its name.',
  },
  'windows-foreign-layers': {
    level: 'warning',
    source: 'ECR-VPCE, considerations for Windows images',
    text: 'Windows base images keep their "foreign layers" outside Amazon ECR, on Microsoft’s servers, unless the image was pushed with non-distributable artifacts allowed: without internet egress such pulls fail. Push with non-distributable artifacts allowed, or give the tasks a NAT route.',
  },
  'ecs-endpoints-new-region': {
    level: 'info',
    source: 'ECS-VPCE, considerations for Regions introduced starting on December 23, 2023',
    text: 'This Region was introduced on or after 23 December 2023 (or is newer than policygen’s Region table): the ECS agent needs all three of the ecs, ecs-agent and ecs-telemetry endpoints there, else its traffic goes to the public endpoints.',
  },
  'ecs-endpoints-region-date-unverified': {
    level: 'warning',
    source: 'ECS-VPCE [unverified]',
    text: '[unverified] policygen does not know whether this Region was introduced before 23 December 2023; Regions introduced since need all three of the ecs, ecs-agent and ecs-telemetry endpoints, so all three are planned.',
  },
  'ecs-agent-version': {
    level: 'info',
    source: 'ECS-VPCE',
    text: 'On the EC2 launch type the ecs, ecs-agent and ecs-telemetry endpoints need ECS container agent 1.25.1 or later.',
  },
  'aws-owned-image-region-unverified': {
    level: 'warning',
    source: 'GuardDuty User Guide, ECR repository for GuardDuty agent on AWS Fargate [unverified]',
    text: '[unverified] The GuardDuty User Guide lists no AWS-owned repository of this AWS-owned image for the Region, so neither the execution role nor the ECR endpoint policy grants it: the sidecar’s pull will fail until you add its repository ARN to repositories.',
  },
  'container-instance-role-narrower-than-managed': {
    level: 'info',
    source: 'ECS Developer Guide, Amazon ECS container instance IAM role; AmazonEC2ContainerServiceforEC2Role',
    text: 'The container instance role is narrower than AmazonEC2ContainerServiceforEC2Role: its ECS actions are scoped to the one cluster, and it leaves out ecs:CreateCluster (needed only when the agent starts without ECS_CLUSTER), ec2:DescribeTags (only with ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM=ec2_instance) and ecs:TagResource (only when the instance registers with tags). Set ECS_CLUSTER in /etc/ecs/ecs.config.',
  },
  'container-instance-role-not-in-ecr-endpoint-principals': {
    level: 'warning',
    source: 'PL, ECS-EXEC',
    text: 'Tasks without an execution role pull with the container instance role, but the ECR endpoint policy names principals and containerInstance.roleArn was not given: the endpoint refuses the instance role’s pulls. Set containerInstance.roleArn (the CloudFormation and Terraform outputs admit their own instance role).',
  },
  'endpoint-policy-default-full-access': {
    level: 'info',
    source: 'PL',
    text: 'An endpoint created without a policy gets the default policy, which allows full access to the service through it; policygen generates policies for the ECR and S3 endpoints only.',
  },
  'ecr-endpoint-any-principal': {
    level: 'warning',
    source: 'PL, ECR-VPCE',
    text: 'The ECR endpoint policy names no principal or organization, so any principal may use the endpoint for the listed repositories: pass principals (--principal) or an organization (--org-id) to narrow it.',
  },
  'pull-without-endpoint-condition': {
    level: 'warning',
    source: 'ECS-EXEC',
    text: 'No VPC endpoint ID was given, so the pull actions carry no aws:SourceVpce condition and the role can pull from anywhere: pass the ecr.dkr endpoint ID (--vpce).',
  },
  'secret-reference-by-name': {
    level: 'info',
    source: 'ECS-EXEC; AWS Secrets Manager User Guide, permissions policy examples',
    text: 'A Secrets Manager secret referenced through Parameter Store is granted by its name followed by -?????? (its six random suffix characters): pass the secret’s full ARN as well (--secret) to grant exactly that ARN.',
  },
  'repository-policy-without-endpoint-condition': {
    level: 'info',
    source: 'ECR User Guide, private repository policy examples',
    text: 'The repository policy admits the principals from anywhere: pass the consuming VPC’s ecr.dkr endpoint IDs (--vpce) to admit pulls only through them (aws:SourceVpce).',
  },
  'cross-account-repository': {
    level: 'info',
    source: 'ECR User Guide, private repository policy examples',
    text: 'A repository lives in another account: the pull needs the bundle’s repositoryPolicy set on it in that account (policygen repository-policy), in addition to the execution role’s own grant.',
  },
  'repository-policy-account-principal': {
    level: 'warning',
    source: 'ECR User Guide, private repository policy examples',
    text: 'No executionRoleArn was given, so the repository policy names the consuming account (its root): every principal of that account whose IAM policies allow it may pull. Set executionRoleArn to name the task execution role.',
  },
  'existing-endpoints': {
    level: 'info',
    source: 'PL, ECR-VPCE',
    text: 'The spec names existing endpoints, so the CloudFormation and Terraform outputs create none: apply the bundle’s ecrEndpointPolicy and s3GatewayEndpointPolicy to those endpoints (the hub’s, when shared), make their security group admit TCP 443 from the tasks, and keep private DNS on (or the hub’s zones shared with this VPC).',
  },
  'policy-size-exceeds-quota': {
    level: 'warning',
    source: 'IAM-QUOTAS, PL',
    text: 'The generated policy is larger than its quota and would be rejected: split the repositories or log groups, or use a repository prefix.',
  },
  'amazon-linux-buckets-unverified': {
    level: 'warning',
    source: '[unverified]',
    text: '[unverified] The Amazon Linux repository bucket names (amazonlinux-2-repos-REGION, al2023-repos-REGION-de612dc2) come from AWS knowledge-center articles, not from the AWS documentation policygen cites: confirm that your AMI’s yum/dnf repositories resolve to them.',
  },
} as const satisfies Record<string, { level: 'error' | 'warning' | 'info'; source: string; text: string }>;

export type AdvisoryId = keyof typeof ADVISORIES;

export interface Advisory {
  readonly id: AdvisoryId;
  readonly level: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly source: string;
}

export function advisory(id: AdvisoryId, detail?: string): Advisory {
  const { level, source, text } = ADVISORIES[id];
  return { id, level, message: detail ? `${text} (${detail})` : text, source };
}

/** Deduplicated by id and detail, ordered by id: advisories are part of deterministic output. */
export function sortAdvisories(list: readonly Advisory[]): Advisory[] {
  const unique = new Map(list.map((a) => [`${a.id}\u0000${a.message}`, a]));
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
}
