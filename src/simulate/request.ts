import { splitArn, type ArnParts } from './arn';
import type { ContextScalar, EvaluationRequest } from './types';

/** A context key's values as text; `multi` when the caller gave a list (a multivalued key). */
export interface ContextEntry {
  readonly values: readonly string[];
  readonly multi: boolean;
}

/** A request prepared once per `evaluate` call, shared by every policy and statement. */
export interface PreparedRequest {
  readonly principalArn: string;
  readonly principalAccount: string | undefined;
  readonly principalIsService: boolean;
  /** Lower case: action names are case-insensitive. */
  readonly action: string;
  readonly resource: string;
  readonly resourceArn: ArnParts | undefined;
  readonly resourceAccount: string | undefined;
  /** Keyed by lower-case key name: condition key names are case-insensitive. */
  readonly context: ReadonlyMap<string, ContextEntry>;
  /** Policy variable values: single-valued keys only. */
  readonly lookup: (lowerKey: string) => string | undefined;
}

const ACCOUNT = /^\d{12}$/;
const text = (v: ContextScalar): string => (typeof v === 'string' ? v : String(v));

export function prepareRequest(request: EvaluationRequest): PreparedRequest {
  const context = new Map<string, ContextEntry>();
  for (const [key, value] of Object.entries(request.context ?? {})) {
    if (value === undefined) continue;
    const multi = Array.isArray(value);
    context.set(key.toLowerCase(), { values: multi ? (value as readonly ContextScalar[]).map(text) : [text(value as ContextScalar)], multi });
  }
  const { principal } = request;
  const principalParts = splitArn(principal.arn);
  const principalAccount = principal.account ?? (principalParts && ACCOUNT.test(principalParts[4]) ? principalParts[4] : undefined);
  const resourceArn = splitArn(request.resource);
  const arnAccount = resourceArn && ACCOUNT.test(resourceArn[4]) ? resourceArn[4] : undefined;
  return {
    principalArn: principal.arn,
    principalAccount,
    principalIsService: (principal.type ?? (principalParts ? 'AWS' : 'Service')) === 'Service',
    action: request.action.toLowerCase(),
    resource: request.resource,
    resourceArn,
    resourceAccount: request.resourceAccount ?? arnAccount,
    context,
    lookup: (key) => {
      const entry = context.get(key);
      return entry === undefined || entry.multi ? undefined : entry.values[0];
    },
  };
}
