import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY } from '../../src/check';

const CORPUS = join(__dirname, '../../../shared/corpus/aws-managed-policies');
const FILE = join(CORPUS, 'AmazonECSTaskExecutionRolePolicy.json');
const describeWithCorpus = existsSync(FILE) ? describe : describe.skip;
if (!existsSync(FILE)) console.warn(`skipped: the AWS managed policy corpus is not at ${CORPUS}`);

describeWithCorpus('check: the embedded AmazonECSTaskExecutionRolePolicy', () => {
  it('should equal the AWS managed policy in the corpus', () => {
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY);
  });
});

describe('check: the embedded AmazonECSTaskExecutionRolePolicy, as DOMAIN.md §3 describes it', () => {
  it('should grant the four ECR actions and the two logs actions on "*"', () => {
    const [statement] = [AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY.Statement].flat();
    expect(statement).toMatchObject({ Effect: 'Allow', Resource: '*' });
    expect([...(statement!.Action as string[])].sort()).toEqual(
      [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:GetAuthorizationToken',
        'ecr:GetDownloadUrlForLayer',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ].sort(),
    );
  });
});
