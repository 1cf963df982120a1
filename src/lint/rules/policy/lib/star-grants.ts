/**
 * Shared logic of the PASS_ROLE_* and CREATE_SLR_* rules: which Allow statements grant one IAM action
 * on resources that a wildcard leaves open.
 */
import { globMatch } from '../../../../catalog/iam-catalog';
import type { RuleHit, StatementView, ValueAt } from '../../../types';
import { conditionOn, hasWildcard, hit, NO_HITS } from './support';

// Four rules ask, for every Action value of every Allow statement, whether it grants one of two actions.
const grantCache = new Map<string, Map<string, boolean>>();

/** True when the Action value (any case, wildcards allowed) matches `action` (lower case `iam:passrole`). */
export function grantsAction(value: string, action: string): boolean {
  // Only `iam:…`, `*…` and `?…` can match an iam: action; most values are rejected on their first letter.
  const first = value.charCodeAt(0);
  if (first !== 105 /* i */ && first !== 73 /* I */ && first !== 42 /* * */ && first !== 63 /* ? */) return false;
  let answers = grantCache.get(action);
  if (answers === undefined) {
    answers = new Map();
    grantCache.set(action, answers);
  }
  let answer = answers.get(value);
  if (answer === undefined) {
    answer = globMatch(value.toLowerCase(), action);
    // Bounded: a long-running process linting many files must not grow this without limit.
    if (answers.size > 50_000) answers.clear();
    answers.set(value, answer);
  }
  return answer;
}

const ARN_FIELDS = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):/;

/**
 * True when a Resource value could match a resource of any name: `*`, or an IAM ARN pattern that matches
 * a made-up name (`probeResource`) in its own partition and account. `role/*` does; `role/ecs-*` and
 * `role/aws-service-role/ecs.amazonaws.com/*` do not, as Access Analyzer's reference says role-name
 * prefixes narrow the finding away.
 */
export function isOpenResource(resource: string, probeResource: string): boolean {
  if (resource === '*') return true;
  if (!hasWildcard(resource)) return false;
  const fields = ARN_FIELDS.exec(resource);
  const partition = fields && !hasWildcard(fields[1] ?? '') ? (fields[1] ?? 'aws') : 'aws';
  const account = fields && !hasWildcard(fields[4] ?? '') && fields[4] !== '' ? (fields[4] ?? '111122223333') : '111122223333';
  return globMatch(resource, `arn:${partition}:iam::${account}:${probeResource}`);
}

/** An IAM action that Access Analyzer reports when it is allowed on any resource of its kind. */
export interface GrantedAction {
  /** Lower case, as `grantsAction` compares it. */
  readonly action: string;
  /** A made-up resource of the action's kind, for `isOpenResource`. */
  readonly probeResource: string;
  /** A condition on this key names what the grant is for: Access Analyzer reports nothing then. */
  readonly narrowingKey: string;
}

export const PASS_ROLE: GrantedAction = { action: 'iam:passrole', probeResource: 'role/zq-policygen-probe-role', narrowingKey: 'iam:PassedToService' };

export const CREATE_SLR: GrantedAction = {
  action: 'iam:createservicelinkedrole',
  probeResource: 'role/aws-service-role/zq-policygen-probe.amazonaws.com/AWSServiceRoleForZqProbe',
  narrowingKey: 'iam:AWSServiceName',
};

export interface StarGrant {
  readonly literalActions: readonly ValueAt[];
  readonly wildcardActions: readonly ValueAt[];
  readonly openResources: readonly ValueAt[];
}

/** For an Allow statement with Action and Resource, the values that grant the action and the open resources. */
function starGrant(s: StatementView, granted: GrantedAction): StarGrant | undefined {
  if (s.effect !== 'Allow' || s.actions === undefined || s.resources === undefined) return undefined;
  // Four rules ask this of every Allow statement and nearly none grants the action: find that out
  // before anything is allocated. The order of the checks does not change the answer.
  const actions = s.actions;
  let granting: ValueAt[] | undefined;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i] as ValueAt;
    if (grantsAction(a.value, granted.action)) (granting ??= []).push(a);
  }
  if (granting === undefined) return undefined;
  if (conditionOn(s, granted.narrowingKey) !== undefined) return undefined;
  const openResources = s.resources.filter((r) => isOpenResource(r.value, granted.probeResource));
  if (openResources.length === 0) return undefined;
  return {
    literalActions: granting.filter((a) => !hasWildcard(a.value)),
    wildcardActions: granting.filter((a) => hasWildcard(a.value)),
    openResources,
  };
}

/**
 * The *_WITH_STAR_IN_RESOURCE hits: each open resource of a statement that allows the action by its
 * name, worded by `message`. NO_HITS when there is none.
 */
export function openResourceHits(statements: readonly StatementView[], granted: GrantedAction, message: (resource: string) => string): readonly RuleHit[] {
  let hits: RuleHit[] | undefined;
  for (let si = 0; si < statements.length; si++) {
    const grant = starGrant(statements[si] as StatementView, granted);
    if (grant === undefined || grant.literalActions.length === 0) continue;
    for (const r of grant.openResources) (hits ??= []).push(hit(message(r.value), r.path, `Resource::${r.value}`));
  }
  return hits ?? NO_HITS;
}

/**
 * The *_WITH_STAR_IN_ACTION_AND_RESOURCE hits: each wildcard action of a statement that allows the
 * action on an open resource, worded by `message`. NO_HITS when there is none.
 */
export function wildcardActionHits(
  statements: readonly StatementView[],
  granted: GrantedAction,
  message: (action: string, grant: StarGrant) => string,
): readonly RuleHit[] {
  let hits: RuleHit[] | undefined;
  for (let si = 0; si < statements.length; si++) {
    const grant = starGrant(statements[si] as StatementView, granted);
    if (grant === undefined) continue;
    for (const a of grant.wildcardActions) (hits ??= []).push(hit(message(a.value, grant), a.path, `Action::${a.value}`));
  }
  return hits ?? NO_HITS;
}
