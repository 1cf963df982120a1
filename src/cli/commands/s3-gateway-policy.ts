import type { Command } from 'commander';
import { generateS3GatewayPolicy } from '../../generate/s3-gateway-policy';
import { collect, emit, type CliContext } from '../context';
import { addCommonOptions, type CommonFlags } from './common';

interface Flags extends CommonFlags {
  bucket?: string[];
  bucketOrgId?: string;
  bucketAccount?: string[];
  amazonLinuxRepos?: boolean;
  layerBucketPartition?: string;
  environmentFile?: string[];
}

export function registerS3GatewayPolicy(program: Command, ctx: CliContext): void {
  const command = program
    .command('s3-gateway-policy')
    .description('print the S3 gateway endpoint policy that lets tasks download ECR image layers')
    .requiredOption('--region <region>', 'AWS Region, e.g. us-east-1')
    .option('--bucket <name>', 'also allow s3:GetObject on one of your buckets (repeatable)', collect)
    .option('--bucket-org-id <id>', 'scope your buckets to callers of this organization (aws:PrincipalOrgID)')
    .option('--bucket-account <id>', 'scope your buckets to buckets owned by this account (aws:ResourceAccount; repeatable)', collect)
    .option('--amazon-linux-repos', 'EC2 hosts: allow the Amazon Linux package repository buckets')
    .option('--layer-bucket-partition <partition>', 'ARN partition of the ECR layer bucket (default: the Region’s)')
    .option('--environment-file <arn>', 'S3 object ARN of an environment file (.env) of the task definition (repeatable)', collect);
  addCommonOptions(command, 'policygen s3-gateway-policy --region eu-west-1 --out s3-endpoint-policy.json').action((flags: Flags) => {
    const result = generateS3GatewayPolicy({
      region: flags.region,
      allowUnlistedRegion: flags.allowUnlistedRegion,
      buckets: flags.bucket,
      bucketsOrgId: flags.bucketOrgId,
      bucketsResourceAccounts: flags.bucketAccount,
      amazonLinuxRepositories: flags.amazonLinuxRepos,
      layerBucketPartition: flags.layerBucketPartition,
      environmentFiles: flags.environmentFile,
    });
    emit(ctx, result.document, result.advisories, flags);
  });
}
