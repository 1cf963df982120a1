/**
 * The AWS pages policygen's facts come from, each once, by the short name docs/aws-facts.md uses.
 * Rule descriptions and advisories cite these pages (users have them; they do not have the
 * project's internal notes). test/unit/aws-sources.test.ts checks docs/aws-facts.md lists the same URLs.
 */
export const AWS_SOURCES = {
  'ECR-VPCE': {
    title: 'Amazon ECR User Guide, "Amazon ECR interface VPC endpoints (AWS PrivateLink)"',
    url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html',
  },
  'ECS-EXEC': {
    title: 'Amazon ECS Developer Guide, "Amazon ECS task execution IAM role"',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html',
  },
  'ECS-VPCE': {
    title: 'Amazon ECS Developer Guide, "Amazon ECS interface VPC endpoints"',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html',
  },
  'ECR-PTC': {
    title: 'Amazon ECR User Guide, "IAM permissions required to sync an upstream registry with an Amazon ECR private registry"',
    url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html',
  },
  PL: {
    title: 'AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint policies"',
    url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
  },
  'IAM-KEYS': {
    title: 'IAM User Guide, "AWS global condition context keys"',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  },
  'IAM-QUOTAS': {
    title: 'IAM User Guide, "IAM and AWS STS quotas"',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
  },
  'IAM-EVAL': {
    title: 'IAM User Guide, "Policy evaluation logic"',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  },
  'AA-CHECKS': {
    title: 'IAM User Guide, "IAM Access Analyzer policy check reference"',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
  },
  DP: {
    title: 'aws-samples/data-perimeter-policy-examples',
    url: 'https://github.com/aws-samples/data-perimeter-policy-examples',
  },
} as const satisfies Record<string, { readonly title: string; readonly url: string }>;

export type AwsSourceId = keyof typeof AWS_SOURCES;

/** `Sources: <url>, <url>`: the pages behind a rule's description, for its last sentence. */
export function cite(...ids: readonly AwsSourceId[]): string {
  return `${ids.length === 1 ? 'Source' : 'Sources'}: ${ids.map((id) => AWS_SOURCES[id].url).join(', ')}`;
}
