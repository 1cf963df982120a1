/**
 * The rules as data, for `policygen rules` and the generated rules table: one entry per code, in
 * registry order (engine codes first), with the policy types each applies to.
 */
import { ENGINE_METAS, RULES } from './rules';
import { POLICY_TYPES, type PolicyType, type Rule, type RuleSource, type Severity } from './types';

export interface RuleListEntry {
  readonly code: string;
  readonly severity: Severity;
  readonly title: string;
  /** From the rule's `appliesTo`; every policy type when the rule does not restrict it. */
  readonly policyTypes: readonly PolicyType[];
  readonly source: RuleSource;
  readonly offline: boolean;
}

/** Every code policygen can report. */
export function listRules(rules: readonly Rule[] = RULES): RuleListEntry[] {
  const entry = (meta: Rule['meta'], appliesTo?: readonly PolicyType[]): RuleListEntry => ({
    code: meta.code,
    severity: meta.severity,
    title: meta.title,
    // In POLICY_TYPES order whatever order the rule wrote them in: the output is stable.
    policyTypes: appliesTo === undefined ? POLICY_TYPES : POLICY_TYPES.filter((t) => appliesTo.includes(t)),
    source: meta.source,
    offline: meta.offline,
  });
  return [...ENGINE_METAS.map((m) => entry(m)), ...rules.map((r) => entry(r.meta, r.kind === 'policy' ? r.appliesTo : undefined))];
}
