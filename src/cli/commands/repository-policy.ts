import type { Command } from 'commander';
import { generateRepositoryPolicy } from '../../generate/repository-policy';
import { collect, emit, type CliContext } from '../context';
import { addCommonOptions, type CommonFlags } from './common';

interface Flags extends CommonFlags {
  principal?: string[];
  vpce?: string[];
}

export function registerRepositoryPolicy(program: Command, ctx: CliContext): void {
  const command = program
    .command('repository-policy')
    .description('print the repository policy that lets another account’s execution role pull from a repository')
    .requiredOption('--region <region>', 'AWS Region of the repository, e.g. us-east-1')
    .requiredOption('--principal <arn|account>', 'task execution role ARN, or account ID, of the consuming account (repeatable)', collect)
    .option('--vpce <id>', 'ecr.dkr endpoint ID of the consuming VPC: pulls are admitted only through it (repeatable)', collect);
  addCommonOptions(
    command,
    'policygen repository-policy --region us-east-1 --principal arn:aws:iam::444455556666:role/my-app-execution-role --vpce vpce-0123456789abcdef0',
  ).action((flags: Flags) => {
    const result = generateRepositoryPolicy({
      region: flags.region,
      allowUnlistedRegion: flags.allowUnlistedRegion,
      principals: flags.principal ?? [],
      vpceIds: flags.vpce,
    });
    emit(ctx, result.document, result.advisories, flags);
  });
}
