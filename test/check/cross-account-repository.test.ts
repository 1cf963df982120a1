import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../cli/helpers';
import { checkTemplate, type CheckOptions, type RepositoryPolicyInput } from '../../src/check';
import { PolicygenInputError } from '../../src/model/errors';
import { parseYamlSource } from '../../src/template/source/yaml-source';
import { DEPLOYED, goodFargateWith, warningCodes } from './helpers';

/**
 * A pull from a repository of another account (issue 9): IAM's "Cross-account policy evaluation
 * logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html)
 * allows a cross-account request only when the principal's identity policy and the resource policy
 * both allow it; for ECR the resource policy is the repository policy
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html). The policies below
 * follow ECR's example "Allow another account" (repository-policy-examples.html): Principal names the
 * consuming account, no Resource (the policy applies to the repository it is set on).
 */
const OWNER = '444455556666';
const REPOSITORY = `arn:aws:ecr:eu-west-1:${OWNER}:repository/my-app`;

/** good-fargate.yaml pulling my-app from account 444455556666: the role and the endpoints grant that repository. */
const CROSS_ACCOUNT = goodFargateWith(/\$\{AWS::AccountId\}(:repository\/|\.dkr\.ecr)/g, `${OWNER}$1`);

const pullPolicy = (principal: string, effect = 'Allow') => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'AllowPull', Effect: effect, Principal: { AWS: principal }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }],
});

function check(repositoryPolicies?: readonly RepositoryPolicyInput[], text = CROSS_ACCOUNT) {
  const options: CheckOptions = { ...DEPLOYED, ...(repositoryPolicies ? { repositoryPolicies } : {}) };
  return checkTemplate(parseYamlSource('cross-account.yaml', text), options);
}
const pullVerdicts = (report: ReturnType<typeof check>) =>
  Object.fromEntries(report.steps.filter((s) => s.endpoint === 'ecr.dkr').map((s) => [s.step, s.verdict]));

describe('check: a pull from a repository of another account', () => {
  it('should be derived from the fixture it claims (the image and every grant name the other account)', () => {
    expect(CROSS_ACCOUNT).toContain(`${OWNER}.dkr.ecr`);
    expect(CROSS_ACCOUNT).not.toContain('${AWS::AccountId}:repository');
  });

  it('should allow the pull when the repository policy and the role both allow it', () => {
    const report = check([{ repositoryArn: REPOSITORY, document: pullPolicy('arn:aws:iam::111122223333:root'), file: 'repo.json' }]);
    expect(pullVerdicts(report)).toEqual({ manifest: 'allowed', 'layer-urls': 'allowed' });
    const manifest = report.steps.find((s) => s.step === 'manifest')!;
    expect(manifest.decidedBy.some((d) => d.startsWith('repo.json'))).toBe(true);
    expect(manifest.decidedBy.some((d) => d.startsWith('ExecutionRole'))).toBe(true);
    expect(warningCodes(report)).not.toContain('CROSS_ACCOUNT_REPOSITORY');
  });

  it('should allow it when the repository policy names the execution role by ARN', () => {
    const role = 'arn:aws:iam::111122223333:role/my-app-execution';
    const text = CROSS_ACCOUNT.replace(
      '  ExecutionRole:\n    Type: AWS::IAM::Role\n    Properties:\n',
      `  ExecutionRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: my-app-execution\n`,
    );
    expect(text).toContain('RoleName: my-app-execution');
    const report = check([{ repositoryArn: REPOSITORY, document: pullPolicy(role) }], text);
    expect(pullVerdicts(report)).toEqual({ manifest: 'allowed', 'layer-urls': 'allowed' });
  });

  it('should block the pull when the repository policy admits another account only', () => {
    const report = check([{ repositoryArn: REPOSITORY, document: pullPolicy('arn:aws:iam::999988887777:root') }]);
    expect(pullVerdicts(report)).toEqual({ manifest: 'blocked', 'layer-urls': 'blocked' });
    expect(report.steps.find((s) => s.step === 'manifest')!.reason).toMatch(/repository policy/);
  });

  it('should block the pull when the repository policy denies it, whatever the role allows', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [...pullPolicy('arn:aws:iam::111122223333:root').Statement, { Effect: 'Deny', Principal: '*', Action: 'ecr:BatchGetImage' }],
    };
    const report = check([{ repositoryArn: REPOSITORY, document }]);
    expect(pullVerdicts(report)['manifest']).toBe('blocked');
    expect(pullVerdicts(report)['layer-urls']).toBe('allowed');
  });

  it('should block it when only the repository policy allows: the role must allow a cross-account pull too', () => {
    const text = CROSS_ACCOUNT.replace(
      /(PullThroughEndpoint[\s\S]*?Resource: !Sub arn:\$\{AWS::Partition\}:ecr:\$\{AWS::Region\}:)444455556666/,
      '$1999988887777',
    );
    expect(text).toContain('999988887777:repository');
    const report = check([{ repositoryArn: REPOSITORY, document: pullPolicy('arn:aws:iam::111122223333:root') }], text);
    expect(pullVerdicts(report)).toEqual({ manifest: 'blocked', 'layer-urls': 'blocked' });
  });

  it('should say unknown, never blocked, without the repository policy, and keep the warning', () => {
    const report = check();
    expect(pullVerdicts(report)).toEqual({ manifest: 'unknown', 'layer-urls': 'unknown' });
    const manifest = report.steps.find((s) => s.step === 'manifest')!;
    expect(manifest.reason).toMatch(/repository policy/);
    expect(manifest.hint).toContain(`--repository-policy ${REPOSITORY}=FILE`);
    expect(warningCodes(report)).toContain('CROSS_ACCOUNT_REPOSITORY');
    expect(report.summary.blocked).toBe(0);
  });

  it('should still block without the repository policy when the role itself refuses', () => {
    const text = CROSS_ACCOUNT.replace(
      /(PullThroughEndpoint[\s\S]*?Resource: !Sub arn:\$\{AWS::Partition\}:ecr:\$\{AWS::Region\}:)444455556666/,
      '$1999988887777',
    );
    expect(pullVerdicts(check(undefined, text))).toEqual({ manifest: 'blocked', 'layer-urls': 'blocked' });
  });

  it('should take the repository from the policy’s Resource when it names one', () => {
    const document = { Version: '2012-10-17', Statement: [{ ...pullPolicy('arn:aws:iam::111122223333:root').Statement[0], Resource: REPOSITORY }] };
    expect(pullVerdicts(check([{ document }]))).toEqual({ manifest: 'allowed', 'layer-urls': 'allowed' });
  });

  it('should refuse a policy whose repository is neither given nor named in Resource', () => {
    const run = () => check([{ document: pullPolicy('arn:aws:iam::111122223333:root'), file: 'repo.json' }]);
    expect(run).toThrow(PolicygenInputError);
    expect(run).toThrow(/--repository-policy repo\.json.*must name the repository it is set on/s);
  });

  it('should refuse a value that is not a policy document', () => {
    expect(() => check([{ repositoryArn: REPOSITORY, document: { Version: '2012-10-17' } }])).toThrow(/repositoryPolicies\[0\].*Statement/s);
  });
});

describe('policygen check --repository-policy', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-cross-account-'));
    writeFileSync(join(dir, 'stack.yaml'), CROSS_ACCOUNT);
    writeFileSync(join(dir, 'allow.json'), JSON.stringify(pullPolicy('arn:aws:iam::111122223333:root')));
    writeFileSync(join(dir, 'other.json'), JSON.stringify(pullPolicy('arn:aws:iam::999988887777:root')));
    writeFileSync(join(dir, 'broken.json'), '{ "Version": "2012-10-17",\n  "Statement": [ }');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    runInProcess(['check', '--template', join(dir, 'stack.yaml'), '--region', 'eu-west-1', '--account', '111122223333', ...args]);

  it('should exit 0 when the given repository policy allows the pull', async () => {
    const result = await run('--repository-policy', `${REPOSITORY}=${join(dir, 'allow.json')}`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('should exit 1 when it does not, and 4 without one (unknown, never blocked)', async () => {
    expect((await run('--repository-policy', `${REPOSITORY}=${join(dir, 'other.json')}`)).status).toBe(1);
    const without = await run();
    expect(without.status).toBe(4);
    expect(without.stdout).toContain('CROSS_ACCOUNT_REPOSITORY');
  });

  it('should exit 2, with nothing on stdout, for a file whose repository it cannot tell or that is not JSON', async () => {
    const unnamed = await run('--repository-policy', join(dir, 'allow.json'));
    expect(unnamed.status).toBe(2);
    expect(unnamed.stdout).toBe('');
    expect(unnamed.stderr).toContain('--repository-policy');
    const broken = await run('--repository-policy', `${REPOSITORY}=${join(dir, 'broken.json')}`);
    expect(broken.status).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('broken.json:2');
  });

  it('should refuse it with --spec, whose bundle holds the repository policy', async () => {
    const result = await runInProcess([
      'check',
      '--spec',
      join(__dirname, '../../examples/cross-account/spec.yaml'),
      '--repository-policy',
      join(dir, 'allow.json'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--repository-policy');
  });

  it('should pass the cross-account example with --spec: the bundle’s repository policy allows its pull', async () => {
    const result = await runInProcess(['check', '--spec', join(__dirname, '../../examples/cross-account/spec.yaml'), '--format', 'json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { steps: { resource: string; verdict: string; decidedBy: string[] }[] };
    const foreign = report.steps.filter((s) => s.resource === 'arn:aws:ecr:us-east-1:111122223333:repository/shared/base-images');
    expect(foreign.length).toBe(2);
    expect(foreign.every((s) => s.verdict === 'allowed' && s.decidedBy.some((d) => d.startsWith('repositoryPolicy of the bundle')))).toBe(true);
  });
});
