import { type Command, Option } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CheckReport, checkFails, checkSpec, checkTemplate, checkUndecided, type RepositoryPolicyInput } from '../../check';
import type { SourceFile } from '../../lint/types';
import { PolicygenInputError } from '../../model/errors';
import { loadSpec } from '../../model/spec-file';
import { renderCheckJson } from '../../render/check-json';
import { renderCheckText } from '../../render/check-text';
import { CDK_OUT_MANIFEST } from '../../template/cdk-out';
import { parseTemplate } from '../../template/parse-template';
import { isTerraformPlanData } from '../../template/terraform-as-template';
import { networkView } from '../../template/network-view';
import { parseJsonSource } from '../../template/source/json-source';
import { SourceParseError } from '../../template/source/source-error';
import type { CliContext } from '../context';
import { outcomeError } from '../exit-code';
import { readTextFile } from '../io';
import { discoverFiles } from '../lint-files';
import { readCdkAssets, readTemplateWithNested } from '../nested-templates';

/** What `check` reads from the process beyond CliContext's writers; tests set them, the real CLI asks the process. */
export interface CheckCliContext extends CliContext {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY?: boolean;
}

interface CheckFlags {
  readonly template?: readonly string[];
  readonly plan?: readonly string[];
  readonly cdkOut?: string;
  readonly networkFrom?: string;
  readonly parameter?: readonly string[];
  readonly spec?: string;
  readonly region?: string;
  readonly account?: string;
  readonly allowUnlistedRegion?: boolean;
  readonly internet?: boolean;
  readonly instanceRolePolicy?: string;
  readonly repositoryPolicy?: readonly string[];
  readonly format: 'text' | 'json';
  readonly color: boolean;
}

const EXAMPLES = `
Walks every hop of each ECR image pull (ecr:GetAuthorizationToken through ecr.api, the pull actions
through ecr.dkr, the layer download through the S3 gateway, awslogs and secrets) and evaluates the
execution role and endpoint policies for the request each hop really makes. Also warns about what
those policies allow beyond the pull.

Exit codes: 0 every step allowed, 1 a step is blocked, 2 bad input (unreadable file, not a template,
no task definition pulling from ECR, invalid spec or flag), 4 no step blocked but some unknown (the
answer depends on what the input does not hold: a parameter without value, an import from a stack
not given, a role or network outside the input).

Examples:
  $ policygen check --template stack.yaml --region eu-west-1 --account 111122223333
  $ policygen check --template cdk.out/App.template.json --internet --format json
  $ policygen check --spec policygen.yaml
  $ policygen check --template ec2-service.yaml --instance-role-policy instance-role.json
  $ policygen check --template service.yaml --repository-policy arn:aws:ecr:eu-west-1:444455556666:repository/base=base-policy.json
  $ policygen check --template vpc.yaml --template cluster.yaml --template service.yaml
  $ policygen check --cdk-out cdk.out
  $ terraform show -json tfplan > plan.json && policygen check --plan plan.json
  $ policygen check --template service.yaml --parameter ImageUri=111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1
`;

export function registerCheck(program: Command, ctx: CheckCliContext): void {
  program
    .command('check')
    // Files named without --template are templates too: the pre-commit hook passes the staged files so.
    .argument('[templates...]', 'CloudFormation templates, as with --template')
    .description('Prove offline that ECS tasks can pull their ECR images over PrivateLink, hop by hop, and that the policies allow no more.')
    .option('--template <file>', 'CloudFormation template, JSON or YAML; repeat it for stacks that import each other’s exports', collect, [])
    .option('--plan <file>', 'Terraform plan as `terraform show -json PLANFILE` writes it (repeatable, and combinable with --template)', collect, [])
    .option('--cdk-out <dir>', 'a CDK cloud assembly (cdk.out): every stack it lists, read as one, with its Region and account')
    .option('--network-from <path>', 'a template (or cdk.out folder) read only for its network (VPC, subnets, routes, endpoints, security groups) and exports')
    .option('--parameter <key=value>', 'value of a template parameter (repeatable); parameters without one keep their Default', collect, [])
    .option('--spec <file>', 'policygen spec: check the template `generate --format cloudformation` renders for it')
    .option('--region <region>', 'Region the stack deploys to (default: the Region of its ECR image URIs)')
    .option('--account <id>', 'account the stack deploys to (default: the account of its ECR image URIs)')
    .option('--allow-unlisted-region', 'accept a --region newer than policygen’s Region table if it matches its partition’s pattern')
    .option('--internet', 'the task subnets have an internet route the template does not declare (a NAT gateway elsewhere)')
    .option(
      '--instance-role-policy <file>',
      'identity policy (JSON) of the EC2 container instance role, for EC2 tasks without an execution role whose instance role the template does not declare',
    )
    .option(
      '--repository-policy <[arn=]file>',
      'repository policy (JSON) of a repository in another account, as ARN=FILE, or FILE when its Resource names the repository (repeatable)',
      collect,
      [],
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-color', 'no colours in the text output (also NO_COLOR=1)')
    .addHelpText('after', EXAMPLES)
    .action((templates: readonly string[], flags: CheckFlags) => {
      const report = runCheck({ ...flags, template: [...(flags.template ?? []), ...templates] });
      if (flags.format === 'json') {
        ctx.stdout(renderCheckJson(report));
      } else {
        const env = ctx.env ?? process.env;
        const color = flags.color && (env['NO_COLOR'] ?? '') === '' && (ctx.stdoutIsTTY ?? process.stdout.isTTY === true);
        ctx.stdout(renderCheckText(report, { color }));
      }
      if (checkFails(report)) throw outcomeError('findings', 'a step of the image pull is blocked');
      if (checkUndecided(report)) throw outcomeError('undecided', 'no step is blocked, but some are unknown');
    });
}

/** Reads the input and checks it; every input problem throws (exit 2). */
function runCheck(flags: CheckFlags): CheckReport {
  const inputs = [
    (flags.template ?? []).length > 0 || (flags.plan ?? []).length > 0 ? '--template' : undefined,
    flags.cdkOut !== undefined ? '--cdk-out' : undefined,
    flags.spec !== undefined ? '--spec' : undefined,
  ].filter((f) => f !== undefined);
  if (inputs.length !== 1) {
    throw new PolicygenInputError([
      {
        field: 'check',
        received: inputs.length === 0 ? 'neither' : inputs.join(' and '),
        expected: 'be given exactly one of --template FILE (repeatable), --cdk-out DIR or --spec FILE; --plan FILE (repeatable) counts as --template',
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
    if ((flags.repositoryPolicy ?? []).length > 0) {
      throw new PolicygenInputError([
        {
          field: '--repository-policy',
          received: '--repository-policy with --spec',
          expected: 'be left out with --spec: the spec’s bundle holds the repository policy of its repositories in other accounts',
        },
      ]);
    }
    const file = flags.spec;
    return loadSpec(readTextFile(file), file, (spec) => checkSpec(spec, { internet: flags.internet === true }, file));
  }
  const repositoryPolicies = (flags.repositoryPolicy ?? []).map(readRepositoryPolicy);
  const parameters = parseParameters(flags.parameter ?? []);
  const assembly = flags.cdkOut !== undefined ? readCdkOut(flags.cdkOut) : undefined;
  const checked =
    assembly !== undefined ? assembly.sources : [...(flags.template ?? []).map((f) => readTemplateWithNested(f)), ...(flags.plan ?? []).map(readPlan)];
  const sources = flags.networkFrom !== undefined ? [...checked, ...readNetworkFrom(flags.networkFrom)] : checked;
  const instanceRolePolicy = flags.instanceRolePolicy !== undefined ? readPolicyFile(flags.instanceRolePolicy) : undefined;
  const region = flags.region ?? assembly?.region;
  const account = flags.account ?? assembly?.account;
  return checkTemplate(sources, {
    ...(instanceRolePolicy !== undefined ? { instanceRolePolicy } : {}),
    ...(repositoryPolicies.length > 0 ? { repositoryPolicies } : {}),
    ...(parameters !== undefined ? { parameters } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(account !== undefined ? { accountId: account } : {}),
    ...(flags.allowUnlistedRegion === true ? { allowUnlistedRegion: true } : {}),
    internet: flags.internet === true,
  });
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

/** `--parameter KEY=VALUE`, repeatable; the last value of a key wins, as in `aws cloudformation deploy`. */
function parseParameters(items: readonly string[]): Record<string, string> | undefined {
  if (items.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = eq < 0 ? '' : item.slice(0, eq);
    if (!/^[A-Za-z0-9]+$/.test(key)) {
      throw new PolicygenInputError([
        {
          field: '--parameter',
          received: JSON.stringify(item),
          expected: 'be KEY=VALUE with KEY a parameter name (letters and digits)',
          hint: '--parameter ImageUri=111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1',
        },
      ]);
    }
    out[key] = item.slice(eq + 1);
  }
  return out;
}

/**
 * `--cdk-out DIR`: the templates its manifest lists (nested assemblies too), and the Region and
 * account of the first stack whose environment states them.
 */
function readCdkOut(dir: string): { sources: SourceFile[]; region?: string; account?: string } {
  const notAssembly = (received: string) =>
    new PolicygenInputError([
      {
        field: '--cdk-out',
        received,
        expected: `be a CDK cloud assembly folder (cdk.out) whose ${CDK_OUT_MANIFEST} lists stacks`,
        hint: 'run cdk synth first',
      },
    ]);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw notAssembly(`${JSON.stringify(dir)}, not a folder`);
  if (!existsSync(join(dir, CDK_OUT_MANIFEST))) throw notAssembly(`${JSON.stringify(dir)}, without ${CDK_OUT_MANIFEST}`);
  const cwd = process.cwd();
  const files = discoverFiles([dir], { cwd, baseDir: cwd, cdkOut: true }).filter((f) => f.kind === 'cloudformation');
  if (files.length === 0) throw notAssembly(`${JSON.stringify(dir)}, whose ${CDK_OUT_MANIFEST} lists no stack`);
  const environment = files.find((f) => f.environment?.region !== undefined || f.environment?.account !== undefined)?.environment;
  // Nested stacks: their TemplateURL names an uploaded asset, which the asset manifests map to a file.
  const assets = readCdkAssets(dir);
  return {
    sources: files.map((f) => readTemplateWithNested(f.file, assets)),
    ...(environment?.region !== undefined ? { region: environment.region } : {}),
    ...(environment?.account !== undefined ? { account: environment.account } : {}),
  };
}

/** `--network-from FILE|DIR`: a template, or every stack of a cdk.out, for its network and exports only. */
function readNetworkFrom(path: string): SourceFile[] {
  const templates = statSync(path, { throwIfNoEntry: false })?.isDirectory() === true ? readCdkOut(path).sources : [readTemplateWithNested(path)];
  return templates.map(networkView);
}

/**
 * `--repository-policy [ARN=]FILE`: the repository policy of a repository in another account. Without
 * ARN= the policy's Resource must name the repository (src/pull/stack-facts.ts checks it); an ARN
 * holds no `=`, so the first `=` after `arn:` ends it.
 */
function readRepositoryPolicy(item: string): RepositoryPolicyInput {
  const eq = item.indexOf('=');
  const named = item.startsWith('arn:') && eq > 0;
  const file = named ? item.slice(eq + 1) : item;
  const { document } = readPolicyFile(file, '--repository-policy', 'be a JSON ECR repository policy');
  return { ...(named ? { repositoryArn: item.slice(0, eq) } : {}), document, file };
}

/** `--instance-role-policy FILE`: a JSON policy document; a syntax error is an input error at its line. */
function readPolicyFile(file: string, field = '--instance-role-policy', expected = 'be a JSON IAM policy document'): { file: string; document: unknown } {
  return { file, document: readJsonFlag(file, field, expected).data };
}

/** The JSON file a flag names; a syntax error is an input error of that flag at its line. */
function readJsonFlag(file: string, field: string, expected: string): SourceFile {
  try {
    return parseJsonSource(file, readTextFile(file));
  } catch (error) {
    if (!(error instanceof SourceParseError)) throw error;
    throw new PolicygenInputError([
      {
        field,
        expected,
        received: `a syntax error: ${error.message.replace(/^invalid JSON: /, '')}`,
        location: { file, ...error.position },
      },
    ]);
  }
}

/** `--plan FILE`: JSON from `terraform show -json`; anything else is an input error (the walk lowers it, src/template/terraform-as-template.ts). */
function readPlan(file: string): SourceFile {
  const source = readJsonFlag(file, '--plan', 'be JSON from terraform show -json PLANFILE');
  if (!isTerraformPlanData(source.data)) {
    throw new PolicygenInputError([
      {
        field: '--plan',
        received: 'a JSON file without format_version and planned_values or resource_changes',
        expected: 'be the output of terraform show -json PLANFILE',
        hint: 'terraform plan -out tfplan && terraform show -json tfplan > plan.json',
        location: { file, line: 1, column: 1 },
      },
    ]);
  }
  return source;
}
