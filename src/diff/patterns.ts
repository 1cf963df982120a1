import { arnPatternMatches, compileArnPattern, splitArn, splitAtColons } from '../simulate/arn';
import { compilePattern, globMatches, patternGlob, tokenize, type Token as PatternToken } from '../simulate/pattern';
import type { FreshValues } from './fresh';
import { instanceOf, witnessOf, type Token } from './witness';

/** The evaluator's tokens as witness tokens; a live variable becomes `fill` (the value its key gets in the universe). */
function toWitnessTokens(tokens: readonly PatternToken[], colons: boolean, fresh: FreshValues): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'text') for (const c of t.text) out.push({ kind: 'char', c });
    else if (t.kind === 'variable') for (const c of fresh.fill) out.push({ kind: 'char', c });
    else out.push(t.kind === 'star' ? { kind: 'star', fill: fresh.fill, colons } : { kind: 'one', fill: fresh.one, colons });
  }
  return out;
}

/** Where a pattern's `${…}` are policy variables: nowhere, the resource part of an ARN (Resource), or anywhere (conditions). */
export type VariableScope = 'none' | 'resource-part' | 'all';

export interface PatternOptions {
  readonly wildcards: boolean;
  readonly variables: VariableScope;
  /**
   * An ARN is matched segment by segment (Resource, ArnLike): a wildcard in one of its first five
   * segments stands for no `:`; the last `*` of a shorter pattern stands for the rest (Resource).
   */
  readonly arn: boolean;
}

/**
 * A policy pattern (Resource, a condition value, an action name) as witness tokens. Variables are
 * live only under Version 2012-10-17; in a Resource ARN, only in its resource part (the evaluator's rule).
 */
export function patternTokens(value: string, options: PatternOptions, fresh: FreshValues): Token[] {
  const { wildcards, variables } = options;
  if (!options.arn || !value.startsWith('arn:')) return toWitnessTokens(tokenize(value, { wildcards, variables: variables !== 'none' }), true, fresh);
  const segments = splitAtColons(value);
  const out: Token[] = [];
  segments.forEach((segment, i) => {
    if (i > 0) out.push({ kind: 'char', c: ':' });
    const tokens = toWitnessTokens(
      tokenize(segment, { wildcards, variables: variables === 'all' || (variables === 'resource-part' && i === 5) }),
      i === 5,
      fresh,
    );
    const last = tokens.at(-1);
    if (segments.length < 6 && i === segments.length - 1 && last?.kind === 'star') tokens[tokens.length - 1] = { ...last, colons: true };
    // One by one: a spread passes every token as an argument, and a 150k-character ARN exceeds the stack.
    for (const t of tokens) out.push(t);
  });
  return out;
}

/** The policy variables a value refers to (lower-case key names), when variables are live. */
export function variableKeys(value: string, arnResourcePartOnly: boolean): string[] {
  const text = arnResourcePartOnly && value.startsWith('arn:') ? (splitAtColons(value)[5] ?? '') : value;
  return tokenize(text, { wildcards: false, variables: true }).flatMap((t) => (t.kind === 'variable' ? [t.key] : []));
}

const FORMAT_VARIABLE = /\$\{([^}]*)\}/g;

/**
 * An iam-data ARN format (`arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}`)
 * as tokens: each `${…}` stands for at least one character (written as a value neither document
 * names), and, before the resource part, for no `:`.
 */
export function formatTokens(format: string, fresh: FreshValues): Token[] {
  const out: Token[] = [];
  splitAtColons(format).forEach((segment, i) => {
    if (i > 0) out.push({ kind: 'char', c: ':' });
    const colons = i === 5;
    let last = 0;
    for (const m of segment.matchAll(FORMAT_VARIABLE)) {
      for (const c of segment.slice(last, m.index)) out.push({ kind: 'char', c });
      const name = m[1]!.toLowerCase();
      const fill = name === 'partition' ? fresh.partition : name === 'region' ? fresh.region : name === 'account' ? fresh.account : fresh.fill;
      out.push({ kind: 'star', fill, colons, nonEmpty: true });
      last = m.index + m[0].length;
    }
    for (const c of segment.slice(last)) out.push({ kind: 'char', c });
  });
  return out;
}

const resourceTokens = (pattern: string, variables: boolean, fresh: FreshValues): Token[] =>
  patternTokens(pattern, { wildcards: true, variables: variables ? 'resource-part' : 'none', arn: true }, fresh);

/** Whether a Resource pattern matches a resource the way the evaluator decides it (variables take `fill`). */
function resourcePatternMatches(pattern: string, variables: boolean, resource: string, fresh: FreshValues): boolean {
  if (pattern === '*') return true;
  const lookup = (): string => fresh.fill;
  if (pattern.startsWith('arn:')) {
    const compiled = compileArnPattern(pattern, variables ? 'resource-part' : 'none', true);
    const arn = splitArn(resource);
    return compiled !== undefined && arn !== undefined && arnPatternMatches(compiled, arn, lookup) === true;
  }
  const glob = patternGlob(compilePattern(pattern, { wildcards: true, variables }), lookup);
  return glob !== undefined && globMatches(glob, resource);
}

/**
 * A resource of the ARN format that the pattern covers, or undefined when they share none (an S3
 * pattern against an ECR format). Checked against the evaluator's own per-segment matching.
 */
export function resourceWitness(pattern: string, variables: boolean, format: string, fresh: FreshValues): string | undefined {
  const witness = witnessOf(resourceTokens(pattern, variables, fresh), formatTokens(format, fresh));
  return witness !== undefined && resourcePatternMatches(pattern, variables, witness, fresh) ? witness : undefined;
}

/** A resource the pattern covers, for actions whose resource types iam-data does not know. */
export function resourceInstance(pattern: string, variables: boolean, fresh: FreshValues): string | undefined {
  const instance = instanceOf(resourceTokens(pattern, variables, fresh));
  return resourcePatternMatches(pattern, variables, instance, fresh) ? instance : undefined;
}

/** The format with every `${…}` filled: a resource of that type no document names. */
export const freshResource = (format: string, fresh: FreshValues): string => instanceOf(formatTokens(format, fresh));
