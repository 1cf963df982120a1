import { checkTemplate, type CheckReport } from '../../src/check';
import { fargatePlan, IMAGE, planSource, type PlanResourceSpec } from './plan-builder';

/**
 * `check --plan`: hand-made `terraform show -json` plans (plan-builder.ts) through the walk. The
 * expected verdicts come from the AWS documentation of the pull (policygen docs/aws-facts.md): a
 * Fargate task in private subnets pulls over ecr.api, ecr.dkr (private DNS, HTTPS open) and the S3
 * gateway endpoint, whose policy must allow s3:GetObject on prod-REGION-starport-layer-bucket/*
 * (ECR User Guide, "Amazon ECR interface VPC endpoints (AWS PrivateLink)", S3 gateway policy section).
 */
const check = (resources: readonly PlanResourceSpec[]): CheckReport => checkTemplate(planSource(resources), { accountId: '111122223333' });
const verdicts = (report: CheckReport) => Object.fromEntries(report.steps.map((s) => [s.step, s.verdict]));
const step = (report: CheckReport, name: string) => report.steps.find((s) => s.step === name)!;

describe('check --plan', () => {
  it('should allow every step of the documented private Fargate pull', () => {
    const report = check(fargatePlan());
    expect(verdicts(report)).toEqual({ 'auth-token': 'allowed', manifest: 'allowed', 'layer-urls': 'allowed', 'layer-download': 'allowed' });
    // The provider's Region is the stack's: no ASSUMED_REGION warning.
    expect(report.region).toBe('eu-west-1');
    expect(report.warnings.map((w) => w.code)).not.toContain('ASSUMED_REGION');
    // Plan addresses are the IDs in the report.
    expect(report.containers).toEqual([{ task: 'aws_ecs_task_definition.app', container: 'app', image: IMAGE }]);
    expect(step(report, 'manifest').endpointResource).toBe('aws_vpc_endpoint.ecr_dkr');
    expect(step(report, 'layer-download').endpointResource).toBe('aws_vpc_endpoint.s3');
  });

  it('should block the layer download at the S3 gateway endpoint whose policy lacks the layer bucket', () => {
    const assetsOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-app-assets/*' }],
    });
    const s3 = fargatePlan().find((r) => r.address === 'aws_vpc_endpoint.s3')!;
    const report = check(fargatePlan({ 'aws_vpc_endpoint.s3': { ...s3, values: { ...s3.values, policy: assetsOnly } } }));
    const download = step(report, 'layer-download');
    expect(download).toMatchObject({ verdict: 'blocked', allowed: false, endpointResource: 'aws_vpc_endpoint.s3' });
    expect(download.hint).toContain('prod-eu-west-1-starport-layer-bucket');
    expect(verdicts(report)['manifest']).toBe('allowed');
  });

  it('should say unknown, not blocked, when the gateway policy is known only after apply', () => {
    const s3 = fargatePlan().find((r) => r.address === 'aws_vpc_endpoint.s3')!;
    const { policy: _policy, ...values } = s3.values;
    const report = check(
      fargatePlan({
        'aws_vpc_endpoint.s3': {
          ...s3,
          values,
          unknown: { ...s3.unknown, policy: true },
          references: { ...s3.references, policy: ['data.aws_iam_policy_document.s3'] },
        },
      }),
    );
    const download = step(report, 'layer-download');
    expect(download.verdict).toBe('unknown');
    expect(download.allowed).toBeNull();
    expect(download.reason).toContain('aws_vpc_endpoint.s3.policy, known only after terraform apply');
    expect(report.summary.blocked).toBe(0);
  });

  it('should read an endpoint policy left out of the configuration as AWS’s default full access', () => {
    // The gateway endpoint's policy is computed: not configured, AWS attaches full access (PrivateLink Guide, endpoint policies).
    const s3 = fargatePlan().find((r) => r.address === 'aws_vpc_endpoint.s3')!;
    const { policy: _policy, ...values } = s3.values;
    const report = check(fargatePlan({ 'aws_vpc_endpoint.s3': { ...s3, values, unknown: { ...s3.unknown, policy: true }, constants: [] } }));
    expect(step(report, 'layer-download').verdict).toBe('allowed');
    expect(report.warnings.find((w) => w.resource === 'aws_vpc_endpoint.s3')?.message).toContain('has no policy');
  });

  it('should block the registry steps without the ecr.dkr endpoint and no internet route, with a Terraform hint', () => {
    const report = check(fargatePlan({ 'aws_vpc_endpoint.ecr_dkr': null }));
    const manifest = step(report, 'manifest');
    expect(manifest.verdict).toBe('blocked');
    expect(manifest.hint).toContain(
      'aws_vpc_endpoint with service_name = "com.amazonaws.eu-west-1.ecr.dkr", vpc_endpoint_type = "Interface", private_dns_enabled = true',
    );
    expect(manifest.hint).not.toMatch(/VpcEndpointType|PrivateDnsEnabled|AWS::EC2/);
    // Nothing in the report speaks of a CloudFormation template or its properties.
    expect(JSON.stringify([report.steps, report.warnings])).not.toMatch(/\btemplate\b|PolicyDocument|ExecutionRoleArn|AWS::/);
  });

  it('should route over the internet gateway with assign_public_ip = true in a public route table, and only then', () => {
    const service = fargatePlan().find((r) => r.address === 'aws_ecs_service.app')!;
    const withPublicIp = (assign: boolean) =>
      fargatePlan({
        'aws_vpc_endpoint.ecr_dkr': null,
        'aws_vpc_endpoint.ecr_api': null,
        'aws_internet_gateway.main': { address: 'aws_internet_gateway.main', values: {}, unknown: { id: true } },
        'aws_route.public': {
          address: 'aws_route.public',
          values: { destination_cidr_block: '0.0.0.0/0' },
          unknown: { id: true, gateway_id: true, route_table_id: true },
          references: { gateway_id: ['aws_internet_gateway.main.id', 'aws_internet_gateway.main'], route_table_id: ['aws_route_table.private.id'] },
        },
        'aws_ecs_service.app': { ...service, values: { ...service.values, network_configuration: [{ assign_public_ip: assign }] } },
      });
    // ECS Developer Guide, Fargate task networking: a public subnet's task needs a public IP to reach the internet gateway.
    const report = check(withPublicIp(true));
    expect(verdicts(report)['manifest']).toBe('allowed');
    expect(step(report, 'manifest').network).toBe('internet');
    expect(verdicts(check(withPublicIp(false)))['manifest']).toBe('blocked');
  });

  it('should say unknown when the execution role’s attached policy is known only after apply', () => {
    const attachment = fargatePlan().find((r) => r.address === 'aws_iam_role_policy_attachment.execution')!;
    const report = check(
      fargatePlan({
        'aws_iam_role_policy_attachment.execution': {
          ...attachment,
          values: { role: 'app-execution' },
          unknown: { id: true, policy_arn: true },
          references: { policy_arn: ['var.policy_arn'] },
        },
      }),
    );
    expect(verdicts(report)['manifest']).toBe('unknown');
    expect(report.summary.blocked).toBe(0);
  });

  it('should use an aws_iam_policy attached to the role, and block when it lacks ecr:BatchGetImage', () => {
    const policy = (actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
    const custom = (actions: string[]) =>
      fargatePlan({
        'aws_iam_policy.pull': {
          address: 'aws_iam_policy.pull',
          values: { name: 'pull', path: '/', policy: policy(actions) },
          unknown: { arn: true, id: true },
        },
        'aws_iam_role_policy_attachment.execution': {
          address: 'aws_iam_role_policy_attachment.execution',
          values: { role: 'app-execution' },
          unknown: { id: true, policy_arn: true },
          references: { policy_arn: ['aws_iam_policy.pull.arn', 'aws_iam_policy.pull'] },
        },
      });
    // The pull needs GetAuthorizationToken, BatchGetImage and GetDownloadUrlForLayer (ECR User Guide, private repository policies / IAM).
    const pull = ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
    expect(verdicts(check(custom(pull)))).toEqual({ 'auth-token': 'allowed', manifest: 'allowed', 'layer-urls': 'allowed', 'layer-download': 'allowed' });
    const without = check(custom(['ecr:GetAuthorizationToken', 'ecr:GetDownloadUrlForLayer']));
    expect(verdicts(without)['manifest']).toBe('blocked');
  });

  it('should name execution_role_arn when the task definition has no execution role on Fargate', () => {
    const task = fargatePlan().find((r) => r.address === 'aws_ecs_task_definition.app')!;
    const report = check(
      fargatePlan({ 'aws_ecs_task_definition.app': { ...task, values: { ...task.values, execution_role_arn: null }, unknown: { arn: true }, references: {} } }),
    );
    const manifest = step(report, 'manifest');
    expect(manifest.verdict).toBe('blocked');
    expect(`${manifest.reason} ${manifest.hint}`).toContain('execution_role_arn');
    expect(`${manifest.reason} ${manifest.hint}`).not.toContain('ExecutionRoleArn');
  });

  it('should read several plans as one stack set (a network workspace and a service workspace)', () => {
    const all = fargatePlan();
    const app = ['aws_iam_role.execution', 'aws_iam_role_policy_attachment.execution', 'aws_ecs_task_definition.app', 'aws_ecs_service.app'];
    const network = planSource(
      all.filter((r) => !app.includes(r.address)),
      'network.json',
    );
    const service = planSource(
      all.filter((r) => app.includes(r.address)),
      'service.json',
    );
    const report = checkTemplate([network, service], { accountId: '111122223333' });
    expect(verdicts(report)).toEqual({ 'auth-token': 'allowed', manifest: 'allowed', 'layer-urls': 'allowed', 'layer-download': 'allowed' });
    // Alone, the service plan declares no network: unknown, never blocked.
    const alone = checkTemplate(service, { accountId: '111122223333' });
    expect(alone.summary).toMatchObject({ blocked: 0, unknown: 4 });
  });

  it('should not check an image known only after apply, and say so', () => {
    const task = fargatePlan().find((r) => r.address === 'aws_ecs_task_definition.app')!;
    const { container_definitions: _c, ...values } = task.values;
    expect(() => check(fargatePlan({ 'aws_ecs_task_definition.app': { ...task, values, unknown: { ...task.unknown, container_definitions: true } } }))).toThrow(
      /plan must plan an aws_ecs_task_definition with a container image from Amazon ECR.*known only after apply/,
    );
  });
});
