import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readCloudFormation } from '../../../../src/template/cloudformation';
import { readTerraformPlan } from '../../../../src/template/terraform-plan';
import { parseJsonSource } from '../../../../src/template/source/json-source';
import { ecrFindings, stackFromFile } from './helpers';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'cloudformation');

/**
 * What each shared fixture breaks (test/fixtures/cloudformation/README.md): the ECR rule that must
 * fire, with its number of findings. Every other ECR rule must stay silent.
 */
const EXPECTED: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'good-fargate.yaml': {},
  'good-fargate.json': {},
  'good-ec2-launch-type.yaml': {},
  'broken-s3-policy-without-layer-bucket.yaml': { S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET: 1 },
  'broken-s3-layer-statement-account-condition.yaml': { S3_LAYER_BUCKET_ACCOUNT_CONDITION: 1 },
  'broken-get-authorization-token-vpc-condition.yaml': { ECR_GET_AUTHORIZATION_TOKEN_VPC_CONDITION: 1 },
  'broken-ecr-dkr-private-dns-disabled.yaml': { ECR_DKR_PRIVATE_DNS_DISABLED: 1 },
  'broken-s3-endpoint-interface.yaml': { S3_ENDPOINT_NOT_GATEWAY: 1 },
  'broken-s3-endpoint-without-route-tables.yaml': { S3_GATEWAY_ENDPOINT_NO_ROUTE_TABLES: 1 },
  'broken-endpoint-security-group-without-443.yaml': { VPCE_SECURITY_GROUP_NO_HTTPS_INGRESS: 3 },
  'broken-awslogs-without-logs-endpoint.yaml': { ECR_AWSLOGS_WITHOUT_LOGS_ENDPOINT: 1 },
  'broken-fargate-without-ecr-api-endpoint.yaml': { ECR_ENDPOINT_MISSING: 1 },
  'broken-ec2-launch-type-without-ecs-endpoints.yaml': { ECR_ENDPOINT_MISSING: 3 },
};

// Without a Region the `${AWS::Region}` values are unknown; with one they resolve. Both must agree.
const ENVIRONMENTS = [
  ['no environment', {}],
  ['eu-west-1 / 111122223333', { region: 'eu-west-1', accountId: '111122223333' }],
] as const;

describe('ECR rules on the shared CloudFormation fixtures', () => {
  const files = Object.keys(EXPECTED);
  it.each(files.flatMap((file) => ENVIRONMENTS.map(([env, options]) => [file, env, options] as const)))('%s (%s)', (file, _env, options) => {
    const found = ecrFindings(stackFromFile(join(FIXTURES, file), options));
    expect(Object.fromEntries([...found].map(([code, hits]) => [code, hits.length]))).toEqual(EXPECTED[file]);
  });

  it('covers every fixture of the folder', () => {
    const present = readdirSync(FIXTURES).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(present.filter((f) => !(f in EXPECTED))).toEqual([]);
  });
});

const counts = (found: ReturnType<typeof ecrFindings>) => Object.fromEntries([...found].map(([code, hits]) => [code, hits.length]));
const jsonSource = (file: string) => parseJsonSource(file, readFileSync(file, 'utf8'));

describe('ECR rules on the shared Terraform plan and cdk.out fixtures', () => {
  const TERRAFORM = join(__dirname, '..', '..', '..', 'fixtures', 'terraform');
  it('good-plan.json: nothing', () => {
    expect(counts(ecrFindings(readTerraformPlan(jsonSource(join(TERRAFORM, 'good-plan.json')))))).toEqual({});
  });

  // test/fixtures/terraform/README.md: the three breakages of broken-plan.json.
  it('broken-plan.json: VPC condition on GetAuthorizationToken, ecr.dkr without private DNS, account condition on the layer bucket', () => {
    const found = ecrFindings(readTerraformPlan(jsonSource(join(TERRAFORM, 'broken-plan.json'))));
    expect(counts(found)).toEqual({
      ECR_GET_AUTHORIZATION_TOKEN_VPC_CONDITION: 1,
      ECR_DKR_PRIVATE_DNS_DISABLED: 1,
      S3_LAYER_BUCKET_ACCOUNT_CONDITION: 1,
    });
    expect(found.get('ECR_DKR_PRIVATE_DNS_DISABLED')?.[0]?.resource).toBe('module.network.aws_vpc_endpoint.ecr_dkr');
  });

  it('the cdk.out template: nothing', () => {
    const file = join(__dirname, '..', '..', '..', 'fixtures', 'cdk-out', 'PrivatePullStack.template.json');
    expect(counts(ecrFindings(readCloudFormation(jsonSource(file))))).toEqual({});
  });
});
