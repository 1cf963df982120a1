import type { ErrorObject } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import { PolicygenInputError, showValue, type InputIssue } from './errors';
import type { PolicygenSpec } from './policygen-spec.generated';
import { pointerToPath, valueAt } from './validate-policy';
import { checkArgs, functionArg, stringArg } from './validate-args';
import { validatePolicygenSpec } from './validators.generated';

type Path = readonly (string | number)[];

/** `network.endpointIds[0]` -> ['network', 'endpointIds', 0] */
export function parseFieldPath(field: string): Path {
  const path: (string | number)[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return path;
}

/** ['network', 'endpointIds', 0] -> `network.endpointIds[0]` */
export function formatFieldPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(spec)';
}

const TYPE_NAMES: Readonly<Record<string, string>> = { array: 'a list', object: 'an object (a map of fields)', string: 'a string', boolean: 'true or false' };

/** One issue per schema error, named by the spec field, in the words of the rest of policygen. */
function schemaIssue(error: ErrorObject, data: unknown): InputIssue {
  const path = pointerToPath(error.instancePath);
  const received = showValue(valueAt(data, path));
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
        received,
        expected: `be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'type':
      return { field: formatFieldPath(path), received, expected: `be ${TYPE_NAMES[String(params['type'])] ?? String(params['type'])}` };
    default:
      return { field: formatFieldPath(path), received, expected: error.message ?? 'match the schema' };
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

interface Parsed {
  readonly data: unknown;
  readonly locate: (field: string) => InputIssue['location'];
}

function parseText(text: string, file: string): Parsed {
  // Loaded on demand: the YAML parser is the largest module policygen has, and most runs need none.
  const yaml = require('yaml') as typeof import('yaml');
  const lineCounter: LineCounter = new yaml.LineCounter();
  const doc: Document = yaml.parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
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
  const data: unknown = doc.toJS({ maxAliasCount: 50 });
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
  if (!validatePolicygenSpec(data)) {
    throw located((validatePolicygenSpec.errors ?? []).map((e: ErrorObject) => schemaIssue(e, data)));
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
  if (!validatePolicygenSpec(spec)) throw new PolicygenInputError((validatePolicygenSpec.errors ?? []).map((e: ErrorObject) => schemaIssue(e, spec)));
}
