import { generateBundle, type PolicyBundle } from '../generate/bundle';
import type { PolicygenSpec } from '../model/policygen-spec.generated';
import { parseRegion } from '../model/region';
import { renderCloudFormation, type CloudFormationTemplate } from '../generate/cloudformation-template';

/** What a spec's template gets so that `check` has tasks to walk: the spec describes them, the template does not. */
const SPEC_TASK_DEFINITION = 'TaskDefinition';
const SPEC_SERVICE = 'Service';
/** With `containerInstance.tasksWithoutExecutionRole`: a task without an execution role, which pulls with the container instance role. */
export const SPEC_INSTANCE_ROLE_TASK_DEFINITION = 'TaskDefinitionWithoutExecutionRole';
const SPEC_INSTANCE_ROLE_SERVICE = 'ServiceWithoutExecutionRole';
const SPEC_CLUSTER = 'Cluster';

// A repository name for the image when the spec names none (its role then allows every repository of the account).
const DEFAULT_REPOSITORY = 'app';
// The upstream repository a container pulls through each pull through cache rule: any name under the prefix.
const CACHED_REPOSITORY = 'upstream/image';

/**
 * The CloudFormation template `policygen generate --format cloudformation` renders for the spec,
 * plus the task definition and service the spec describes: one container per repository (and per
 * log group, when there are more), each pulling `REPOSITORY:latest` from the spec's account (or the
 * repository ARN's), logging with awslogs to the spec's log groups when `logging.awslogs` is on, the
 * first container reading every secret and parameter; with `pullThroughCachePrefixes`, one
 * `AWS::ECR::PullThroughCacheRule` per prefix and one more container pulling `PREFIX/upstream/image`
 * through it (a first pull of it needs an internet path: src/pull/upstream.ts). `check --spec` checks this template, so the
 * spec and the template share one walker.
 *
 * @example checkTemplate(parseJsonSource('spec.json', JSON.stringify(specCheckTemplate(spec))), { region: spec.region, accountId: spec.account })
 */
export function specCheckTemplate(spec: PolicygenSpec, bundle: PolicyBundle = generateBundle(spec)): CloudFormationTemplate {
  const template = renderCloudFormation(bundle, spec);
  const region = parseRegion(spec.region, { allowUnlisted: spec.allowUnlistedRegion === true });
  const dnsSuffix = region.ok ? region.value.dnsSuffix : 'amazonaws.com';
  const imageOf = (repository: string): string => {
    const arn = /^arn:[^:]+:ecr:([^:]+):(\d{12}):repository\/(.+)$/.exec(repository);
    return arn ? `${arn[2]}.dkr.ecr.${arn[1]}.${dnsSuffix}/${arn[3]}:latest` : `${spec.account}.dkr.ecr.${spec.region}.${dnsSuffix}/${repository}:latest`;
  };
  const repositories = spec.repositories !== undefined && spec.repositories.length > 0 ? spec.repositories : [DEFAULT_REPOSITORY];
  const logging = spec.logging ?? {};
  const logGroups = logging.awslogs === true ? (logging.logGroups ?? []) : [];
  const count = Math.max(repositories.length, logGroups.length);
  const secrets = [...(spec.secrets ?? []), ...(spec.parameters ?? [])].map((valueFrom, i) => ({ Name: `SECRET_${i}`, ValueFrom: valueFrom }));
  // The first container reads the spec's environment files, as it reads its secrets (ECS-EXEC, "Amazon S3 file permissions").
  const environmentFiles = (spec.environmentFiles ?? []).map((value) => ({ Type: 's3', Value: value }));

  // With pullThroughCachePrefixes the tasks also pull through each rule: one more container per prefix.
  const prefixes = spec.pullThroughCachePrefixes ?? [];
  const images = [
    ...Array.from({ length: count }, (_, i) => repositories[i % repositories.length]!),
    ...prefixes.map((prefix) => `${prefix}/${CACHED_REPOSITORY}`),
  ];
  // Containers are named after their repositories (`team/app` -> `app`; `PREFIX/upstream/image` -> `PREFIX-cache`), numbered when two would share a name.
  const baseNames = images.map((repository, i) => (i < count ? repository.split('/').pop()! : `${prefixes[i - count]!.replace(/\//g, '-')}-cache`));
  const names = baseNames.map((n, i) => (baseNames.indexOf(n) === i && baseNames.lastIndexOf(n) === i ? n : `${n}-${i}`));
  const containers = images.map((repository, i) => ({
    Name: names[i]!,
    Image: imageOf(repository),
    Essential: i === 0,
    ...(logging.awslogs === true
      ? {
          LogConfiguration: {
            LogDriver: 'awslogs',
            Options: {
              // No log group in the spec: the role grants no logs action, and check says so.
              'awslogs-group': logGroups.length > 0 ? logGroups[i % logGroups.length]! : '/ecs/unnamed',
              'awslogs-region': { Ref: 'AWS::Region' },
              'awslogs-stream-prefix': 'ecs',
              ...(logging.createLogGroup === true ? { 'awslogs-create-group': 'true' } : {}),
            },
          },
        }
      : {}),
    ...(i === 0 && secrets.length > 0 ? { Secrets: secrets } : {}),
    ...(i === 0 && environmentFiles.length > 0 ? { EnvironmentFiles: environmentFiles } : {}),
  }));

  const fargate = spec.launchType === 'fargate';
  // Any Windows Server family stands for the spec's osFamily: windows (check reads only "WINDOWS_SERVER"), for every task.
  const runtimePlatform = spec.osFamily === 'windows' ? { RuntimePlatform: { OperatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } } : {};
  // The task execution role: the one role ECS tasks assume (the container instance role is EC2's).
  const role = Object.entries(template.Resources).find(
    ([, r]) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties['AssumeRolePolicyDocument']).includes('ecs-tasks.'),
  )?.[0];
  // Secrets need an execution role (ECS-EXEC): the task without one gets none of them.
  const withoutSecrets = containers.map(({ Secrets: _secrets, EnvironmentFiles: _files, ...container }) => container);
  // The tasks run in the template's task security group, so check walks its egress too.
  const taskNetwork =
    'TaskSecurityGroup' in template.Resources
      ? { NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [{ 'Fn::GetAtt': ['TaskSecurityGroup', 'GroupId'] }] } } }
      : {};
  // The rules themselves (the template `generate` renders has none: the spec does not name their upstream registry).
  const cacheRules: CloudFormationTemplate['Resources'] = Object.fromEntries(
    prefixes.map((prefix, i) => [`PullThroughCacheRule${i}`, { Type: 'AWS::ECR::PullThroughCacheRule', Properties: { EcrRepositoryPrefix: prefix } }]),
  );
  const instanceRoleTask: CloudFormationTemplate['Resources'] =
    spec.containerInstance?.tasksWithoutExecutionRole === true
      ? {
          [SPEC_INSTANCE_ROLE_TASK_DEFINITION]: {
            Type: 'AWS::ECS::TaskDefinition',
            Properties: { RequiresCompatibilities: ['EC2'], NetworkMode: 'awsvpc', ...runtimePlatform, ContainerDefinitions: withoutSecrets },
          },
          [SPEC_INSTANCE_ROLE_SERVICE]: {
            Type: 'AWS::ECS::Service',
            Properties: { Cluster: { Ref: SPEC_CLUSTER }, TaskDefinition: { Ref: SPEC_INSTANCE_ROLE_TASK_DEFINITION }, LaunchType: 'EC2', ...taskNetwork },
          },
        }
      : {};
  return {
    ...template,
    Resources: {
      ...template.Resources,
      [SPEC_TASK_DEFINITION]: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          RequiresCompatibilities: [fargate ? 'FARGATE' : 'EC2'],
          NetworkMode: 'awsvpc',
          ...runtimePlatform,
          ...(role !== undefined ? { ExecutionRoleArn: { 'Fn::GetAtt': [role, 'Arn'] } } : {}),
          ContainerDefinitions: containers,
        },
      },
      // The spec describes where the tasks run: its cluster (and on EC2 its instances) is in this network.
      [SPEC_CLUSTER]: { Type: 'AWS::ECS::Cluster', Properties: {} },
      [SPEC_SERVICE]: {
        Type: 'AWS::ECS::Service',
        Properties: {
          Cluster: { Ref: SPEC_CLUSTER },
          TaskDefinition: { Ref: SPEC_TASK_DEFINITION },
          LaunchType: fargate ? 'FARGATE' : 'EC2',
          ...(fargate && spec.platformVersion !== undefined ? { PlatformVersion: spec.platformVersion } : {}),
          ...taskNetwork,
        },
      },
      ...instanceRoleTask,
      ...cacheRules,
    },
  };
}
