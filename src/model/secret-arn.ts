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
