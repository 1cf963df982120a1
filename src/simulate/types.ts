import type { WirePolicy } from '../normalize/canonicalize';
import type { CompiledPolicy } from './compile';

/** Where a policy is attached; decides how its Allow statements combine (see evaluate). */
export type PolicyKind = 'identity' | 'resource' | 'vpc-endpoint';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** One value of a context key as callers write it; numbers and booleans compare as their text. */
export type ContextScalar = string | number | boolean;

/**
 * The request context. A list marks a multivalued key (aws:TagKeys, aws:PrincipalOrgPaths, …), even
 * with one element or none; a scalar is a single-valued key. A key that is absent from the request is
 * left out (not `undefined`, not `[]`). Key names are case-insensitive.
 */
export type RequestContext = Readonly<Record<string, ContextScalar | readonly ContextScalar[]>>;

export interface RequestPrincipal {
  /**
   * `arn:aws:iam::111122223333:role/name`, `arn:aws:sts::111122223333:assumed-role/name/session`,
   * `arn:aws:iam::111122223333:user/name`, or a service principal such as `ecs-tasks.amazonaws.com`.
   */
  readonly arn: string;
  /** The principal's account; read from the ARN when left out. */
  readonly account?: string;
  /** `Service` for a service principal; read from `arn` (no `arn:` prefix) when left out. */
  readonly type?: 'AWS' | 'Service';
}

export interface EvaluationRequest {
  readonly principal: RequestPrincipal;
  /** `service:Action`, case-insensitive: `ecr:BatchGetImage`. */
  readonly action: string;
  /** The resource ARN, or `*` for actions that take no resource (ecr:GetAuthorizationToken). */
  readonly resource: string;
  /**
   * The account that owns the resource. Defaults to the ARN's account field; for ARNs without one
   * (S3 buckets and objects) pass it, or the request is evaluated as a same-account request.
   */
  readonly resourceAccount?: string;
  readonly context?: RequestContext;
}

export interface PolicyInput {
  /** The caller's name for the policy, echoed in `decidedBy`. */
  readonly label: string;
  readonly kind: PolicyKind;
  /** A policy document, or the result of `compilePolicy` (compile once, evaluate many requests). */
  readonly document: WirePolicy | CompiledPolicy;
  /**
   * For `vpc-endpoint` policies: a gateway endpoint (S3, DynamoDB) reads an account principal as the
   * account's root user only; an interface endpoint as every principal of the account. Default
   * `interface`.
   */
  readonly endpointType?: 'interface' | 'gateway';
}

export interface DecidingStatement {
  readonly policy: string;
  readonly kind: PolicyKind;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
}

export interface EvaluationResult {
  readonly decision: Decision;
  /**
   * ExplicitDeny: every Deny statement that applies. Allow: every Allow statement that applies in
   * the policies the decision needed. ImplicitDeny: empty (see `missingAllow`).
   */
  readonly decidedBy: readonly DecidingStatement[];
  /** ImplicitDeny: the kinds of policy whose Allow was needed and missing; empty otherwise. */
  readonly missingAllow: readonly PolicyKind[];
  /** Whether the principal's and the resource's accounts are the same (decides how Allows combine). */
  readonly sameAccount: boolean;
}
