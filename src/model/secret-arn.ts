/**
 * Secrets Manager ARNs. A secret's ARN is `arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX`:
 * "Secrets Manager appends a hyphen and six random characters" to the name. A caller may name the
 * secret by a partial ARN (without that suffix), but IAM authorizes the request on the secret's full
 * ARN, so a grant on the partial ARN alone does not match, and grants are written `NAME-??????`
 * (Secrets Manager API Reference, GetSecretValue `SecretId`,
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html; Secrets
 * Manager User Guide, "Permissions policy examples",
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html). A name
 * that itself ends in a hyphen and six characters reads as a full ARN, as Secrets Manager reads it.
 */
const FULL_ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;

/** What stands for the six random characters the template cannot know: `?` matches it one for one. */
const SECRET_SUFFIX_STAND_IN = '??????';

/**
 * The ARN a GetSecretValue on `arn` (the secret's first seven ARN fields) is authorized on: itself
 * when it ends in the six-character suffix, else the partial ARN with the suffix as `??????`, which
 * a grant on `NAME-??????`, `NAME-*` or `*` matches and a grant on the partial ARN does not. A name
 * that ends in a value known only at deploy time (a symbol) is left as it is: the symbol may hold the suffix.
 */
export function secretRequestArn(arn: string): string {
  const name = arn.split(':').slice(6).join(':');
  if (name === '' || name.endsWith('}}') || FULL_ARN_SUFFIX.test(name)) return arn;
  return `${arn}-${SECRET_SUFFIX_STAND_IN}`;
}

/**
 * Parameter Store's reference to a Secrets Manager secret: a parameter named
 * `/aws/reference/secretsmanager/NAME` returns the secret NAME. Reading one needs ssm:GetParameters
 * on the parameter and secretsmanager:GetSecretValue on the secret (Amazon ECS Developer Guide,
 * "Amazon ECS task execution IAM role", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html;
 * AWS Systems Manager User Guide, "Referencing AWS Secrets Manager secrets from Parameter Store
 * parameters", https://docs.aws.amazon.com/systems-manager/latest/userguide/integration-ps-secretsmanager.html).
 * Parameter Store reads the secret itself, on the caller's behalf: that request does not leave the
 * task's VPC, so it passes no VPC endpoint and carries no aws:SourceVpce (IAM User Guide, global
 * condition keys: aws:SourceVpce is present only when the requester uses a VPC endpoint; aws:ViaAWSService
 * is true for a request a service makes with the caller's credentials).
 */
const REFERENCE_PARAMETER = /^arn:([^:]+):ssm:([^:]+):([^:]+):parameter\/aws\/reference\/secretsmanager\/(.+)$/;

/** The partial ARN of the secret (without its six-character suffix) a parameter ARN references, or undefined. */
export function referencedSecretArn(parameterArn: string): string | undefined {
  const match = REFERENCE_PARAMETER.exec(parameterArn);
  if (match === null) return undefined;
  const [, partition, region, account, name] = match;
  return `arn:${partition!}:secretsmanager:${region!}:${account!}:secret:${name!}`;
}

/**
 * The ARN a request for the secret NAME (a partial ARN, by its name: a Parameter Store reference) is
 * authorized on: the secret's full ARN, whose six random characters the template cannot know. Unlike
 * secretRequestArn, a name that ends in a hyphen and six characters still gets the suffix: a reference
 * names the secret, never its ARN. Also what a grant on exactly that secret writes (`NAME-??????`).
 */
export function namedSecretArn(partialArn: string): string {
  return `${partialArn}-${SECRET_SUFFIX_STAND_IN}`;
}

/** The AWS service that reads a referenced secret on the caller's behalf. */
export const REFERENCED_SECRET_READER = 'ssm.amazonaws.com';
