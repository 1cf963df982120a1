import { ECR_OPTIONAL_PULL_ACTIONS, ECR_REQUIRED_PULL_ACTIONS, layerBucketName } from '../model/aws-facts';
import { ENVIRONMENT_FILE_BUCKET_ACTIONS, ENVIRONMENT_FILE_OBJECT_ACTIONS } from '../model/environment-files';
import { REFERENCED_SECRET_READER, namedSecretArn, referencedSecretArn, secretRequestArn } from '../model/secret-arn';
import { repositoryArn } from './ecr-image';
import { hasSymbol, symbol } from './symbols';
import type { CheckPolicy, ContainerFacts, StackFacts } from './stack-facts';
import type { HopName } from './types';

/**
 * The requests one container's start makes, hop by hop (docs/aws-facts.md §1): who makes each, on which
 * resource, through which endpoint service.
 */
export interface Hop {
  readonly step: HopName;
  readonly action: string;
  /**
   * The resource the request names. A second one is an equally likely spelling the documentation
   * leaves open (the layer bucket outside the `aws` partition, docs/aws-facts.md §3): the hop works if either
   * is allowed.
   */
  readonly resources: readonly [string, ...string[]];
  /** The endpoint service that carries it. */
  readonly service: string;
  readonly gateway: boolean;
  /** The execution role (the task's session of it), or ECR's own service account (layer download). */
  readonly caller: 'role' | 'ecr-service';
  /** The account that owns the resource, for aws:ResourceAccount; the stack's unless the image says otherwise. */
  readonly resourceAccount: string;
  /** The Region the request goes to. */
  readonly region: string;
  readonly resourcePolicy?: CheckPolicy;
  /**
   * The AWS service that makes the request on the caller's behalf, with the caller's credentials, after
   * the caller's own request reached it through `service` (Parameter Store reading a referenced secret):
   * no VPC endpoint or VPC condition key applies to it, and aws:ViaAWSService is true.
   */
  readonly viaService?: string;
}

/**
 * ECR's pull actions on the repository, through ecr.dkr, in the order docker uses them. Not
 * ecr:BatchCheckLayerAvailability: a pull does not need it (AWS's AmazonEC2ContainerRegistryPullOnly
 * omits it, docs/aws-facts.md §1 hop 2); granting it is harmless, requiring it would fail roles that pull.
 */
const PULL_HOPS: readonly (readonly [HopName, string])[] = [
  ['manifest', ECR_REQUIRED_PULL_ACTIONS[0]],
  ['layer-urls', ECR_REQUIRED_PULL_ACTIONS[1]],
];

// A stand-in for a layer's object key: the keys are ECR's business, and a grant on `bucket/*` covers any of them.
const LAYER_KEY = 'layer';

/** `prod-REGION-starport-layer-bucket` (docs/aws-facts.md §1 hop 3). */
export const layerBucket = layerBucketName;

/** Literal values that differ; a symbol may stand for anything, so it differs from nothing. */
const literallyDifferent = (a: string, b: string): boolean => !hasSymbol(a) && !hasSymbol(b) && a !== b;

export function hopsOf(container: ContainerFacts, stack: StackFacts): readonly Hop[] {
  const image = container.ecr;
  if (image === undefined) return [];
  const imageRegion = literallyDifferent(image.region, stack.region) ? image.region : stack.region;
  const repository = repositoryArn(stack.partition, { ...image, region: imageRegion });
  const hops: Hop[] = [];
  const common = { caller: 'role' as const, resourceAccount: image.account, region: imageRegion };

  hops.push({ ...common, step: 'auth-token', action: 'ecr:GetAuthorizationToken', resources: ['*'], service: 'ecr.api', gateway: false });
  const repositoryPolicy = stack.repositoryPolicies.get(repository);
  for (const [step, action] of PULL_HOPS) {
    hops.push({
      ...common,
      step,
      action,
      resources: [repository],
      service: 'ecr.dkr',
      gateway: false,
      ...(repositoryPolicy ? { resourcePolicy: repositoryPolicy } : {}),
    });
  }
  const key = `${layerBucket(imageRegion)}/${LAYER_KEY}`;
  // [unverified] outside `aws`: the Region's partition (generators' default) or `aws` (seen in GovCloud).
  const partitions = [...new Set([stack.partition, ...(stack.partition !== 'aws' && !hasSymbol(stack.partition) ? ['aws'] : [])])];
  hops.push({
    step: 'layer-download',
    action: 's3:GetObject',
    resources: partitions.map((p) => `arn:${p}:s3:::${key}`) as [string, ...string[]],
    service: 's3',
    gateway: true,
    caller: 'ecr-service',
    resourceAccount: AWS_OWNED_ACCOUNT,
    region: imageRegion,
  });

  return [...hops, ...ownHops(container, stack)];
}

/**
 * The hops of a container's start that do not depend on where its image comes from: its secrets and
 * its awslogs stream, requested with the execution role, ECR image or not.
 */
export function ownHops(container: ContainerFacts, stack: StackFacts): readonly Hop[] {
  const hops: Hop[] = [];
  const stackOwned = { caller: 'role' as const, resourceAccount: stack.account, region: stack.region };
  for (const secret of container.secrets) {
    hops.push(
      secret.kind === 'secretsmanager'
        ? {
            ...stackOwned,
            step: 'secret',
            action: 'secretsmanager:GetSecretValue',
            resources: [secretRequestArn(secret.arn)],
            service: 'secretsmanager',
            gateway: false,
          }
        : { ...stackOwned, step: 'parameter', action: 'ssm:GetParameters', resources: [secret.arn], service: 'ssm', gateway: false },
    );
    const referenced = secret.kind === 'ssm' ? referencedSecretArn(secret.arn) : undefined;
    if (referenced !== undefined) {
      hops.push({
        ...stackOwned,
        step: 'secret',
        action: 'secretsmanager:GetSecretValue',
        resources: [namedSecretArn(referenced)],
        service: 'ssm',
        gateway: false,
        viaService: REFERENCED_SECRET_READER,
      });
    }
  }

  // Environment files: read by ECS with the execution role through the task's network, so the S3 gateway endpoint (src/model/environment-files.ts).
  for (const file of container.environmentFiles) {
    const slash = file.indexOf('/');
    const bucket = slash > 0 ? file.slice(0, slash) : file;
    const s3 = { ...stackOwned, service: 's3', gateway: true };
    hops.push({ ...s3, step: 'environment-file', action: ENVIRONMENT_FILE_OBJECT_ACTIONS[0], resources: [file] });
    hops.push({ ...s3, step: 'environment-file-bucket', action: ENVIRONMENT_FILE_BUCKET_ACTIONS[0], resources: [bucket] });
  }

  if (container.awslogs) {
    const logRegion = container.logRegion !== undefined && literallyDifferent(container.logRegion, stack.region) ? container.logRegion : stack.region;
    const group = container.logGroup ?? symbol(`awslogs-group ${container.name}`);
    const groupArn = `arn:${stack.partition}:logs:${logRegion}:${stack.account}:log-group:${group}`;
    // awslogs names streams PREFIX/CONTAINER/TASK-ID (ECS Developer Guide, awslogs driver).
    const stream = `${container.streamPrefix !== undefined ? `${container.streamPrefix}/${container.name}/` : ''}${symbol('ECS task ID')}`;
    const logs = { ...stackOwned, region: logRegion, service: 'logs', gateway: false };
    if (container.createsLogGroup) hops.push({ ...logs, step: 'log-group', action: 'logs:CreateLogGroup', resources: [groupArn] });
    // Streams live below their group (docs/aws-facts.md §3): both calls are authorized on the stream's ARN.
    hops.push({ ...logs, step: 'log-stream', action: 'logs:CreateLogStream', resources: [`${groupArn}:log-stream:${stream}`] });
    hops.push({ ...logs, step: 'log-events', action: 'logs:PutLogEvents', resources: [`${groupArn}:log-stream:${stream}`] });
  }
  return hops;
}

/** The account of ECR's layer signer and of the layer bucket: AWS's, never the stack's (docs/aws-facts.md §3, DP). */
export const AWS_OWNED_ACCOUNT = symbol('AWS-owned ECR account');
/** The organization AWS's own accounts belong to: never the stack's. */
export const AWS_OWNED_ORGANIZATION = symbol('AWS-owned organization');
