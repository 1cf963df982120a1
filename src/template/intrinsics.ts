import { PARTITIONS } from '../model/regions.generated';
import { partitionOf } from '../model/region';
import type { Reference, Resolved } from './types';
import { isRecord, known, own, unknown, UNKNOWN_PART } from './stack-helpers';

/**
 * CloudFormation intrinsic functions, resolved as far as the template alone allows.
 *
 * Known: literals, pseudo parameters the caller supplies (Region, and from it Partition and
 * URLSuffix; AccountId), parameters with a Default, and `Fn::Sub`, `Fn::Join`, `Fn::Select`,
 * `Fn::Split`, `Fn::FindInMap`, `Fn::Base64`, `Fn::Length`, `Fn::ToJsonString` and `Fn::If` over
 * known inputs. Unknown: resource attributes (`Ref` to a resource, `Fn::GetAtt`), imports, AZs, CIDRs,
 * and anything built from them. An unknown value is never equal to anything: a rule that needs the
 * value does not fire, rather than firing on a guess.
 */

/** What resolution needs from the template and the caller. */
export interface IntrinsicContext {
  readonly region?: string;
  readonly accountId?: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly resources: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, unknown>>;
}

export interface TemplateContextOptions {
  /** The Region the stack is deployed to; `AWS::Region` is unknown without it. */
  readonly region?: string;
  /** The account the stack is deployed to; `AWS::AccountId` is unknown without it. */
  readonly accountId?: string;
}

/**
 * `Ref: AWS::NoValue`: the property (or list item) is removed. Resolution functions return it as a
 * known value; `substituteIntrinsics` and the readers drop it.
 */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

// Beyond this depth a value is unknown: templates nest intrinsics a few levels; a file nesting
// them thousands deep is hostile, and recursion must not overflow the stack.
const MAX_DEPTH = 64;

const section = (template: unknown, name: string): Readonly<Record<string, unknown>> => {
  const value = own(template, name);
  return isRecord(value) ? value : {};
};

/** The resolution context of a parsed template. */
export function templateContext(template: unknown, options: TemplateContextOptions = {}): IntrinsicContext {
  return {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
    parameters: section(template, 'Parameters'),
    resources: section(template, 'Resources'),
    conditions: section(template, 'Conditions'),
    mappings: section(template, 'Mappings'),
  };
}

const INTRINSIC_KEYS: ReadonlySet<string> = new Set([
  'Ref',
  'Fn::Sub',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Transform',
  'Fn::Length',
  'Fn::ToJsonString',
]);

/**
 * A single-key object naming an intrinsic function: `{"Ref": …}` or `{"Fn::…": …}`. `Condition`
 * is left out on purpose: inside a policy statement it is the statement's Condition block.
 */
export function isIntrinsic(value: unknown): value is Readonly<Record<string, unknown>> {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (INTRINSIC_KEYS.has(keys[0]!) || keys[0]!.startsWith('Fn::'));
}

/**
 * The value of a template expression. Plain objects and lists are known only when everything in
 * them is; `NO_VALUE` inside a list or object is dropped.
 */
export function resolveValue(value: unknown, context: IntrinsicContext): Resolved<unknown> {
  return evaluate(value, context, 0);
}

/** A string (numbers and booleans as their text, as CloudFormation passes them). */
export function resolveString(value: unknown, context: IntrinsicContext): Resolved<string> {
  const resolved = evaluate(value, context, 0);
  if (!resolved.known) return resolved;
  return asString(resolved.value) !== undefined ? known(asString(resolved.value)!) : unknown(value);
}

/** A number, from a number or a numeric string (`FromPort: "443"`). */
export function resolveNumber(value: unknown, context: IntrinsicContext): Resolved<number> {
  const resolved = evaluate(value, context, 0);
  if (!resolved.known) return resolved;
  const v = resolved.value;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(?:\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) ? known(n) : unknown(value);
}

/** A boolean, from a boolean or `"true"` / `"false"` in any case. */
export function resolveBoolean(value: unknown, context: IntrinsicContext): Resolved<boolean> {
  const resolved = evaluate(value, context, 0);
  if (!resolved.known) return resolved;
  const v = resolved.value;
  if (typeof v === 'boolean') return known(v);
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return known(v.toLowerCase() === 'true');
  return unknown(value);
}

/**
 * The items of a list property, each resolved on its own: `[!Ref A, !Ref B]` gives two items even
 * though each is unknown. A list produced by an unknown expression (`!Ref SubnetsParameter` without
 * Default, `!GetAZs`) is unknown as a whole. `NO_VALUE` items are dropped.
 */
export function resolveList(value: unknown, context: IntrinsicContext): Resolved<readonly unknown[]> {
  if (Array.isArray(value)) return known(value.filter((item) => evaluateShallow(item, context) !== NO_VALUE));
  const resolved = evaluate(value, context, 0);
  if (!resolved.known) return resolved;
  return Array.isArray(resolved.value) ? known(resolved.value) : unknown(value);
}

/** True when the expression is `Ref: AWS::NoValue` (possibly behind a known `Fn::If`). */
export function isNoValue(value: unknown, context: IntrinsicContext): boolean {
  return evaluateShallow(value, context) === NO_VALUE;
}

function evaluateShallow(value: unknown, context: IntrinsicContext): unknown {
  if (!isIntrinsic(value)) return value;
  const resolved = evaluate(value, context, 0);
  return resolved.known ? resolved.value : value;
}

/**
 * Where a value points: `Ref` or `Fn::GetAtt` to a resource of the template gives its logical ID
 * (an expression referring to exactly one resource, like `!Sub arn:…:role/${Role}`, too); a known
 * value gives its text.
 */
export function resolveReference(value: unknown, context: IntrinsicContext): Reference {
  const resolved = resolveString(value, context);
  if (resolved.known) return { literal: resolved.value };
  const resources = referencedResources(value, context);
  return resources.length === 1 ? { resource: resources[0]! } : {};
}

/** Logical IDs of the template's resources that an expression refers to, in order of appearance. */
export function referencedResources(value: unknown, context: IntrinsicContext): string[] {
  const found = new Set<string>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      for (const item of v) visit(item, depth + 1);
      return;
    }
    if (!isRecord(v)) return;
    for (const [key, inner] of Object.entries(v)) {
      if (key === 'Ref' && typeof inner === 'string' && isResource(inner, context)) found.add(inner);
      else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(inner) ? inner[0] : typeof inner === 'string' ? inner.split('.')[0] : undefined;
        if (typeof target === 'string' && isResource(target, context)) found.add(target);
      } else if (key === 'Fn::Sub') {
        const template = Array.isArray(inner) ? inner[0] : inner;
        const variables = Array.isArray(inner) && isRecord(inner[1]) ? inner[1] : {};
        if (typeof template === 'string') {
          for (const name of subVariables(template)) {
            const target = name.split('.')[0]!;
            if (own(variables, name) === undefined && isResource(target, context)) found.add(target);
          }
        }
        visit(variables, depth + 1);
      } else visit(inner, depth + 1);
    }
  };
  visit(value, 0);
  return [...found];
}

const isResource = (name: string, context: IntrinsicContext): boolean => isRecord(own(context.resources, name));

/** True when the value is known and equal to `expected`. An unknown value equals nothing. */
export function knownEquals<T>(resolved: Resolved<T>, expected: T): boolean {
  return resolved.known && resolved.value === expected;
}

/**
 * Replaces every resolvable intrinsic by its value and drops `NO_VALUE` keys and items; an
 * unresolvable intrinsic stays as written, so policy rules see a non-string and skip it.
 */
export function substituteIntrinsics(value: unknown, context: IntrinsicContext): unknown {
  const substitute = (v: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) return v;
    if (isIntrinsic(v)) {
      const resolved = evaluate(v, context, depth);
      return resolved.known ? resolved.value : v;
    }
    if (Array.isArray(v)) return v.map((item) => substitute(item, depth + 1)).filter((item) => item !== NO_VALUE);
    if (isRecord(v)) {
      // fromEntries defines own properties: a `__proto__` key stays a key, never a prototype.
      return Object.fromEntries(
        Object.entries(v)
          .map(([key, inner]) => [key, substitute(inner, depth + 1)] as const)
          .filter(([, inner]) => inner !== NO_VALUE),
      );
    }
    return v;
  };
  return substitute(value, 0);
}

export { UNKNOWN_PART };

/**
 * A string with the unknown parts of `Ref` / `Fn::Sub` / `Fn::Join` replaced by `UNKNOWN_PART`:
 * `!Sub com.amazonaws.${AWS::Region}.ecr.dkr` without a Region gives
 * `com.amazonaws.\u0000.ecr.dkr`, enough to tell the service when the Region is unknown.
 * Undefined when the value is not string-shaped.
 */
export function resolvePartialString(value: unknown, context: IntrinsicContext): string | undefined {
  const partial = (v: unknown, depth: number): string | undefined => {
    if (depth > MAX_DEPTH) return UNKNOWN_PART;
    const resolved = evaluate(v, context, depth);
    if (resolved.known) return asString(resolved.value);
    if (!isIntrinsic(v)) return undefined;
    const [name, arg] = Object.entries(v)[0]!;
    if (name === 'Fn::Sub') {
      const template = Array.isArray(arg) ? arg[0] : arg;
      const variables = Array.isArray(arg) && isRecord(arg[1]) ? arg[1] : {};
      if (typeof template !== 'string') return UNKNOWN_PART;
      return substituteSub(template, (variable) => {
        const given = own(variables, variable);
        if (given !== undefined) return partial(given, depth + 1) ?? UNKNOWN_PART;
        const r = subVariable(variable, context, depth + 1);
        return (r.known ? asString(r.value) : undefined) ?? UNKNOWN_PART;
      });
    }
    if (name === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string') {
      const items = resolveList(arg[1], context);
      if (!items.known) return UNKNOWN_PART;
      return items.value.map((item) => partial(item, depth + 1) ?? UNKNOWN_PART).join(arg[0]);
    }
    return UNKNOWN_PART;
  };
  return partial(value, 0);
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

// --- evaluation -------------------------------------------------------------------------------

function evaluate(value: unknown, context: IntrinsicContext, depth: number): Resolved<unknown> {
  if (depth > MAX_DEPTH) return unknown(value);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const r = evaluate(item, context, depth + 1);
      if (!r.known) return unknown(value);
      if (r.value !== NO_VALUE) items.push(r.value);
    }
    return known(items);
  }
  if (!isRecord(value)) return known(value);
  if (!isIntrinsic(value)) {
    const entries: [string, unknown][] = [];
    for (const [key, inner] of Object.entries(value)) {
      const r = evaluate(inner, context, depth + 1);
      if (!r.known) return unknown(value);
      if (r.value !== NO_VALUE) entries.push([key, r.value]);
    }
    return known(Object.fromEntries(entries));
  }
  const [name, arg] = Object.entries(value)[0]!;
  const fn = FUNCTIONS[name];
  if (!fn) return unknown(value);
  const result = fn(arg, context, depth + 1);
  return result.known ? result : unknown(value);
}

type Fn = (arg: unknown, context: IntrinsicContext, depth: number) => Resolved<unknown>;

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  Ref: (arg, context) => (typeof arg === 'string' ? ref(arg, context) : unknown(arg)),
  'Fn::Sub': (arg, context, depth) => {
    const template = Array.isArray(arg) ? arg[0] : arg;
    const variables = !Array.isArray(arg) ? {} : arg.length === 2 && isRecord(arg[1]) ? arg[1] : undefined;
    if (typeof template !== 'string' || variables === undefined) return unknown(arg);
    let missing = false;
    const text = substituteSub(template, (variable) => {
      const given = own(variables, variable);
      const r = given !== undefined ? evaluate(given, context, depth + 1) : subVariable(variable, context, depth + 1);
      const s = r.known ? asString(r.value) : undefined;
      if (s === undefined) missing = true;
      return s ?? '';
    });
    return missing ? unknown(arg) : known(text);
  },
  'Fn::Join': (arg, context, depth) => {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return unknown(arg);
    const list = evaluate(arg[1], context, depth + 1);
    if (!list.known || !Array.isArray(list.value)) return unknown(arg);
    const parts = list.value.map(asString);
    return parts.every((p) => p !== undefined) ? known(parts.join(arg[0])) : unknown(arg);
  },
  'Fn::Select': (arg, context, depth) => {
    if (!Array.isArray(arg) || arg.length !== 2) return unknown(arg);
    const index = evaluate(arg[0], context, depth + 1);
    const list = evaluate(arg[1], context, depth + 1);
    const i = index.known ? Number(index.value) : NaN;
    if (!list.known || !Array.isArray(list.value) || !Number.isInteger(i) || i < 0 || i >= list.value.length) return unknown(arg);
    return known(list.value[i]);
  },
  'Fn::Split': (arg, context, depth) => {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || arg[0] === '') return unknown(arg);
    const source = evaluate(arg[1], context, depth + 1);
    return source.known && typeof source.value === 'string' ? known(source.value.split(arg[0])) : unknown(arg);
  },
  'Fn::If': (arg, context, depth) => {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return unknown(arg);
    const condition = namedCondition(arg[0], context, depth + 1);
    return condition === undefined ? unknown(arg) : evaluate(condition ? arg[1] : arg[2], context, depth + 1);
  },
  'Fn::FindInMap': (arg, context, depth) => {
    if (!Array.isArray(arg) || arg.length < 3) return unknown(arg);
    const keys = arg.slice(0, 3).map((k) => evaluate(k, context, depth + 1));
    const names = keys.map((k) => (k.known ? asString(k.value) : undefined));
    if (names.some((n) => n === undefined)) return unknown(arg);
    const [mapName, top, second] = names as [string, string, string];
    const map = own(context.mappings, mapName);
    const level = own(map, top);
    const found = own(level, second);
    if (found !== undefined) return evaluate(found, context, depth + 1);
    // AWS::LanguageExtensions: [map, top, second, {DefaultValue: …}].
    const fallback = isRecord(arg[3]) ? own(arg[3], 'DefaultValue') : undefined;
    return fallback !== undefined ? evaluate(fallback, context, depth + 1) : unknown(arg);
  },
  'Fn::Base64': (arg, context, depth) => {
    const r = evaluate(arg, context, depth + 1);
    return r.known && typeof r.value === 'string' ? known(Buffer.from(r.value, 'utf8').toString('base64')) : unknown(arg);
  },
  'Fn::Length': (arg, context, depth) => {
    const r = evaluate(arg, context, depth + 1);
    return r.known && Array.isArray(r.value) ? known(r.value.length) : unknown(arg);
  },
  'Fn::ToJsonString': (arg, context, depth) => {
    const r = evaluate(arg, context, depth + 1);
    return r.known && r.value !== NO_VALUE ? known(JSON.stringify(r.value)) : unknown(arg);
  },
};

/** Pseudo parameters AWS defines per deployment; the rest are known only when the caller says. */
function ref(name: string, context: IntrinsicContext): Resolved<unknown> {
  const region = context.region;
  switch (name) {
    case 'AWS::NoValue':
      return known(NO_VALUE);
    case 'AWS::Region':
      return region !== undefined ? known(region) : unknown({ Ref: name });
    case 'AWS::AccountId':
      return context.accountId !== undefined ? known(context.accountId) : unknown({ Ref: name });
    case 'AWS::Partition': {
      const partition = region !== undefined ? partitionOf(region) : undefined;
      return partition !== undefined ? known(partition) : unknown({ Ref: name });
    }
    case 'AWS::URLSuffix': {
      const partition = region !== undefined ? partitionOf(region) : undefined;
      const suffix = PARTITIONS.find((p) => p.id === partition)?.dnsSuffix;
      return suffix !== undefined ? known(suffix) : unknown({ Ref: name });
    }
  }
  const parameter = own(context.parameters, name);
  if (isRecord(parameter)) {
    const fallback = own(parameter, 'Default');
    if (fallback === undefined) return unknown({ Ref: name });
    const type = own(parameter, 'Type');
    // List parameters take their default as one comma-separated string.
    const isList = typeof type === 'string' && (type === 'CommaDelimitedList' || type.startsWith('List<'));
    if (isList && typeof fallback === 'string') return known(fallback.split(',').map((s) => s.trim()));
    return known(fallback);
  }
  return unknown({ Ref: name });
}

/** `${Name}` inside `Fn::Sub` without a variable map entry: a parameter, pseudo parameter or `Resource.Attribute`. */
function subVariable(name: string, context: IntrinsicContext, depth: number): Resolved<unknown> {
  if (depth > MAX_DEPTH) return unknown(name);
  return name.includes('.') && !name.startsWith('AWS::') ? unknown({ 'Fn::GetAtt': name }) : ref(name, context);
}

/** `${Var}` are replaced, `${!Literal}` becomes `${Literal}` (CloudFormation's escape). */
function substituteSub(template: string, replace: (variable: string) => string): string {
  return template.replace(/\$\{([^}]*)\}/g, (_, inner: string) => (inner.startsWith('!') ? `\${${inner.slice(1)}}` : replace(inner.trim())));
}

function subVariables(template: string): string[] {
  return [...template.matchAll(/\$\{([^}!][^}]*)\}/g)].map((m) => m[1]!.trim());
}

// --- conditions ---------------------------------------------------------------------------------

/** A named condition of the Conditions section: true, false, or undefined when not static. */
export function evaluateCondition(name: string, context: IntrinsicContext): boolean | undefined {
  return namedCondition(name, context, 0);
}

// Conditions may name each other (`And: [{Condition: A}, {Condition: A}]` at every level): each is
// evaluated once per context, which also stops cycles (a condition in progress is not static).
const conditionCache = new WeakMap<IntrinsicContext, Map<string, boolean | undefined>>();

function namedCondition(name: string, context: IntrinsicContext, depth: number): boolean | undefined {
  let cache = conditionCache.get(context);
  if (!cache) conditionCache.set(context, (cache = new Map()));
  if (cache.has(name)) return cache.get(name);
  cache.set(name, undefined);
  const definition = own(context.conditions, name);
  const result = definition === undefined ? undefined : condition(definition, context, depth + 1);
  cache.set(name, result);
  return result;
}

function condition(value: unknown, context: IntrinsicContext, depth: number): boolean | undefined {
  if (depth > MAX_DEPTH || !isRecord(value)) return typeof value === 'boolean' ? value : undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1) return undefined;
  const [name, arg] = entries[0]!;
  const list = Array.isArray(arg) ? arg : [];
  switch (name) {
    case 'Condition':
      return typeof arg === 'string' ? namedCondition(arg, context, depth + 1) : undefined;
    case 'Fn::Equals': {
      if (list.length !== 2) return undefined;
      const [a, b] = list.map((v) => evaluate(v, context, depth + 1));
      return a!.known && b!.known ? sameValue(a!.value, b!.value) : undefined;
    }
    case 'Fn::Not': {
      const inner = list.length === 1 ? condition(list[0], context, depth + 1) : undefined;
      return inner === undefined ? undefined : !inner;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      // One false (And) or one true (Or) settles it even when the others are unknown.
      const decisive = name === 'Fn::Or';
      const results = list.map((c) => condition(c, context, depth + 1));
      if (results.includes(decisive)) return decisive;
      return results.length > 0 && results.every((r) => r === !decisive) ? !decisive : undefined;
    }
    default:
      return undefined;
  }
}

/** CloudFormation compares the values as strings: `!Equals [1, "1"]` holds. */
function sameValue(a: unknown, b: unknown): boolean {
  const sa = asString(a);
  const sb = asString(b);
  if (sa !== undefined && sb !== undefined) return sa === sb;
  return JSON.stringify(a) === JSON.stringify(b);
}
