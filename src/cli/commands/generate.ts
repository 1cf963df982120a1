import type { Command } from 'commander';
import { generateBundle } from '../../generate/bundle';
import { EXAMPLE_SPEC } from '../../generate/example-spec';
import { PolicygenInputError } from '../../model/errors';
import { emit, type CliContext } from '../context';
import { readTextFile } from '../io';
import { loadSpec } from '../../model/spec-file';

interface Flags {
  spec?: string;
  example?: boolean;
  out?: string;
}

export function registerGenerate(program: Command, ctx: CliContext): void {
  program
    .command('generate')
    .description('print every policy and the endpoint plan for a spec file, as one JSON bundle')
    .option('--spec <file>', 'spec file, JSON or YAML (schema: schemas/policygen-spec.schema.json)')
    .option('--example', 'use the built-in example: Fargate in us-east-1, awslogs, private subnets')
    .option('--out <file>', 'write the JSON to this file (atomically) instead of stdout')
    .addHelpText('after', '\nExamples:\n  $ policygen generate --example\n  $ policygen generate --spec policygen.yaml --out bundle.json\n')
    .action((flags: Flags) => {
      if ((flags.spec === undefined) === (flags.example !== true)) {
        throw new PolicygenInputError([
          { field: 'generate', received: flags.spec ? '--spec and --example' : 'neither', expected: 'be given exactly one of --spec FILE or --example' },
        ]);
      }
      const bundle =
        flags.spec === undefined
          ? generateBundle(EXAMPLE_SPEC)
          : loadSpec(readTextFile(flags.spec), flags.spec, generateBundle);
      // Advisories are part of the bundle's JSON, so they are not repeated on stderr.
      emit(ctx, bundle, [], flags);
    });
}
