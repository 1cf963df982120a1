import { generateBundle } from '../../src/generate/bundle';
import { generateEcrEndpointPolicy } from '../../src/generate/ecr-endpoint-policy';
import { generateExecutionRolePolicy } from '../../src/generate/execution-role-policy';
import { PolicygenInputError } from '../../src/model/errors';
import { runInProcess } from '../cli/helpers';

// Amazon GuardDuty User Guide, "ECR Repository for GuardDuty agent on AWS Fargate (Amazon ECS only)"
// (https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html):
// US East (N. Virginia) 593207742271.dkr.ecr.us-east-1.amazonaws.com/aws-guardduty-agent-fargate,
// Europe (Ireland) 694911143906.dkr.ecr.eu-west-1.amazonaws.com/aws-guardduty-agent-fargate.
// AWS GovCloud (US) User Guide, "Amazon GuardDuty": us-gov-west-1 383110348953.
const US_EAST_1 = 'arn:aws:ecr:us-east-1:593207742271:repository/aws-guardduty-agent-fargate';
const EU_WEST_1 = 'arn:aws:ecr:eu-west-1:694911143906:repository/aws-guardduty-agent-fargate';
const GOV_WEST = 'arn:aws-us-gov:ecr:us-gov-west-1:383110348953:repository/aws-guardduty-agent-fargate';
const list = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);
type Doc = ReturnType<typeof generateExecutionRolePolicy>['document'];
const pullResources = (doc: Doc): string[] => doc.Statement.filter((s) => list(s.Action).includes('ecr:BatchGetImage')).flatMap((s) => list(s.Resource));

describe('awsOwnedImages: guardduty-agent', () => {
  it('should add the GuardDuty agent repository of the Region to the execution role’s pull, under the same endpoint condition', () => {
    const doc = generateExecutionRolePolicy({
      region: 'us-east-1',
      account: '111122223333',
      vpceIds: ['vpce-0123456789abcdef0'],
      repositories: ['my-app'],
      awsOwnedImages: ['guardduty-agent'],
    }).document;
    const pull = doc.Statement.find((s) => list(s.Resource).includes(US_EAST_1))!;
    expect(list(pull.Action)).toEqual(expect.arrayContaining(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']));
    expect(pull.Condition).toEqual({ StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } });
    expect(pullResources(doc)).toEqual(expect.arrayContaining(['arn:aws:ecr:us-east-1:111122223333:repository/my-app', US_EAST_1]));
  });

  it('should let the ECR endpoint policy admit the pull of that repository, never a push', () => {
    const result = generateEcrEndpointPolicy({ region: 'eu-west-1', account: '111122223333', allowPush: true, awsOwnedImages: ['guardduty-agent'] });
    const statement = result.document.Statement.find((s) => list(s.Resource).includes(EU_WEST_1))!;
    expect(list(statement.Action)).toEqual(expect.arrayContaining(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']));
    expect(list(statement.Action)).not.toContain('ecr:PutImage');
  });

  it('should use the GovCloud account and partition', () => {
    expect(
      pullResources(generateExecutionRolePolicy({ region: 'us-gov-west-1', account: '111122223333', awsOwnedImages: ['guardduty-agent'] }).document),
    ).toContain(GOV_WEST);
  });

  it('should grant nothing and warn in a Region the GuardDuty table does not list', () => {
    const result = generateExecutionRolePolicy({ region: 'cn-north-1', account: '111122223333', awsOwnedImages: ['guardduty-agent'] });
    expect(pullResources(result.document).some((r) => r.includes('guardduty'))).toBe(false);
    expect(result.advisories.map((a) => a.id)).toContain('aws-owned-image-region-unverified');
  });

  it('should come from the spec to both policies', () => {
    const bundle = generateBundle({ region: 'eu-west-1', account: '111122223333', launchType: 'fargate', awsOwnedImages: ['guardduty-agent'] });
    expect(pullResources(bundle.executionRolePolicy.document)).toContain(EU_WEST_1);
    expect(pullResources(bundle.ecrEndpointPolicy.document)).toContain(EU_WEST_1);
  });

  it('should refuse an unknown image, naming the field', () => {
    expect(() => generateExecutionRolePolicy({ region: 'us-east-1', account: '111122223333', awsOwnedImages: ['inspector'] })).toThrow(PolicygenInputError);
  });

  it('should take --aws-owned-image on the command line, and exit 2 naming the flag for an unknown one', async () => {
    const ok = await runInProcess(['execution-role-policy', '--region', 'us-east-1', '--account', '111122223333', '--aws-owned-image', 'guardduty-agent']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(US_EAST_1);
    const bad = await runInProcess(['ecr-endpoint-policy', '--region', 'us-east-1', '--account', '111122223333', '--aws-owned-image', 'inspector']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--aws-owned-image.*must be one of guardduty-agent/);
  });
});
