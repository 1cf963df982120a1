/**
 * Policy types: identity-only checks never run on endpoint or resource policies, the type and
 * resource type of a policy in a template come from where it sits, and `--policy-type` /
 * `--resource-type` set them for policy files.
 */
import { lint } from '../../../src/lint/engine';
import { runInProcess } from '../../cli/helpers';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The default policy of a VPC endpoint: full access (AWS PrivateLink Guide, "Control access to VPC
 * endpoints using endpoint policies": "the default policy allows full access"). AWS sample templates
 * write it out on their DynamoDB and S3 gateway endpoints.
 */
const DEFAULT_ENDPOINT_POLICY = { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

const template = (resources: Record<string, unknown>): string => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);

const codesOf = async (file: string, text: string, options: Parameters<typeof lint>[1] = {}) =>
  (await lint([{ file, text }], options)).findings.map((f) => f.code);

// Codes of the identity-only checks: Action "*" on Resource "*" covers iam:PassRole and iam:CreateServiceLinkedRole.
const IDENTITY_ONLY = [
  'PASS_ROLE_WITH_STAR_IN_RESOURCE',
  'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
  'CREATE_SLR_WITH_STAR_IN_RESOURCE',
  'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
];

describe('identity-only checks', () => {
  it('should not run on the default full-access policy of a DynamoDB or S3 gateway endpoint in a template', async () => {
    const text = template({
      DynamoDbEndpoint: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: {
          ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.dynamodb' },
          VpcEndpointType: 'Gateway',
          VpcId: 'vpc-0123456789abcdef0',
          RouteTableIds: ['rtb-0123456789abcdef0'],
          PolicyDocument: DEFAULT_ENDPOINT_POLICY,
        },
      },
      S3Endpoint: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: {
          ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.s3' },
          VpcId: 'vpc-0123456789abcdef0',
          PolicyDocument: DEFAULT_ENDPOINT_POLICY,
        },
      },
    });
    const codes = await codesOf('template.json', text);
    for (const code of IDENTITY_ONLY) expect(codes).not.toContain(code);
  });

  it('should not run on a bucket policy or a policy file read as vpc-endpoint or resource', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', ...DEFAULT_ENDPOINT_POLICY });
    for (const policyType of ['vpc-endpoint', 'resource', 'trust', 'scp', 'rcp'] as const) {
      const codes = await codesOf('policy.json', policy, { policyType });
      for (const code of IDENTITY_ONLY) expect(codes).not.toContain(code);
    }
  });

  it('should still run on the same grant in an identity policy', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const codes = await codesOf('policy.json', policy, { policyType: 'identity' });
    expect(codes).toEqual(expect.arrayContaining(['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE']));
  });
});

describe('policy and resource types from where a policy sits', () => {
  const unitsOf = (text: string) => {
    // The reader is what lint runs; read the template the way the engine does.
    const { readCloudFormation } = require('../../../src/template/cloudformation') as typeof import('../../../src/template/cloudformation');
    const { parseJsonSource } = require('../../../src/template/source/json-source') as typeof import('../../../src/template/source/json-source');
    return readCloudFormation(parseJsonSource('t.json', text), {}).policies.map((u) => [u.resource, u.policyType, u.resourceType]);
  };
  const doc = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: '*' }],
  };

  it('should type each resource policy of a CloudFormation template by its owner', () => {
    const text = template({
      Bucket: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'b', PolicyDocument: doc } },
      Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: doc } },
      Queue: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: ['q'], PolicyDocument: doc } },
      Topic: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: ['t'], PolicyDocument: doc } },
      Secret: { Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: 's', ResourcePolicy: doc } },
      Repo: { Type: 'AWS::ECR::Repository', Properties: { RepositoryPolicyText: doc } },
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc } },
      Scp: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'SERVICE_CONTROL_POLICY', Name: 'n', Content: doc } },
      Rcp: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'RESOURCE_CONTROL_POLICY', Name: 'n', Content: doc } },
      Tags: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'TAG_POLICY', Name: 'n', Content: { tags: {} } } },
    });
    expect(unitsOf(text)).toEqual([
      ['Bucket', 'resource', 'AWS::S3::Bucket'],
      ['Key', 'resource', 'AWS::KMS::Key'],
      ['Queue', 'resource', 'AWS::SQS::Queue'],
      ['Topic', 'resource', 'AWS::SNS::Topic'],
      ['Secret', 'resource', 'AWS::SecretsManager::Secret'],
      ['Repo', 'resource', 'AWS::ECR::Repository'],
      ['Role', 'trust', 'AWS::IAM::AssumeRolePolicyDocument'],
      ['Scp', 'scp', undefined],
      ['Rcp', 'rcp', undefined],
    ]);
  });
});

describe('policy and resource types from where a policy sits in a Terraform plan', () => {
  it('should type resource policies, trust policies and organization policies by their resource', () => {
    const { readTerraformPlan } = require('../../../src/template/terraform-plan') as typeof import('../../../src/template/terraform-plan');
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] });
    const resource = (type: string, name: string, values: Record<string, unknown>) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            resource('aws_s3_bucket_policy', 'b', { policy }),
            resource('aws_kms_key', 'k', { policy }),
            resource('aws_sqs_queue_policy', 'q', { policy }),
            resource('aws_sns_topic_policy', 't', { policy }),
            resource('aws_secretsmanager_secret_policy', 's', { policy }),
            resource('aws_iam_role', 'r', { assume_role_policy: policy }),
            resource('aws_organizations_policy', 'scp', { type: 'SERVICE_CONTROL_POLICY', content: policy }),
            resource('aws_organizations_policy', 'rcp', { type: 'RESOURCE_CONTROL_POLICY', content: policy }),
            resource('aws_organizations_policy', 'tag', { type: 'TAG_POLICY', content: '{"tags":{}}' }),
          ],
        },
      },
    };
    const text = JSON.stringify(plan);
    const source = { file: 'plan.json', text, data: plan, locate: () => ({ line: 1, column: 1 }) };
    expect(readTerraformPlan(source).policies.map((u) => [u.resource, u.policyType, u.resourceType])).toEqual([
      ['aws_s3_bucket_policy.b', 'resource', 'AWS::S3::Bucket'],
      ['aws_kms_key.k', 'resource', 'AWS::KMS::Key'],
      ['aws_sqs_queue_policy.q', 'resource', 'AWS::SQS::Queue'],
      ['aws_sns_topic_policy.t', 'resource', 'AWS::SNS::Topic'],
      ['aws_secretsmanager_secret_policy.s', 'resource', 'AWS::SecretsManager::Secret'],
      ['aws_iam_role.r', 'trust', 'AWS::IAM::AssumeRolePolicyDocument'],
      ['aws_organizations_policy.scp', 'scp', undefined],
      ['aws_organizations_policy.rcp', 'rcp', undefined],
    ]);
  });
});

describe('policygen lint --policy-type / --resource-type', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-types-'));
    // Allow Action "*" on Resource "*" with a principal: MISSING_PRINCIPAL does not fire, PassRole checks would on identity.
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ Version: '2012-10-17', ...DEFAULT_ENDPOINT_POLICY }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: readonly string[]) => runInProcess(['lint', '--format', 'json', ...args], { cwd: dir, env: {}, stdoutIsTTY: false, stderrIsTTY: false });
  const codes = (stdout: string) => (JSON.parse(stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);

  it('should accept every policy type Access Analyzer names, plus vpc-endpoint and trust', async () => {
    for (const type of ['identity', 'resource', 'trust', 'scp', 'rcp', 'vpc-endpoint']) {
      const r = await run(['p.json', '--policy-type', type]);
      expect(r.stderr).toBe('');
      expect([0, 1]).toContain(r.status);
    }
  });

  it('should read --resource-type as a resource policy (and AssumeRolePolicyDocument as a trust policy)', async () => {
    const identity = await run(['p.json']);
    expect(codes(identity.stdout)).toContain('UNSUPPORTED_PRINCIPAL');
    const bucket = await run(['p.json', '--resource-type', 'AWS::S3::Bucket']);
    expect(codes(bucket.stdout)).not.toContain('UNSUPPORTED_PRINCIPAL');
    expect(codes(bucket.stdout)).not.toContain('PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE');
  });

  it('should exit 2 with one line when --resource-type contradicts --policy-type', async () => {
    const r = await run(['p.json', '--policy-type', 'identity', '--resource-type', 'AWS::KMS::Key']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'policygen: error: --resource-type AWS::KMS::Key must go with --policy-type resource, received --policy-type identity; drop one of the two flags\n',
    );
  });

  it('should exit 2 naming the choices for an unknown resource type', async () => {
    const r = await run(['p.json', '--resource-type', 'AWS::S3::Buckett']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--resource-type <type>' argument 'AWS::S3::Buckett' is invalid/);
  });
});
