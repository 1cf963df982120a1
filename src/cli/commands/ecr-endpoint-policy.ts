import type { Command } from 'commander';
import { generateEcrEndpointPolicy } from '../../generate/ecr-endpoint-policy';
import { collect, emit, type CliContext } from '../context';
import { addCommonOptions, type CommonFlags } from './common';

interface Flags extends CommonFlags {
  pullThroughPrefix?: string[];
  awsOwnedImage?: string[];
  account: string;
  repository?: string[];
  principal?: string[];
  orgId?: string;
  allowPush?: boolean;
}

export function registerEcrEndpointPolicy(program: Command, ctx: CliContext): void {
  const command = program
    .command('ecr-endpoint-policy')
    .description('print one endpoint policy for the ecr.api and ecr.dkr interface endpoints')
    .requiredOption('--region <region>', 'AWS Region, e.g. us-east-1')
    .requiredOption('--account <id>', '12-digit account ID that owns the repositories')
    .option('--repository <name|arn>', 'repository name or ARN (repeatable; default: every repository of the account)', collect)
    .option('--principal <arn|account>', 'IAM role or user ARN, or account ID, allowed to use the endpoints (repeatable)', collect)
    .option('--org-id <id>', 'allow callers of this organization only (aws:PrincipalOrgID)')
    .option('--allow-push', 'also allow pushing images through the endpoints')
    .option('--pull-through-prefix <prefix>', 'repository prefix of a pull through cache rule the tasks pull through (repeatable)', collect)
    .option('--aws-owned-image <name>', 'AWS-owned image the tasks also pull: guardduty-agent (GuardDuty Runtime Monitoring sidecar; repeatable)', collect);
  addCommonOptions(
    command,
    'policygen ecr-endpoint-policy --region us-east-1 --account 111122223333 --principal arn:aws:iam::111122223333:role/my-app-execution-role',
  ).action((flags: Flags) => {
    const result = generateEcrEndpointPolicy({
      region: flags.region,
      allowUnlistedRegion: flags.allowUnlistedRegion,
      account: flags.account,
      repositories: flags.repository,
      principals: flags.principal,
      orgId: flags.orgId,
      allowPush: flags.allowPush,
      pullThroughCachePrefixes: flags.pullThroughPrefix,
      awsOwnedImages: flags.awsOwnedImage,
    });
    emit(ctx, result.document, result.advisories, flags);
  });
}
