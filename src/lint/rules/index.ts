/**
 * The registry: every rule the engine runs, and the codes the engine reports itself. The README's
 * rules table is generated from `RULE_METAS` (scripts/generate-rules-doc.mjs).
 */
import type { Rule, RuleMeta } from '../types';
import { ECR_RULES } from './ecr';
import { POLICY_RULES } from './policy';

export const RULES = [...POLICY_RULES, ...ECR_RULES] as const satisfies readonly Rule[];

/** Findings about the inputs and the run rather than a policy: the engine reports them, no rule file does. */
export const ENGINE_METAS = [
  {
    code: 'PARSE_ERROR',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'The file cannot be read or parsed',
    description:
      'The file is not valid JSON or YAML (a JSON policy document is JSON_SYNTAX_ERROR instead), is not a text file (NUL bytes, invalid UTF-8), is nested deeper than policygen reads, ' +
      'or cannot be read at all. Nothing else in the file is checked; the other files still are. The CLI exits 2 (bad input) ' +
      'when a file has this finding, whatever else it found.',
    fix: 'Fix the syntax at the reported line and column, e.g. remove the trailing comma in `["ecr:BatchGetImage",]`.',
  },
  {
    code: 'JSON_SYNTAX_ERROR',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'The policy is not valid JSON',
    description:
      'A policy document that does not parse as JSON (RFC 8259): IAM and Access Analyzer reject it (IAM User Guide, "IAM policy ' +
      'validation check reference", JSON_SYNTAX_ERROR, an error; https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html). ' +
      'A JSON file is a policy when `--kind policy` says so or, without it, when its text names "Statement" and none of the keys of a ' +
      'CloudFormation template or Terraform plan; other files that do not parse (templates, plans, YAML) are PARSE_ERROR. Nothing else ' +
      'in the file is checked; the CLI exits 2 (bad input), as for PARSE_ERROR.',
    fix: 'Fix the syntax at the reported line and column, e.g. remove the trailing comma in `"Action": ["ecr:BatchGetImage",]`.',
  },
  {
    code: 'DUPLICATE_KEY',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'A key appears twice in one JSON or YAML object',
    description:
      'Parsers differ on which of two equal keys wins: JSON.parse and most JavaScript tools keep the last, others keep the first ' +
      'or refuse the file (RFC 8259 §4 leaves it open: "the names within an object SHOULD be unique"). A policy whose second ' +
      '"Effect" says Deny can read as Allow to another tool. The rest of the file is linted as JSON.parse reads it (the last value wins). ' +
      "Access Analyzer's DUPLICATE_KEYS_WITH_DIFFERENT_CASE is about condition keys that differ only in case, not this.",
    fix: 'Keep one of the two members: merge `"Action": "s3:GetObject", "Action": "s3:PutObject"` into `"Action": ["s3:GetObject", "s3:PutObject"]`.',
  },
  {
    code: 'UNKNOWN_INPUT',
    severity: 'warning',
    source: 'policygen',
    offline: true,
    title: 'The file is not a policy, template or plan',
    description:
      'The kind of a file is detected from its content: "Statement" for an IAM policy, "Resources" or "AWSTemplateFormatVersion" ' +
      'for CloudFormation, "format_version" with "planned_values" or "resource_changes" for a Terraform plan.',
    fix: 'Pass `--kind policy|cloudformation|terraform-plan`, or leave the file out with `"ignore": ["path/**"]` in .policygen.json.',
  },
  {
    code: 'RULE_CRASHED',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'A rule or reader failed on this input',
    description: 'A bug in policygen: a rule or input reader threw on this input. The rest of the run went on; this finding makes sure the gap is not silent.',
    fix: 'Report it with the input that caused it; meanwhile turn the rule off with `"rules": { "CODE": "off" }` in .policygen.json.',
  },
  {
    code: 'SUPPRESSION_WITHOUT_REASON',
    severity: 'warning',
    source: 'policygen',
    offline: true,
    title: 'An inline suppression has no code or no reason',
    description:
      'A CloudFormation resource suppresses findings in `Metadata.policygen.suppress`; each entry needs the rule `code` and a `reason` ' +
      'saying why, so that reviewers can judge it. Entries without them suppress nothing.',
    fix: 'Write `Metadata: { policygen: { suppress: [{ code: "REDUNDANT_ACTION", reason: "kept for readability" }] } }`.',
  },
] as const satisfies readonly RuleMeta[];

export type RuleCode = (typeof RULES)[number]['meta']['code'];
export type EngineCode = (typeof ENGINE_METAS)[number]['code'];
export type LintCode = RuleCode | EngineCode;

/**
 * The engine codes that mean an input could not be read or parsed: the CLI exits 2 (bad input)
 * when a report holds one, whatever else it found. A new code of that kind goes here.
 */
export const UNREADABLE_INPUT_CODES: readonly EngineCode[] = ['PARSE_ERROR', 'JSON_SYNTAX_ERROR'];

/** Every code a finding can carry, engine codes first, then the rules in registry order. */
export const RULE_METAS: readonly RuleMeta<LintCode>[] = [...ENGINE_METAS, ...(RULES as readonly Rule<RuleCode>[]).map((r) => r.meta)];
