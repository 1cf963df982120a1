import type { Document, Node, Pair, ParsedNode, Scalar, ScalarTag, CollectionTag, YAMLMap } from 'yaml';
import { lazyModule } from '../../model/lazy-module';
import type { DuplicateKey, JsonPath, Position, SourceFile } from '../types';
import { MAX_NESTING_DEPTH } from './json-source';
import { positionAt, SourceParseError, stripBom } from './source-error';

/**
 * YAML (and JSON, which YAML 1.2 contains) with CloudFormation's short-form intrinsics.
 *
 * Every `!Tag` becomes its long form while parsing, `!Ref X` -> `{"Ref": "X"}`, `!GetAtt A.B` ->
 * `{"Fn::GetAtt": ["A", "B"]}`, so readers see one shape whichever form the author chose.
 */

/**
 * Short-form tag -> long-form key (CloudFormation User Guide, "Intrinsic function reference"). The
 * rule functions of a template's Rules section (`Fn::Contains`, `Fn::EachMemberEquals`,
 * `Fn::EachMemberIn`, `Fn::RefAll`, `Fn::ValueOf`, `Fn::ValueOfAll`: "Rules functions",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-rules.html)
 * are written in short form by AWS's own published templates (aws-quickstart/quickstart-linux-bastion,
 * aws-cloudformation/aws-cloudformation-templates SapPrivateLink), and `Fn::Length` and
 * `Fn::ToJsonString` of AWS::LanguageExtensions have short forms in their reference pages.
 */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Transform': 'Fn::Transform',
  '!Contains': 'Fn::Contains',
  '!EachMemberEquals': 'Fn::EachMemberEquals',
  '!EachMemberIn': 'Fn::EachMemberIn',
  '!RefAll': 'Fn::RefAll',
  '!ValueOf': 'Fn::ValueOf',
  '!ValueOfAll': 'Fn::ValueOfAll',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/**
 * Aliases may expand to at most this many nodes. CloudFormation templates rarely use anchors; the
 * limit exists so that a "billion laughs" file fails fast instead of exhausting memory.
 */
const MAX_ALIAS_COUNT = 100;

// C0 controls other than tab, LF and CR, and DEL: YAML's printable set and JSON's unescaped string
// characters both exclude them, so a file holding one is binary or corrupt, not a template.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

type YamlModule = typeof import('yaml');
/** The YAML parser is the largest module policygen has, and most runs need none. */
const yamlModule = lazyModule<YamlModule>(() => require('yaml'));

let cachedTags: readonly (ScalarTag | CollectionTag)[] | undefined;

/** One tag per short form and node kind: `!Sub` on a scalar and `!Sub` on a sequence are different YAML tags. */
function cloudFormationTags(yaml: YamlModule): readonly (ScalarTag | CollectionTag)[] {
  if (cachedTags) return cachedTags;
  const tags: (ScalarTag | CollectionTag)[] = [];
  for (const [tag, longForm] of Object.entries(SHORT_FORMS)) {
    tags.push({
      tag,
      identify: () => false,
      // `!GetAtt A.B.C` is attribute `B.C` of `A` (nested attributes such as Endpoint.Address).
      resolve: (value: string) => {
        if (longForm !== 'Fn::GetAtt') return { [longForm]: value };
        const dot = value.indexOf('.');
        return { [longForm]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
      },
    });
    for (const collection of ['seq', 'map'] as const) {
      tags.push({
        tag,
        collection,
        identify: () => false,
        // A map node wrapping the original collection keeps its source ranges, so `locate` can
        // still find `['Fn::Sub', 1, 'Var']` inside a tagged sequence.
        resolve: (value: YAMLMap.Parsed | import('yaml').YAMLSeq.Parsed) => {
          const wrapper = new yaml.YAMLMap();
          wrapper.items.push(new yaml.Pair(new yaml.Scalar(longForm), value));
          return wrapper;
        },
      } as CollectionTag);
    }
  }
  cachedTags = tags;
  return tags;
}

/**
 * Parses a CloudFormation template (or any YAML or JSON file) into a `SourceFile`.
 *
 * Throws `SourceParseError` with the line and column of the problem for syntax errors, non-string keys, unknown `!` tags, several documents in one file, alias bombs, nesting too
 * deep for the parser and binary content.
 *
 * @example parseYamlSource('stack.yaml', 'Resources:\n  R:\n    Type: !Ref T\n').data
 * // { Resources: { R: { Type: { Ref: 'T' } } } }
 */
export function parseYamlSource(file: string, input: string): SourceFile {
  const text = stripBom(input);
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new SourceParseError(`the file must be text, received control character U+${code} (is it a binary file?)`, positionAt(text, control.index));
  }
  const yaml = yamlModule();
  const at = (offset: number): Position => positionAt(text, offset);

  let doc: Document.Parsed;
  try {
    doc = yaml.parseDocument(text, {
      version: '1.2',
      schema: 'core',
      customTags: [...cloudFormationTags(yaml)],
      // Checked below in linear time; yaml's own check compares every pair of keys of a map.
      uniqueKeys: false,
      strict: true,
      prettyErrors: false,
      // Not 'silent': that level also drops the error for a second document in the file.
      logLevel: 'error',
    });
  } catch (error) {
    throw new SourceParseError(`the file must be valid YAML or JSON, received ${describe(error)}`, at(0));
  }
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    const message =
      problem.code === 'TAG_RESOLVE_FAILED'
        ? `a tag must be a CloudFormation intrinsic function (${Object.keys(SHORT_FORMS).slice(0, 3).join(', ')}, …), received ${firstLine(problem.message)}`
        : `the file must be valid YAML or JSON, received ${firstLine(problem.message)}`;
    throw new SourceParseError(message, at(problem.pos[0]));
  }
  const duplicateKeys = checkKeys(yaml, doc, at);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof RangeError) throw new SourceParseError('the file must be valid YAML or JSON, received nesting too deep to read', at(0));
    const alias = firstAlias(yaml, doc);
    throw new SourceParseError(`YAML aliases must expand to at most ${MAX_ALIAS_COUNT} nodes, received more (${describe(error)})`, alias ? at(alias) : at(0));
  }
  return { file, text, data, locate: (path) => locateNode(yaml, doc, text, path, at), ...(duplicateKeys.length > 0 ? { duplicateKeys } : {}) };
}

function describe(error: unknown): string {
  if (error instanceof RangeError) return 'nesting too deep to read';
  return firstLine(error instanceof Error ? error.message : String(error));
}

const firstLine = (message: string): string => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

/**
 * Keys must be strings, as in JSON and CloudFormation, and nesting stays within the JSON
 * reader's bound (readers and rules recurse). Walks the node tree with an explicit stack (no
 * recursion: nesting depth is the author's) and a set per map (linear, unlike yaml's own check).
 * Returns the repeated keys (the parsed data keeps the last value, as JSON.parse does).
 */
function checkKeys(yaml: YamlModule, doc: Document.Parsed, at: (offset: number) => Position): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  const pending: { node: unknown; depth: number; path: JsonPath }[] = [{ node: doc.contents, depth: 0, path: [] }];
  while (pending.length > 0) {
    const { node, depth, path } = pending.pop()!;
    if (!yaml.isCollection(node)) continue;
    if (depth >= MAX_NESTING_DEPTH) {
      throw new SourceParseError(`nested deeper than ${MAX_NESTING_DEPTH} levels; policygen does not read such files`, at(rangeStart(node) ?? 0));
    }
    if (yaml.isSeq(node)) {
      node.items.forEach((item, i) => pending.push({ node: item, depth: depth + 1, path: [...path, i] }));
      continue;
    }
    const seen = new Map<string, Pair>();
    for (const pair of node.items as Pair<ParsedNode | null, ParsedNode | null>[]) {
      const key = pair.key;
      const keyOffset = key?.range?.[0] ?? rangeStart(node) ?? 0;
      if (key !== null && !(yaml.isScalar(key) && isPlainValue(key))) {
        throw new SourceParseError('a mapping key must be a string, received a collection, an alias or a tagged value', at(keyOffset));
      }
      const name = key === null ? '' : String(key.value);
      const first = seen.get(name);
      if (first) {
        // A finding, not a parse error: the rest of the file is still linted, as for JSON.
        duplicates.push({ key: name, path: [...path, name], position: at(keyOffset), first: at((first.key as Scalar.Parsed | null)?.range[0] ?? 0) });
      } else seen.set(name, pair);
      pending.push({ node: pair.value, depth: depth + 1, path: [...path, name] });
    }
  }
  // Text order, as for JSON: the stack visits maps last-pushed first.
  return duplicates.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
}

const isPlainValue = (scalar: Scalar): boolean => scalar.value === null || typeof scalar.value !== 'object';

function firstAlias(yaml: YamlModule, doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  try {
    yaml.visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0];
        return yaml.visit.BREAK;
      },
    });
  } catch {
    // Position only; the error is reported either way.
  }
  return offset;
}

/**
 * The position of the value at `path` (the contract of `SourceFile.locate`), but the key's position
 * for a block collection: its value starts on the next line, and the line that names it (`Role:`,
 * `Statement:`) is where a reader looks, as in JSON where `{` stands beside the key. A path that
 * leaves the node tree (into an alias, a short-form scalar like `!Ref X`, or a missing key) stops
 * at the closest node that exists.
 */
function locateNode(yaml: YamlModule, doc: Document.Parsed, text: string, path: JsonPath, at: (offset: number) => Position): Position {
  let node: unknown = doc.contents;
  let offset = rangeStart(node, text) ?? 0;
  for (const segment of path) {
    if (yaml.isMap(node)) {
      const pair = (node.items as Pair[]).find((p) => yaml.isScalar(p.key) && isPlainValue(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const block = yaml.isCollection(pair.value) && !pair.value.flow;
      offset = (block ? rangeStart(pair.key) : undefined) ?? rangeStart(pair.value, text) ?? rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (yaml.isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item, text) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return at(offset);
}

function rangeStart(node: unknown, text?: string): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  if (!range) return undefined;
  return text !== undefined && (node as Node).tag !== undefined ? tagStart(text, range[0]) : range[0];
}

/** A node's range leaves its tag out; a finding on `Resource: !Sub "…"` belongs at `!Sub`. */
function tagStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  let start = i;
  while (start > 0 && !/[\s[{,]/.test(text[start - 1]!)) start--;
  return text[start] === '!' && start < i ? start : offset;
}
