/**
 * The fields of a resource ARN as written in Resource or NotResource (IAM User Guide, "IAM
 * identifiers", ARN format arn:partition:service:region:account-id:resource), for the ARN rules.
 */
import type { StatementView, ValueAt } from '../../../types';

export interface ArnFields {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon; undefined when the ARN has fewer than six fields. */
  readonly resource?: string;
}

// Six rules ask for the fields of every resource value, and policies repeat the same ARNs.
const parsed = new Map<string, ArnFields>();

/** The fields of a value that starts with `arn:`; undefined for any other value. */
export function arnFields(value: string): ArnFields | undefined {
  if (!value.startsWith('arn:')) return undefined;
  let fields = parsed.get(value);
  if (fields === undefined) {
    fields = splitArn(value);
    // Bounded: a long-running process linting many files must not grow this without limit.
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(value, fields);
  }
  return fields;
}

function splitArn(value: string): ArnFields {
  const parts = value.split(':');
  const resource = parts.length >= 6 ? parts.slice(5).join(':') : undefined;
  return {
    partition: parts[1] ?? '',
    service: parts[2] ?? '',
    region: parts[3] ?? '',
    account: parts[4] ?? '',
    ...(resource === undefined ? {} : { resource }),
  };
}

/** Resource and NotResource values of a statement. */
export const resourceValues = (s: StatementView): readonly ValueAt[] =>
  s.notResources === undefined ? (s.resources ?? []) : s.resources === undefined ? s.notResources : [...s.resources, ...s.notResources];

/** A field whose value is known only at request time or matches many: not judged. */
export const isOpenField = (field: string): boolean => field.includes('*') || field.includes('?') || field.includes('${');
