import { type Command, Option } from 'commander';
import type { CliContext } from '../context';

interface Flags {
  readonly format: 'text' | 'json';
}

const EXAMPLES = `
Examples:
  $ policygen rules
  $ policygen rules --format json | jq -r '.rules[] | select(.source == "access-analyzer") | .code'
`;

/** `policygen rules`: every code lint can report, with its severity, source and policy types. */
export function registerRules(program: Command, ctx: CliContext): void {
  program
    .command('rules')
    .description('list every lint rule: code, severity, source (access-analyzer or policygen), whether it is decidable offline, policy types')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', EXAMPLES)
    .action((flags: Flags) => {
      // Loaded here: listing the rules loads every rule module, which other commands do not need.
      const { listRules } = require('../../lint/rule-list') as typeof import('../../lint/rule-list');
      const { renderRulesJson, renderRulesText } = require('../../render/rules') as typeof import('../../render/rules');
      const rules = listRules();
      ctx.stdout(flags.format === 'json' ? renderRulesJson(rules) : renderRulesText(rules));
    });
}
