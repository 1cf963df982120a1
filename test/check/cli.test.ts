import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../cli/helpers';
import { FIXTURES } from './helpers';

/** `policygen check` end to end, in-process: exit codes, stdout and stderr. */

const fixture = (path: string) => join(FIXTURES, path);
const DEPLOYED = ['--region', 'eu-west-1', '--account', '111122223333'];
const STEP_FIELDS = ['task', 'container', 'action', 'resource', 'endpoint', 'allowed', 'decidedBy', 'reason'];

describe('policygen check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should exit 0 with every step allowed', async () => {
    const run = await runInProcess(['check', '--template', fixture('cloudformation/good-fargate.yaml'), ...DEPLOYED]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('every step allowed: 6 steps for 1 container in 1 task definition, 6 allowed, 0 blocked');
  });

  it('should exit 1 with the blocked step, why and fix in the table', async () => {
    const run = await runInProcess(['check', '--template', fixture('cloudformation/broken-s3-policy-without-layer-bucket.yaml'), ...DEPLOYED]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    const row = lines.findIndex((l) => /^\s+layer-download\s+s3:GetObject\s+s3 S3GatewayEndpoint\s+BLOCKED\s+-$/.test(l));
    expect(row).toBeGreaterThan(0);
    expect(lines[row + 1]).toMatch(/^\s+why: no statement of the policy of S3GatewayEndpoint allows s3:GetObject/);
    expect(lines[row + 2]).toMatch(/^\s+fix: add to the policy of S3GatewayEndpoint: .*starport-layer-bucket/);
    expect(run.stdout).toMatch(/^1 step blocked: /m);
  });

  it('should print the JSON report with the step fields of the issue', async () => {
    const run = await runInProcess([
      'check',
      '--template',
      fixture('cloudformation/broken-get-authorization-token-vpc-condition.yaml'),
      ...DEPLOYED,
      '--format',
      'json',
    ]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { steps: Record<string, unknown>[]; warnings: unknown[]; summary: Record<string, number> };
    for (const step of report.steps) for (const field of STEP_FIELDS) expect(step).toHaveProperty(field);
    expect(report.steps.filter((s) => s['allowed'] === false).map((s) => [s['action'], s['endpoint']])).toEqual([['ecr:GetAuthorizationToken', 'ecr.api']]);
    expect(report.summary).toEqual({ tasks: 1, containers: 1, steps: 6, allowed: 5, blocked: 1, unknown: 0, warnings: 1 });
    expect(Array.isArray(report.warnings)).toBe(true);
  });

  it('should check what a spec generates', async () => {
    const spec = join(dir, 'spec.yaml');
    writeFileSync(
      spec,
      'region: eu-west-1\naccount: "111122223333"\nlaunchType: fargate\nrepositories: [app]\nlogging: { awslogs: true, logGroups: [/ecs/app] }\n',
    );
    const run = await runInProcess(['check', '--spec', spec, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ steps: 6, blocked: 0 });
  });

  it('should pass examples/ec2-instance-role, walking its task without an execution role with the container instance role', async () => {
    const run = await runInProcess(['check', '--spec', join(__dirname, '..', '..', 'examples', 'ec2-instance-role', 'spec.yaml'), '--format', 'json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { blocked: number }; steps: { task: string; action: string; decidedBy: string[] }[] };
    expect(report.summary.blocked).toBe(0);
    // Two repositories, each walked by both tasks: auth, manifest, layer URLs, layer download, log stream, log events.
    const instanceSteps = report.steps.filter((s) => s.task === 'TaskDefinitionWithoutExecutionRole');
    expect(instanceSteps).toHaveLength(12);
    const pull = instanceSteps.find((s) => s.action === 'ecr:BatchGetImage')!;
    expect(pull.decidedBy.some((d) => d.startsWith('ContainerInstanceRolePolicy'))).toBe(true);
  });

  it.each([
    [['check'], /exactly one of --template FILE \(repeatable\), --cdk-out DIR or --spec FILE/],
    [['check', '--template', 'a.yaml', '--spec', 'b.yaml'], /exactly one of --template FILE \(repeatable\), --cdk-out DIR or --spec FILE/],
    [['check', '--template', 'no-such-file.yaml'], /cannot read no-such-file\.yaml: no such file/],
    [['check', '--template', fixture('check/no-task-definition.yaml')], /no AWS::ECS::TaskDefinition/],
    [['check', '--template', fixture('cloudformation/good-fargate.yaml'), '--region', 'eu-wset-1'], /--region must be an AWS Region.*did you mean "eu-west-1"/],
    [['check', '--template', fixture('cloudformation/good-fargate.yaml'), '--account', '1234'], /--account must/],
    [['check', '--spec', fixture('check/docker-hub-only.yaml'), '--region', 'eu-west-1'], /--region must be left out with --spec/],
  ])('should exit 2 on bad input: %j', async (args, message) => {
    const run = await runInProcess(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('should exit 2 with file:line:column for a template that does not parse', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'Resources:\n  A: [unclosed\n');
    const run = await runInProcess(['check', '--template', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: template must be valid YAML`));
  });

  it('should exit 2 for a spec the generators refuse, naming the field and line', async () => {
    const spec = join(dir, 'bad-spec.yaml');
    writeFileSync(spec, 'region: eu-west-1\naccount: "111122223333"\nlaunchType: fargate\nrepositories: [Not_A_Repo]\n');
    const run = await runInProcess(['check', '--spec', spec]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/bad-spec\.yaml:4:\d+: repositories\[0\] must be an ECR repository name/);
  });
});
