import type { ActionStatus, IamCatalog, RuleHit, StatementView, ValueAt } from '../../../types';
import { memoizePerCatalog } from './catalog-memo';
import { NO_HITS } from './support';

/**
 * What the catalog says about an Action or NotAction value (any case, wildcards allowed). The same
 * values (s3:GetObject, logs:PutLogEvents, …) recur across statements and files: one answer per
 * catalog and value text.
 */
export const actionStatus = memoizePerCatalog((iam, value): ActionStatus => iam.actionValueStatus(value));

/** The statuses of Action values that name no action. */
export type InvalidActionStatus = Exclude<ActionStatus, 'any' | 'known' | 'service-pattern'>;

/**
 * The hits of a rule on Action and NotAction values that name no action: `hitOf` is called for each
 * such value, in the order of the policy, and only for those. NO_HITS when it finds nothing.
 * INVALID_ACTION and INVALID_SERVICE_IN_ACTION report different statuses.
 */
export function invalidActionHits(
  statements: readonly StatementView[],
  iam: IamCatalog,
  hitOf: (action: ValueAt, status: InvalidActionStatus) => RuleHit | undefined,
): readonly RuleHit[] {
  let hits: RuleHit[] | undefined;
  // Indexed loops: this runs over every action of every policy, mostly before the code is warm.
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i] as StatementView;
    for (let e = 0; e < 2; e++) {
      const element = e === 0 ? s.actions : s.notActions;
      if (element === undefined) continue;
      for (let j = 0; j < element.length; j++) {
        const a = element[j] as ValueAt;
        const status = actionStatus(iam, a.value);
        if (status === 'known' || status === 'any' || status === 'service-pattern') continue;
        const found = hitOf(a, status);
        if (found !== undefined) (hits ??= []).push(found);
      }
    }
  }
  return hits ?? NO_HITS;
}
