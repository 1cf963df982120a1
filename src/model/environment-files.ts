import { fail, ok, showValue, type Result } from './errors';
import { parseBucketName } from './ids';
import type { RegionInfo } from './region';

/**
 * Environment files of a task definition (`environmentFiles`, type s3) are read by ECS with the task
 * execution role: `s3:GetObject` on each object and `s3:GetBucketLocation` on its bucket, and the
 * file name must end in `.env` (Amazon ECS Developer Guide, "Amazon ECS task execution IAM role",
 * "Required IAM permissions for Amazon S3 file storage", and "Pass an individual environment
 * variable file to a container"). On Fargate the file is fetched through the task's network, so
 * with private subnets through the S3 gateway endpoint.
 */
export const ENVIRONMENT_FILE_OBJECT_ACTIONS = ['s3:GetObject'] as const;
export const ENVIRONMENT_FILE_BUCKET_ACTIONS = ['s3:GetBucketLocation'] as const;

export interface EnvironmentFile {
  /** `arn:PARTITION:s3:::BUCKET/KEY.env` */
  readonly objectArn: string;
  /** `arn:PARTITION:s3:::BUCKET` */
  readonly bucketArn: string;
}

/** An S3 object ARN of an environment file, in the Region's partition, naming one object (no wildcard). */
export function parseEnvironmentFile(value: unknown, region: RegionInfo, field = 'environmentFile'): Result<EnvironmentFile> {
  const expected = `be the S3 object ARN of a .env file, such as arn:${region.partition}:s3:::my-bucket/app/production.env`;
  const match = typeof value === 'string' ? /^arn:([a-z-]+):s3:::([^/]+)\/(.+)$/.exec(value) : null;
  if (match === null || !match[3]!.endsWith('.env') || /[*?]/.test(match[3]!)) return fail({ field, received: showValue(value), expected });
  const [, partition, bucket] = match;
  if (partition !== region.partition) {
    return fail({ field, received: showValue(value), expected: `be in partition "${region.partition}" of Region ${region.name}` });
  }
  const name = parseBucketName(bucket, field);
  if (!name.ok) return name;
  return ok({ objectArn: value as string, bucketArn: `arn:${partition}:s3:::${bucket!}` });
}
