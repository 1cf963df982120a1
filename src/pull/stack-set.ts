import { isIntrinsic, resolveString, templateContext } from '../template/intrinsics';
import { fileStem, renameIds as rename, TEMPLATE_SECTIONS as SECTIONS } from '../template/rename-ids';
import { isRecord, own } from '../template/stack-helpers';
import type { ExpandedSource } from '../template/nested-stacks';
import type { JsonPath, Position, SourceFile } from '../template/types';
import { PolicygenInputError, showValue, type InputIssue } from '../model/errors';

/**
 * Several CloudFormation templates read as one stack set (issue 10 §2): a VPC stack, a cluster
 * stack and a service stack that import each other's exports. The templates are merged into one
 * template whose `Fn::ImportValue` of an export of another given template is replaced by that
 * output's `Value`, so the walk sees the endpoint, role or subnet behind the import instead of a
 * symbol. Imports of stacks not given stay symbols (unknown, never blocked). Logical IDs that two
 * templates share are renamed in the later one (`<FileStem><ID>`), with every reference to them.
 *
 * `--parameter KEY=VALUE` values become the parameter's Default in each template that declares it.
 */

/** Where a merged path came from: the original file and path. */
export interface MergedOrigin {
  readonly file: string;
  readonly source: SourceFile;
  readonly path: JsonPath;
}

export interface StackSetSource extends SourceFile {
  /** The file and path a path of the merged template came from. */
  readonly origin: (path: JsonPath) => MergedOrigin;
}

// Beyond this depth a value is left as it is: an import whose export imports back cannot loop.
const MAX_DEPTH = 64;

/** Parameter values given on the command line, by name. */
export type ParameterValues = Readonly<Record<string, string>>;

/** Why a source is not a CloudFormation template (no Resources map), at the place it shows; undefined when it is one. */
export function notTemplateIssue(source: SourceFile): InputIssue | undefined {
  const resources = isRecord(source.data) ? own(source.data, 'Resources') : undefined;
  if (isRecord(resources)) return undefined;
  const expected = 'be a CloudFormation template (JSON or YAML) with Resources';
  if (resources === undefined) return { field: 'template', received: 'no Resources section', expected, location: { file: source.file, line: 1, column: 1 } };
  return {
    field: 'Resources',
    received: showValue(resources),
    expected: 'be a map of logical IDs to resources',
    location: { file: source.file, ...source.locate(['Resources']) },
  };
}

/**
 * One template from several, imports resolved, parameters applied. Throws PolicygenInputError for a
 * file that is not a template and for a `--parameter` no template declares.
 */
export function combineTemplates(sources: readonly SourceFile[], parameters: ParameterValues = {}): StackSetSource {
  const issues: InputIssue[] = [];
  for (const source of sources) {
    const issue = notTemplateIssue(source);
    if (issue !== undefined) issues.push(issue);
  }
  for (const name of Object.keys(parameters)) {
    if (!sources.some((s) => isRecord(own(own(s.data, 'Parameters'), name)))) {
      const declared = [...new Set(sources.flatMap((s) => Object.keys(asRecord(own(s.data, 'Parameters')))))].sort();
      issues.push({
        field: '--parameter',
        received: showValue(name),
        expected: 'name a parameter of the template',
        hint: declared.length > 0 ? `its parameters: ${declared.join(', ')}` : 'the template declares no Parameters',
      });
    }
  }
  if (issues.length > 0) throw new PolicygenInputError(issues);

  const used = new Set<string>();
  const renamed = sources.map((source) => {
    const data = source.data as Record<string, unknown>;
    const names = new Map<string, string>();
    const stem = fileStem(source.file);
    for (const section of SECTIONS) {
      for (const id of Object.keys(asRecord(own(data, section)))) {
        const key = `${section === 'Resources' || section === 'Parameters' ? 'ref' : section}:${id}`;
        let target = id;
        for (let n = 2; used.has(`${key.slice(0, key.indexOf(':'))}:${target}`); n++) target = `${stem}${id}${n > 2 ? n : ''}`;
        used.add(`${key.slice(0, key.indexOf(':'))}:${target}`);
        if (target !== id) names.set(id, target);
      }
    }
    const rewritten = names.size === 0 ? data : (rename(data, names, 0) as Record<string, unknown>);
    const withParameters = applyParameters(rewritten, parameters);
    return { source, names, data: withParameters, back: new Map([...names].map(([from, to]) => [to, from])) };
  });

  // Exports, by name, with the value each template gives them.
  const exports = new Map<string, unknown>();
  const patterns: ExportPattern[] = [];
  renamed.forEach(({ data }, index) => {
    const context = templateContext(data);
    // The stack name is chosen at deploy: `${AWS::StackName}-Vpc` is a pattern an import names one of.
    const named = templateContext({ ...data, Parameters: { ...asRecord(own(data, 'Parameters')), 'AWS::StackName': { Type: 'String', Default: STACK_NAME } } });
    for (const output of Object.values(asRecord(own(data, 'Outputs')))) {
      const name = own(own(output, 'Export'), 'Name');
      if (name === undefined) continue;
      const resolved = resolveString(name, context);
      if (resolved.known) {
        if (!exports.has(resolved.value)) exports.set(resolved.value, own(output, 'Value'));
        continue;
      }
      const pattern = resolveString(name, named);
      if (pattern.known && typeof pattern.value === 'string' && pattern.value.includes(STACK_NAME)) {
        const source = pattern.value.split(STACK_NAME).map(escapeRegExp).join('([A-Za-z][-A-Za-z0-9]*)');
        patterns.push({ template: index, pattern: new RegExp(`^${source}$`), value: own(output, 'Value') });
      }
    }
  });
  const lookup = (name: string): { found: boolean; value?: unknown } => {
    if (exports.has(name)) return { found: true, value: exports.get(name) };
    // One template's pattern, and one stack name throughout (`prod-Vpc` and `prod-Subnet` of one stack).
    const matches = patterns.filter((p) => p.pattern.test(name));
    const templates = new Set(matches.map((m) => m.template));
    return matches.length === 1 || (templates.size === 1 && matches.length > 0) ? { found: true, value: matches[0]!.value } : { found: false };
  };

  const merged: Record<string, unknown> = { AWSTemplateFormatVersion: '2010-09-09' };
  const originOf = new Map<string, { source: SourceFile; id: string }>();
  for (const { source, data, back } of renamed) {
    const context = templateContext(data);
    const imported = exports.size === 0 && patterns.length === 0 ? data : (resolveImports(data, lookup, context, 0) as Record<string, unknown>);
    for (const section of SECTIONS) {
      const entries = asRecord(own(imported, section));
      if (Object.keys(entries).length === 0) continue;
      merged[section] = { ...asRecord(merged[section]), ...entries };
      for (const id of Object.keys(entries)) originOf.set(`${section}/${id}`, { source, id: back.get(id) ?? id });
    }
  }

  const first = sources[0]!;
  const origin = (path: JsonPath): MergedOrigin => {
    const [section, id, ...rest] = path;
    const found = typeof section === 'string' && typeof id === 'string' ? originOf.get(`${section}/${id}`) : undefined;
    if (found === undefined) return { file: first.file, source: first, path };
    const inner: JsonPath = [section!, found.id, ...rest];
    // A template with nested stacks inlined knows which file each of its paths came from.
    return 'origin' in found.source ? (found.source as ExpandedSource).origin(inner) : { file: found.source.file, source: found.source, path: inner };
  };
  return {
    file: sources.map((s) => s.file).join(' + '),
    text: first.text,
    data: merged,
    locate: (path: JsonPath): Position => {
      const o = origin(path);
      return o.source.locate(o.path);
    },
    origin,
  };
}

const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? (value as Record<string, unknown>) : {});

function applyParameters(data: Record<string, unknown>, parameters: ParameterValues): Record<string, unknown> {
  const declared = asRecord(own(data, 'Parameters'));
  const given = Object.keys(parameters).filter((name) => isRecord(own(declared, name)));
  if (given.length === 0) return data;
  const next = { ...declared };
  for (const name of given) next[name] = { ...asRecord(declared[name]), Default: parameters[name] };
  return { ...data, Parameters: next };
}

/** `Fn::ImportValue` of an export some given template declares: that output's Value. */
function resolveImports(value: unknown, lookup: ExportLookup, context: ReturnType<typeof templateContext>, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => resolveImports(v, lookup, context, depth + 1));
  if (!isRecord(value)) return value;
  if (isIntrinsic(value) && 'Fn::ImportValue' in value) {
    const name = resolveString(value['Fn::ImportValue'], context);
    const found = name.known && typeof name.value === 'string' ? lookup(name.value) : { found: false };
    return found.found ? resolveImports(found.value, lookup, context, depth + 1) : value;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveImports(v, lookup, context, depth + 1)]));
}

type ExportLookup = (name: string) => { found: boolean; value?: unknown };

/** An export whose name holds `${AWS::StackName}`: the names it can take, whatever the stack is called. */
interface ExportPattern {
  readonly template: number;
  readonly pattern: RegExp;
  readonly value: unknown;
}

// Stands for AWS::StackName while an export name is resolved: no template text holds it.
const STACK_NAME = '\u0001StackName\u0001';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
