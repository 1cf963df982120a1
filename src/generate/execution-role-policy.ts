import { ECR_PULL_ACTIONS } from '../model/aws-facts';
import { parseAccountId, parseKmsKeyArn, parseLogGroupName, parseParameter, parseRepository, parseSecretArn, parseVpcId, parseVpceId } from '../model/ids';
import { ENVIRONMENT_FILE_BUCKET_ACTIONS, ENVIRONMENT_FILE_OBJECT_ACTIONS, parseEnvironmentFile } from '../model/environment-files';
import { kmsViaServiceValue } from '../model/kms-via-service';
import { namedSecretArn, referencedSecretArn } from '../model/secret-arn';
import type { Statement } from '../model/policy';
import { PULL_THROUGH_CACHE_ACTIONS, parsePullThroughPrefix, pullThroughRepositoryArn } from '../model/pull-through-cache';
import { awsOwnedImageRepositoryArn, parseAwsOwnedImage } from '../model/aws-owned-images';
import { canonicalizePolicy } from '../normalize/canonicalize';
import { advisory, sortAdvisories, type Advisory } from './advisories';
import {
  checkOptions,
  IssueCollector,
  quotaCheck,
  resolveRegion,
  sizeAdvisories,
  sizeWithoutWhiteSpace,
  type GeneratedPolicy,
  type RegionOptions,
} from './common';

export const MANAGED_POLICY_LIMIT = 6_144;
export const INLINE_POLICIES_LIMIT = 10_240;

export interface ExecutionRolePolicyOptions extends RegionOptions {
  /** Account that owns the repositories named without an ARN, the log groups and the parameters. */
  readonly account: string;
  /** IDs of the ecr.dkr (and ecr.api) endpoints the pulls must come through (aws:SourceVpce). */
  readonly vpceIds?: readonly string[];
  /** IDs of the VPCs the pulls must come from (aws:SourceVpc). */
  readonly vpcIds?: readonly string[];
  /** Repository names of `account`, or repository ARNs of any account in the Region; default: every repository of `account`. */
  readonly repositories?: readonly string[];
  /** awslogs log groups the tasks write to. */
  readonly logGroups?: readonly string[];
  /** Grant logs:CreateLogGroup (only with the awslogs-create-group option). */
  readonly createLogGroup?: boolean;
  /** Full ARNs of the Secrets Manager secrets referenced by the task definition. */
  readonly secrets?: readonly string[];
  /** SSM parameter names or ARNs referenced by the task definition. */
  readonly parameters?: readonly string[];
  /** ARNs of customer managed KMS keys that encrypt those secrets or parameters. */
  readonly kmsKeys?: readonly string[];
  /** Repository prefixes of pull through cache rules the tasks pull through (`repository/PREFIX/*` of `account`). */
  readonly pullThroughCachePrefixes?: readonly string[];
  /** AWS-owned images the tasks also pull, such as `guardduty-agent` (the GuardDuty Runtime Monitoring sidecar): their repository in the Region is added to the pull. */
  readonly awsOwnedImages?: readonly string[];
  /** S3 object ARNs of the task definition's environment files (`.env`). */
  readonly environmentFiles?: readonly string[];
}

/**
 * The task execution role policy (docs/aws-facts.md §3, ECS-EXEC): GetAuthorizationToken on `*` with no VPC
 * condition (it goes through the Fargate-owned network interface); the three pull actions on the
 * repositories, conditioned on the endpoints with StringEquals; logs, secrets, parameters and keys
 * on exactly the ARNs given, and kms:Decrypt without a VPC condition but only through the secrets
 * services that call it (kms:ViaService). No S3 permission for the layers: their
 * download is signed by ECR; environment files are read from S3 with the role.
 *
 * @example generateExecutionRolePolicy({ region: 'us-east-1', account: '111122223333',
 *   vpceIds: ['vpce-0123456789abcdef0'], repositories: ['my-app'], logGroups: ['/ecs/my-app'] })
 */
export function generateExecutionRolePolicy(options: ExecutionRolePolicyOptions): GeneratedPolicy {
  checkOptions(options, {
    account: 'string',
    vpceIds: 'strings',
    vpcIds: 'strings',
    repositories: 'strings',
    logGroups: 'strings',
    createLogGroup: 'boolean',
    secrets: 'strings',
    parameters: 'strings',
    kmsKeys: 'strings',
    awsOwnedImages: 'strings',
  });
  const issues = new IssueCollector();
  const { region, advisories: regionAdvisories } = resolveRegion(options, issues);
  const account = issues.take(parseAccountId(options.account));
  const vpceIds = issues.takeAll(options.vpceIds, 'vpceIds', (v, f) => parseVpceId(v, f));
  const vpcIds = issues.takeAll(options.vpcIds, 'vpcIds', (v, f) => parseVpcId(v, f));
  const logGroups = issues.takeAll(options.logGroups, 'logGroups', (v, f) => parseLogGroupName(v, f));
  if (options.createLogGroup === true && (options.logGroups ?? []).length === 0) {
    issues.add({ field: 'createLogGroup', received: 'true', expected: 'come with logGroups: it is granted on the named log groups only' });
  }
  issues.throwIfAny();
  const r = region!;
  const acct = account!;
  const repositories = issues.takeAll(options.repositories, 'repositories', (v, f) => parseRepository(v, r, acct, f));
  const secrets = issues.takeAll(options.secrets, 'secrets', (v, f) => parseSecretArn(v, r, f));
  const parameters = issues.takeAll(options.parameters, 'parameters', (v, f) => parseParameter(v, r, acct, f));
  const kmsKeys = issues.takeAll(options.kmsKeys, 'kmsKeys', (v, f) => parseKmsKeyArn(v, r, f));
  const prefixes = issues.takeAll(options.pullThroughCachePrefixes, 'pullThroughCachePrefixes', (v, f) => parsePullThroughPrefix(v, f));
  const environmentFiles = issues.takeAll(options.environmentFiles, 'environmentFiles', (v, f) => parseEnvironmentFile(v, r, f));
  const ownedImages = [...new Set(issues.takeAll(options.awsOwnedImages, 'awsOwnedImages', (v, f) => parseAwsOwnedImage(v, f)))];
  if (kmsKeys.length > 0 && secrets.length === 0 && parameters.length === 0) {
    issues.add({
      field: 'kmsKeys',
      received: kmsKeys.join(', '),
      expected: 'come with the secrets or parameters they encrypt: kms:Decrypt is granted only through Secrets Manager or SSM (kms:ViaService)',
    });
  }
  issues.throwIfAny();

  const advisories: Advisory[] = [...regionAdvisories];
  const pullCondition: { [key: string]: readonly string[] } = {};
  if (vpceIds.length > 0) pullCondition['aws:SourceVpce'] = vpceIds;
  if (vpcIds.length > 0) pullCondition['aws:SourceVpc'] = vpcIds;
  if (vpceIds.length === 0) advisories.push(advisory('pull-without-endpoint-condition'));
  const ownedRepositories = ownedImages.flatMap((image) => {
    const arn = awsOwnedImageRepositoryArn(image, r);
    if (arn === undefined) advisories.push(advisory('aws-owned-image-region-unverified', `${image} in ${r.name}`));
    return arn === undefined ? [] : [arn];
  });

  const logGroupArn = (name: string) => `arn:${r.partition}:logs:${r.name}:${acct}:log-group:${name}`;
  const statements: Statement[] = [
    { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: ['*'] },
    {
      Effect: 'Allow',
      Action: ECR_PULL_ACTIONS,
      // The AWS-owned images are pulled like the task's own, through the same endpoint (GuardDuty User Guide, Fargate prerequisites).
      Resource: [...(repositories.length > 0 ? repositories : [`arn:${r.partition}:ecr:${r.name}:${acct}:repository/*`]), ...ownedRepositories],
      ...(Object.keys(pullCondition).length > 0 ? { Condition: { StringEquals: pullCondition } } : {}),
    },
  ];
  if (prefixes.length > 0) {
    // The first pull of an upstream image imports it (and creates its repository): same endpoint
    // conditions as the pull, since no AWS source says ECR authorizes the import outside the pull's
    // request context (advisory pull-through-cache-conditions-unverified).
    statements.push({
      Effect: 'Allow',
      Action: [...ECR_PULL_ACTIONS, ...PULL_THROUGH_CACHE_ACTIONS],
      Resource: prefixes.map((p) => pullThroughRepositoryArn(r, acct, p)),
      ...(Object.keys(pullCondition).length > 0 ? { Condition: { StringEquals: pullCondition } } : {}),
    });
    advisories.push(advisory('pull-through-cache-needs-internet'));
    if (Object.keys(pullCondition).length > 0) advisories.push(advisory('pull-through-cache-conditions-unverified'));
  }
  if (logGroups.length > 0) {
    // Streams live below their group: log-group:NAME:log-stream:STREAM.
    statements.push({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: logGroups.map((g) => `${logGroupArn(g)}:*`) });
    if (options.createLogGroup === true) {
      statements.push({ Effect: 'Allow', Action: ['logs:CreateLogGroup'], Resource: logGroups.flatMap((g) => [logGroupArn(g), `${logGroupArn(g)}:*`]) });
    }
  }
  if (secrets.length > 0) statements.push({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: secrets });
  if (parameters.length > 0) statements.push({ Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: parameters });
  const referencedSecrets = secretsReferencedThroughParameters(parameters, secrets);
  if (referencedSecrets.length > 0) {
    statements.push({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: referencedSecrets });
    advisories.push(advisory('secret-reference-by-name', referencedSecrets.join(', ')));
  }
  if (environmentFiles.length > 0) {
    statements.push({ Effect: 'Allow', Action: ENVIRONMENT_FILE_OBJECT_ACTIONS, Resource: environmentFiles.map((f) => f.objectArn) });
    statements.push({ Effect: 'Allow', Action: ENVIRONMENT_FILE_BUCKET_ACTIONS, Resource: environmentFiles.map((f) => f.bucketArn) });
  }
  // KMS is called by Secrets Manager or SSM on the role's behalf: such calls carry no aws:SourceVpce,
  // but they do carry kms:ViaService, which keeps the keys usable only through those services.
  const viaServices = [
    ...(secrets.length > 0 || referencedSecrets.length > 0 ? [kmsViaServiceValue(r, 'secretsmanager')] : []),
    ...(parameters.length > 0 ? [kmsViaServiceValue(r, 'ssm')] : []),
  ];
  if (kmsKeys.length > 0) {
    statements.push({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: kmsKeys, Condition: { StringEquals: { 'kms:ViaService': viaServices } } });
  }

  const document = canonicalizePolicy({ Statement: statements });
  const characters = sizeWithoutWhiteSpace(document);
  const sizes = [
    quotaCheck('managed-policy', MANAGED_POLICY_LIMIT, characters, false),
    quotaCheck('inline-policies', INLINE_POLICIES_LIMIT, characters, false),
  ];
  return { document, sizes, advisories: sortAdvisories([...advisories, ...sizeAdvisories(sizes)]) };
}

/**
 * The secrets that parameters reference through Parameter Store (referencedSecretArn, with its
 * source): read with secretsmanager:GetSecretValue as well. The reference names the secret, not its ARN, whose name ends in a dash and six random
 * characters: `NAME-??????` matches exactly those six (AWS Secrets Manager User Guide, "Permissions
 * policy examples": a secret named in a policy by its name). A secret whose full ARN is also given
 * in `secrets` is already granted, by that exact ARN.
 */
function secretsReferencedThroughParameters(parameterArns: readonly string[], secretArns: readonly string[]): string[] {
  const granted = new Set(secretArns.map((arn) => arn.replace(/-[A-Za-z0-9]{6}$/, '')));
  return parameterArns.flatMap((arn) => {
    const secret = referencedSecretArn(arn);
    return secret === undefined || granted.has(secret) ? [] : [namedSecretArn(secret)];
  });
}
