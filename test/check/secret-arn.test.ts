import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { secretRequestArn } from '../../src/model/secret-arn';
import { checkYaml, FIXTURES, stepOf } from './helpers';

/**
 * Secrets Manager secrets by partial ARN (issue 10 item 1): Secrets Manager appends a hyphen and six
 * random characters to a secret's name in its ARN, IAM authorizes GetSecretValue on that full ARN,
 * and the documented grant is `NAME-??????` (Secrets Manager API Reference, GetSecretValue SecretId;
 * User Guide, "Permissions policy examples"). Expected verdicts follow from those pages.
 */
const SECRET = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-password';

const ENDPOINTS = ['secretsmanager', 'ssm']
  .map(
    (service) => `  ${service === 'ssm' ? 'Ssm' : 'SecretsManager'}Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0123456789abcdef0
      ServiceName: com.amazonaws.eu-west-1.${service}
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SecurityGroupIds: [!Ref EndpointSecurityGroup]
`,
  )
  .join('');

/** secrets-without-endpoints.yaml with its endpoints, the container reading `valueFrom`, the role granting `grant`. */
function stack(valueFrom: string, grant: string): string {
  const text = readFileSync(join(FIXTURES, 'check/secrets-without-endpoints.yaml'), 'utf8');
  const out = text
    .replace('Resources:\n', `Resources:\n${ENDPOINTS}`)
    .replace('{ Name: DB_PASSWORD, ValueFrom: !Ref DbPassword }', `{ Name: DB_PASSWORD, ValueFrom: '${valueFrom}' }`)
    .replace('Resource: !Ref DbPassword', `Resource: '${grant}'`);
  expect(out).toContain(`ValueFrom: '${valueFrom}'`);
  expect(out).toContain(`Resource: '${grant}'`);
  return out;
}

describe('check: Secrets Manager ARNs with and without the six-character suffix', () => {
  it.each([
    ['a partial ARN', SECRET, `${SECRET}-??????`, 'allowed'],
    ['a partial ARN', SECRET, `${SECRET}-*`, 'allowed'],
    ['a partial ARN', SECRET, 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:*', 'allowed'],
    // The grant names the partial ARN, but the request is authorized on the full one.
    ['a partial ARN', SECRET, SECRET, 'blocked'],
    ['a partial ARN', SECRET, 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/other-??????', 'blocked'],
    ['a partial ARN with a JSON key', `${SECRET}:password::`, `${SECRET}-??????`, 'allowed'],
    ['a full ARN', `${SECRET}-AbC123`, `${SECRET}-AbC123`, 'allowed'],
    ['a full ARN', `${SECRET}-AbC123`, `${SECRET}-??????`, 'allowed'],
    ['a full ARN', `${SECRET}-AbC123`, `${SECRET}-XyZ789`, 'blocked'],
    ['a full ARN with a JSON key', `${SECRET}-AbC123:password::`, `${SECRET}-AbC123`, 'allowed'],
  ])('should judge %s (%s) against a grant on %s: %s', (_what, valueFrom, grant, verdict) => {
    const report = checkYaml(stack(valueFrom, grant));
    expect(stepOf(report, 'secret').verdict).toBe(verdict);
    // The parameter next to it is granted and has its endpoint: the secret alone decides.
    expect(stepOf(report, 'parameter').verdict).toBe('allowed');
  });

  it.each([
    [SECRET, `${SECRET}-??????`],
    [`${SECRET}-AbC123`, `${SECRET}-AbC123`],
    // A name ending in a hyphen and six characters reads as a full ARN, as Secrets Manager reads it.
    ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:my-secret', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:my-secret'],
    ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/{{Ref Name}}', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/{{Ref Name}}'],
    ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:{{Ref Env}}/db', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:{{Ref Env}}/db-??????'],
  ])('should authorize a GetSecretValue on %s as %s', (arn, request) => {
    expect(secretRequestArn(arn)).toBe(request);
  });
});
