import { checkSpec } from '../../src/check';
import { generateBundle } from '../../src/generate/bundle';
import { renderCloudFormation } from '../../src/generate/cloudformation-template';
import { PolicygenInputError, type InputIssue } from '../../src/model/errors';
import type { PolicygenSpec } from '../../src/model/policygen-spec.generated';
import { renderTerraform } from '../../src/render/terraform';

// A role ARN is arn:PARTITION:iam::ACCOUNT:role/PATH/NAME (IAM User Guide, "IAM identifiers"); CreateRole
// takes RoleName and Path (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). The
// repository policy of a cross-account repository names executionRoleArn, so the role the IaC outputs
// create must be that role, or the repository refuses the pull (IAM, cross-account policy evaluation).
const ROLE_ARN = 'arn:aws:iam::111122223333:role/platform/orders-execution-role';
const INSTANCE_ROLE_ARN = 'arn:aws:iam::111122223333:role/orders-container-instance';
const spec: PolicygenSpec = {
  region: 'us-east-1',
  account: '111122223333',
  launchType: 'fargate',
  executionRoleArn: ROLE_ARN,
  repositories: ['orders', 'arn:aws:ecr:us-east-1:444455556666:repository/shared/base'],
  network: { vpcId: 'vpc-0123456789abcdef0', endpointIds: ['vpce-0123456789abcdef0'], subnetCidrs: ['10.0.0.0/24'] },
  ecrEndpoint: { principals: [ROLE_ARN] },
};
const ec2Spec: PolicygenSpec = {
  ...spec,
  launchType: 'ec2',
  containerInstance: { cluster: 'orders', tasksWithoutExecutionRole: true, roleArn: INSTANCE_ROLE_ARN },
};
const issues = (run: () => unknown): InputIssue[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicygenInputError) return [...error.issues];
    throw error;
  }
  return [];
};

describe('roles the spec names by ARN', () => {
  it('should create the execution role under the RoleName and Path of executionRoleArn in CloudFormation', () => {
    const template = renderCloudFormation(generateBundle(spec), spec);
    expect(template.Resources['TaskExecutionRole']?.Properties).toMatchObject({ RoleName: 'orders-execution-role', Path: '/platform/' });
  });

  it('should create it under name and path in Terraform, instead of a name_prefix', () => {
    const role = renderTerraform(generateBundle(spec), spec).resource['aws_iam_role']!['task_execution']!;
    expect(role).toMatchObject({ name: 'orders-execution-role', path: '/platform/' });
    expect(role).not.toHaveProperty('name_prefix');
  });

  it('should create the container instance role under containerInstance.roleArn', () => {
    const bundle = generateBundle(ec2Spec);
    expect(renderCloudFormation(bundle, ec2Spec).Resources['ContainerInstanceRole']?.Properties).toMatchObject({
      RoleName: 'orders-container-instance',
      Path: '/',
    });
    expect(renderTerraform(bundle, ec2Spec).resource['aws_iam_role']!['container_instance']).toMatchObject({ name: 'orders-container-instance', path: '/' });
  });

  it('should name the role of the role-only outputs of existingEndpoints too', () => {
    const { network: _network, ...rest } = spec;
    const existing: PolicygenSpec = { ...rest, existingEndpoints: { endpointIds: ['vpce-0123456789abcdef0'] } };
    const bundle = generateBundle(existing);
    expect(renderCloudFormation(bundle, existing).Resources['TaskExecutionRole']?.Properties).toMatchObject({
      RoleName: 'orders-execution-role',
      Path: '/platform/',
    });
    expect(renderTerraform(bundle, existing).resource['aws_iam_role']!['task_execution']).toMatchObject({ name: 'orders-execution-role', path: '/platform/' });
  });

  it('should let AWS name the roles when the spec names none', () => {
    const { executionRoleArn: _arn, ...unnamed } = spec;
    const bundle = generateBundle(unnamed);
    expect(renderCloudFormation(bundle, unnamed).Resources['TaskExecutionRole']?.Properties).not.toHaveProperty('RoleName');
    expect(renderTerraform(bundle, unnamed).resource['aws_iam_role']!['task_execution']).toHaveProperty('name_prefix', 'ecs-task-execution-');
  });

  it('should name the created role once in the ECR endpoint policy, by reference, in place of its literal ARN', () => {
    const template = renderCloudFormation(generateBundle(ec2Spec), ec2Spec);
    const policy = template.Resources['EcrDkrEndpoint']?.Properties['PolicyDocument'] as { Statement: { Principal: { AWS: unknown[] } }[] };
    for (const statement of policy.Statement) {
      expect(statement.Principal.AWS).toEqual([{ 'Fn::GetAtt': ['TaskExecutionRole', 'Arn'] }, { 'Fn::GetAtt': ['ContainerInstanceRole', 'Arn'] }]);
    }
  });

  it('should let check --spec find the role the repository policy names by its literal ARN', () => {
    const report = checkSpec(spec);
    const pulls = report.steps.filter((s) => s.step === 'manifest' || s.step === 'layer-urls');
    expect(pulls.length).toBeGreaterThan(0);
    expect(pulls.map((s) => s.verdict)).toEqual(pulls.map(() => 'allowed'));
    const foreign = pulls.filter((s) => s.resource.includes(':444455556666:'));
    expect(foreign.length).toBeGreaterThan(0);
    for (const step of foreign) expect(step.decidedBy.some((d) => d.startsWith('repositoryPolicy of the bundle'))).toBe(true);
  });

  it('should refuse a role ARN of another account than the spec’s, naming the field, the value and the account expected', () => {
    const other = 'arn:aws:iam::999988887777:role/orders-execution-role';
    const found = issues(() => generateBundle({ ...spec, executionRoleArn: other, ecrEndpoint: { principals: [other] } }));
    expect(found).toEqual([
      expect.objectContaining({ field: 'executionRoleArn', received: `"${other}"`, expected: expect.stringContaining('account 111122223333') }),
    ]);
    const instance = issues(() => generateBundle({ ...ec2Spec, containerInstance: { cluster: 'orders', roleArn: other } }));
    expect(instance.map((i) => i.field)).toEqual(['containerInstance.roleArn']);
  });

  it('should refuse a role ARN that is not a role’s', () => {
    for (const bad of [
      'arn:aws:iam::111122223333:user/orders',
      'arn:aws:iam::111122223333:root',
      'orders-execution-role',
      'arn:aws-cn:iam::111122223333:role/x',
    ]) {
      expect(issues(() => generateBundle({ ...spec, repositories: ['orders'], executionRoleArn: bad, ecrEndpoint: {} })).map((i) => i.field)).toEqual([
        'executionRoleArn',
      ]);
    }
  });
});
