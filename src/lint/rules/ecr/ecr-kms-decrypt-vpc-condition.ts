import { canonicalConditionKey } from '../../../normalize/condition-keys';
import type { PolicyRule } from '../../types';
import { vpcConditionsRequiredFor } from './pull-path';
import { cite } from '../../../model/aws-sources';

const ACTION = 'kms:Decrypt';

/**
 * A warning, not an error: from one identity policy we cannot tell who calls kms:Decrypt. Secrets
 * Manager and SSM call KMS on the role's behalf when ECS injects secrets, and those calls carry no
 * aws:SourceVpce (docs/aws-facts.md §3), so that use breaks; code in the task calling KMS itself through a
 * kms endpoint does carry the keys, so that use works. The policy is valid either way.
 */
export const ecrKmsDecryptVpcCondition: PolicyRule<'ECR_KMS_DECRYPT_VPC_CONDITION'> = {
  kind: 'policy',
  meta: {
    code: 'ECR_KMS_DECRYPT_VPC_CONDITION',
    severity: 'warning',
    source: 'policygen',
    offline: true,
    title: 'VPC condition on kms:Decrypt',
    description:
      'When a task definition references Secrets Manager secrets or SSM parameters encrypted with a customer managed key, the ' +
      'secrets service calls KMS on behalf of the task execution role, and such calls carry no aws:SourceVpce or aws:SourceVpc ' +
      '(KMS developer guide). An Allow of kms:Decrypt (also through `kms:*` or `*`) that requires a VPC key then never applies and ' +
      'the task cannot start. It is a warning because direct KMS calls through a kms endpoint do carry the keys. ' +
      `${cite('ECS-EXEC')}.`,
    fix:
      'Grant kms:Decrypt on the key without VPC conditions; to narrow it, use kms:ViaService: ' +
      '{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:111122223333:key/…",' +
      '"Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}}.',
  },
  appliesTo: ['identity'],
  check(unit) {
    return vpcConditionsRequiredFor(unit, ACTION).map(({ condition: c, granted }) => ({
      message: `${ACTION} (granted by ${granted}) requires ${c.operator} ${canonicalConditionKey(c.key)}: KMS calls that Secrets Manager or SSM make on the role's behalf carry no VPC keys, so secrets injected into a task cannot be decrypted; use kms:ViaService instead`,
      path: c.path,
      detail: `Condition::${canonicalConditionKey(c.key)}`,
    }));
  },
};
