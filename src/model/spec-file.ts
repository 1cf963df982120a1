import type { SchemaError } from './schema-error';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { PolicygenInputError, showValue, type InputIssue } from './errors';
import { lazyModule } from './lazy-module';
import type { PolicygenSpec } from './policygen-spec.generated';
import { pointerToPath, valueAt } from './validate-policy';
import { checkArgs, functionArg, stringArg } from './validate-args';
import { validatePolicygenSpec } from './validators.generated';

type Path = readonly (string | number)[];

/** `network.endpointIds[0]` -> ['network', 'endpointIds', 0] */
function parseFieldPath(field: string): Path {
  const path: (string | number)[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return path;
}

/** ['network', 'endpointIds', 0] -> `network.endpointIds[0]` */
function formatFieldPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(spec)';
}

const TYPE_NAMES: Readonly<Record<string, string>> = { array: 'a list', object: 'an object (a map of fields)', string: 'a string', boolean: 'true or false' };

/** One issue per schema error, named by the spec field, in the words of the rest of policygen. */
function schemaIssue(error: SchemaError, data: unknown): InputIssue {
  const path = pointerToPath(error.instancePath);
  // Only where it is shown: for an unknown field the value at `path` is the whole parent object,
  // and showing it for each of thousands of unknown fields made a large spec take minutes.
  const received = (): string => showValue(valueAt(data, path));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      return {
        field: formatFieldPath([...path, key]),
        received: 'an unknown field',
        expected: 'not be present (see schemas/policygen-spec.schema.json for the fields)',
      };
    }
    case 'required':
      return { field: formatFieldPath([...path, String(params['missingProperty'])]), received: 'nothing', expected: 'be present' };
    case 'enum':
      return {
        field: formatFieldPath(path),
        received: received(),
        expected: `be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'type':
      return { field: formatFieldPath(path), received: received(), expected: `be ${TYPE_NAMES[String(params['type'])] ?? String(params['type'])}` };
    default:
      return { field: formatFieldPath(path), received: received(), expected: error.message ?? 'match the schema' };
  }
}

/** The path of the first value that contains itself (a YAML alias inside its own anchor), if any. */
function findCycle(value: unknown, path: (string | number)[], ancestors = new Set<unknown>()): (string | number)[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (ancestors.has(value)) return path;
  ancestors.add(value);
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    const found = findCycle(child, [...path, key], ancestors);
    if (found) return found;
  }
  ancestors.delete(value);
  return undefined;
}

/**
 * Aliases may expand to at most this many nodes: a spec needs few if any, and the limit makes a
 * "billion laughs" file an input error at once instead of exhausting memory.
 */
const MAX_ALIAS_COUNT = 50;

/** The first key repeated in a map (the second occurrence), in one pass over the document. */
function firstDuplicateKey(yaml: typeof import('yaml'), doc: Document): { key: unknown; offset: number } | undefined {
  let found: { key: unknown; offset: number } | undefined;
  yaml.visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key: unknown = yaml.isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          found = { key, offset: (pair.key as YamlNode | null)?.range?.[0] ?? 0 };
          return yaml.visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

function firstAlias(yaml: typeof import('yaml'), doc: Document): number | undefined {
  let offset: number | undefined;
  yaml.visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return yaml.visit.BREAK;
    },
  });
  return offset;
}

interface Parsed {
  readonly data: unknown;
  readonly locate: (field: string) => InputIssue['location'];
}

/** The YAML parser is the largest module policygen has, and most runs need none. */
const yamlModule = lazyModule<typeof import('yaml')>(() => require('yaml'));

/** The schema check; a value nested deeper than the validator can recurse is an input error, not a crash. */
function isValidSpec(data: unknown, file: string): boolean {
  try {
    return validatePolicygenSpec(data);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new PolicygenInputError([
      { field: 'spec', received: 'nesting too deep to read', expected: 'be a spec (a map of a few levels)', location: { file, line: 1, column: 1 } },
    ]);
  }
}

function parseText(text: string, file: string): Parsed {
  try {
    return parseJson(text, file) ?? parseDocumentText(text, file);
  } catch (error) {
    // The parser and the walks over its tree recurse once per level of nesting.
    if (!(error instanceof RangeError)) throw error;
    throw new PolicygenInputError([
      { field: 'spec', received: 'nesting too deep to read', expected: 'be a spec (a map of a few levels)', location: { file, line: 1, column: 1 } },
    ]);
  }
}

/**
 * A JSON spec through JSON.parse, ~100 times faster than the YAML parser on large files (measured:
 * 1.8 MB in 28 ms against 6.3 s); the YAML tree is built only if an issue needs locating. Anything
 * else (YAML, a syntax error, a duplicate key) is left to the YAML path, which reports it at its line.
 */
function parseJson(text: string, file: string): Parsed | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!/^[ \t\r\n]*\{/.test(body.slice(0, 1024))) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (hasDuplicateKey(body)) return undefined;
  let located: Parsed | undefined;
  return { data, locate: (field) => (located ??= parseDocumentText(text, file)).locate(field) };
}

const isJsonSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Whether valid JSON text repeats a key in one object (JSON.parse keeps the last silently), in one pass. */
function hasDuplicateKey(json: string): boolean {
  const keysOf: (Set<string> | undefined)[] = [];
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x7b) keysOf.push(new Set());
    else if (c === 0x5b) keysOf.push(undefined);
    else if (c === 0x7d || c === 0x5d) keysOf.pop();
    else if (c === 0x22) {
      let end = i + 1;
      let escaped = false;
      for (; json.charCodeAt(end) !== 0x22; end++) {
        if (json.charCodeAt(end) === 0x5c) {
          escaped = true;
          end++;
        }
      }
      let next = end + 1;
      while (next < json.length && isJsonSpace(json.charCodeAt(next))) next++;
      const keys = keysOf[keysOf.length - 1];
      if (keys !== undefined && json.charCodeAt(next) === 0x3a) {
        const key = escaped ? (JSON.parse(json.slice(i, end + 1)) as string) : json.slice(i + 1, end);
        if (keys.has(key)) return true;
        keys.add(key);
      }
      i = end;
    }
  }
  return false;
}

function parseDocumentText(text: string, file: string): Parsed {
  const yaml = yamlModule();
  const lineCounter: LineCounter = new yaml.LineCounter();
  // Duplicate keys are found below in linear time: yaml's uniqueKeys compares every pair of keys of a map.
  const doc: Document = yaml.parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const problem = doc.errors[0];
  if (problem) {
    throw new PolicygenInputError([
      { field: 'spec', received: `a syntax error: ${problem.message.split('\n')[0]}`, expected: 'be valid JSON or YAML', location: position(problem.pos[0]) },
    ]);
  }
  const locate = (field: string) => {
    // The closest node that exists: a missing field is reported where its parent is.
    for (let path = parseFieldPath(field); ; path = path.slice(0, -1)) {
      const node = (path.length === 0 ? doc.contents : doc.getIn(path, true)) as { range?: [number, number, number] } | null;
      if (node && typeof node === 'object' && node.range) return position(node.range[0]);
      if (path.length === 0) return position(0);
    }
  };
  const duplicate = firstDuplicateKey(yaml, doc);
  if (duplicate) {
    throw new PolicygenInputError([
      { field: 'spec', received: `${showValue(duplicate.key)} twice`, expected: 'have unique keys in each map', location: position(duplicate.offset) },
    ]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError past maxAliasCount ("billion laughs"), a RangeError when nesting exhausts the stack.
    const alias = firstAlias(yaml, doc);
    throw new PolicygenInputError([
      error instanceof RangeError
        ? { field: 'spec', received: 'nesting too deep to read', expected: 'be a spec (a map of a few levels)', location: position(0) }
        : {
            field: 'spec',
            received: 'aliases that expand to more',
            expected: `use YAML aliases that expand to at most ${MAX_ALIAS_COUNT} nodes`,
            location: position(alias ?? 0),
          },
    ]);
  }
  const cycle = findCycle(data, []);
  if (cycle) {
    throw new PolicygenInputError([
      { field: formatFieldPath(cycle), received: 'an alias that contains itself', expected: 'be a finite value', location: locate(formatFieldPath(cycle)) },
    ]);
  }
  return { data, locate };
}

/**
 * Parses a spec file (JSON or YAML), validates it against schemas/policygen-spec.schema.json and
 * hands it to `use`; every problem, from the parser, the schema or `use`, is reported with the
 * file, line and column of the field it concerns.
 */
export function loadSpec<T>(text: string, file: string, use: (spec: PolicygenSpec) => T): T {
  checkArgs(stringArg(text, 'text'), stringArg(file, 'file'), functionArg(use, 'use'));
  const { data, locate } = parseText(text, file);
  const located = (issues: readonly InputIssue[]) =>
    new PolicygenInputError(issues.map((issue) => ({ ...issue, location: issue.location ?? locate(issue.field) })));
  if (!isValidSpec(data, file)) {
    throw located((validatePolicygenSpec.errors ?? []).map((e: SchemaError) => schemaIssue(e, data)));
  }
  try {
    return use(data as PolicygenSpec);
  } catch (error) {
    if (error instanceof PolicygenInputError) throw located(error.issues);
    throw error;
  }
}

/**
 * Throws PolicygenInputError, one issue per schema error, unless `spec` fits
 * schemas/policygen-spec.schema.json: what a library caller's spec object must pass before the
 * generators read it (loadSpec checks files the same way, with their lines).
 */
export function checkSpecShape(spec: unknown): asserts spec is PolicygenSpec {
  if (!validatePolicygenSpec(spec)) throw new PolicygenInputError((validatePolicygenSpec.errors ?? []).map((e: SchemaError) => schemaIssue(e, spec)));
}
