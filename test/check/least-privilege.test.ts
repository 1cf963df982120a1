import { checkSpec, type CheckReport } from '../../src/check';
import { EXAMPLE_SPEC } from '../../src';
import { checkFixture, checkYaml, goodFargateWith, warningCodes } from './helpers';

/** issue 4 §4: what the execution role and the endpoint policies allow beyond the pull, as warnings. */

const broader = (report: CheckReport) => report.warnings.filter((w) => w.code.startsWith('BROADER_'));
const broaderFrom = (report: CheckReport, resource: string) =>
  broader(report)
    .filter((w) => w.resource === resource)
    .map((w) => w.code);

describe('check: least privilege', () => {
  it('should find nothing broader in the good stack, whose role and ECR endpoints name the repository and the role', () => {
    const report = checkFixture('cloudformation/good-fargate.yaml');
    expect(broader(report)).toEqual([]);
    // The logs endpoint has no policy: AWS's full-access default.
    expect(warningCodes(report)).toEqual(['ENDPOINT_DEFAULT_POLICY']);
  });

  it('should list what AmazonECSTaskExecutionRolePolicy allows beyond the pull: every repository and log group, nothing in S3', () => {
    // Its six actions on "*" (DOMAIN.md §3): other repositories, another account's, other log groups; no push, no S3.
    const report = checkFixture('ecr-rules/nat-gateway-dkr-without-private-dns.yaml');
    expect(broaderFrom(report, 'ExecutionRole')).toEqual(['BROADER_OTHER_REPOSITORY', 'BROADER_OTHER_ACCOUNT_REPOSITORY', 'BROADER_OTHER_LOG_GROUP']);
    for (const w of broader(report)) expect(w.decidedBy).toEqual(['AmazonECSTaskExecutionRolePolicy (AWS managed): Statement[0]']);
  });

  it('should list push, delete and registry administration for a role with ecr:* on "*"', () => {
    const codes = broaderFrom(checkFixture('ecr-rules/ec2-long-form-intrinsics.json'), 'ExecutionRole');
    expect(codes).toEqual([
      'BROADER_OTHER_REPOSITORY',
      'BROADER_OTHER_ACCOUNT_REPOSITORY',
      'BROADER_ECR_PUSH',
      'BROADER_ECR_PUSH',
      'BROADER_ECR_DELETE',
      'BROADER_ECR_ALL_RESOURCES',
    ]);
  });

  it('should list other buckets and writes to the layer bucket for an S3 gateway policy of s3:* on "*"', () => {
    const text = goodFargateWith(
      /Action: s3:GetObject\n            Resource: !Sub arn:\$\{AWS::Partition\}:s3:::prod-\$\{AWS::Region\}-starport-layer-bucket\/\*/,
      "Action: 's3:*'\n            Resource: '*'",
    );
    const report = checkYaml(text);
    expect(broaderFrom(report, 'S3GatewayEndpoint')).toEqual(['BROADER_OTHER_BUCKET', 'BROADER_LAYER_BUCKET_WRITE']);
    expect(broader(report).find((w) => w.code === 'BROADER_LAYER_BUCKET_WRITE')!.decidedBy).toEqual(['S3GatewayEndpoint policy: Sid EcrImageLayers']);
  });

  it("should list the ECR endpoint policy's push actions when the spec allows push, and not the role's", () => {
    const report = checkSpec({ ...EXAMPLE_SPEC, ecrEndpoint: { ...EXAMPLE_SPEC.ecrEndpoint, allowPush: true } });
    expect(report.summary.blocked).toBe(0);
    expect(broaderFrom(report, 'EcrDkrEndpoint')).toEqual(['BROADER_ECR_PUSH', 'BROADER_ECR_PUSH']);
    expect(broaderFrom(report, 'TaskExecutionRole')).toEqual([]);
  });

  it("should find nothing broader in the example spec's policies", () => {
    expect(broader(checkSpec(EXAMPLE_SPEC))).toEqual([]);
  });
});
