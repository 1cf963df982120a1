import { PolicygenInputError, type InputIssue, type Result } from '../model/errors';
import type { PolicyDocument } from '../model/policy';
import { parseRegion, type RegionInfo } from '../model/region';
import { booleanArg, checkArgs, fieldsArg, listArg, objectArg, stringArg } from '../model/validate-args';
import { advisory, type Advisory } from './advisories';

/** Options every generator takes. */
export interface RegionOptions {
  /** AWS Region code, e.g. `us-east-1`; its partition decides every ARN and service name. */
  readonly region: string;
  /** Accept a Region missing from policygen's table when it matches a partition's Region pattern. */
  readonly allowUnlistedRegion?: boolean;
}

/** How a generated policy measures against one of its quotas (docs/aws-facts.md §5). */
export interface QuotaCheck {
  readonly quota: 'managed-policy' | 'inline-policies' | 'vpc-endpoint-policy';
  readonly limit: number;
  readonly characters: number;
  readonly countsWhiteSpace: boolean;
  readonly withinQuota: boolean;
}

/** What every policy generator returns: the canonical document, its size, and what to tell the user. */
export interface GeneratedPolicy {
  readonly document: PolicyDocument;
  readonly sizes: readonly QuotaCheck[];
  readonly advisories: readonly Advisory[];
}

/** Gathers issues from many parses so that one run reports every bad field, not just the first. */
export class IssueCollector {
  private readonly issues: InputIssue[] = [];
  take<T>(result: Result<T>): T | undefined {
    if (result.ok) return result.value;
    this.issues.push(result.issue);
    return undefined;
  }
  /** Parses each element of an optional list, naming fields `field[i]`. */
  takeAll<T>(values: readonly unknown[] | undefined, field: string, parse: (v: unknown, f: string) => Result<T>): T[] {
    if (values === undefined) return [];
    if (!Array.isArray(values)) {
      this.issues.push({ field, received: JSON.stringify(values) ?? String(values), expected: 'be a list' });
      return [];
    }
    return values.flatMap((v, i) => {
      const value = this.take(parse(v, `${field}[${i}]`));
      return value === undefined ? [] : [value];
    });
  }
  add(issue: InputIssue): void {
    this.issues.push(issue);
  }
  throwIfAny(): void {
    if (this.issues.length > 0) throw new PolicygenInputError(this.issues);
  }
}

export function resolveRegion(options: RegionOptions, issues: IssueCollector): { region?: RegionInfo; advisories: Advisory[] } {
  const region = issues.take(parseRegion(options.region, { allowUnlisted: options.allowUnlistedRegion === true }));
  const advisories = region && !region.listed ? [advisory('region-not-in-table', region.name)] : [];
  return { region, advisories };
}

/** IAM counts identity policy size without white space (IAM-QUOTAS). */
export function sizeWithoutWhiteSpace(document: PolicyDocument): number {
  return JSON.stringify(document).replace(/\s+/g, '').length;
}

/** Endpoint policies count white space (PL); measured on the document as policygen prints it. */
export function sizeAsPrinted(document: PolicyDocument): number {
  return JSON.stringify(document, null, 2).length;
}

export function quotaCheck(quota: QuotaCheck['quota'], limit: number, characters: number, countsWhiteSpace: boolean): QuotaCheck {
  return { quota, limit, characters, countsWhiteSpace, withinQuota: characters <= limit };
}

export function sizeAdvisories(sizes: readonly QuotaCheck[]): Advisory[] {
  return sizes.filter((s) => !s.withinQuota).map((s) => advisory('policy-size-exceeds-quota', `${s.quota}: ${s.characters} of ${s.limit} characters`));
}

/** The JavaScript type of a generator option, checked at the entry before any option is read. */
export type OptionKind = 'string' | 'strings' | 'boolean' | 'object';
const OPTION_CHECKS = {
  string: (v: unknown, f: string) => stringArg(v, f, true),
  strings: (v: unknown, f: string) => listArg(v, f, (e, ef) => stringArg(e, ef), true),
  boolean: booleanArg,
  object: (v: unknown, f: string) => objectArg(v, f, true),
} as const;

/**
 * Throws PolicygenInputError unless `options` is an object whose listed fields have their types;
 * the values themselves are the generator's to parse. `region` is parseRegion's (any value).
 */
export function checkOptions(options: unknown, kinds: Readonly<Record<string, OptionKind>>): void {
  checkArgs(
    objectArg(options, 'options'),
    fieldsArg(
      options,
      Object.fromEntries(Object.entries({ allowUnlistedRegion: 'boolean', ...kinds }).map(([name, kind]) => [name, OPTION_CHECKS[kind as OptionKind]])),
    ),
  );
}
