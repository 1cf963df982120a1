import { Option, type Command } from 'commander';
import type { Advisory } from '../../generate/advisories';
import { generateBundle } from '../../generate/bundle';
import { EXAMPLE_SPEC } from '../../generate/example-spec';
import { PolicygenInputError } from '../../model/errors';
import type { PolicygenSpec } from '../../model/policygen-spec.generated';
import { loadSpec } from '../../model/spec-file';
import { renderCloudFormation, templateAdvisories } from '../../generate/cloudformation-template';
import { renderJson } from '../../render/json';
import { renderMermaid } from '../../render/mermaid';
import { renderTerraform } from '../../render/terraform';
import { emit, type CliContext } from '../context';
import { readTextFile, writeFileAtomic } from '../io';

const FORMATS = ['json', 'cloudformation', 'terraform', 'mermaid'] as const;
type Format = (typeof FORMATS)[number];

interface Flags {
  spec?: string;
  example?: boolean;
  format: Format;
  out?: string;
}

/** What `--format` prints: a JSON value or text, and the advisories for stderr (the JSON bundle holds its own). */
type Rendered = ({ readonly value: unknown; readonly text?: never } | { readonly text: string; readonly value?: never }) & {
  readonly advisories: readonly Advisory[];
};

function renderAs(format: Format, spec: PolicygenSpec): Rendered {
  const bundle = generateBundle(spec);
  switch (format) {
    case 'json':
      return { value: bundle, advisories: [] };
    case 'cloudformation':
      return { value: renderCloudFormation(bundle, spec), advisories: templateAdvisories(bundle) };
    case 'terraform':
      return { value: renderTerraform(bundle, spec), advisories: templateAdvisories(bundle) };
    case 'mermaid':
      return { text: renderMermaid(bundle), advisories: bundle.advisories };
  }
}

export function registerGenerate(program: Command, ctx: CliContext): void {
  program
    .command('generate')
    .description('print every policy and the endpoint plan for a spec file: a JSON bundle, a CloudFormation template, Terraform JSON or a Mermaid diagram')
    .option('--spec <file>', 'spec file, JSON or YAML (schema: schemas/policygen-spec.schema.json)')
    .option('--example', 'use the built-in example: Fargate in us-east-1, awslogs, private subnets')
    .addOption(
      new Option('--format <format>', 'json: the bundle; cloudformation: a template; terraform: a *.tf.json file; mermaid: a flowchart of the plan')
        .choices(FORMATS)
        .default('json'),
    )
    .option('--out <file>', 'write the output to this file (atomically) instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ policygen generate --example\n  $ policygen generate --spec policygen.yaml --out bundle.json\n' +
        '  $ policygen generate --spec policygen.yaml --format cloudformation --out template.json\n' +
        '  $ policygen generate --spec policygen.yaml --format terraform --out policygen.tf.json\n' +
        '  $ policygen generate --example --format mermaid\n',
    )
    .action((flags: Flags) => {
      if ((flags.spec === undefined) === (flags.example !== true)) {
        throw new PolicygenInputError([
          { field: 'generate', received: flags.spec ? '--spec and --example' : 'neither', expected: 'be given exactly one of --spec FILE or --example' },
        ]);
      }
      const render = (spec: PolicygenSpec) => renderAs(flags.format, spec);
      const output = flags.spec === undefined ? render(EXAMPLE_SPEC) : loadSpec(readTextFile(flags.spec), flags.spec, render);
      if (output.text === undefined) {
        emit(ctx, output.value, output.advisories, flags);
        return;
      }
      // Mermaid is text, not JSON: written here as emit writes JSON.
      if (flags.out !== undefined) writeFileAtomic(flags.out, output.text);
      else ctx.stdout(output.text);
      for (const a of output.advisories) ctx.stderr(`policygen: ${a.level} [${a.id}] ${a.message}\n`);
    });
}
