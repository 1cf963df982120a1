import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkYaml, FIXTURES, stepOf } from './helpers';

/**
 * Two requests of a task's start that the generators grant (issue 9) and that check walks too, judged
 * against the AWS pages, not against policygen's output:
 * - A Secrets Manager secret referenced through Parameter Store (`/aws/reference/secretsmanager/NAME`)
 *   needs ssm:GetParameters on the parameter and secretsmanager:GetSecretValue on the secret (Amazon
 *   ECS Developer Guide, "Amazon ECS task execution IAM role"; Systems Manager User Guide, "Referencing
 *   AWS Secrets Manager secrets from Parameter Store parameters"). Parameter Store makes the second
 *   request itself, with the caller's credentials, so it carries no aws:SourceVpce (IAM User Guide,
 *   aws:SourceVpce: present only when the requester uses a VPC endpoint).
 * - An environment file (`EnvironmentFiles`, type s3) needs s3:GetObject on the object and
 *   s3:GetBucketLocation on its bucket (same ECS page, "Required IAM permissions for Amazon S3 file
 *   storage"), fetched through the task's network: the S3 gateway endpoint and its policy.
 */
const REFERENCE = '/aws/reference/secretsmanager/app/db-password';
const PARAMETER_ARN = 'arn:aws:ssm:eu-west-1:111122223333:parameter/aws/reference/secretsmanager/app/db-password';
const SECRET_GRANT = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-password-??????';
const ENV_FILE = 'arn:aws:s3:::app-config-bucket/app/production.env';
const ENV_BUCKET = 'arn:aws:s3:::app-config-bucket';

const SSM_ENDPOINT = `  SsmEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0123456789abcdef0
      ServiceName: com.amazonaws.eu-west-1.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SecurityGroupIds: [!Ref EndpointSecurityGroup]
`;

/** secrets-without-endpoints.yaml with an ssm endpoint, the container's Secrets and EnvironmentFiles replaced, the role's inline statements replaced. */
function stack(container: string, statements: string, s3Policy?: string): string {
  const text = readFileSync(join(FIXTURES, 'check/secrets-without-endpoints.yaml'), 'utf8');
  const secrets = `          Secrets:
            - { Name: DB_PASSWORD, ValueFrom: !Ref DbPassword }
            - { Name: API_KEY, ValueFrom: /app/api-key }
`;
  const roleStatements = text.slice(text.indexOf('            Statement:\n', text.indexOf('PolicyName: secrets')), text.indexOf('  TaskDefinition:'));
  const s3 = '      RouteTableIds: [rtb-0123456789abcdef0]\n';
  for (const part of [secrets, roleStatements, s3]) expect(text).toContain(part);
  return text
    .replace('Resources:\n', `Resources:\n${SSM_ENDPOINT}`)
    .replace(secrets, container)
    .replace(roleStatements, `            Statement:\n${statements}`)
    .replace(s3, s3Policy === undefined ? s3 : `${s3}      PolicyDocument:\n${s3Policy}`);
}

const READS_REFERENCE = `          Secrets:
            - { Name: DB_PASSWORD, ValueFrom: ${REFERENCE} }
`;
const allow = (action: string, resource: string, condition = '') =>
  `              - Effect: Allow\n                Action: ${action}\n                Resource: '${resource}'\n${condition}`;
const SOURCE_VPCE = `                Condition:\n                  StringEquals:\n                    aws:SourceVpce: !Ref SsmEndpoint\n`;

describe('check: a Secrets Manager secret read through its Parameter Store reference', () => {
  it('should allow it when the role grants both actions', () => {
    const report = checkYaml(stack(READS_REFERENCE, allow('ssm:GetParameters', PARAMETER_ARN) + allow('secretsmanager:GetSecretValue', SECRET_GRANT)));
    expect(stepOf(report, 'parameter').verdict).toBe('allowed');
    const secret = stepOf(report, 'secret');
    expect([secret.action, secret.resource, secret.verdict]).toEqual(['secretsmanager:GetSecretValue', SECRET_GRANT, 'allowed']);
  });

  it('should block it when the role grants only ssm:GetParameters', () => {
    const report = checkYaml(stack(READS_REFERENCE, allow('ssm:GetParameters', PARAMETER_ARN)));
    expect(stepOf(report, 'parameter').verdict).toBe('allowed');
    expect(stepOf(report, 'secret').verdict).toBe('blocked');
  });

  it('should block a GetSecretValue grant conditioned on aws:SourceVpce: Parameter Store, not the VPC endpoint, makes that request', () => {
    const report = checkYaml(
      stack(READS_REFERENCE, allow('ssm:GetParameters', PARAMETER_ARN, SOURCE_VPCE) + allow('secretsmanager:GetSecretValue', SECRET_GRANT, SOURCE_VPCE)),
    );
    // The caller's own request does pass the ssm endpoint.
    expect(stepOf(report, 'parameter').verdict).toBe('allowed');
    expect(stepOf(report, 'secret').verdict).toBe('blocked');
  });

  it('should not ask for Secrets Manager on a plain parameter', () => {
    const report = checkYaml(
      stack(
        `          Secrets:\n            - { Name: API_KEY, ValueFrom: /app/api-key }\n`,
        allow('ssm:GetParameters', 'arn:aws:ssm:eu-west-1:111122223333:parameter/app/api-key'),
      ),
    );
    expect(report.steps.filter((s) => s.step === 'secret')).toEqual([]);
    expect(stepOf(report, 'parameter').verdict).toBe('allowed');
  });
});

const READS_ENV_FILE = `          EnvironmentFiles:
            - { Type: s3, Value: '${ENV_FILE}' }
`;
const LAYERS_ONLY = `        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*
`;

describe('check: environment files from S3', () => {
  it('should allow both requests when the role grants them and the gateway endpoint has the default policy', () => {
    const report = checkYaml(stack(READS_ENV_FILE, allow('s3:GetObject', ENV_FILE) + allow('s3:GetBucketLocation', ENV_BUCKET)));
    const file = stepOf(report, 'environment-file');
    const bucket = stepOf(report, 'environment-file-bucket');
    expect([file.action, file.resource, file.endpoint, file.verdict]).toEqual(['s3:GetObject', ENV_FILE, 's3', 'allowed']);
    expect([bucket.action, bucket.resource, bucket.verdict]).toEqual(['s3:GetBucketLocation', ENV_BUCKET, 'allowed']);
  });

  it('should block the bucket location without s3:GetBucketLocation', () => {
    const report = checkYaml(stack(READS_ENV_FILE, allow('s3:GetObject', ENV_FILE)));
    expect(stepOf(report, 'environment-file').verdict).toBe('allowed');
    expect(stepOf(report, 'environment-file-bucket').verdict).toBe('blocked');
  });

  it('should block the file when the gateway endpoint policy admits only the layer bucket', () => {
    const report = checkYaml(stack(READS_ENV_FILE, allow('s3:GetObject', ENV_FILE) + allow('s3:GetBucketLocation', ENV_BUCKET), LAYERS_ONLY));
    const file = stepOf(report, 'environment-file');
    expect([file.verdict, file.endpointResource]).toEqual(['blocked', 'S3']);
    // The image's layers still come through.
    expect(stepOf(report, 'layer-download').verdict).toBe('allowed');
  });
});
