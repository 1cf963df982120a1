/**
 * The policy model the generators build with. Inside policygen every list is a readonly array;
 * the AWS wire shape (a string or a list) exists only in canonical output. Action and NotAction
 * (Resource/NotResource, Principal/NotPrincipal) are unions, so a statement mixing them does not
 * compile.
 */
export type Effect = 'Allow' | 'Deny';

export type PrincipalType = 'AWS' | 'CanonicalUser' | 'Federated' | 'Service';
export type PrincipalMap = { readonly [T in PrincipalType]?: readonly string[] };
export type Principal = '*' | PrincipalMap;

/** Operator -> condition key -> values (several values of one key are ORed, several keys ANDed). */
export type ConditionBlock = { readonly [operator: string]: { readonly [key: string]: readonly string[] } };

type ActionPart = { readonly Action: readonly string[]; readonly NotAction?: never } | { readonly NotAction: readonly string[]; readonly Action?: never };
type ResourcePart =
  | { readonly Resource: readonly string[]; readonly NotResource?: never }
  | { readonly NotResource: readonly string[]; readonly Resource?: never }
  | { readonly Resource?: never; readonly NotResource?: never };
type PrincipalPart =
  | { readonly Principal: Principal; readonly NotPrincipal?: never }
  | { readonly NotPrincipal: Principal; readonly Principal?: never }
  | { readonly Principal?: never; readonly NotPrincipal?: never };

export type Statement = {
  /** Purpose of the statement, turned into a content-derived Sid by canonicalizePolicy. */
  readonly Sid?: string;
  readonly Effect: Effect;
  readonly Condition?: ConditionBlock;
} & ActionPart &
  ResourcePart &
  PrincipalPart;

export interface Policy {
  readonly Statement: readonly Statement[];
}

/** One value or a list: the AWS wire shape of Action, Resource, principal and condition values. */
export type OneOrMany = string | string[];

/** A statement in canonical wire form: fixed key order, sorted and deduplicated values. */
export interface CanonicalStatement {
  Sid: string;
  Effect: Effect;
  Principal?: '*' | { [T in PrincipalType]?: OneOrMany };
  NotPrincipal?: '*' | { [T in PrincipalType]?: OneOrMany };
  Action?: OneOrMany;
  NotAction?: OneOrMany;
  Resource?: OneOrMany;
  NotResource?: OneOrMany;
  Condition?: { [operator: string]: { [key: string]: OneOrMany } };
}

/** A policy document in canonical wire form: what every generator returns. */
export interface PolicyDocument {
  Version: '2012-10-17';
  /** Never empty: IAM rejects a policy without statements. */
  Statement: [CanonicalStatement, ...CanonicalStatement[]];
}
