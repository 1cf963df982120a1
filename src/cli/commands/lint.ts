import { type Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { INPUT_KINDS, type InputKind } from '../../template/detect';
import { iamDataSource, type IamDataSource } from '../../catalog/iam-catalog';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, isIgnored, parseLintConfig, policyTypeFor } from '../../lint/config';
import { failsAt, lint } from '../../lint/engine';
import { RULE_METAS, UNREADABLE_INPUT_CODES } from '../../lint/rules';
import { POLICY_TYPES, type PolicyType, RESOURCE_TYPES, type ResourceType, SEVERITIES, type Severity } from '../../lint/types';
import { lazyModule } from '../../model/lazy-module';
import { renderLintJson } from '../../render/lint-json';
import { renderLintText } from '../../render/lint-text';
import type { CliContext } from '../context';
import { lintOutcome, type Outcome, outcomeError } from '../exit-code';
import { readTextFile } from '../io';
import { discoverFiles, readLintInputs } from '../lint-files';
import { nestedTemplateReader } from '../nested-templates';
import { IAM_DATA_OPTION, IAM_DATA_OPTION_HELP, iamDataCatalog } from '../iam-data';

/** SARIF loads node:crypto (fingerprints), which Node does not load at start-up; text and JSON runs need neither. */
const sarif = lazyModule<typeof import('../../render/lint-sarif')>(() => require('../../render/lint-sarif'));

/**
 * What `lint` reads from the process beyond CliContext's writers. Tests set every field; the real
 * CLI leaves them out and the process is asked.
 */
export interface LintCliContext extends CliContext {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY?: boolean;
  readonly stderrIsTTY?: boolean;
}

/** What main knows that lint's output needs. */
export interface LintCommandOptions {
  /** policygen's version, for SARIF's tool.driver.version; called only for --format sarif. */
  readonly toolVersion: () => string;
}

interface LintFlags {
  readonly format: 'text' | 'json' | 'sarif';
  readonly failOn: Severity;
  readonly kind?: InputKind;
  readonly policyType?: PolicyType;
  readonly resourceType?: ResourceType;
  readonly config?: string;
  readonly color: boolean;
  readonly iamData?: string;
}

/** Progress on stderr only for runs long enough to wonder about. */
const PROGRESS_MIN_FILES = 20;

const EXAMPLES = `
Exit codes: 0 no finding at or above --fail-on, 1 some, 2 usage error (bad flag, path or config)
or a file that cannot be read or parsed (reported as PARSE_ERROR, or JSON_SYNTAX_ERROR for a JSON policy;
the other files are still linted).

Examples:
  $ policygen lint policies/                    # every .json, .yaml, .yml, .template below
  $ policygen lint endpoint.json --policy-type vpc-endpoint-gateway
  $ policygen lint bucket-policy.json --resource-type AWS::S3::Bucket
  $ policygen lint template.yaml plan.json cdk.out --format sarif > lint.sarif
  $ policygen lint 'infra/**/*.json' --fail-on warning
`;

export function registerLint(program: Command, ctx: LintCliContext, options: LintCommandOptions): void {
  program
    .command('lint')
    .description(
      'Check IAM policies, CloudFormation templates, Terraform plans and cdk.out folders (Access Analyzer checks offline, plus the ECR-over-PrivateLink rules).',
    )
    .argument('[paths...]', 'files, folders (searched recursively) and quoted globs (*, **, ?)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(SEVERITIES).default('security_warning'))
    .addOption(new Option('--kind <kind>', 'input kind instead of detecting it from the content').choices(INPUT_KINDS))
    .addOption(new Option('--policy-type <type>', 'how policy files are used (default identity, or per glob in the config)').choices(POLICY_TYPES))
    .addOption(
      new Option('--resource-type <type>', 'what the resource policies of policy files are attached to (implies --policy-type resource)').choices(
        RESOURCE_TYPES,
      ),
    )
    .option('--config <file>', 'config file (default: .policygen.json in the current folder, when there is one)')
    .option('--no-color', 'no colours in the text output (also NO_COLOR=1)')
    .option(IAM_DATA_OPTION, IAM_DATA_OPTION_HELP)
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], flags: LintFlags, command: Command) => {
      if (paths.length === 0) {
        ctx.stderr(`Usage: policygen lint ${command.usage()}\n`);
        command.error('error: give the files, folders or globs to lint, e.g. `policygen lint policies/`', {
          exitCode: 2,
          code: 'policygen.lint.noPaths',
        });
      }
      const typed = withResourceType(flags);
      if (typeof typed === 'string') command.error(`error: ${typed}`, { exitCode: 2, code: 'policygen.lint.resourceType' });
      const outcome = await runLint(paths, typed, ctx, options);
      if (outcome === 'unreadable') throw outcomeError(outcome, 'an input could not be read or parsed');
      if (outcome === 'findings') throw outcomeError(outcome, `findings at or above ${flags.failOn}`);
    });
}

/**
 * The flags with the policy type a resource type implies (Access Analyzer reads a role trust
 * policy as the resource policy of AWS::IAM::AssumeRolePolicyDocument), or the usage error.
 */
function withResourceType(flags: LintFlags): LintFlags | string {
  const { resourceType, policyType } = flags;
  if (resourceType === undefined) return flags;
  const implied: PolicyType = resourceType === 'AWS::IAM::AssumeRolePolicyDocument' ? 'trust' : 'resource';
  if (policyType === undefined || policyType === implied || (policyType === 'resource' && implied === 'trust')) return { ...flags, policyType: implied };
  return `--resource-type ${resourceType} must go with --policy-type ${implied}, received --policy-type ${policyType}; drop one of the two flags`;
}

/**
 * Lints and prints, then says on stderr which files could not be read or parsed (one line each);
 * returns the run's outcome. Config and path problems throw (exit 2).
 */
async function runLint(paths: readonly string[], flags: LintFlags, ctx: LintCliContext, options: LintCommandOptions): Promise<Outcome> {
  const cwd = ctx.cwd ?? process.cwd();
  const env = ctx.env ?? process.env;
  // Read and checked whole before any file is linted: a bad folder exits 2 with nothing on stdout.
  const fromFolder = flags.iamData === undefined ? undefined : iamDataCatalog(flags.iamData, cwd);
  const configFile = flags.config ?? (existsSync(join(cwd, CONFIG_FILE_NAME)) ? CONFIG_FILE_NAME : undefined);
  const config = configFile === undefined ? EMPTY_CONFIG : parseLintConfig(configFile, readConfigFile(cwd, configFile), new Set(RULE_METAS.map((m) => m.code)));
  // Globs in the config are relative to its folder.
  const baseDir = configFile === undefined ? cwd : dirname(resolve(cwd, configFile));
  const relativeToBase = (absolute: string): string => relative(baseDir, absolute);

  // Paths relative to the config's folder are worked out only when a glob needs them: a corpus run lints thousands of files.
  const ignoring = config.ignore.length > 0;
  const typing = flags.policyType === undefined && config.policyTypes.length > 0;
  const files = discoverFiles(paths, {
    cwd,
    baseDir,
    isIgnored: ignoring ? (path) => isIgnored(config, path) : undefined,
    cdkOut: flags.kind === 'cdk-out',
  });
  const inputs = readLintInputs(files, (f) => flags.policyType ?? (typing ? policyTypeFor(config, relativeToBase(f.absolute)) : undefined));

  // The file count first: asking process.stderr loads Node's stream modules, which a short run need not.
  const showProgress = inputs.length > PROGRESS_MIN_FILES && (ctx.stderrIsTTY ?? process.stderr.isTTY === true);
  const report = await lint(inputs, {
    config,
    ...(fromFolder ? { loadCatalog: () => fromFolder.catalog } : {}),
    ...(flags.resourceType ? { resourceType: flags.resourceType } : {}),
    ...(flags.kind ? { kind: flags.kind } : {}),
    readNestedTemplate: nestedTemplateReader(cwd),
    ...(showProgress ? { onProgress: (done: number, total: number) => ctx.stderr(`\rlinting ${done}/${total} files…`) } : {}),
  });
  if (showProgress) ctx.stderr('\r\u001b[K');

  if (flags.format === 'sarif') {
    // Findings name files relative to cwd, so the SARIF URIs are too.
    const { version, date, name }: IamDataSource = fromFolder?.source ?? iamDataSource();
    const iamData = { version, ...(date ? { date } : {}), ...(fromFolder ? { source: name } : {}) };
    ctx.stdout(sarif().renderSarif(report, RULE_METAS, { toolVersion: options.toolVersion(), baseDir: cwd, iamData }));
  } else if (flags.format === 'json') {
    ctx.stdout(renderLintJson(report));
  } else {
    const noColorEnv = (env['NO_COLOR'] ?? '') !== '';
    // Only findings are coloured; a clean run does not ask process.stdout (see showProgress).
    const color = report.findings.length > 0 && flags.color && !noColorEnv && (ctx.stdoutIsTTY ?? process.stdout.isTTY === true);
    ctx.stdout(renderLintText(report, { color }));
  }
  const unreadable = report.findings.filter((f) => (UNREADABLE_INPUT_CODES as readonly string[]).includes(f.code));
  for (const f of unreadable) ctx.stderr(`policygen: error: ${f.file}:${f.line}:${f.column}: ${f.message} (${f.code})\n`);
  return lintOutcome({ unreadableInput: unreadable.length > 0, failsAtThreshold: failsAt(report, flags.failOn) });
}

/** The config file's text; the error names the file as the user gave it, relative to `cwd`. */
function readConfigFile(cwd: string, file: string): string {
  return readTextFile(resolve(cwd, file), file);
}
