import type { WirePolicy } from '../normalize/canonicalize';
import { variableKeys } from './patterns';

/** A condition key under one operator, with its values as text. */
export interface DiffCondition {
  /** As written: `ForAnyValue:StringEqualsIfExists`. */
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** A statement of OLD or NEW with its string-or-list fields as lists: what the universe is built from. */
export interface DiffStatement {
  /** Unique across both documents: `old:0`, `new:2`. */
  readonly id: string;
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: { readonly not: boolean; readonly patterns: readonly string[] };
  readonly resources: { readonly not: boolean; readonly patterns: readonly string[] } | undefined;
  /** Principal or NotPrincipal, as written. */
  readonly principal: unknown;
  readonly conditions: readonly DiffCondition[];
  /** Policy variables are live (`"Version": "2012-10-17"`). */
  readonly variables: boolean;
  /** A Resource or NotResource pattern has a live policy variable: whether it matches depends on the context. */
  readonly resourceVariables: boolean;
  /** The statement without its Sid, keys sorted, with whether variables are live: equal text, equal meaning. */
  readonly content: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

type WireList = string | number | boolean | readonly (string | number | boolean)[];
export const listOf = (value: unknown): string[] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String));

export const statementsOf = (document: WirePolicy): readonly Readonly<Record<string, unknown>>[] =>
  (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as readonly Readonly<Record<string, unknown>>[];

/** JSON with object keys sorted, so that key order does not change a statement's `content`. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The statements of a schema-valid document. */
export function readStatements(document: WirePolicy, side: 'old' | 'new'): DiffStatement[] {
  const variables = document.Version === '2012-10-17';
  return statementsOf(document).map((s, index) => {
    const { Sid: _sid, ...body } = s;
    const conditions: DiffCondition[] = [];
    for (const [operator, keys] of Object.entries((s.Condition ?? {}) as Record<string, Record<string, WireList>>)) {
      for (const [key, values] of Object.entries(keys ?? {})) conditions.push({ operator, key, values: listOf(values) });
    }
    const resourceList = s.Resource ?? s.NotResource;
    return {
      id: `${side}:${index}`,
      index,
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: { not: s.NotAction !== undefined, patterns: listOf(s.Action ?? s.NotAction) },
      resources: resourceList === undefined ? undefined : { not: s.NotResource !== undefined, patterns: listOf(resourceList) },
      principal: s.Principal ?? s.NotPrincipal,
      conditions,
      variables,
      resourceVariables: variables && listOf(resourceList).some((r) => variableKeys(r, true).length > 0),
      content: `${variables ? 'v' : '-'}${stableJson(body)}`,
      raw: s,
    };
  });
}
