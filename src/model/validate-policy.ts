import type { SchemaError } from './schema-error';
import { showValue } from './errors';
import type { IamPolicyDocument } from './iam-policy.generated';
import { isPlainPolicyDocument } from './plain-policy';
import { validateIamPolicyDocument } from './validators.generated';

/** A place in a JSON value: keys, and numbers for array indices. */
export type SchemaPath = readonly (string | number)[];

/** One way a value breaks its JSON Schema, in words a user can act on. */
export interface SchemaIssue {
  /** Where: `['Statement', 0, 'Effect']`. */
  readonly path: SchemaPath;
  /** The same place as a JSON Pointer: `/Statement/0/Effect`. */
  readonly pointer: string;
  /** `Statement[0].Effect must be equal to one of the allowed values "Allow", "Deny", received "Alow"` */
  readonly message: string;
}

/** What `explain` gets to word an error more precisely than the generic message. */
export interface SchemaErrorContext {
  /** The error's place (ajv's `instancePath`, parsed). */
  readonly path: SchemaPath;
  /** The value found there. */
  readonly value: unknown;
  /** Names a path in messages: `Statement[0].Effect`. */
  readonly name: (path: SchemaPath) => string;
}

export interface FormatSchemaErrorsOptions {
  /** How messages name the value itself (the empty path). Default: `the document`. */
  readonly root?: string;
  /** A message specific to one schema for some errors; `undefined` keeps the generic one. */
  readonly explain?: (error: SchemaError, context: SchemaErrorContext) => { readonly path: SchemaPath; readonly message: string } | undefined;
}

// Keywords that only say "no branch matched": the branches' own errors say why.
const WRAPPERS = new Set(['anyOf', 'oneOf', 'if']);
// Errors meaning "this branch expects another kind of value": dropped when another branch of the same
// anyOf got further, merged into one "must be A or B" otherwise.
const SHAPES = new Set(['type', 'const', 'enum']);

const escapePointer = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** `/Statement/0/Effect` -> ['Statement', 0, 'Effect'] */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** The value at `path` in `data`, or undefined. */
export function valueAt(data: unknown, path: SchemaPath): unknown {
  let value = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

function namePath(path: SchemaPath, root: string): string {
  if (path.length === 0) return root;
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      if (!/^[^.[\]\s"]+$/.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}

/** `a`, `a or b`, `a, b or c` */
function either(words: readonly string[]): string {
  const unique = [...new Set(words)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

const TYPE_NAMES: Record<string, string> = { object: 'an object', array: 'an array', integer: 'an integer' };
const typeName = (type: string) => TYPE_NAMES[type] ?? `a ${type}`;
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a shape error accepts: `a string`, `"*"`, `one of "Allow", "Deny"`. */
function accepted(error: SchemaError): string[] {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return String(params['type']).split(',').map(typeName);
    case 'const':
      return [JSON.stringify(params['allowedValue'])];
    default:
      return (params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v));
  }
}

function genericIssue(error: SchemaError, path: SchemaPath, value: unknown, name: (path: SchemaPath) => string) {
  const params = error.params as Record<string, unknown>;
  // Only the messages that show the value compute it: an error per unknown key of a huge object stays linear.
  const received = () => `received ${showValue(value)}`;
  const at = (p: SchemaPath, message: string) => ({ path: p, message: `${name(p)} ${message}` });
  switch (error.keyword) {
    case 'type':
      return at(path, `must be ${either(accepted(error))}, ${received()}`);
    case 'enum': {
      const allowed = params['allowedValues'] as unknown[];
      const caseOnly = allowed.find((v) => typeof v === 'string' && typeof value === 'string' && v.toLowerCase() === value.toLowerCase());
      const hint = caseOnly === undefined ? '' : ` (did you mean ${JSON.stringify(caseOnly)}? values are case-sensitive)`;
      return at(path, `must be equal to one of the allowed values ${accepted(error).join(', ')}, ${received()}${hint}`);
    }
    case 'const':
      return at(path, `must be ${accepted(error).join('')}, ${received()}`);
    case 'required':
      return at([...path, String(params['missingProperty'])], 'must be present');
    case 'additionalProperties':
      return at([...path, String(params['additionalProperty'])], `must not be present (not a property of ${name(path)})`);
    case 'false schema': {
      // `dependencies: { A: { properties: { B: false } } }` is how a schema says "not both A and B".
      const both = /\/dependencies\/([^/]+)\/properties\/([^/]+)\/false schema$/.exec(error.schemaPath);
      if (both) return at(path.slice(0, -1), `must have at most one of ${both[1]} or ${both[2]}, received both`);
      return at(path, 'must not be present');
    }
    case 'minItems':
      return at(path, `must have at least ${count(Number(params['limit']), 'item', 'items')}, ${received()}`);
    case 'maxItems':
      return at(path, `must have at most ${count(Number(params['limit']), 'item', 'items')}, ${received()}`);
    case 'minProperties':
      return at(path, `must have at least ${count(Number(params['limit']), 'property', 'properties')}, ${received()}`);
    case 'pattern':
      return at(path, `must match the pattern /${String(params['pattern'])}/, ${received()}`);
    default:
      return at(path, `${error.message ?? 'must match the schema'}, ${received()}`);
  }
}

/**
 * Turns ajv errors (from a validator run with `allErrors`) into issues a user can act on: one per
 * problem, named by path, with what was received. anyOf/oneOf noise is collapsed: when one branch
 * got further than "wrong kind of value", only its errors are kept; when none did, their expected
 * kinds are merged into one "must be A or B".
 *
 * @example
 * if (!validatePolicygenSpec(data)) issues = formatSchemaErrors(validatePolicygenSpec.errors, data, { root: 'the spec' });
 */
export function formatSchemaErrors(
  errors: readonly SchemaError[] | null | undefined,
  data: unknown,
  options: FormatSchemaErrorsOptions = {},
): readonly SchemaIssue[] {
  if (!errors) return [];
  const name = (path: SchemaPath) => namePath(path, options.root ?? 'the document');
  const errorsOf = errors.filter((e) => !WRAPPERS.has(e.keyword));
  const dropped = new Set<SchemaError>();
  const merged = new Map<SchemaError, readonly SchemaError[]>();
  const branchPointers = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const pointer of branchPointers) {
    const related = errorsOf.filter((e) => e.instancePath === pointer || e.instancePath.startsWith(`${pointer}/`));
    const shapes = related.filter((e) => e.instancePath === pointer && SHAPES.has(e.keyword));
    for (const shape of shapes) dropped.add(shape);
    const [first] = shapes;
    if (first && related.length === shapes.length) merged.set(first, shapes);
  }

  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of errorsOf) {
    const path = pointerToPath(error.instancePath);
    const value = valueAt(data, path);
    const alternatives = merged.get(error);
    if (dropped.has(error) && !alternatives) continue;
    const issue = alternatives
      ? { path, message: `${name(path)} must be ${either(alternatives.flatMap(accepted))}, received ${showValue(value)}` }
      : (options.explain?.(error, { path, value, name }) ?? genericIssue(error, path, value, name));
    const key = `${issue.path.join('\u0000')}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: issue.path, pointer: issue.path.map((k) => `/${escapePointer(k)}`).join(''), message: issue.message });
  }
  return issues;
}

/** ['Statement'] or ['Statement', 3]: a statement's own path, when `path` is one. */
function isStatementPath(path: SchemaPath): boolean {
  return path[0] === 'Statement' && (path.length === 1 || (path.length === 2 && typeof path[1] === 'number'));
}

const EXAMPLE_OPERATORS = 'StringEquals, StringLike, ArnLike, Bool, ForAnyValue:StringEquals, StringEqualsIfExists or Null';

/** Messages in IAM's words for the rules the generic ones word poorly. */
function explainPolicyError(error: SchemaError, { path, name }: SchemaErrorContext) {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && params['missingProperty'] === 'NotAction' && isStatementPath(path)) {
    return { path, message: `${name(path)} must have exactly one of Action or NotAction, received neither` };
  }
  if (error.keyword === 'false schema' && path.at(-1) === 'NotAction' && error.schemaPath.includes('/dependencies/Action/')) {
    const statement = path.slice(0, -1);
    return { path: statement, message: `${name(statement)} must have exactly one of Action or NotAction, received both` };
  }
  if (error.keyword === 'additionalProperties') {
    const key = String(params['additionalProperty']);
    const parent = path.slice(0, -1);
    if (path.at(-1) === 'Condition' && isStatementPath(parent)) {
      const hint = /^(ForAnyValue:|ForAllValues:)?NullIfExists$/.test(key) ? ' (Null has no IfExists form: it already tests whether the key exists)' : '';
      return {
        path: [...path, key],
        message: `${name([...path, key])} must be an IAM condition operator such as ${EXAMPLE_OPERATORS}, received ${showValue(key)}${hint}`,
      };
    }
    if ((path.at(-1) === 'Principal' || path.at(-1) === 'NotPrincipal') && isStatementPath(parent)) {
      return {
        path: [...path, key],
        message: `${name(path)} must be "*" or have only the keys AWS, Service, Federated and CanonicalUser, received ${showValue(key)}`,
      };
    }
  }
  return undefined;
}

/**
 * Checks a value against schemas/iam-policy.schema.json (the JSON grammar of an IAM policy; `lint`
 * checks the meaning). Returns no issue when the document is valid.
 */
export function validatePolicyDocument(doc: unknown): readonly SchemaIssue[] {
  if (isPlainPolicyDocument(doc) || validateIamPolicyDocument(doc)) return [];
  return formatSchemaErrors(validateIamPolicyDocument.errors, doc, { root: 'the policy document', explain: explainPolicyError });
}

/** True when `doc` follows schemas/iam-policy.schema.json. */
export function isPolicyDocument(doc: unknown): doc is IamPolicyDocument {
  return isPlainPolicyDocument(doc) || validateIamPolicyDocument(doc);
}
