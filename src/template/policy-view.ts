import { isRecord } from '../model/json';
import type { ConditionView, JsonPath, PolicyView, StatementView, ValueAt } from './types';

// Every policy of a run goes through here once, most of it before any code is warm (a corpus run
// makes 60,000 values): plain loops and array literals, no closures, spreads or flatMap per value.

type Key = string | number;

/** Shared by the many statements without principals or conditions; frozen, as views are read-only. */
const NONE: readonly never[] = Object.freeze([]);

/** `path` with `key` appended. */
function child(path: JsonPath, key: Key): JsonPath {
  switch (path.length) {
    case 1:
      return [path[0] as Key, key];
    case 2:
      return [path[0] as Key, path[1] as Key, key];
    case 3:
      return [path[0] as Key, path[1] as Key, path[2] as Key, key];
    case 4:
      return [path[0] as Key, path[1] as Key, path[2] as Key, path[3] as Key, key];
    default:
      return [...path, key];
  }
}

/**
 * Paths of statements, their fields and the values in them, shared by every view: the 60,000 values
 * of a corpus run would otherwise each hold an array of their own (80 bytes, most of a view's memory).
 * Frozen, since many views hold the same array. Paths past the limits are built per value, so that
 * the shared ones stay under 10 MB whatever a long-running process reads.
 */
const MAX_SHARED_STATEMENT = 128;
const MAX_SHARED_VALUE = 256;

interface SharedField {
  readonly path: JsonPath;
  readonly values: JsonPath[];
}

interface SharedStatement {
  readonly path: JsonPath;
  readonly fields: Map<string, SharedField>;
}

const listedStatements: SharedStatement[] = [];
let loneStatement: SharedStatement | undefined;

/** The shared paths of statement `index` (`['Statement', index]`), or of a lone statement object (`['Statement']`). */
function sharedStatement(index: number | undefined): SharedStatement | undefined {
  if (index === undefined) return (loneStatement ??= { path: Object.freeze(['Statement']), fields: new Map() });
  if (index >= MAX_SHARED_STATEMENT) return undefined;
  return (listedStatements[index] ??= { path: Object.freeze(['Statement', index]), fields: new Map() });
}

function sharedField(statement: SharedStatement, name: string): SharedField {
  let field = statement.fields.get(name);
  if (field === undefined) {
    field = { path: Object.freeze(child(statement.path, name)), values: [] };
    statement.fields.set(name, field);
  }
  return field;
}

function valuePath(field: SharedField, index: number): JsonPath {
  if (index >= MAX_SHARED_VALUE) return child(field.path, index);
  return (field.values[index] ??= Object.freeze(child(field.path, index)));
}

/** A scalar as the text a rule reads: numbers and booleans as their text; undefined for anything else. */
function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/**
 * A string or list field as values with paths; numbers and booleans as text; anything else skipped.
 * `shared` gives the paths of a statement field (`path` is then its path).
 */
function valuesAt(value: unknown, path: JsonPath, shared?: SharedField): ValueAt[] {
  if (Array.isArray(value)) {
    // Sized up front: an array grown by push keeps room for 17 values, and views stay for the whole run.
    const out: ValueAt[] = new Array<ValueAt>(value.length);
    let count = 0;
    for (let i = 0; i < value.length; i++) {
      const text = textOf(value[i]);
      if (text !== undefined) out[count++] = { value: text, path: shared === undefined ? child(path, i) : valuePath(shared, i) };
    }
    if (count < out.length) out.length = count;
    return out;
  }
  const text = textOf(value);
  return text === undefined ? [] : [{ value: text, path }];
}

function addPrincipalValues(out: (ValueAt & { type: string })[], principal: unknown, path: JsonPath): void {
  if (principal === '*') {
    out.push({ value: '*', path, type: '*' });
    return;
  }
  if (!isRecord(principal)) return;
  for (const type of Object.keys(principal)) {
    for (const x of valuesAt(principal[type], child(path, type))) out.push({ value: x.value, path: x.path, type });
  }
}

interface ParsedOperator {
  readonly set: 'ForAnyValue' | 'ForAllValues' | undefined;
  readonly base: string;
  readonly ifExists: boolean;
}

const OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?(.*?)(IfExists)?$/;
// A few dozen operator spellings recur in every policy.
const operators = new Map<string, ParsedOperator>();

function parseOperator(operator: string): ParsedOperator {
  let parsed = operators.get(operator);
  if (parsed === undefined) {
    const [, set, base = operator, ifExists] = OPERATOR.exec(operator) ?? [];
    parsed = { set: set ? (set as 'ForAnyValue' | 'ForAllValues') : undefined, base, ifExists: ifExists !== undefined };
    // Bounded: operators come from input files, and a long-running process must not grow this without limit.
    if (operators.size > 1000) operators.clear();
    operators.set(operator, parsed);
  }
  return parsed;
}

function conditions(condition: unknown, path: JsonPath): readonly ConditionView[] {
  if (!isRecord(condition)) return NONE;
  const out: ConditionView[] = [];
  const operatorNames = Object.keys(condition);
  for (let i = 0; i < operatorNames.length; i++) {
    const operator = operatorNames[i] as string;
    const block = condition[operator];
    if (!isRecord(block)) continue;
    const { set, base, ifExists } = parseOperator(operator);
    const operatorPath = child(path, operator);
    const keys = Object.keys(block);
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j] as string;
      const keyPath = child(operatorPath, key);
      out.push({ operator, baseOperator: base, setOperator: set, ifExists, key, values: valuesAt(block[key], keyPath), path: keyPath });
    }
  }
  return out;
}

/** The values of a statement field, with shared paths when the statement has them. */
function fieldValues(value: unknown, path: JsonPath, shared: SharedStatement | undefined, name: string): ValueAt[] {
  if (shared === undefined) return valuesAt(value, child(path, name));
  const field = sharedField(shared, name);
  return valuesAt(value, field.path, field);
}

function statementView(raw: Record<string, unknown>, index: number, listed: boolean, branchPath?: JsonPath): StatementView {
  const shared = branchPath === undefined ? sharedStatement(listed ? index : undefined) : undefined;
  const path = branchPath ?? shared?.path ?? ['Statement', index];
  const sid = raw['Sid'];
  const effect = raw['Effect'];
  const action = raw['Action'];
  const notAction = raw['NotAction'];
  const resource = raw['Resource'];
  const notResource = raw['NotResource'];
  const principal = raw['Principal'];
  const notPrincipal = raw['NotPrincipal'];
  let principalValues: readonly (ValueAt & { type: string })[] = NONE;
  if (principal !== undefined || notPrincipal !== undefined) {
    const values: (ValueAt & { type: string })[] = [];
    addPrincipalValues(values, principal, child(path, 'Principal'));
    addPrincipalValues(values, notPrincipal, child(path, 'NotPrincipal'));
    principalValues = values;
  }
  // Every view has every property, in one order: the rules read them from tens of thousands of views,
  // and objects of one shape keep those reads fast.
  return {
    index,
    path,
    raw,
    sid: typeof sid === 'string' ? sid : undefined,
    effect: effect === 'Allow' || effect === 'Deny' ? effect : undefined,
    actions: action === undefined ? undefined : fieldValues(action, path, shared, 'Action'),
    notActions: notAction === undefined ? undefined : fieldValues(notAction, path, shared, 'NotAction'),
    resources: resource === undefined ? undefined : fieldValues(resource, path, shared, 'Resource'),
    notResources: notResource === undefined ? undefined : fieldValues(notResource, path, shared, 'NotResource'),
    principal,
    notPrincipal,
    principalValues,
    conditions: conditions(raw['Condition'], child(path, 'Condition')),
    conditional: branchPath !== undefined,
  };
}

/**
 * The two branches of a lone `{"Fn::If": [condition, then, else]}`, as a template reader leaves it
 * when it cannot decide the condition; undefined for anything else.
 */
function undecidedBranches(value: Record<string, unknown>): readonly [unknown, unknown] | undefined {
  const branch = value['Fn::If'];
  if (!Array.isArray(branch) || branch.length !== 3 || Object.keys(value).length !== 1) return undefined;
  return [branch[1], branch[2]];
}

/**
 * The statements of each branch of an undecided `Fn::If` at `path` (a statement, or a list of them);
 * `Ref: AWS::NoValue` and other non-statements give none.
 */
function branchStatements(value: Record<string, unknown>, index: number, path: JsonPath, out: StatementView[]): boolean {
  const branches = undecidedBranches(value);
  if (branches === undefined) return false;
  for (let k = 0; k < 2; k++) {
    const branch = branches[k];
    const at = child(child(path, 'Fn::If'), k + 1);
    if (Array.isArray(branch)) {
      for (let j = 0; j < branch.length; j++) {
        const s: unknown = branch[j];
        if (isRecord(s) && undecidedBranches(s) === undefined) out.push(statementView(s, index + j, true, child(at, j)));
      }
    } else if (isRecord(branch) && undecidedBranches(branch) === undefined && !('Ref' in branch)) out.push(statementView(branch, index, true, at));
  }
  return true;
}

/** How a document is read: `branches` for a CloudFormation template's, where an undecided `Fn::If` may stand for statements. */
export interface ViewOptions {
  readonly branches?: boolean;
}

/** The rules' view of a policy document; tolerant of malformed documents (the grammar rule reports those). */
export function viewPolicy(document: unknown, options?: ViewOptions): PolicyView {
  if (!isRecord(document)) return { statements: [] };
  const branches = options?.branches === true;
  const statement = document['Statement'];
  const statements: StatementView[] = [];
  if (Array.isArray(statement)) {
    for (let i = 0; i < statement.length; i++) {
      const s: unknown = statement[i];
      if (!isRecord(s)) continue;
      if (branches && branchStatements(s, i, ['Statement', i], statements)) continue;
      statements.push(statementView(s, i, true));
    }
  } else if (isRecord(statement)) {
    if (!(branches && branchStatements(statement, 0, ['Statement'], statements))) statements.push(statementView(statement, 0, false));
  }
  return { version: document['Version'], statements };
}
