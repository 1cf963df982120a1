import type { Command } from 'commander';
import { generateExecutionRolePolicy } from '../../generate/execution-role-policy';
import { collect, emit, type CliContext } from '../context';
import { addCommonOptions, type CommonFlags } from './common';

interface Flags extends CommonFlags {
  pullThroughPrefix?: string[];
  awsOwnedImage?: string[];
  account: string;
  vpce?: string[];
  vpc?: string[];
  repository?: string[];
  logGroup?: string[];
  createLogGroup?: boolean;
  secret?: string[];
  parameter?: string[];
  kmsKey?: string[];
  environmentFile?: string[];
}

export function registerExecutionRolePolicy(program: Command, ctx: CliContext): void {
  const command = program
    .command('execution-role-policy')
    .description('print the least-privilege policy of the ECS task execution role')
    .requiredOption('--region <region>', 'AWS Region, e.g. us-east-1')
    .requiredOption('--account <id>', '12-digit account ID that owns the repositories and log groups')
    .option('--vpce <id>', 'ecr.dkr endpoint ID that pulls must come through (aws:SourceVpce; repeatable)', collect)
    .option('--vpc <id>', 'VPC ID that pulls must come from (aws:SourceVpc; repeatable)', collect)
    .option('--repository <name|arn>', 'repository name or ARN (repeatable; default: every repository of the account)', collect)
    .option('--log-group <name>', 'awslogs log group (repeatable)', collect)
    .option('--create-log-group', 'grant logs:CreateLogGroup (awslogs-create-group)')
    .option('--secret <arn>', 'Secrets Manager secret ARN referenced by the task definition (repeatable)', collect)
    .option('--parameter <name|arn>', 'SSM parameter name or ARN referenced by the task definition (repeatable)', collect)
    .option('--kms-key <arn>', 'customer managed KMS key ARN that encrypts them (repeatable)', collect)
    .option('--pull-through-prefix <prefix>', 'repository prefix of a pull through cache rule the tasks pull through (repeatable)', collect)
    .option('--aws-owned-image <name>', 'AWS-owned image the tasks also pull: guardduty-agent (GuardDuty Runtime Monitoring sidecar; repeatable)', collect)
    .option('--environment-file <arn>', 'S3 object ARN of an environment file (.env) of the task definition (repeatable)', collect);
  addCommonOptions(
    command,
    'policygen execution-role-policy --region us-east-1 --account 111122223333 --vpce vpce-0123456789abcdef0 --repository my-app --log-group /ecs/my-app',
  ).action((flags: Flags) => {
    const result = generateExecutionRolePolicy({
      region: flags.region,
      allowUnlistedRegion: flags.allowUnlistedRegion,
      account: flags.account,
      vpceIds: flags.vpce,
      vpcIds: flags.vpc,
      repositories: flags.repository,
      logGroups: flags.logGroup,
      createLogGroup: flags.createLogGroup,
      secrets: flags.secret,
      parameters: flags.parameter,
      kmsKeys: flags.kmsKey,
      pullThroughCachePrefixes: flags.pullThroughPrefix,
      awsOwnedImages: flags.awsOwnedImage,
      environmentFiles: flags.environmentFile,
    });
    emit(ctx, result.document, result.advisories, flags);
    for (const size of result.sizes) {
      if (flags.quiet !== true) ctx.stderr(`policygen: size ${size.quota}: ${size.characters} of ${size.limit} characters (white space not counted)\n`);
    }
  });
}
