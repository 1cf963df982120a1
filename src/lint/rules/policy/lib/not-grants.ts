/**
 * Shared logic of the PASS_ROLE_* and CREATE_SLR_* rules that involve NotAction or NotResource
 * (Access Analyzer policy check reference): an Allow statement that grants the action while
 * NotResource or NotAction leaves the set of roles open.
 */
import type { JsonPath, RuleHit, StatementView, ValueAt } from '../../../types';
import { type GrantedAction, grantsAction, isOpenResource } from './star-grants';
import { conditionOn, hasWildcard, hit, NO_HITS } from './support';

export type NotGrantShape =
  /** Action names the action, NotResource: hit at NotResource. */
  | 'action-not-resource'
  /** A wildcard Action matches the action, NotResource: hit at each such action. */
  | 'star-action-not-resource'
  /** NotAction does not exclude the action, NotResource: hit at NotAction. */
  | 'not-action-not-resource'
  /** NotAction does not exclude the action, Resource open: hit at each open resource. */
  | 'not-action-star-resource';

/** True when a NotAction list leaves `action` allowed: none of its values matches it. */
const leavesIn = (notActions: readonly ValueAt[], action: string): boolean => !notActions.some((a) => grantsAction(a.value, action));

/** Where one statement has the shape, as values with paths; none when it does not. */
function placesOf(s: StatementView, granted: GrantedAction, shape: NotGrantShape): readonly { readonly path: JsonPath; readonly value: string }[] {
  if (s.effect !== 'Allow') return [];
  const notResource = s.raw['NotResource'] !== undefined;
  switch (shape) {
    case 'action-not-resource':
      if (!notResource || s.actions === undefined) return [];
      return s.actions.some((a) => !hasWildcard(a.value) && grantsAction(a.value, granted.action))
        ? [{ path: [...s.path, 'NotResource'], value: 'NotResource' }]
        : [];
    case 'star-action-not-resource':
      if (!notResource || s.actions === undefined) return [];
      return s.actions.filter((a) => hasWildcard(a.value) && grantsAction(a.value, granted.action));
    case 'not-action-not-resource':
      if (!notResource || s.notActions === undefined || !leavesIn(s.notActions, granted.action)) return [];
      return [{ path: [...s.path, 'NotAction'], value: 'NotAction' }];
    case 'not-action-star-resource':
      if (s.notActions === undefined || s.resources === undefined || !leavesIn(s.notActions, granted.action)) return [];
      return s.resources.filter((r) => isOpenResource(r.value, granted.probeResource));
  }
}

/** The hits of one NotAction/NotResource shape over a policy, worded by `message`. NO_HITS when there is none. */
export function notGrantHits(
  statements: readonly StatementView[],
  granted: GrantedAction,
  shape: NotGrantShape,
  message: (value: string) => string,
): readonly RuleHit[] {
  let hits: RuleHit[] | undefined;
  for (const s of statements) {
    if (s.effect !== 'Allow' || (s.raw['NotResource'] === undefined && s.raw['NotAction'] === undefined)) continue;
    const places = placesOf(s, granted, shape);
    if (places.length === 0 || conditionOn(s, granted.narrowingKey) !== undefined) continue;
    for (const p of places) (hits ??= []).push(hit(message(p.value), p.path, `${shape}::${p.value}`));
  }
  return hits ?? NO_HITS;
}
