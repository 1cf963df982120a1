import type { JsonPath } from '../template/types';
import type { CheckPolicy } from './stack-facts';
import type { CheckWarning } from './types';

/**
 * Where a least-privilege warning's grant is written (issue 10 §1): the resource that holds the
 * statement, and the path to it in the template. The role's own inline policy, an AWS::IAM::Policy
 * or customer managed policy attached to it, the role's ManagedPolicyArns entry for an AWS managed
 * policy, or the endpoint (its policy, or the missing one). Kept beside the report, as
 * network-problems.ts keeps its problems: lint's BROADER_* rules report at it, the check's JSON keeps
 * its shape.
 */
export interface Grantor {
  readonly resource: string;
  readonly path: JsonPath;
}

const grantors = new WeakMap<CheckWarning, readonly Grantor[]>();

export function recordGrantors(warning: CheckWarning, found: readonly Grantor[]): CheckWarning {
  if (found.length > 0) grantors.set(warning, found);
  return warning;
}

/** The resources whose statements grant what a warning of a report the walk returned is about; empty when the walk does not know. */
export const grantorsOf = (warning: CheckWarning): readonly Grantor[] => grantors.get(warning) ?? [];

/** Where statement `index` of `policy` stands in the template: the statement of a template policy, the ARN entry of an AWS managed one. */
export function grantorOf(policy: CheckPolicy, index: number): Grantor | undefined {
  const at = policy.at;
  if (at === undefined) return undefined;
  if (!at.document) return { resource: at.resource, path: at.path };
  return { resource: at.resource, path: Array.isArray(policy.document.Statement) ? [...at.path, 'Statement', index] : [...at.path, 'Statement'] };
}
