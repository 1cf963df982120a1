import { globMatches, globOf, hasVariables, patternGlob, tokenize, type Glob, type Token, type VariableLookup } from './pattern';

/**
 * ARN patterns, matched per segment. IAM User Guide, "IAM JSON policy elements: Resource", section
 * "Using wildcards in resource ARNs": "You can use wildcard characters (* and ?) within the individual
 * segments of an ARN (the parts separated by colons) … If the wildcard (*) is the last character of a
 * resource ARN segment, it can expand to match beyond colon boundaries." So the partition, service,
 * Region and account segments are each matched on their own, and the resource part (everything after
 * the fifth colon, itself often `type:name:…`) is matched as a whole, where `*` crosses `:` and `/`.
 * A pattern with fewer than six segments whose last one ends in `*` matches the rest of any ARN.
 * ArnLike/ArnEquals use the same rule ("Each of the six colon-delimited components of the ARN is
 * checked separately", IAM User Guide, "Condition operators", section "Amazon Resource Name (ARN)
 * condition operators"), without the short-pattern expansion.
 * Every segment compares case-sensitively. [unverified for partition, service, Region and account:
 * the documentation only says resource names are case-sensitive.]
 */

/** An ARN split into its six parts: `arn`, partition, service, region, account, resource. */
export type ArnParts = readonly [string, string, string, string, string, string];

/** Splits at the first five colons only, as IAM reads an ARN: the resource part keeps its own. */
export function splitAtColons(value: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let colon = value.indexOf(':'); colon >= 0 && parts.length < 5; colon = value.indexOf(':', start)) {
    parts.push(value.slice(start, colon));
    start = colon + 1;
  }
  parts.push(value.slice(start));
  return parts;
}

export function splitArn(value: string): ArnParts | undefined {
  const parts = splitAtColons(value);
  return parts.length === 6 && parts[0] === 'arn' ? (parts as unknown as ArnParts) : undefined;
}

/** One segment: a static glob, or tokens with variables. */
type Segment = { readonly glob: Glob } | { readonly tokens: readonly Token[] };

export interface ArnPattern {
  readonly segments: readonly [Segment, Segment, Segment, Segment, Segment, Segment];
}

/**
 * Splits a pattern at its first five colons, as IAM does, before looking at variables: a variable
 * such as `${aws:PrincipalAccount}` in the account segment is therefore not a variable there (the
 * Resource element takes variables "only in the resource portion of the ARN. This portion of the ARN
 * appears after the fifth colon", IAM User Guide, "IAM policy elements: Variables and tags").
 * `variables` says which segments substitute variables: the resource part only (Resource element)
 * or all (ARN condition operators). `expandShort` applies the Resource element's rule for patterns
 * with fewer segments; without it such a pattern matches nothing.
 */
export function compileArnPattern(value: string, variables: 'none' | 'resource-part' | 'all', expandShort: boolean): ArnPattern | undefined {
  const parts = splitAtColons(value);
  if (parts.length < 6) {
    if (!expandShort || !parts[parts.length - 1]!.endsWith('*')) return undefined;
    while (parts.length < 6) parts.push('*');
  }
  const segments = parts.map((part, i): Segment => {
    const tokens = tokenize(part, { wildcards: true, variables: variables === 'all' || (variables === 'resource-part' && i === 5) });
    return hasVariables(tokens) ? { tokens } : { glob: globOf(tokens) };
  });
  return { segments: segments as unknown as ArnPattern['segments'] };
}

/** Whether `arn` matches; `undefined` when a variable of the pattern has no value. */
export function arnPatternMatches(pattern: ArnPattern, arn: ArnParts, lookup: VariableLookup): boolean | undefined {
  let unknown = false;
  for (let i = 0; i < 6; i++) {
    const segment = pattern.segments[i]!;
    const glob = 'glob' in segment ? segment.glob : patternGlob({ dynamic: true, tokens: segment.tokens, lowerCase: false }, lookup);
    if (glob === undefined) unknown = true;
    else if (!globMatches(glob, arn[i]!)) return false;
  }
  return unknown ? undefined : true;
}
