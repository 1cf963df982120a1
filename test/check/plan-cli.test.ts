import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../cli/helpers';
import { fargatePlan, planJson, type PlanResourceSpec } from './plan-builder';

/** `policygen check --plan FILE` end to end, in-process: exit codes, stdout and stderr. */
describe('policygen check --plan', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-check-plan-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, resources: readonly PlanResourceSpec[]) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(planJson(resources), null, 2));
    return file;
  };
  const s3With = (change: Record<string, unknown>) => {
    const s3 = fargatePlan().find((r) => r.address === 'aws_vpc_endpoint.s3')!;
    return fargatePlan({ 'aws_vpc_endpoint.s3': { ...s3, ...change } });
  };

  it('should exit 0 on a plan whose pull works, in the provider’s Region', async () => {
    const run = await runInProcess(['check', '--plan', write('good.json', fargatePlan()), '--account', '111122223333', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.region).toBe('eu-west-1');
    expect(report.summary).toMatchObject({ blocked: 0, unknown: 0 });
  });

  it('should read a plan named without a flag (as the pre-commit hook passes files) like --plan', async () => {
    const run = await runInProcess(['check', write('positional.json', fargatePlan()), '--account', '111122223333', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).steps[0].task).toBe('aws_ecs_task_definition.app');
  });

  it('should exit 1 and name the plan address that blocks', async () => {
    const s3 = fargatePlan().find((r) => r.address === 'aws_vpc_endpoint.s3')!;
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }],
    });
    const run = await runInProcess(['check', '--plan', write('blocked.json', s3With({ values: { ...s3.values, policy } })), '--no-color']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('aws_vpc_endpoint.s3');
  });

  it('should exit 4 when the gateway policy is known only after apply', async () => {
    const s3 = fargatePlan().find((r) => r.address === 'aws_vpc_endpoint.s3')!;
    const { policy: _p, ...values } = s3.values;
    const file = write(
      'unknown.json',
      s3With({ values, unknown: { ...s3.unknown, policy: true }, references: { ...s3.references, policy: ['data.aws_iam_policy_document.s3'] } }),
    );
    const run = await runInProcess(['check', '--plan', file, '--format', 'json']);
    expect(run.status).toBe(4);
    expect(JSON.parse(run.stdout).summary.blocked).toBe(0);
  });

  it.each([
    ['a CloudFormation template', '{"Resources": {}}', /--plan must be the output of terraform show -json PLANFILE/],
    ['broken JSON', '{"format_version": ', /--plan must be JSON from terraform show -json PLANFILE, received a syntax error/],
  ])('should exit 2 for %s given as --plan, with the file', async (_what, text, message) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, text);
    const run = await runInProcess(['check', '--plan', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain(`${file}:1:`);
  });

  it('should exit 2 for --plan with --spec or --cdk-out', async () => {
    const run = await runInProcess(['check', '--plan', write('p.json', fargatePlan()), '--spec', 'policygen.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/exactly one of --template FILE \(repeatable\), --cdk-out DIR or --spec FILE; --plan FILE \(repeatable\) counts as --template/);
  });
});
