/**
 * The lint engine: inputs (file name and content) in, a sorted report out. Pure except for
 * iam-data's own loading: the CLI reads the files, the engine never touches fs or the environment.
 *
 * File by file: read (when the caller passes a reader), decode, parse (JSON or YAML), detect the
 * kind, read it into policy units and a stack model, and run the rules; then the next file. A run
 * holds one file at a time, so a corpus of thousands costs the memory of its largest file. A file
 * that cannot be read, or a rule that throws, becomes a finding; it never stops the run.
 */
import { normalize } from 'node:path';
import { isRecord, own } from '../model/json';
import { formatIssue, PolicygenInputError } from '../model/errors';
import { expandNestedStacks, type ExpandedSource, type NestedTemplateReader } from '../template/nested-stacks';
import { checkArgs, describeValue, fieldsArg, functionArg, listArg, objectArg, oneOfArg, stringArg } from '../model/validate-args';
import { type LintConfig, EMPTY_CONFIG } from './config';
import { detectKind, EXPECTED_INPUT, guessKindOfText, INPUT_KINDS, type InputKind, sourceFormatOf } from '../template/detect';
// iam-catalog reads its data only when a catalog is asked for: importing it costs nothing at start-up.
import { loadIamCatalog } from '../catalog/iam-catalog';
import { isIntrinsic } from '../template/intrinsics';
import { readPolicyFile } from '../template/policy-file';
import { ENGINE_METAS, type EngineCode, RULES } from './rules';
import { parseJsonSource } from '../template/source/json-source';
// yaml-source loads the yaml package itself on its first parse: importing it costs nothing at start-up.
import { parseYamlSource } from '../template/source/yaml-source';
import { lazyModule } from '../model/lazy-module';
import { decodeUtf8, SourceParseError } from '../template/source/source-error';
import {
  type Finding,
  type IamCatalog,
  type JsonPath,
  type PolicyRule,
  type PolicyRuleContext,
  type PolicyType,
  type Position,
  type PolicyUnit,
  type ResourceType,
  type Rule,
  type Severity,
  POLICY_TYPES,
  SEVERITIES,
  SEVERITY_RANK,
  type SourceFile,
  type StackModel,
  type StackRule,
} from './types';

export interface LintInput {
  /** As the user gave it; findings carry it unchanged. */
  readonly file: string;
  /** The content. Bytes are decoded here as UTF-8, so that a binary file becomes a finding. */
  readonly text?: string | Uint8Array;
  /**
   * Reads the content when the engine gets to this file, instead of `text`: a run over many files
   * then holds one at a time. A `readError` becomes a PARSE_ERROR finding.
   */
  readonly read?: () => LintContent;
  /** The file's kind when the caller knows it (the templates of a cdk.out folder); beats `options.kind`. */
  readonly kind?: InputKind;
  /** For policy files; beats `options.policyType`. */
  readonly policyType?: PolicyType;
  /** Where a template deploys, when known (a cdk.out manifest's stack environment): resolves AWS::Region and AWS::AccountId. */
  readonly environment?: StackEnvironment;
  /**
   * A cdk.out's file assets by S3 object key (`cdkAssetFiles` of its `*.assets.json`): the nested
   * stacks of its templates name the uploaded asset in their TemplateURL. Used with `readNestedTemplate`.
   */
  readonly assets?: ReadonlyMap<string, string>;
}

/** A file's content, or why it could not be read. */
export type LintContent = { readonly text: string | Uint8Array } | { readonly readError: string };

export interface StackEnvironment {
  readonly region?: string;
  readonly account?: string;
}

export interface LintOptions {
  /** The rules to run; `RULES` by default. */
  readonly rules?: readonly Rule[];
  /** `--kind`: skip detection. `cdk-out` means each input is one of its templates. */
  readonly kind?: InputKind;
  /** `--policy-type`: the type of policy files without their own (default `identity`). */
  readonly policyType?: PolicyType;
  /** `--resource-type`: what the resource or trust policies of policy files are attached to. */
  readonly resourceType?: ResourceType;
  /** Severity overrides and disabled rules (`config.rules`); globs are the caller's business. */
  readonly config?: LintConfig;
  /**
   * How to get the IAM catalog, called once when the first policy is linted; tests inject a small
   * one. Defaults to `loadIamCatalog` (iam-data, each service read on first use).
   */
  readonly loadCatalog?: () => IamCatalog;
  /** Called after each file's rules ran. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Reads the template of a local nested stack (`AWS::CloudFormation::Stack` with a relative
   * TemplateURL). Given, a CloudFormation template is linted with its nested stacks inlined
   * (src/template/nested-stacks.ts), as `check` reads it: the stack rules see the whole pull, and a
   * finding inside a nested template names that file and line. A template that another input of the
   * run nests is then linted as part of its parent only (its own findings would repeat the parent's,
   * and its stack rules would miss the sibling stacks). Without it, nested stacks are not read.
   */
  readonly readNestedTemplate?: NestedTemplateReader;
}

export interface LintSummary {
  readonly files: number;
  readonly findings: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Findings hidden by inline suppressions (not in `findings`). */
  readonly suppressed: number;
  /** Rules that ran (the registry minus those turned off). */
  readonly rules: number;
}

export interface LintReport {
  /** Sorted by file, line, column, code. */
  readonly findings: readonly Finding[];
  readonly summary: LintSummary;
}

/** A file after reading: what the rules run on. */
interface ReadFile {
  readonly source?: SourceFile;
  readonly units: readonly PolicyUnit[];
  readonly stack?: StackModel;
  /** Inline suppressions by CloudFormation logical ID. */
  readonly suppressions: ReadonlyMap<string, readonly Suppression[]>;
}

interface Suppression {
  readonly code: string;
  /** cdk-nag style: only hits with one of these details. */
  readonly appliesTo?: readonly string[];
}

/** Where a finding stands; the position is computed only for findings that are kept. */
interface Place {
  readonly file: string;
  readonly path: JsonPath;
  readonly position: () => Position;
}

/** What a finding needs besides its place. */
interface Problem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly resource?: string;
  readonly detail?: string;
}

/** The template and plan readers: loaded by the first template or plan, never by a lint of policy files alone. */
const cloudFormation = lazyModule<typeof import('../template/cloudformation')>(() => require('../template/cloudformation'));
const terraformPlan = lazyModule<typeof import('../template/terraform-plan')>(() => require('../template/terraform-plan'));

const START: Position = { line: 1, column: 1 };
const ENGINE_SEVERITY = new Map<string, Severity>(ENGINE_METAS.map((m) => [m.code, m.severity]));
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const engineProblem = (code: EngineCode, message: string, resource?: string): Problem => ({
  code,
  severity: ENGINE_SEVERITY.get(code) ?? 'error',
  message,
  ...(resource !== undefined ? { resource } : {}),
});
/** Inside a template with nested stacks inlined, a path names the file it came from (a nested template). */
const placeIn = (file: string, source: SourceFile | undefined, path: JsonPath, locatePath: JsonPath = path): Place => ({
  file: source !== undefined && 'origin' in source ? (source as ExpandedSource).origin(locatePath).file : file,
  path,
  position: () => (source ? source.locate(locatePath) : START),
});

/**
 * Lints the inputs with the rules and returns every finding, sorted.
 *
 * @example const report = await lint([{ file: 'role.json', text }], { policyType: 'identity' });
 */
export async function lint(inputs: readonly LintInput[], options: LintOptions = {}): Promise<LintReport> {
  checkLintArgs(inputs, options);
  const config = options.config ?? EMPTY_CONFIG;
  const rules = (options.rules ?? (RULES as readonly Rule[])).filter((r) => config.rules.get(r.meta.code) !== 'off');
  const policyRules = rules.filter((r): r is PolicyRule => r.kind === 'policy');
  const stackRules = rules.filter((r): r is StackRule => r.kind === 'stack');

  const findings: Finding[] = [];
  let suppressed = 0;
  /** Adds a finding unless its code is off or an inline suppression of the file covers it. */
  const report = (file: ReadFile, place: Place, problem: Problem): void => {
    const override = config.rules.get(problem.code);
    if (override === 'off') return;
    const { resource, detail, code } = problem;
    const suppressions = resource === undefined ? undefined : file.suppressions.get(resource);
    if (suppressions?.some((s) => s.code === code && (s.appliesTo === undefined || (detail !== undefined && s.appliesTo.includes(detail))))) {
      suppressed++;
      return;
    }
    const { line, column } = place.position();
    findings.push({
      file: place.file,
      line,
      column,
      code,
      severity: override ?? problem.severity,
      message: problem.message,
      path: place.path,
      ...(resource !== undefined ? { resource } : {}),
    });
  };

  // Nested templates read while inlining, and the findings each input's own run made: see readNestedTemplate.
  const nestedFiles = new Set<string>();
  const readNested: NestedTemplateReader | undefined =
    options.readNestedTemplate === undefined
      ? undefined
      : (location, from) => {
          const child = (options.readNestedTemplate as NestedTemplateReader)(location, from);
          if (child !== undefined) nestedFiles.add(normalize(child.file));
          return child;
        };
  const ranFor: number[] = [];

  // One context for every rule call (a corpus run makes 60,000 of them), frozen so that no rule can change what the next one gets.
  let context: PolicyRuleContext | undefined;
  for (let index = 0; index < inputs.length; index++) {
    const f = readInput(inputs[index] as LintInput, options, report, readNested);
    if (policyRules.length > 0 && f.units.length > 0) {
      context ??= Object.freeze({ iam: (options.loadCatalog ?? loadIamCatalog)() });
      runPolicyRules(f, policyRules, context, report);
    }
    if (f.stack !== undefined) runStackRules(f, f.stack, stackRules, report);
    while (ranFor.length < findings.length) ranFor.push(index);
    options.onProgress?.(index + 1, inputs.length);
  }
  if (nestedFiles.size > 0) dropNestedRuns(findings, ranFor, inputs, nestedFiles);

  findings.sort(
    (a, b) => byCodePoint(a.file, b.file) || a.line - b.line || a.column - b.column || byCodePoint(a.code, b.code) || byCodePoint(a.message, b.message),
  );
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  return { findings, summary: { files: inputs.length, findings: findings.length, bySeverity, suppressed, rules: rules.length } };
}

/** True when a finding is at or above the threshold: the CLI exits 1. */
export function failsAt(report: LintReport, failOn: Severity): boolean {
  const hasSeverity = (finding: unknown, field: string) =>
    isRecord(finding) && (SEVERITIES as readonly unknown[]).includes(finding['severity'])
      ? undefined
      : { field, expected: `be a Finding with a severity (${SEVERITIES.join(', ')})`, received: describeValue(finding) };
  checkArgs(
    isRecord(report) && Array.isArray(report['findings'])
      ? listArg(report['findings'], 'report.findings', hasSeverity)
      : { field: 'report', expected: 'be a LintReport (with findings)', received: describeValue(report) },
    oneOfArg(failOn, 'failOn', SEVERITIES),
  );
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}

type Report = (file: ReadFile, place: Place, problem: Problem) => void;

/** Findings about reading a file itself, which no parent's run repeats. */
const READ_CODES: ReadonlySet<string> = new Set<EngineCode>(['PARSE_ERROR', 'DUPLICATE_KEY', 'UNKNOWN_INPUT']);

/**
 * A template that another input of the run nests was linted inside its parent, with the sibling
 * stacks and the parent's parameter values: the findings of its own run, but for those about reading
 * it, go (its policies would be reported twice, its stack rules without the rest of the pull). A
 * nested template inlined twice reports a finding once.
 */
function dropNestedRuns(findings: Finding[], ranFor: readonly number[], inputs: readonly LintInput[], nestedFiles: ReadonlySet<string>): void {
  const seen = new Set<string>();
  let kept = 0;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as Finding;
    const input = inputs[ranFor[i] as number] as LintInput;
    if (!READ_CODES.has(f.code) && nestedFiles.has(normalize(input.file))) continue;
    const key = JSON.stringify([f.file, f.line, f.column, f.code, f.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    findings[kept++] = f;
  }
  findings.length = kept;
}

/** Once per run: the shapes of the inputs and options (a JavaScript caller can pass anything). */
function checkLintArgs(inputs: unknown, options: unknown): void {
  const optional =
    <T>(check: (v: unknown, f: string) => T) =>
    (v: unknown, f: string) =>
      v === undefined ? undefined : check(v, f);
  const inputIssues = Array.isArray(inputs)
    ? Array.from(inputs as unknown[]).flatMap((input: unknown, i) => {
        const at = `inputs[${i}]`;
        if (!isRecord(input)) return [objectArg(input, at)];
        return [
          stringArg(input['file'], `${at}.file`),
          input['text'] === undefined || typeof input['text'] === 'string' || input['text'] instanceof Uint8Array
            ? undefined
            : { field: `${at}.text`, expected: 'be a string or a Uint8Array when given', received: describeValue(input['text']) },
          optional(functionArg)(input['read'], `${at}.read`),
          oneOfArg(input['kind'], `${at}.kind`, INPUT_KINDS, true),
          oneOfArg(input['policyType'], `${at}.policyType`, POLICY_TYPES, true),
          objectArg(input['environment'], `${at}.environment`, true),
          input['assets'] === undefined || input['assets'] instanceof Map
            ? undefined
            : { field: `${at}.assets`, expected: 'be a Map of S3 object keys to files when given', received: describeValue(input['assets']) },
          ...fieldsArg(input['environment'], {
            region: (v, f) => stringArg(v, `${at}.environment.${f}`, true),
            account: (v, f) => stringArg(v, `${at}.environment.${f}`, true),
          }),
        ];
      })
    : [listArg(inputs, 'inputs')];
  checkArgs(
    inputIssues,
    objectArg(options, 'options', true),
    fieldsArg(options ?? {}, {
      rules: (v, f) => listArg(v, f, (r, rf) => (isRecord(r) && isRecord(r['meta']) ? undefined : objectArg(undefined, `${rf} (a rule with meta)`)), true),
      kind: (v, f) => oneOfArg(v, f, INPUT_KINDS, true),
      policyType: (v, f) => oneOfArg(v, f, POLICY_TYPES, true),
      config: (v, f) =>
        v === undefined || (isRecord(v) && v['rules'] instanceof Map)
          ? undefined
          : { field: f, expected: 'be a LintConfig (rules as a Map) when given', received: describeValue(v) },
      loadCatalog: optional(functionArg),
      onProgress: optional(functionArg),
      readNestedTemplate: optional(functionArg),
    }),
  );
}

function runPolicyRules(f: ReadFile, rules: readonly PolicyRule[], context: PolicyRuleContext, report: Report): void {
  for (const unit of f.units) {
    // A template's policy that is an intrinsic the reader could not resolve (a JSON string built by
    // Fn::Sub or Fn::Join from a parameter or AWS::Partition, an Fn::If on a deploy-time condition)
    // holds no statements to judge: reading the intrinsic as the document would report a missing Statement.
    if (unit.templateValues === true && isIntrinsic(unit.document)) continue;
    const file = unit.source.file;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as PolicyRule;
      if (rule.appliesTo !== undefined && !rule.appliesTo.includes(unit.policyType)) continue;
      let hits;
      try {
        hits = rule.check(unit, context);
      } catch (error) {
        const message = `rule ${rule.meta.code} crashed on this policy: ${messageOf(error)}`;
        report(f, placeIn(file, unit.source, unit.path), engineProblem('RULE_CRASHED', message, unit.resource));
        continue;
      }
      // Nearly every call finds nothing: skip even creating an iterator then.
      if (Array.isArray(hits) && hits.length === 0) continue;
      for (const hit of hits) {
        // Inside a policy embedded as a JSON string, the string itself is as precise as positions get.
        const path = [...unit.path, ...hit.path];
        const resource = hit.resource ?? unit.resource;
        report(f, placeIn(file, unit.source, path, unit.embedded ? unit.path : path), {
          code: rule.meta.code,
          severity: rule.meta.severity,
          message: hit.message,
          ...(resource !== undefined ? { resource } : {}),
          ...(hit.detail !== undefined ? { detail: hit.detail } : {}),
        });
      }
    }
  }
}

function runStackRules(f: ReadFile, stack: StackModel, rules: readonly StackRule[], report: Report): void {
  const file = stack.source.file;
  for (const rule of rules) {
    let hits;
    try {
      hits = rule.check(stack);
    } catch (error) {
      report(f, placeIn(file, stack.source, []), engineProblem('RULE_CRASHED', `rule ${rule.meta.code} crashed on this file: ${messageOf(error)}`));
      continue;
    }
    for (const hit of hits) {
      report(f, placeIn(file, stack.source, hit.path), {
        code: rule.meta.code,
        severity: rule.meta.severity,
        message: hit.message,
        ...(hit.resource !== undefined ? { resource: hit.resource } : {}),
        ...(hit.detail !== undefined ? { detail: hit.detail } : {}),
      });
    }
  }
}

const NO_SUPPRESSIONS: ReadonlyMap<string, readonly Suppression[]> = new Map();

/** Decodes, parses, detects and reads one input; every problem is reported, never thrown. */
function readInput(input: LintInput, options: LintOptions, report: Report, readNested: NestedTemplateReader | undefined): ReadFile {
  const unread: ReadFile = { units: [], suppressions: NO_SUPPRESSIONS };
  const atStart = placeIn(input.file, undefined, []);
  const content = contentOf(input);
  if ('readError' in content) {
    report(unread, atStart, engineProblem('PARSE_ERROR', `cannot read the file: ${content.readError}`));
    return unread;
  }
  let source: SourceFile;
  let text: string | undefined;
  try {
    text = typeof content.text === 'string' ? content.text : decodeUtf8(content.text);
    source = sourceFormatOf(input.file, text) === 'yaml' ? parseYamlSource(input.file, text) : parseJsonSource(input.file, text);
  } catch (error) {
    const problem = parseProblem(error, 'parser', text !== undefined && isJsonPolicyText(input, options, text) ? 'JSON_SYNTAX_ERROR' : 'PARSE_ERROR');
    const place = error instanceof SourceParseError ? { ...atStart, position: () => error.position } : atStart;
    report(unread, place, problem);
    return unread;
  }
  const parsed: ReadFile = { source, units: [], suppressions: NO_SUPPRESSIONS };
  for (const d of source.duplicateKeys ?? []) {
    const message = `the key ${JSON.stringify(d.key)} must appear once in its object, received it again (first at line ${d.first.line}); parsers differ on which value wins, policygen reads the last`;
    const resource = d.path[0] === 'Resources' && typeof d.path[1] === 'string' && d.path.length > 2 ? d.path[1] : undefined;
    report(parsed, { file: input.file, path: d.path, position: () => d.position }, engineProblem('DUPLICATE_KEY', message, resource));
  }
  const kind = input.kind ?? options.kind ?? detectKind(source.data);
  if (kind === undefined) {
    report(parsed, placeIn(input.file, source, []), engineProblem('UNKNOWN_INPUT', `not a policy, template or plan: expected ${EXPECTED_INPUT}`));
    return parsed;
  }
  if (readNested !== undefined && kind !== 'policy' && kind !== 'terraform-plan') {
    const expanded = expandNested(source, input, readNested, parsed, report);
    if (expanded === undefined) return parsed;
    source = expanded;
  }
  try {
    if (kind === 'policy') {
      const policyType = input.policyType ?? options.policyType ?? 'identity';
      // A resource type says what a resource or trust policy is attached to; on another type it would mean nothing.
      const resourceType = policyType === 'resource' || policyType === 'trust' ? options.resourceType : undefined;
      return { ...parsed, units: readPolicyFile(source, policyType, resourceType) };
    }
    const stack = readStack(kind, source, input.environment ?? {});
    const file: ReadFile = { source, units: stack.policies, stack, suppressions: NO_SUPPRESSIONS };
    return stack.format === 'cloudformation' ? { ...file, suppressions: readSuppressions(file, source, report) } : file;
  } catch (error) {
    const place = error instanceof SourceParseError ? { ...placeIn(input.file, source, []), position: () => error.position } : placeIn(input.file, source, []);
    report(parsed, place, parseProblem(error, `${kind} reader`));
    return parsed;
  }
}

/**
 * The template with its local nested stacks inlined, or undefined when one cannot be read (a missing
 * file, a cycle, a nested template that is not JSON or YAML): a PARSE_ERROR at the TemplateURL (or
 * the syntax error), and nothing else in the file is linted, as for any file that cannot be read.
 */
function expandNested(source: SourceFile, input: LintInput, read: NestedTemplateReader, parsed: ReadFile, report: Report): SourceFile | undefined {
  try {
    return expandNestedStacks(source, read, input.assets);
  } catch (error) {
    if (!(error instanceof PolicygenInputError)) throw error;
    for (const issue of error.issues) {
      const { location, ...rest } = issue;
      const place: Place =
        location === undefined
          ? placeIn(input.file, undefined, [])
          : { file: location.file, path: [], position: () => ({ line: location.line, column: location.column }) };
      report(parsed, place, engineProblem('PARSE_ERROR', formatIssue(rest)));
    }
    return undefined;
  }
}

function contentOf(input: LintInput): LintContent {
  if (input.read !== undefined) {
    // The caller's reader may hand back anything; what is not content is a file that could not be read.
    const content: unknown = input.read();
    if (isRecord(content) && (typeof content['text'] === 'string' || content['text'] instanceof Uint8Array)) return content as LintContent;
    if (isRecord(content) && typeof content['readError'] === 'string') return content as LintContent;
    return { readError: `read() must return { text } or { readError }, received ${describeValue(content)}` };
  }
  return input.text !== undefined ? { text: input.text } : { readError: 'no content' };
}

/**
 * True when a text that did not parse is a JSON policy document: `--kind policy` (or the input's
 * kind) says so, or, without one, its text names "Statement" and no key of a template or plan.
 */
function isJsonPolicyText(input: LintInput, options: LintOptions, text: string): boolean {
  if (sourceFormatOf(input.file, text) !== 'json') return false;
  return (input.kind ?? options.kind ?? guessKindOfText(text)) === 'policy';
}

/**
 * A thrown error as a finding: parse errors and stack overflows are the file's; anything else is our
 * bug. A syntax error in a policy document takes Access Analyzer's code, JSON_SYNTAX_ERROR.
 */
function parseProblem(error: unknown, stage: string, syntaxCode: 'PARSE_ERROR' | 'JSON_SYNTAX_ERROR' = 'PARSE_ERROR'): Problem {
  if (error instanceof SourceParseError) return engineProblem(error.jsonSyntax ? syntaxCode : 'PARSE_ERROR', error.message);
  if (error instanceof RangeError && /call stack/i.test(error.message)) return engineProblem('PARSE_ERROR', 'nested too deeply to read');
  return engineProblem('RULE_CRASHED', `the ${stage} crashed on this file: ${messageOf(error)}`);
}

function readStack(kind: Exclude<InputKind, 'policy'>, source: SourceFile, environment: StackEnvironment): StackModel {
  const region = environment.region !== undefined ? { region: environment.region } : {};
  if (kind === 'terraform-plan') {
    return terraformPlan().readTerraformPlan(source, region);
  }
  // A cdk.out folder reaches the engine as its templates.
  return cloudFormation().readCloudFormation(source, { ...region, ...(environment.account !== undefined ? { accountId: environment.account } : {}) });
}

/**
 * Inline suppressions of a CloudFormation template: `Metadata.policygen.suppress` of a resource,
 * `[{ "code": "…", "reason": "…", "appliesTo"?: ["Action::ecr:*"] }]`. Entries without a code or a
 * reason are reported and suppress nothing.
 */
function readSuppressions(file: ReadFile, source: SourceFile, report: Report): ReadonlyMap<string, readonly Suppression[]> {
  const resources = own(source.data, 'Resources');
  if (!isRecord(resources)) return NO_SUPPRESSIONS;
  const out = new Map<string, readonly Suppression[]>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    const entries = own(own(own(resource, 'Metadata'), 'policygen'), 'suppress');
    if (entries === undefined) continue;
    const base: JsonPath = ['Resources', logicalId, 'Metadata', 'policygen', 'suppress'];
    if (!Array.isArray(entries)) {
      const message = 'Metadata.policygen.suppress must be a list of { "code", "reason" } entries';
      report(file, placeIn(source.file, source, base), engineProblem('SUPPRESSION_WITHOUT_REASON', message, logicalId));
      continue;
    }
    const valid: Suppression[] = [];
    entries.forEach((entry: unknown, i) => {
      const code = own(entry, 'code');
      const reason = own(entry, 'reason');
      const appliesTo = own(entry, 'appliesTo');
      if (typeof code !== 'string' || code === '' || typeof reason !== 'string' || reason.trim() === '') {
        const message = 'a suppression needs a rule "code" and a "reason" saying why; this one suppresses nothing';
        report(file, placeIn(source.file, source, [...base, i]), engineProblem('SUPPRESSION_WITHOUT_REASON', message, logicalId));
        return;
      }
      const details = Array.isArray(appliesTo) ? appliesTo.filter((d): d is string => typeof d === 'string') : undefined;
      valid.push({ code, ...(details ? { appliesTo: details } : {}) });
    });
    out.set(logicalId, valid);
  }
  return out;
}
