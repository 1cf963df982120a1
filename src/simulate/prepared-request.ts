/**
 * The shape of a request once prepared for matching. Apart from request.ts (which builds it from the
 * public EvaluationRequest type) so that compile.ts can match against it without importing the
 * public types, which themselves name CompiledPolicy: no cycle, even by type.
 */
import type { ArnParts } from './arn';

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
