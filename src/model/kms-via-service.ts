import type { RegionInfo } from './region';

/** The services that decrypt a task's secrets with KMS on the execution role's behalf. */
export type KmsCallingService = 'secretsmanager' | 'ssm';

/**
 * The `kms:ViaService` value of a service calling KMS on a principal's behalf: the service's
 * endpoint name `SERVICE.REGION.DNS_SUFFIX`, e.g. `secretsmanager.us-east-1.amazonaws.com`, and
 * `ssm.cn-north-1.amazonaws.com.cn` in China (AWS KMS Developer Guide, "AWS KMS condition keys",
 * kms:ViaService; the DNS suffix is the partition's, from src/model/regions.generated.ts).
 * ECS reads Secrets Manager secrets with secretsmanager:GetSecretValue and SecureString parameters
 * with ssm:GetParameters; each service then calls kms:Decrypt itself (Amazon ECS Developer Guide,
 * "Amazon ECS task execution IAM role", secrets sections).
 */
export function kmsViaServiceValue(region: RegionInfo, service: KmsCallingService): string {
  return `${service}.${region.name}.${region.dnsSuffix}`;
}
