import { generateBundle } from '../../src/generate/bundle';
import { generateInstanceRolePolicy } from '../../src/generate/instance-role-policy';
import { PolicygenInputError } from '../../src/model/errors';
import type { PolicygenSpec } from '../../src/model/policygen-spec.generated';

// Amazon ECS Developer Guide, "Amazon ECS container instance IAM role", and the AWS managed policy it
// attaches, AmazonEC2ContainerServiceforEC2Role (the copy in ../shared/corpus, as AWS publishes it).
// Resource types per action: Service Authorization Reference, Amazon Elastic Container Service:
// cluster = arn:${Partition}:ecs:${Region}:${Account}:cluster/${ClusterName},
// container-instance = arn:${Partition}:ecs:${Region}:${Account}:container-instance/${ClusterName}/${ContainerInstanceId}.
const list = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);
const base = { region: 'eu-west-1', account: '111122223333', cluster: 'ingest' };
const CLUSTER = 'arn:aws:ecs:eu-west-1:111122223333:cluster/ingest';
const INSTANCES = 'arn:aws:ecs:eu-west-1:111122223333:container-instance/ingest/*';

type Doc = ReturnType<typeof generateInstanceRolePolicy>['document'];
const actions = (doc: Doc): string[] => doc.Statement.flatMap((s) => list(s.Action));
const resourcesOf = (doc: Doc, action: string): string[] => doc.Statement.filter((s) => list(s.Action).includes(action)).flatMap((s) => list(s.Resource));

// The actions of AmazonEC2ContainerServiceforEC2Role, as AWS publishes the policy
// (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2ContainerServiceforEC2Role.html).
const MANAGED_ACTIONS = [
  'ec2:DescribeTags',
  'ecs:CreateCluster',
  'ecs:DeregisterContainerInstance',
  'ecs:DiscoverPollEndpoint',
  'ecs:Poll',
  'ecs:RegisterContainerInstance',
  'ecs:StartTelemetrySession',
  'ecs:UpdateContainerInstancesState',
  'ecs:Submit*',
  'ecr:GetAuthorizationToken',
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'ecs:TagResource',
  'ecs:ListTagsForResource',
];

describe('generateInstanceRolePolicy', () => {
  it('should scope the agent’s cluster actions to the cluster and its container-instance actions to the cluster’s instances', () => {
    const doc = generateInstanceRolePolicy(base).document;
    for (const action of [
      'ecs:RegisterContainerInstance',
      'ecs:DeregisterContainerInstance',
      'ecs:SubmitContainerStateChange',
      'ecs:SubmitTaskStateChange',
      'ecs:SubmitAttachmentStateChanges',
    ]) {
      expect(resourcesOf(doc, action)).toEqual([CLUSTER]);
    }
    for (const action of ['ecs:Poll', 'ecs:StartTelemetrySession', 'ecs:UpdateContainerInstancesState']) {
      expect(resourcesOf(doc, action)).toEqual([INSTANCES]);
    }
    // DiscoverPollEndpoint has no resource type in the Service Authorization Reference.
    expect(resourcesOf(doc, 'ecs:DiscoverPollEndpoint')).toEqual(['*']);
    // Without tasks lacking an execution role, nothing of the pull.
    expect(actions(doc).filter((a) => !a.startsWith('ecs:'))).toEqual([]);
    expect(doc.Statement.every((s) => s.Condition === undefined)).toBe(true);
  });

  it('should grant no action of the managed policy beyond what it lists, and leave out only the ones the advisory names', () => {
    const managedActions = MANAGED_ACTIONS;
    const isManaged = (a: string) => managedActions.some((m) => new RegExp(`^${m.replace(/\*/g, '.*')}$`, 'i').test(a));
    const result = generateInstanceRolePolicy({ ...base, tasksWithoutExecutionRole: true, logGroups: ['/ecs/ingest'] });
    for (const action of actions(result.document)) expect(isManaged(action)).toBe(true);
    const granted = new Set(actions(result.document));
    const left = managedActions.filter((m) => !m.includes('*') && !granted.has(m)).sort();
    expect(left).toEqual(['ec2:DescribeTags', 'ecs:CreateCluster', 'ecs:TagResource']);
    const narrower = result.advisories.find((a) => a.id === 'container-instance-role-narrower-than-managed')!;
    for (const action of left) expect(narrower.message).toContain(action);
  });

  it('should add the pull and awslogs, under the endpoint condition, when tasks have no execution role', () => {
    const doc = generateInstanceRolePolicy({
      ...base,
      tasksWithoutExecutionRole: true,
      vpceIds: ['vpce-0a1b2c3d4e5f60718'],
      repositories: ['ingest'],
      logGroups: ['/ecs/ingest'],
    }).document;
    expect(resourcesOf(doc, 'ecr:GetAuthorizationToken')).toEqual(['*']);
    expect(resourcesOf(doc, 'ecr:BatchGetImage')).toEqual(['arn:aws:ecr:eu-west-1:111122223333:repository/ingest']);
    const pull = doc.Statement.find((s) => list(s.Action).includes('ecr:BatchGetImage'))!;
    expect(pull.Condition).toEqual({ StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } });
    expect(resourcesOf(doc, 'logs:PutLogEvents')).toEqual(['arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/ingest:*']);
    // Secrets are read only with an execution role (ECS-EXEC): none here.
    expect(actions(doc).some((a) => a.startsWith('secretsmanager:') || a.startsWith('ssm:'))).toBe(false);
  });

  it('should use the Region’s partition', () => {
    const doc = generateInstanceRolePolicy({ ...base, region: 'cn-north-1' }).document;
    expect(resourcesOf(doc, 'ecs:Poll')).toEqual(['arn:aws-cn:ecs:cn-north-1:111122223333:container-instance/ingest/*']);
  });

  it('should refuse a cluster that is not an ECS cluster name, naming the field', () => {
    expect(() => generateInstanceRolePolicy({ ...base, cluster: 'arn:aws:ecs:eu-west-1:111122223333:cluster/ingest' })).toThrow(PolicygenInputError);
    try {
      generateInstanceRolePolicy({ ...base, cluster: 'bad name' });
    } catch (error) {
      expect((error as PolicygenInputError).issues.map((i) => i.field)).toEqual(['cluster']);
    }
  });
});

describe('generateBundle with containerInstance', () => {
  const spec: PolicygenSpec = {
    region: 'eu-west-1',
    account: '111122223333',
    launchType: 'ec2',
    repositories: ['ingest'],
    ecrEndpoint: { principals: ['arn:aws:iam::111122223333:role/ingest-execution-role'] },
    containerInstance: { cluster: 'ingest', tasksWithoutExecutionRole: true },
  };

  it('should add instanceRolePolicy, and warn that the ECR endpoint policy does not admit the instance role without roleArn', () => {
    const bundle = generateBundle(spec);
    expect(resourcesOf(bundle.instanceRolePolicy!.document, 'ecs:Poll')).toEqual([INSTANCES]);
    expect(bundle.advisories.map((a) => a.id)).toContain('container-instance-role-not-in-ecr-endpoint-principals');
  });

  it('should admit containerInstance.roleArn at the ECR endpoints', () => {
    const roleArn = 'arn:aws:iam::111122223333:role/ingest-container-instance';
    const bundle = generateBundle({ ...spec, containerInstance: { ...spec.containerInstance!, roleArn } });
    for (const s of bundle.ecrEndpointPolicy.document.Statement) {
      expect(list((s.Principal as { AWS?: string | string[] }).AWS)).toContain(roleArn);
    }
    expect(bundle.advisories.map((a) => a.id)).not.toContain('container-instance-role-not-in-ecr-endpoint-principals');
  });

  it('should refuse containerInstance on Fargate, naming the field', () => {
    expect(() => generateBundle({ ...spec, launchType: 'fargate' })).toThrow(PolicygenInputError);
    try {
      generateBundle({ ...spec, launchType: 'fargate', containerInstance: { cluster: 'bad name' } });
    } catch (error) {
      expect((error as PolicygenInputError).issues.map((i) => i.field).sort()).toEqual(['containerInstance', 'containerInstance.cluster']);
    }
  });
});
