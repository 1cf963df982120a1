import { generateBundle } from '../../src/generate/bundle';
import { PolicygenInputError } from '../../src/model/errors';
import type { PolicygenSpec } from '../../src/model/policygen-spec.generated';
import { renderCloudFormation } from '../../src/generate/cloudformation-template';
import { renderTerraform } from '../../src/render/terraform';

// A VPC that already has the endpoints, or uses a hub VPC's: aws:SourceVpc is the VPC that hosts
// the endpoint the request went through (IAM User Guide, aws:SourceVpc; DOMAIN.md §2), so with a hub
// it is the hub's VPC, not the task's. ECS-EXEC conditions the pull actions, never
// GetAuthorizationToken, on aws:SourceVpce / aws:SourceVpc.
const HUB_VPC = 'vpc-0aaaaaaaaaaaaaaaa';
const TASK_VPC = 'vpc-0bbbbbbbbbbbbbbbb';
const DKR = 'vpce-0123456789abcdef0';
const spec: PolicygenSpec = {
  region: 'us-east-1',
  account: '111122223333',
  launchType: 'fargate',
  repositories: ['my-app'],
  network: { vpcId: TASK_VPC, subnetCidrs: ['10.0.0.0/24'] },
  existingEndpoints: { endpointIds: [DKR], sourceVpc: HUB_VPC },
};
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const fields = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicygenInputError) return error.issues.map((i) => i.field);
    throw error;
  }
  return [];
};

describe('existingEndpoints', () => {
  it('should condition the pull on the given endpoint IDs and the hub VPC, never on the task VPC, and leave the token unconditioned', () => {
    const statements = generateBundle(spec).executionRolePolicy.document.Statement;
    const pull = statements.find((s) => list(s.Action).includes('ecr:BatchGetImage'))!;
    expect(pull.Condition).toEqual({ StringEquals: { 'aws:SourceVpc': HUB_VPC, 'aws:SourceVpce': DKR } });
    expect(statements.find((s) => list(s.Action).includes('ecr:GetAuthorizationToken'))?.Condition).toBeUndefined();
  });

  it('should default aws:SourceVpc to network.vpcId when the endpoints are in the tasks’ own VPC', () => {
    const own = { ...spec, existingEndpoints: { endpointIds: [DKR] } };
    const pull = generateBundle(own).executionRolePolicy.document.Statement.find((s) => list(s.Action).includes('ecr:BatchGetImage'))!;
    expect(pull.Condition).toEqual({ StringEquals: { 'aws:SourceVpc': TASK_VPC, 'aws:SourceVpce': DKR } });
  });

  it('should render a CloudFormation template that creates no endpoint or security group and keeps the literal conditions', () => {
    const bundle = generateBundle(spec);
    const template = renderCloudFormation(bundle, spec);
    const types = Object.values(template.Resources).map((r) => r.Type);
    expect(types).not.toContain('AWS::EC2::VPCEndpoint');
    expect(types).not.toContain('AWS::EC2::SecurityGroup');
    expect(types).toEqual(expect.arrayContaining(['AWS::IAM::Role', 'AWS::IAM::RolePolicy']));
    expect(JSON.stringify(template)).toContain(DKR);
    expect(JSON.stringify(template)).toContain(HUB_VPC);
    expect(JSON.stringify(template)).not.toContain(TASK_VPC);
    expect(bundle.advisories.map((a) => a.id)).toContain('existing-endpoints');
  });

  it('should render Terraform with no aws_vpc_endpoint and the literal conditions', () => {
    const config = renderTerraform(generateBundle(spec), spec);
    expect(Object.keys(config.resource).sort()).toEqual(['aws_iam_role', 'aws_iam_role_policy']);
    const policy = JSON.parse(String(config.resource['aws_iam_role_policy']!['task_execution']!['policy'])) as { Statement: { Condition?: unknown }[] };
    expect(JSON.stringify(policy)).toContain(DKR);
    expect(JSON.stringify(policy)).toContain(HUB_VPC);
  });

  it('should admit a cross-account pull through the existing endpoints in the repository policy', () => {
    const bundle = generateBundle({ ...spec, repositories: ['arn:aws:ecr:us-east-1:444455556666:repository/shared/base'] });
    expect(bundle.repositoryPolicy?.document.Statement[0]?.Condition).toEqual({ StringEquals: { 'aws:SourceVpce': DKR } });
  });

  it('should refuse network.endpointIds beside existingEndpoints, and name bad IDs by their spec field', () => {
    expect(fields(() => generateBundle({ ...spec, network: { ...spec.network, endpointIds: [DKR] } }))).toContain('network.endpointIds');
    expect(fields(() => generateBundle({ ...spec, existingEndpoints: { endpointIds: ['vpce-x'], sourceVpc: 'hub' } })).sort()).toEqual([
      'existingEndpoints.endpointIds[0]',
      'existingEndpoints.sourceVpc',
    ]);
    expect(fields(() => generateBundle({ ...spec, existingEndpoints: { endpointIds: [] } }))).toContain('existingEndpoints.endpointIds');
  });
});
