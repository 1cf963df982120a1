/**
 * IAM string patterns: `*` (any run of characters, also empty) and `?` (exactly one character), and
 * policy variables `${key}`, `${key, 'default'}` with the escapes `${*}`, `${?}`, `${$}` (IAM User
 * Guide, "IAM policy elements: Variables and tags", section "Special characters" and "Specifying
 * default values").
 *
 * A pattern is compiled once into tokens. A pattern without variables becomes a `Glob` at compile
 * time; one with variables is turned into a `Glob` per request by substituting the variables'
 * values, which are always literal text (a value holding `*` does not become a wildcard). Matching
 * never builds a regular expression.
 */

/** A wildcard pattern over code units: `kinds[i]` is LITERAL, STAR or ONE for `text[i]`. */
export interface Glob {
  readonly text: string;
  /** `undefined` when the pattern holds no wildcard: then it matches by equality. */
  readonly kinds: Uint8Array | undefined;
}

const LITERAL = 0;
const STAR = 1;
const ONE = 2;

export type Token =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'star' }
  | { readonly kind: 'one' }
  | { readonly kind: 'variable'; readonly key: string; readonly fallback: string | undefined };

export interface PatternOptions {
  /** `*` and `?` are wildcards (StringLike, ArnLike, Action, Resource); else literal (StringEquals). */
  readonly wildcards: boolean;
  /** `${…}` is a policy variable (policy Version 2012-10-17 and an operator that takes them). */
  readonly variables: boolean;
}

/** Variable name with an optional default: `aws:username` or `aws:PrincipalTag/team, 'none'`. */
const VARIABLE = /^([^,]*?)\s*(?:,\s*'([^']*)')?\s*$/;

export function tokenize(value: string, options: PatternOptions): readonly Token[] {
  const tokens: Token[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') tokens.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (options.variables && c === '$' && value[i + 1] === '{') {
      const end = value.indexOf('}', i + 2);
      if (end >= 0) {
        const inner = value.slice(i + 2, end);
        i = end;
        if (inner === '*' || inner === '?' || inner === '$') {
          text += inner;
          continue;
        }
        const parsed = VARIABLE.exec(inner);
        flush();
        tokens.push({ kind: 'variable', key: (parsed?.[1] ?? inner).trim().toLowerCase(), fallback: parsed?.[2] });
        continue;
      }
    }
    if (options.wildcards && (c === '*' || c === '?')) {
      flush();
      tokens.push(c === '*' ? { kind: 'star' } : { kind: 'one' });
      continue;
    }
    text += c;
  }
  flush();
  return tokens;
}

export const hasVariables = (tokens: readonly Token[]): boolean => tokens.some((t) => t.kind === 'variable');

/**
 * Looks up a variable's value: a single-valued key as text. A multivalued key cannot be a policy
 * variable (IAM User Guide, "Single-valued vs. multivalued context keys": "you cannot use multivalued
 * context keys as policy variables"), so it resolves like a missing key.
 */
export type VariableLookup = (lowerKey: string) => string | undefined;

/**
 * Replaces the variables of `tokens`; `undefined` when one has no value and no default, which
 * makes the pattern match nothing.
 */
function resolveTokens(tokens: readonly Token[], lookup: VariableLookup): Token[] | undefined {
  const out: Token[] = [];
  for (const token of tokens) {
    if (token.kind !== 'variable') {
      out.push(token);
      continue;
    }
    const value = lookup(token.key) ?? token.fallback;
    if (value === undefined) return undefined;
    out.push({ kind: 'text', text: value });
  }
  return out;
}

export function globOf(tokens: readonly Token[], lowerCase = false): Glob {
  let text = '';
  let wild = false;
  for (const t of tokens) {
    if (t.kind === 'text') text += lowerCase ? t.text.toLowerCase() : t.text;
    else if (t.kind === 'star') ((text += '*'), (wild = true));
    else if (t.kind === 'one') ((text += '?'), (wild = true));
    else throw new TypeError('globOf needs resolved tokens');
  }
  if (!wild) return { text, kinds: undefined };
  const kinds = new Uint8Array(text.length);
  let at = 0;
  for (const t of tokens) {
    if (t.kind === 'text') at += t.text.length;
    else kinds[at++] = t.kind === 'star' ? STAR : ONE;
  }
  return { text, kinds };
}

/** Whether `subject` matches `glob` as a whole. Linear-time greedy matching with one backtrack point. */
export function globMatches(glob: Glob, subject: string): boolean {
  const { text, kinds } = glob;
  if (kinds === undefined) return text === subject;
  const n = text.length;
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < subject.length) {
    const k = p < n ? kinds[p] : -1;
    if (k === ONE || (k === LITERAL && text.charCodeAt(p) === subject.charCodeAt(s))) {
      p++;
      s++;
    } else if (k === STAR) {
      starP = p++;
      starS = s;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < n && kinds[p] === STAR) p++;
  return p === n;
}

/**
 * A compiled string pattern: static patterns are a ready `Glob`; patterns with variables keep their
 * tokens and resolve per request.
 */
export type CompiledPattern =
  { readonly dynamic: false; readonly glob: Glob } | { readonly dynamic: true; readonly tokens: readonly Token[]; readonly lowerCase: boolean };

export function compilePattern(value: string, options: PatternOptions, lowerCase = false): CompiledPattern {
  const tokens = tokenize(value, options);
  return hasVariables(tokens) ? { dynamic: true, tokens, lowerCase } : { dynamic: false, glob: globOf(tokens, lowerCase) };
}

/** The `Glob` of a pattern for this request; `undefined` when a variable has no value. */
export function patternGlob(pattern: CompiledPattern, lookup: VariableLookup): Glob | undefined {
  if (!pattern.dynamic) return pattern.glob;
  const resolved = resolveTokens(pattern.tokens, lookup);
  return resolved === undefined ? undefined : globOf(resolved, pattern.lowerCase);
}
