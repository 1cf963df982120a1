import { generateEcrEndpointPolicy } from '../../src/generate/ecr-endpoint-policy';
import { generateExecutionRolePolicy } from '../../src/generate/execution-role-policy';
import { generateRegistryPolicy } from '../../src/generate/registry-policy';
import { PolicygenInputError } from '../../src/model/errors';

// Amazon ECR User Guide, "IAM permissions required to sync an upstream registry" and "Granting registry
// permissions for pull through cache": the pull, plus ecr:BatchImportUpstreamImage and (while the cached
// repository does not exist) ecr:CreateRepository, on the rule's repositories `repository/PREFIX/*`.
const list = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);
const ROLE = 'arn:aws:iam::111122223333:role/my-app-execution-role';
const base = { region: 'us-east-1', account: '111122223333' };

const grantsOn = (statements: readonly { Action?: string | readonly string[]; Resource?: string | readonly string[] }[], resource: string) =>
  statements.filter((s) => list(s.Resource).includes(resource)).flatMap((s) => list(s.Action));

describe('pull through cache', () => {
  it('should grant the role the pull, the import and the repository creation on repository/PREFIX/*, under the pull’s endpoint condition', () => {
    const result = generateExecutionRolePolicy({
      ...base,
      vpceIds: ['vpce-0123456789abcdef0'],
      repositories: ['my-app'],
      pullThroughCachePrefixes: ['ecr-public'],
    });
    const statement = result.document.Statement.find((s) => list(s.Resource).includes('arn:aws:ecr:us-east-1:111122223333:repository/ecr-public/*'))!;
    expect(list(statement.Action)).toEqual(
      expect.arrayContaining(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchImportUpstreamImage', 'ecr:CreateRepository']),
    );
    expect(statement.Condition).toEqual({ StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } });
    // Nothing beyond the prefix: the named repository gets no import or creation.
    expect(grantsOn(result.document.Statement, 'arn:aws:ecr:us-east-1:111122223333:repository/my-app')).not.toContain('ecr:CreateRepository');
    expect(result.advisories.map((a) => a.id)).toEqual(
      expect.arrayContaining(['pull-through-cache-needs-internet', 'pull-through-cache-conditions-unverified']),
    );
  });

  it('should grant nothing for pull through cache without a prefix', () => {
    const actions = generateExecutionRolePolicy(base).document.Statement.flatMap((s) => list(s.Action));
    expect(actions).not.toContain('ecr:BatchImportUpstreamImage');
    expect(actions).not.toContain('ecr:CreateRepository');
  });

  it('should admit the import and the creation through the ECR endpoint for the same principals', () => {
    const doc = generateEcrEndpointPolicy({ ...base, principals: [ROLE], pullThroughCachePrefixes: ['docker-hub', 'ecr-public'] }).document;
    for (const prefix of ['docker-hub', 'ecr-public']) {
      const statement = doc.Statement.find((s) => list(s.Resource).includes(`arn:aws:ecr:us-east-1:111122223333:repository/${prefix}/*`))!;
      expect(statement.Principal).toEqual({ AWS: ROLE });
      expect(list(statement.Action)).toEqual(expect.arrayContaining(['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository']));
    }
  });

  it('should write the registry permissions policy of the AWS example: named principal, the two actions, repository/PREFIX/*', () => {
    const doc = generateRegistryPolicy({ ...base, principals: [ROLE], pullThroughCachePrefixes: ['ecr-public'] }).document;
    expect(doc.Statement).toHaveLength(1);
    expect(doc.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
      Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/ecr-public/*',
    });
  });

  it.each([
    ['no principal', { principals: [], pullThroughCachePrefixes: ['ecr-public'] }, 'principals'],
    ['a "*" principal', { principals: ['*'], pullThroughCachePrefixes: ['ecr-public'] }, 'principals[0]'],
    ['no prefix', { principals: [ROLE], pullThroughCachePrefixes: [] }, 'pullThroughCachePrefixes'],
    ['a prefix with a wildcard', { principals: [ROLE], pullThroughCachePrefixes: ['ecr-*'] }, 'pullThroughCachePrefixes[0]'],
    ['a one-character prefix', { principals: [ROLE], pullThroughCachePrefixes: ['e'] }, 'pullThroughCachePrefixes[0]'],
  ])('should refuse %s', (_name, options, field) => {
    try {
      generateRegistryPolicy({ ...base, ...options });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(PolicygenInputError);
      expect((error as PolicygenInputError).issues.map((i) => i.field)).toContain(field);
    }
  });
});
