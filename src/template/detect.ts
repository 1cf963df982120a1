/** What an input file is: by `--kind`, else by its extension (JSON or YAML) and then its content. */
import { isRecord } from '../model/json';
import { CDK_OUT_MANIFEST, isCdkTemplateFile } from './cdk-out';

export type InputKind = 'policy' | 'cloudformation' | 'terraform-plan' | 'cdk-out';
export const INPUT_KINDS: readonly InputKind[] = ['policy', 'cloudformation', 'terraform-plan', 'cdk-out'];

/** Completes "expected …" in the UNKNOWN_INPUT finding. */
export const EXPECTED_INPUT =
  'an IAM policy ("Statement"), a CloudFormation template ("Resources") or a Terraform plan ("format_version" with "planned_values"); --kind says which';

const has = (o: Readonly<Record<string, unknown>>, key: string): boolean => Object.hasOwn(o, key);

/**
 * `yaml` for .yaml and .yml files; `json` for .json; otherwise (`.template`, no extension) by the
 * first character: CloudFormation accepts both formats under any name.
 */
export function sourceFormatOf(file: string, text: string): 'json' | 'yaml' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  const first = /\S/.exec(text.slice(0, 4096).replace(/^\uFEFF/, ''))?.[0];
  return first === '{' || first === '[' || first === undefined ? 'json' : 'yaml';
}

/** The kind of a parsed file by its top-level keys, or undefined when it is none of them. */
export function detectKind(data: unknown): Exclude<InputKind, 'cdk-out'> | undefined {
  if (!isRecord(data)) return undefined;
  if (has(data, 'Statement')) return 'policy';
  if (has(data, 'AWSTemplateFormatVersion') || has(data, 'Resources')) return 'cloudformation';
  if (has(data, 'format_version') && (has(data, 'planned_values') || has(data, 'resource_changes'))) return 'terraform-plan';
  return undefined;
}

/**
 * The kind of a JSON text that does not parse, from the top-level keys `detectKind` looks for, found
 * as quoted names anywhere in the text: a guess, for naming the syntax error (a policy's is Access
 * Analyzer's JSON_SYNTAX_ERROR). Templates and plans hold policies, so their keys win over "Statement".
 */
export function guessKindOfText(text: string): Exclude<InputKind, 'cdk-out'> | undefined {
  const names = (key: string): boolean => text.includes(`"${key}"`);
  if (names('AWSTemplateFormatVersion') || names('Resources')) return 'cloudformation';
  if (names('format_version')) return 'terraform-plan';
  if (names('Statement')) return 'policy';
  return undefined;
}

/** A folder is a CDK cloud assembly (cdk.out) when it holds `manifest.json` and at least one `*.template.json`. */
export function isCdkOutFolder(fileNames: readonly string[]): boolean {
  return fileNames.includes(CDK_OUT_MANIFEST) && fileNames.some(isCdkTemplateFile);
}
