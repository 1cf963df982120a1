import { generateBundle } from '../../src/generate/bundle';
import { generateRepositoryPolicy } from '../../src/generate/repository-policy';
import { PolicygenInputError } from '../../src/model/errors';
import { runInProcess } from '../cli/helpers';

// Amazon ECR User Guide, "Private repository policy examples" ("Example: Allow another account") and
// "Repository policies vs IAM policies": the repository owner's policy names the other account's
// principal and the pull actions, with no Resource (the policy is the repository's own); the consumer
// still needs ecr:GetAuthorizationToken and the pull in its identity policy.
const ROLE = 'arn:aws:iam::444455556666:role/my-app-execution-role';
const VPCE = 'vpce-0123456789abcdef0';
const FOREIGN = 'arn:aws:ecr:us-east-1:111122223333:repository/shared/base';
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe('generateRepositoryPolicy', () => {
  it('should grant the named role the manifest and layer pull, without a Resource, only through the given endpoint', () => {
    const doc = generateRepositoryPolicy({ region: 'us-east-1', principals: [ROLE], vpceIds: [VPCE] }).document;
    expect(doc.Statement).toHaveLength(1);
    const [s] = doc.Statement;
    expect(s.Effect).toBe('Allow');
    expect(s.Principal).toEqual({ AWS: ROLE });
    expect(list(s.Action)).toEqual(expect.arrayContaining(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']));
    expect(list(s.Action)).not.toContain('ecr:GetAuthorizationToken');
    expect(list(s.Action).some((a) => /Put|Upload|Delete|\*/.test(String(a)))).toBe(false);
    expect(s.Resource).toBeUndefined();
    expect(s.Condition).toEqual({ StringEquals: { 'aws:SourceVpce': VPCE } });
  });

  it('should name an account given by ID as its root in the Region’s partition, and advise when no endpoint narrows it', () => {
    const result = generateRepositoryPolicy({ region: 'cn-north-1', principals: ['444455556666'] });
    expect(result.document.Statement[0].Principal).toEqual({ AWS: 'arn:aws-cn:iam::444455556666:root' });
    expect(result.document.Statement[0].Condition).toBeUndefined();
    expect(result.advisories.map((a) => a.id)).toContain('repository-policy-without-endpoint-condition');
  });

  it.each([
    [{ principals: [] }, 'principals'],
    [{ principals: ['*'] }, 'principals[0]'],
    [{ principals: [ROLE], vpceIds: ['vpc-0123'] }, 'vpceIds[0]'],
  ])('should reject %j naming %s', (options, field) => {
    expect.assertions(2);
    try {
      generateRepositoryPolicy({ region: 'us-east-1', ...options });
    } catch (error) {
      expect(error).toBeInstanceOf(PolicygenInputError);
      expect((error as PolicygenInputError).issues.map((i) => i.field)).toContain(field);
    }
  });
});

describe('bundle with a repository of another account', () => {
  const spec = {
    region: 'us-east-1',
    account: '444455556666',
    launchType: 'fargate' as const,
    repositories: ['my-app', FOREIGN],
    executionRoleArn: ROLE,
    network: { endpointIds: [VPCE] },
  };

  it('should include the repository policy for exactly the foreign repositories, naming the execution role', () => {
    const bundle = generateBundle(spec);
    expect(bundle.repositoryPolicy?.repositories).toEqual([FOREIGN]);
    expect(bundle.repositoryPolicy?.document.Statement[0].Principal).toEqual({ AWS: ROLE });
    expect(bundle.repositoryPolicy?.document.Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceVpce': VPCE } });
    // The consumer's own grant covers the foreign ARN too: a cross-account pull needs both sides.
    const pull = bundle.executionRolePolicy.document.Statement.find((s) => list(s.Action).includes('ecr:BatchGetImage'))!;
    expect(list(pull.Resource)).toContain(FOREIGN);
    expect(bundle.advisories.map((a) => a.id)).toContain('cross-account-repository');
    expect(bundle.advisories.map((a) => a.id)).not.toContain('repository-policy-account-principal');
  });

  // ECS Developer Guide, "Amazon ECS container instance IAM role": a task without an execution role
  // pulls with the container instance role, so across accounts the repository policy must name it too.
  it('should name the container instance role as well when tasks pull without an execution role', () => {
    const instanceRole = 'arn:aws:iam::444455556666:role/ecs-instance';
    const bundle = generateBundle({
      ...spec,
      launchType: 'ec2' as const,
      containerInstance: { cluster: 'ingest', tasksWithoutExecutionRole: true, roleArn: instanceRole },
    });
    expect(list((bundle.repositoryPolicy?.document.Statement[0].Principal as { AWS: unknown }).AWS).sort()).toEqual([instanceRole, ROLE].sort());
    // Without tasksWithoutExecutionRole the instance role never pulls: not named.
    const agentOnly = generateBundle({ ...spec, launchType: 'ec2' as const, containerInstance: { cluster: 'ingest', roleArn: instanceRole } });
    expect(agentOnly.repositoryPolicy?.document.Statement[0].Principal).toEqual({ AWS: ROLE });
  });

  it('should have no repository policy when every repository is the account’s own', () => {
    expect(generateBundle({ ...spec, repositories: ['my-app', 'arn:aws:ecr:us-east-1:444455556666:repository/other'] }).repositoryPolicy).toBeUndefined();
  });

  it('should fall back to the account root with a warning when no executionRoleArn is given', () => {
    const { executionRoleArn: _, ...withoutRole } = spec;
    const bundle = generateBundle(withoutRole);
    expect(bundle.repositoryPolicy?.document.Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::444455556666:root' });
    expect(bundle.advisories.map((a) => a.id)).toContain('repository-policy-account-principal');
  });

  it('should name executionRoleArn when it is not a role ARN', () => {
    expect(() => generateBundle({ ...spec, executionRoleArn: 'my-role' })).toThrow(/executionRoleArn/);
  });
});

describe('policygen repository-policy', () => {
  it('should print the policy on stdout and exit 0', async () => {
    const run = await runInProcess(['repository-policy', '--region', 'us-east-1', '--principal', ROLE, '--vpce', VPCE, '--quiet']);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { Statement: { Principal: unknown }[] };
    expect(doc.Statement[0]?.Principal).toEqual({ AWS: ROLE });
  });

  it('should exit 2 with nothing on stdout for a wildcard principal', async () => {
    const run = await runInProcess(['repository-policy', '--region', 'us-east-1', '--principal', '*']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/principal/);
  });
});
