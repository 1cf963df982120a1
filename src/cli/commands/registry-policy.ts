import type { Command } from 'commander';
import { generateRegistryPolicy } from '../../generate/registry-policy';
import { collect, emit, type CliContext } from '../context';
import { addCommonOptions, type CommonFlags } from './common';

interface Flags extends CommonFlags {
  account: string;
  principal?: string[];
  pullThroughPrefix?: string[];
}

export function registerRegistryPolicy(program: Command, ctx: CliContext): void {
  const command = program
    .command('registry-policy')
    .description('print the private registry permissions policy that lets named roles fill pull through cache repositories')
    .requiredOption('--region <region>', 'AWS Region, e.g. us-east-1')
    .requiredOption('--account <id>', '12-digit account ID of the private registry')
    .requiredOption('--principal <arn|account>', 'IAM role or user ARN, or account ID, that pulls through the cache (repeatable)', collect)
    .requiredOption('--pull-through-prefix <prefix>', 'repository prefix of a pull through cache rule (repeatable)', collect);
  addCommonOptions(
    command,
    'policygen registry-policy --region us-east-1 --account 111122223333 --principal arn:aws:iam::111122223333:role/my-app-execution-role --pull-through-prefix ecr-public',
  ).action((flags: Flags) => {
    const result = generateRegistryPolicy({
      region: flags.region,
      allowUnlistedRegion: flags.allowUnlistedRegion,
      account: flags.account,
      principals: flags.principal ?? [],
      pullThroughCachePrefixes: flags.pullThroughPrefix ?? [],
    });
    emit(ctx, result.document, result.advisories, flags);
  });
}
