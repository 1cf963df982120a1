import { type Command, CommanderError, Option } from 'commander';
import { checkComparison, comparePolicies, diffPolicies } from '../../diff';
import { DIFF_POLICY_TYPES, type DiffPolicyType } from '../../diff/types';
import { PolicygenInputError, type InputIssue } from '../../model/errors';
import { renderDiffJson } from '../../render/diff-json';
import { renderDiffText } from '../../render/diff-text';
import { sourceFormatOf } from '../../template/detect';
import { parseJsonSource } from '../../template/source/json-source';
import { SourceParseError } from '../../template/source/source-error';
import { parseYamlSource } from '../../template/source/yaml-source';
import type { CliContext } from '../context';
import { EXIT_FAILURE, FINDINGS_FAIL } from '../exit-code';
import { readTextInput, STDIN } from '../io';
import { IAM_DATA_OPTION, IAM_DATA_OPTION_HELP, iamDataCatalog } from '../iam-data';

interface DiffFlags {
  readonly format: 'text' | 'json';
  readonly policyType?: DiffPolicyType;
  readonly iamData?: string;
}

const EXAMPLES = `
Exit codes: 0 NEW allows nothing that OLD denies, 1 NEW is broader, 2 usage error or invalid policy.

Examples:
  $ policygen diff old.json new.json                       # identity policies (no Principal)
  $ git show HEAD:role.json | policygen diff - role.json        # - reads standard input
  $ policygen diff before.json after.json --policy-type vpc-endpoint-gateway --format json
`;

/** A policy file read and parsed, with a way back from a JSON path to its line. */
interface PolicyFile {
  readonly file: string;
  readonly data: unknown;
  readonly locate: (path: readonly (string | number)[]) => { readonly line: number; readonly column: number };
}

export function registerDiff(program: Command, ctx: CliContext): void {
  program
    .command('diff')
    .description('Does NEW allow any request that OLD denies? Compares two IAM policies by evaluating both on the requests they could decide differently.')
    .argument('<old>', 'the policy before the change (JSON or YAML; - for standard input)')
    .argument('<new>', 'the policy after the change (- for standard input)')
    .addOption(
      new Option('--policy-type <type>', 'how both policies are used (default: resource when they name principals, else identity)').choices(DIFF_POLICY_TYPES),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option(IAM_DATA_OPTION, IAM_DATA_OPTION_HELP)
    .addHelpText('after', EXAMPLES)
    .action(async (oldFile: string, newFile: string, flags: DiffFlags) => {
      if (await runDiff(oldFile, newFile, flags, ctx)) throw new CommanderError(EXIT_FAILURE, FINDINGS_FAIL, 'NEW is broader than OLD');
    });
}

/** Reads, checks, compares and prints; true when NEW is broader. Bad input throws (exit 2). */
async function runDiff(oldFile: string, newFile: string, flags: DiffFlags, ctx: CliContext): Promise<boolean> {
  if (oldFile === STDIN && newFile === STDIN) {
    throw new PolicygenInputError([{ field: 'NEW', expected: 'be a file when OLD is standard input (-)', received: '-' }]);
  }
  const files = [readPolicyFile(oldFile), readPolicyFile(newFile)];
  const parseIssues = files.flatMap((f) => ('issue' in f ? [f.issue] : []));
  if (parseIssues.length > 0) throw new PolicygenInputError(parseIssues);
  const [before, after] = files as [PolicyFile, PolicyFile];

  const checked = checkComparison(before.data, after.data, flags.policyType);
  if ('problems' in checked) {
    throw new PolicygenInputError(
      checked.problems.map(({ side, problem: { path, ...issue } }): InputIssue => {
        if (side === undefined) return { ...issue, field: '--policy-type' };
        const f = side === 'old' ? before : after;
        return { ...issue, location: { file: f.file, ...f.locate(path) } };
      }),
    );
  }
  const options = { policyType: checked.policyType };
  const diff =
    flags.iamData === undefined
      ? await diffPolicies(before.data as never, after.data as never, options)
      : comparePolicies(before.data as never, after.data as never, iamDataCatalog(flags.iamData, process.cwd()).catalog, options);
  if (flags.format === 'json') {
    ctx.stdout(renderDiffJson(diff));
  } else {
    ctx.stdout(renderDiffText(diff, { oldFile: before.file, newFile: after.file }));
  }
  return diff.broader;
}

/** JSON, or YAML for .yaml/.yml (CloudFormation short forms included); a syntax error is an issue at its line. */
function readPolicyFile(file: string): PolicyFile | { readonly issue: InputIssue } {
  const text = readTextInput(file);
  // Messages name standard input as compilers do.
  const name = file === STDIN ? '<stdin>' : file;
  const format = sourceFormatOf(name, text);
  try {
    const source = format === 'yaml' ? parseYamlSource(name, text) : parseJsonSource(name, text);
    return { file: name, data: source.data, locate: (path) => source.locate(path) };
  } catch (error) {
    if (!(error instanceof SourceParseError)) throw error;
    return {
      issue: {
        field: 'policy',
        expected: `be valid ${format === 'yaml' ? 'YAML' : 'JSON'}`,
        received: `a syntax error: ${error.message.replace(/^invalid (JSON|YAML): /, '')}`,
        location: { file: name, ...error.position },
      },
    };
  }
}
