import { Command, CommanderError, InvalidArgumentError, type Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatIssue, PolicygenInputError, type InputIssue } from '../model/errors';
import { REGION_DATA_SOURCE } from '../model/regions.generated';
import type { CliContext } from './context';
import { CliIoError, DEFAULT_MAX_INPUT_SIZE, parseByteSize, setMaxInputSize, standardWriter } from './io';
import { exitCodeFor } from './exit-code';

/** Generator option names -> the flag a user typed: errors name what the user wrote. */
const FLAGS: Readonly<Record<string, string>> = {
  region: '--region',
  account: '--account',
  vpceIds: '--vpce',
  vpcIds: '--vpc',
  repositories: '--repository',
  logGroups: '--log-group',
  createLogGroup: '--create-log-group',
  secrets: '--secret',
  parameters: '--parameter',
  kmsKeys: '--kms-key',
  principals: '--principal',
  orgId: '--org-id',
  buckets: '--bucket',
  bucketsOrgId: '--bucket-org-id',
  bucketsResourceAccounts: '--bucket-account',
  'bucketsOrgId/bucketsResourceAccounts': '--bucket-org-id/--bucket-account',
  layerBucketPartition: '--layer-bucket-partition',
  subnetCidrs: '--subnet-cidr',
  subnetIpv6Cidrs: '--subnet-ipv6-cidr',
  endpointIngress: '--endpoint-ingress',
  taskSecurityGroupId: '--task-security-group-id',
  s3PrefixListId: '--s3-prefix-list-id',
  endpointIpAddressType: '--endpoint-ip-address-type',
  platformVersion: '--platform-version',
  osFamily: '--os-family',
  pullThroughCachePrefixes: '--pull-through-prefix',
  awsOwnedImages: '--aws-owned-image',
  launchType: '--launch-type',
};

/** Issues from a spec file keep their spec field names (they carry a location); others name the flag. */
function asTyped(issue: InputIssue): InputIssue {
  if (issue.location) return issue;
  const flag = FLAGS[issue.field.replace(/\[\d+\]$/, '')];
  return flag ? { ...issue, field: flag } : issue;
}

const PROCESS_CONTEXT: CliContext = {
  stdout: standardWriter(1, () => process.stdout),
  stderr: standardWriter(2, () => process.stderr),
};

function packageVersion(): string {
  // dist/cjs/cli or src/cli: the package root is the first folder up with our package.json.
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'policygen') return pkg.version ?? 'unknown';
    }
  }
  return 'unknown';
}

/** Input problems printed at most: a spec with 10,000 unknown fields should not flood the terminal. */
const MAX_ISSUES_SHOWN = 50;

type Register = (program: Command, ctx: CliContext) => void;

/**
 * The commands in the order help lists them. Each module is loaded only when its command runs (or
 * when help lists them all): `policygen lint` in a pre-commit hook loads no generator.
 */
const COMMANDS: readonly (readonly [string, () => Register])[] = [
  ['s3-gateway-policy', () => (require('./commands/s3-gateway-policy') as typeof import('./commands/s3-gateway-policy')).registerS3GatewayPolicy],
  [
    'execution-role-policy',
    () => (require('./commands/execution-role-policy') as typeof import('./commands/execution-role-policy')).registerExecutionRolePolicy,
  ],
  ['registry-policy', () => (require('./commands/registry-policy') as typeof import('./commands/registry-policy')).registerRegistryPolicy],
  ['repository-policy', () => (require('./commands/repository-policy') as typeof import('./commands/repository-policy')).registerRepositoryPolicy],
  ['ecr-endpoint-policy', () => (require('./commands/ecr-endpoint-policy') as typeof import('./commands/ecr-endpoint-policy')).registerEcrEndpointPolicy],
  ['plan', () => (require('./commands/plan') as typeof import('./commands/plan')).registerPlan],
  ['generate', () => (require('./commands/generate') as typeof import('./commands/generate')).registerGenerate],
  [
    'lint',
    () => (program, ctx) => (require('./commands/lint') as typeof import('./commands/lint')).registerLint(program, ctx, { toolVersion: packageVersion }),
  ],
  ['diff', () => (require('./commands/diff') as typeof import('./commands/diff')).registerDiff],
  ['check', () => (require('./commands/check') as typeof import('./commands/check')).registerCheck],
  ['rules', () => (require('./commands/rules') as typeof import('./commands/rules')).registerRules],
];
const COMMAND_NAMES = COMMANDS.map(([name]) => name);

/**
 * `policygen <version> (iam-data <version>, <data date>)`, then the Region data's source: the
 * iam-data release the install resolved (package.json asks for a caret range), not the one
 * policygen was built with. `--iam-data DIR` replaces it for one lint or diff run.
 */
function versionText(): string {
  const { iamDataSource } = require('../catalog/iam-catalog') as typeof import('../catalog/iam-catalog');
  const { version, date } = iamDataSource();
  return `policygen ${packageVersion()} (iam-data ${version}, ${date ?? 'date unknown'})\nregion data: ${REGION_DATA_SOURCE}`;
}

/** The program with the command `argv` names, or with all of them (help, a typo, no command). */
function buildProgram(ctx: CliContext, argv: readonly string[]): Command {
  const program = new Command('policygen')
    .description('Least-privilege AWS policies for pulling Amazon ECR images over AWS PrivateLink.')
    .version(
      // The data's version costs a file read: only a run that prints it pays.
      argv.some((a) => a === '-V' || a === '--version') ? versionText() : packageVersion(),
      '-V, --version',
      'print the version and the data versions used',
    )
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr, outputError: (text, write) => write(text.replace(/^(?=.)/gm, 'policygen: ')) })
    .showSuggestionAfterError(true)
    .exitOverride();
  const named = argv[0] !== undefined && COMMAND_NAMES.includes(argv[0]) ? argv[0] : undefined;
  for (const [name, load] of COMMANDS) if (named === undefined || name === named) load()(program, ctx);
  for (const command of program.commands) {
    command.exitOverride().configureOutput(program.configureOutput());
    if (READS_FILES.has(command.name())) addMaxInputSize(command);
    checkRequiredOptionsAfterUnknown(command);
  }
  return program;
}

/** The commands that read files or standard input, and so take --max-input-size. */
const READS_FILES = new Set(['generate', 'lint', 'diff', 'check']);

function parseMaxInputSize(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new InvalidArgumentError('it must be a positive whole number of bytes, optionally with K, M or G (e.g. 100M).');
  return bytes;
}

/** `--max-input-size`, applied to every file the command reads (io.ts) before its action runs. */
function addMaxInputSize(command: Command): void {
  command.option(
    '--max-input-size <bytes>',
    `largest file or standard input read, in bytes (K, M, G suffixes: powers of 1024; default ${DEFAULT_MAX_INPUT_SIZE / (1024 * 1024)}M)`,
    parseMaxInputSize,
  );
  command.hook('preAction', (_program, action) => setMaxInputSize(action.getOptionValue('maxInputSize') as number | undefined));
}

/**
 * Commander checks required options before unknown ones, so `plan --regoin x` would say that
 * --region is missing rather than that --regoin is unknown (with its "did you mean --region?").
 * Required options are checked here instead, in a hook that runs after the unknown-option check,
 * with commander's own message.
 */
function checkRequiredOptionsAfterUnknown(command: Command): void {
  const required: Option[] = command.options.filter((o) => o.mandatory);
  if (required.length === 0) return;
  for (const option of required) option.mandatory = false;
  command.hook('preAction', (_program, action) => {
    const missing = required.find((o) => action.getOptionValue(o.attributeName()) === undefined);
    if (missing) action.error(`error: required option '${missing.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue', exitCode: 2 });
  });
}

/**
 * Runs the CLI and returns its exit code (see exitCodeFor): 0 success, 1 findings, 2 bad usage or
 * input, 3 internal error, 4 `check` undecided. An error prints nothing on stdout; an internal
 * error prints its stack only when POLICYGEN_DEBUG is set.
 */
export async function main(argv: readonly string[], ctx: CliContext = PROCESS_CONTEXT): Promise<number> {
  if (argv.length === 0) argv = ['--help'];
  // Commander answers `help NO-SUCH-COMMAND` with the general help and no error; say what is wrong.
  if (argv[0] === 'help' && argv.length > 1 && !COMMAND_NAMES.includes(argv[1]!)) {
    ctx.stderr(`policygen: error: unknown command ${JSON.stringify(argv[1])} (commands: ${COMMAND_NAMES.join(', ')})\n`);
    return exitCodeFor(new PolicygenInputError([]));
  }
  // In-process runs (tests, the library's callers) share this module: each run starts from the default.
  setMaxInputSize();
  try {
    const program = buildProgram(ctx, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCodeFor(undefined);
  } catch (error) {
    if (error instanceof PolicygenInputError) {
      for (const issue of error.issues.slice(0, MAX_ISSUES_SHOWN)) ctx.stderr(`policygen: error: ${formatIssue(asTyped(issue))}\n`);
      const more = error.issues.length - MAX_ISSUES_SHOWN;
      if (more > 0) ctx.stderr(`policygen: error: and ${more} more problem${more === 1 ? '' : 's'} (fix these first)\n`);
    } else if (error instanceof CliIoError) {
      ctx.stderr(`policygen: error: ${error.message}\n`);
    } else if (!(error instanceof CommanderError)) {
      const debug = (process.env['POLICYGEN_DEBUG'] ?? '') !== '';
      const message = error instanceof Error ? error.message : String(error);
      ctx.stderr(`policygen: internal error: ${message}\n`);
      ctx.stderr(
        debug && error instanceof Error && error.stack
          ? `${error.stack}\n`
          : 'policygen: this is a bug in policygen: please report it, with the output of the same command run with POLICYGEN_DEBUG=1\n',
      );
    }
    return exitCodeFor(error);
  }
}
