import { ACCOUNT_CONDITION_KEYS, canonicalConditionKey } from '../../../normalize/condition-keys';
import type { PolicyRule, RuleHit, StatementView } from '../../types';
import { conditionsOn, coversAction, coversResource, layerObjectArns, statementNamesLayerBucket } from './pull-path';
import { cite } from '../../../model/aws-sources';

const isNegated = (operator: string): boolean => /Not/.test(operator);

/**
 * The layer download is a presigned URL signed by an ECR service account for a bucket AWS owns
 * (docs/aws-facts.md §1 hop 3, §3): neither the principal nor the bucket is in your account or
 * organization, so an account or organization condition on the layer statement can never match.
 */
export const s3LayerBucketAccountCondition: PolicyRule<'S3_LAYER_BUCKET_ACCOUNT_CONDITION'> = {
  kind: 'policy',
  meta: {
    code: 'S3_LAYER_BUCKET_ACCOUNT_CONDITION',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'Account or organization condition on the ECR layer bucket statement',
    description:
      'ECR image layers are downloaded from prod-REGION-starport-layer-bucket with a URL presigned by an ECR service account; ' +
      'the signer and the bucket belong to AWS, not to your account or organization. A statement granting s3:GetObject on that ' +
      'bucket with aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalArn, aws:ResourceAccount, ' +
      'aws:ResourceOrgID or aws:ResourceOrgPaths never matches, and a Deny that negates one of them over the bucket always does: ' +
      'tasks fail with CannotPullContainerError (403). ' +
      `${cite('ECR-VPCE', 'DP')}.`,
    fix:
      'Give the layer bucket its own statement without account or organization conditions, and keep such conditions on the ' +
      'statements for your own buckets: {"Effect":"Allow","Principal":"*","Action":"s3:GetObject",' +
      '"Resource":"arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"}. In a Deny guardrail, exclude the bucket with NotResource.',
  },
  appliesTo: ['vpc-endpoint', 'vpc-endpoint-gateway', 'vpc-endpoint-interface', 'resource'],
  check(unit) {
    return unit.view.statements.flatMap((statement): RuleHit[] => {
      if (coversAction(statement, 's3:GetObject') !== 'yes') return [];
      if (statement.effect === 'Allow') return allowHits(statement);
      if (statement.effect === 'Deny') return denyHits(statement);
      return [];
    });
  },
};

function allowHits(statement: StatementView): RuleHit[] {
  if (!statementNamesLayerBucket(statement)) return [];
  // A negated operator (StringNotEquals aws:PrincipalAccount) is true for AWS's account: odd, but it works.
  return conditionsOn(statement, ACCOUNT_CONDITION_KEYS)
    .filter((c) => !isNegated(c.baseOperator))
    .map((c) => ({
      message: `the statement grants s3:GetObject on the ECR layer bucket under ${c.operator} ${canonicalConditionKey(c.key)}, which the presigned layer download never satisfies: the signer is an ECR service account and the bucket is AWS's; move the layer bucket to a statement without account or organization conditions`,
      path: c.path,
      detail: `Condition::${canonicalConditionKey(c.key)}`,
    }));
}

function denyHits(statement: StatementView): RuleHit[] {
  const accountConditions = conditionsOn(statement, ACCOUNT_CONDITION_KEYS);
  // Only when every condition is a negated account/org key: any other condition might exempt the download.
  if (accountConditions.length === 0 || accountConditions.length !== statement.conditions.length) return [];
  if (!accountConditions.every((c) => isNegated(c.baseOperator))) return [];
  const resources = [...(statement.resources ?? []), ...(statement.notResources ?? [])].map((r) => r.value);
  if (coversResource(statement, layerObjectArns(undefined, resources)) !== 'yes') return [];
  return accountConditions.map((c) => ({
    message: `the Deny covers s3:GetObject on the ECR layer bucket and fires for every layer download under ${c.operator} ${canonicalConditionKey(c.key)}: the signer is an ECR service account and the bucket is AWS's; exclude prod-REGION-starport-layer-bucket with NotResource`,
    path: c.path,
    detail: `Condition::${canonicalConditionKey(c.key)}`,
  }));
}
