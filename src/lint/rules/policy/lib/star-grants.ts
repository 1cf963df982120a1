/**
 * Shared logic of the PASS_ROLE_* and CREATE_SLR_* rules: which Allow statements grant one IAM action
 * on resources that a wildcard leaves open.
 */
import { globMatch } from '../../../iam-catalog';
import type { StatementView, ValueAt } from '../../../types';
import { conditionOn, hasWildcard } from './support';

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

export interface StarGrant {
  readonly literalActions: readonly ValueAt[];
  readonly wildcardActions: readonly ValueAt[];
  readonly openResources: readonly ValueAt[];
}

/** For an Allow statement with Action and Resource, the values that grant `action` and the open resources. */
export function starGrant(s: StatementView, action: string, probeResource: string, narrowingKey: string): StarGrant | undefined {
  if (s.effect !== 'Allow' || s.actions === undefined || s.resources === undefined) return undefined;
  // Four rules ask this of every Allow statement and nearly none grants the action: find that out
  // before anything is allocated. The order of the checks does not change the answer.
  const actions = s.actions;
  let granting: ValueAt[] | undefined;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i] as ValueAt;
    if (grantsAction(a.value, action)) (granting ??= []).push(a);
  }
  if (granting === undefined) return undefined;
  if (conditionOn(s, narrowingKey) !== undefined) return undefined;
  const openResources = s.resources.filter((r) => isOpenResource(r.value, probeResource));
  if (openResources.length === 0) return undefined;
  return {
    literalActions: granting.filter((a) => !hasWildcard(a.value)),
    wildcardActions: granting.filter((a) => hasWildcard(a.value)),
    openResources,
  };
}
