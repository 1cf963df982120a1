/**
 * Access Analyzer's UNSUPPORTED_ACTION_FOR_CONDITION_KEY
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-unsupported-action-for-condition-key).
 * The page does not say which keys it judges; the semantics below follow ValidatePolicy outputs found in
 * public repositories (test/fixtures/policy-rules/unsupported-action-for-condition-key.json) and stay
 * on the side of no finding where those outputs do not decide.
 */
import { hasActionConditionKeys } from '../../../catalog/iam-catalog';
import type { ConditionView, PolicyRule, RuleHit } from '../../types';
import { actionStatus } from './lib/action-status';
import { hasWildcard, hit, NO_HITS, showValue, splitAction } from './lib/support';

/**
 * Conditions on a service key that need the key in the request. …IfExists and Null say what a missing
 * key means, and ForAllValues is true without it (IAM User Guide, "Set operators"): AWS's own
 * AmazonCodeGuruReviewerFullAccess relies on that for codestar-connections:ListConnections under
 * ForAllValues:StringEquals codestar-connections:ProviderAction. Global `aws:` keys are left to the tag rules.
 */
const needsServiceKey = (c: ConditionView): boolean =>
  !c.ifExists && c.baseOperator !== 'Null' && c.setOperator !== 'ForAllValues' && !c.key.toLowerCase().startsWith('aws:');

export const unsupportedActionForConditionKey: PolicyRule<'UNSUPPORTED_ACTION_FOR_CONDITION_KEY'> = {
  kind: 'policy',
  meta: {
    code: 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'The statement conditions on a key that some of its actions do not support',
    description:
      'A service condition key is in the request only for the actions that support it (the action row and its resource ' +
      'types in the Service Authorization Reference): kms:DescribeKey carries no kms:EncryptionContext:…, ' +
      's3:ListBucketMultipartUploads no s3:prefix, sts:TagSession no cognito-identity.amazonaws.com:aud. Access Analyzer ' +
      'reports such an action in a statement with the key (check UNSUPPORTED_ACTION_FOR_CONDITION_KEY, an error: the ' +
      'condition is not evaluated for it). Reported, at the action: a literal action that does not support a key which its ' +
      "service lists and some action of the service supports. Left alone, as Access Analyzer's behaviour there is not " +
      'documented: a key the service does not list, such as kms:ViaService with s3:GetObject, or lists for no action ' +
      '(ec2:SourceInstanceARN); wildcard actions and NotAction; global aws: keys (the *_UNSUPPORTED_TAG_CONDITION_KEY_* ' +
      'rules cover the tag keys); conditions with …IfExists or Null, which say what a missing key means, and with ' +
      'ForAllValues, which is true without the key; and a key that AWS documents for the action where the reference omits it ' +
      '(aws-marketplace:ProductId with aws-marketplace:Subscribe, Amazon Bedrock User Guide).',
    fix: 'Move the action to a statement without the condition key, e.g. kms:DescribeKey apart from kms:Decrypt and its kms:EncryptionContext:aws:s3:arn condition.',
  },
  check(unit, { iam }) {
    if (!hasActionConditionKeys(iam)) return NO_HITS;
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.actions === undefined || s.conditions.length === 0) continue;
      const keys = s.conditions.filter(needsServiceKey).map((c) => c.key);
      if (keys.length === 0) continue;
      for (const a of s.actions) {
        if (hasWildcard(a.value) || actionStatus(iam, a.value) !== 'known') continue;
        const { service, name } = splitAction(a.value) as { service: string; name: string };
        const unsupported = keys.filter(
          (key, i) =>
            keys.findIndex((k) => k.toLowerCase() === key.toLowerCase()) === i &&
            iam.serviceSupportsConditionKey(service, key) &&
            iam.actionSupportsConditionKey(service, name, key) === false,
        );
        if (unsupported.length === 0) continue;
        const many = unsupported.length > 1;
        (hits ??= []).push(
          hit(
            `the action ${showValue(a.value)} is not supported by the condition key${many ? 's' : ''} ${unsupported.join(', ')}: ` +
              `the condition is not evaluated for it; move the action to a statement without ${many ? 'these keys' : 'this key'}`,
            a.path,
            `Action::${a.value}`,
          ),
        );
      }
    }
    return hits ?? NO_HITS;
  },
};
