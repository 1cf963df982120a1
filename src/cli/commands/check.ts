import { type Command, CommanderError, Option } from 'commander';
import { type CheckReport, checkFails, checkSpec, checkTemplate } from '../../check';
import type { SourceFile } from '../../lint/types';
import { PolicygenInputError } from '../../model/errors';
import { loadSpec } from '../../model/spec-file';
import { renderCheckJson } from '../../render/check-json';
import { renderCheckText } from '../../render/check-text';
import { parseTemplate } from '../../template/parse-template';
import type { CliContext } from '../context';
import { EXIT_FAILURE, FINDINGS_FAIL } from '../exit-code';
import { readTextFile } from '../io';

/** What `check` reads from the process beyond CliContext's writers; tests set them, the real CLI asks the process. */
export interface CheckCliContext extends CliContext {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY?: boolean;
}

interface CheckFlags {
  readonly template?: string;
  readonly spec?: string;
  readonly region?: string;
  readonly account?: string;
  readonly allowUnlistedRegion?: boolean;
  readonly internet?: boolean;
  readonly format: 'text' | 'json';
  readonly color: boolean;
}

const EXAMPLES = `
Walks every hop of each ECR image pull (ecr:GetAuthorizationToken through ecr.api, the pull actions
through ecr.dkr, the layer download through the S3 gateway, awslogs and secrets) and evaluates the
execution role and endpoint policies for the request each hop really makes. Also warns about what
those policies allow beyond the pull.

Exit codes: 0 every step allowed, 1 a step is blocked, 2 bad input (unreadable file, not a template,
no task definition pulling from ECR, invalid spec or flag).

Examples:
  $ policygen check --template stack.yaml --region eu-west-1 --account 111122223333
  $ policygen check --template cdk.out/App.template.json --internet --format json
  $ policygen check --spec policygen.yaml
`;

export function registerCheck(program: Command, ctx: CheckCliContext): void {
  program
    .command('check')
    .description('Prove offline that ECS tasks can pull their ECR images over PrivateLink, hop by hop, and that the policies allow no more.')
    .option('--template <file>', 'CloudFormation template, JSON or YAML')
    .option('--spec <file>', 'policygen spec: check the template `generate --format cloudformation` renders for it')
    .option('--region <region>', 'Region the stack deploys to (default: the Region of its ECR image URIs)')
    .option('--account <id>', 'account the stack deploys to (default: the account of its ECR image URIs)')
    .option('--allow-unlisted-region', 'accept a --region newer than policygen’s Region table if it matches its partition’s pattern')
    .option('--internet', 'the task subnets have an internet route the template does not declare (a NAT gateway elsewhere)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-color', 'no colours in the text output (also NO_COLOR=1)')
    .addHelpText('after', EXAMPLES)
    .action((flags: CheckFlags) => {
      const report = runCheck(flags);
      if (flags.format === 'json') {
        ctx.stdout(renderCheckJson(report));
      } else {
        const env = ctx.env ?? process.env;
        const color = flags.color && (env['NO_COLOR'] ?? '') === '' && (ctx.stdoutIsTTY ?? process.stdout.isTTY === true);
        ctx.stdout(renderCheckText(report, { color }));
      }
      if (checkFails(report)) throw new CommanderError(EXIT_FAILURE, FINDINGS_FAIL, 'a step of the image pull is blocked');
    });
}

/** Reads the input and checks it; every input problem throws (exit 2). */
function runCheck(flags: CheckFlags): CheckReport {
  if ((flags.template === undefined) === (flags.spec === undefined)) {
    throw new PolicygenInputError([
      {
        field: 'check',
        received: flags.template !== undefined ? '--template and --spec' : 'neither',
        expected: 'be given exactly one of --template FILE or --spec FILE',
      },
    ]);
  }
  if (flags.spec !== undefined) {
    const given = [flags.region !== undefined ? '--region' : undefined, flags.account !== undefined ? '--account' : undefined].filter((f) => f !== undefined);
    if (given.length > 0) {
      throw new PolicygenInputError([
        {
          field: given.join(' and '),
          received: `${given.join(' and ')} with --spec`,
          expected: 'be left out with --spec: the spec names its Region and account',
        },
      ]);
    }
    const file = flags.spec;
    return loadSpec(readTextFile(file), file, (spec) => checkSpec(spec, { internet: flags.internet === true }, file));
  }
  const source = readTemplate(flags.template!);
  return checkTemplate(source, {
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(flags.account !== undefined ? { accountId: flags.account } : {}),
    ...(flags.allowUnlistedRegion === true ? { allowUnlistedRegion: true } : {}),
    internet: flags.internet === true,
  });
}

/** JSON, or YAML with CloudFormation's short forms; a syntax error is an input error at its line. */
function readTemplate(file: string): SourceFile {
  return parseTemplate(readTextFile(file), file);
}
