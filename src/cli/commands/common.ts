import type { Command } from 'commander';

export interface CommonFlags {
  region: string;
  allowUnlistedRegion?: boolean;
  out?: string;
  quiet?: boolean;
}

/** Options every command has, and its example in --help. */
export function addCommonOptions(command: Command, example: string, { advisoriesOnStderr = true } = {}): Command {
  command
    .option('--allow-unlisted-region', 'accept a Region newer than policygen’s Region table if it matches its partition’s pattern')
    .option('--out <file>', 'write the JSON to this file (atomically) instead of stdout');
  if (advisoriesOnStderr) command.option('-q, --quiet', 'do not print advisories on stderr');
  return command.addHelpText('after', `\nExample:\n  $ ${example}\n`);
}
