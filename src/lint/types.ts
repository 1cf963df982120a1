/**
 * The linter's model: what inputs become (policy units, a stack model), what rules return (hits),
 * and what users get (findings). Rules never read files or throw for bad input: a problem is data.
 */
import type { IamCatalog } from '../catalog/types';
import type { JsonPath, PolicyType, PolicyUnit, StackModel } from '../template/types';

/** Access Analyzer's four finding types, lower-cased (docs/aws-facts.md §8). `error`: invalid or will not work as written. */
export type Severity = 'error' | 'security_warning' | 'warning' | 'suggestion';
export const SEVERITIES: readonly Severity[] = ['error', 'security_warning', 'warning', 'suggestion'];
/** Higher is more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { suggestion: 0, warning: 1, security_warning: 2, error: 3 };

export type { ActionStatus, IamCatalog } from '../catalog/types';
export type * from '../template/types';
export { ENDPOINT_POLICY_TYPES, POLICY_TYPES, RESOURCE_TYPES } from '../template/types';

/** What a rule reports; the engine adds file, position, severity and resource. */
export interface RuleHit {
  readonly message: string;
  /** Relative to the policy document for policy rules; absolute in the file for stack rules. */
  readonly path: JsonPath;
  /** Overrides the rule's resource (stack rules name the resource they concern). */
  readonly resource?: string;
  /** A narrower id for suppression, cdk-nag style: `Action::ecr:*`. */
  readonly detail?: string;
}

export type RuleSource = 'access-analyzer' | 'policygen';

export interface RuleMeta<Code extends string = string> {
  readonly code: Code;
  readonly severity: Severity;
  /** `access-analyzer` when the code and its meaning are IAM Access Analyzer's (policy validation check reference); `policygen` for ours. */
  readonly source: RuleSource;
  /** False when the check needs what only AWS knows at run time (the account, the organization, live resources), so offline it can only say "unknown". */
  readonly offline: boolean;
  /** One line, for tables and SARIF shortDescription. */
  readonly title: string;
  /** What the rule checks and why, with its source (docs/aws-facts.md section, Access Analyzer reference). */
  readonly description: string;
  /** How to fix a finding, with an example. */
  readonly fix: string;
}

export interface PolicyRuleContext {
  readonly iam: IamCatalog;
}

export interface PolicyRule<Code extends string = string> {
  readonly kind: 'policy';
  readonly meta: RuleMeta<Code>;
  /** Policy types the rule applies to; all when absent. */
  readonly appliesTo?: readonly PolicyType[];
  check(unit: PolicyUnit, context: PolicyRuleContext): readonly RuleHit[];
}

export interface StackRule<Code extends string = string> {
  readonly kind: 'stack';
  readonly meta: RuleMeta<Code>;
  check(stack: StackModel): readonly RuleHit[];
}

export type Rule<Code extends string = string> = PolicyRule<Code> | StackRule<Code>;

/** What users get, one per problem. */
export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path: JsonPath;
  readonly resource?: string;
}
