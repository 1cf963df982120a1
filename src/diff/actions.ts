import { globMatch } from '../catalog/iam-catalog';
import type { IamCatalog } from '../catalog/types';
import { keysOfStatement } from './contexts';
import type { FreshValues } from './fresh';
import { patternTokens } from './patterns';
import type { DiffStatement } from './statements';
import { instanceOf } from './witness';

/** One action of the universe. */
export interface UniverseAction {
  /** `ecr:BatchGetImage`, spelled as iam-data spells it when it knows the action. */
  readonly name: string;
  /** Lower-case service prefix. */
  readonly service: string;
  /** The part after the colon. */
  readonly action: string;
  /** iam-data knows the action (and so its resource types). */
  readonly known: boolean;
  /**
   * 0: a document names it (literally or by a service wildcard such as `ecr:Batch*`); 1: only `*`,
   * a NotAction or the probe bring it in. Tier 0 is kept first when the universe is capped.
   */
  readonly tier: 0 | 1;
}

/**
 * One action of a service that neither document mentions, added when `*` or NotAction could reach
 * beyond the services they mention: the first of these whose service is not mentioned.
 */
const PROBE_ACTIONS: readonly (readonly [service: string, action: string])[] = [
  ['iam', 'PassRole'],
  ['sts', 'AssumeRole'],
  ['ec2', 'RunInstances'],
  ['dynamodb', 'GetItem'],
];

const WILDCARD = /[*?]/;
const ARN_SERVICE = /^arn:[^:]*:([^:*?$]+):/;

const prefixOf = (qualified: string): string | undefined => {
  const colon = qualified.indexOf(':');
  return colon > 0 ? qualified.slice(0, colon).toLowerCase() : undefined;
};

/**
 * Services the documents mention anywhere: action prefixes, the prefixes of condition keys and
 * policy variables, the service of Resource ARNs. Lower-case; iam-data may not know all of them.
 */
function mentionedServices(statements: readonly DiffStatement[]): Set<string> {
  const out = new Set<string>();
  const add = (service: string | undefined) => {
    if (service !== undefined && service !== '' && !WILDCARD.test(service)) out.add(service.toLowerCase());
  };
  for (const s of statements) {
    for (const a of s.actions.patterns) add(prefixOf(a));
    for (const key of keysOfStatement(s)) if (prefixOf(key) !== 'aws') add(prefixOf(key));
    for (const r of s.resources?.patterns ?? []) add(ARN_SERVICE.exec(r)?.[1]);
  }
  return out;
}

/**
 * The actions of the universe: each Action and NotAction pattern expanded through iam-data
 * (`ecr:Batch*` gives the real ecr actions); when a statement has `*` or NotAction, every action
 * of every mentioned service and one probe action. A pattern of a service iam-data does not know
 * stays as written (its wildcards filled).
 */
export function actionUniverse(statements: readonly DiffStatement[], iam: IamCatalog, fresh: FreshValues): UniverseAction[] {
  const mentioned = [...mentionedServices(statements)].filter((s) => iam.serviceExists(s)).sort();
  const found = new Map<string, UniverseAction>();
  const add = (service: string, action: string, known: boolean, tier: 0 | 1) => {
    const name = service === '' ? action : `${service}:${action}`;
    const key = name.toLowerCase();
    const previous = found.get(key);
    if (previous === undefined) {
      found.set(key, { name, service, action, known, tier });
      return;
    }
    // iam-data's spelling wins; of two spellings of an unknown action the smaller, so input order does not matter.
    const spelling = previous.known || (!known && previous.name <= name) ? previous : { name, service, action };
    found.set(key, { ...spelling, known: known || previous.known, tier: Math.min(tier, previous.tier) as 0 | 1 });
  };
  const addCatalog = (service: string, pattern: string, tier: 0 | 1) => {
    for (const action of iam.matchActions(service, pattern)) add(service, action, true, tier);
  };

  let wide = false;
  for (const s of statements) {
    if (s.actions.not) wide = true;
    for (const pattern of s.actions.patterns) {
      if (pattern === '*') {
        wide = true;
        continue;
      }
      const colon = pattern.indexOf(':');
      if (colon < 0) {
        add('', pattern, false, 0);
        continue;
      }
      const service = pattern.slice(0, colon).toLowerCase();
      const action = pattern.slice(colon + 1);
      if (WILDCARD.test(service)) {
        for (const m of mentioned) if (globMatch(service, m)) addCatalog(m, action, 0);
      } else if (iam.serviceExists(service)) {
        if (iam.matchActions(service, action).length > 0) addCatalog(service, action, 0);
        else if (!WILDCARD.test(action)) add(service, action, false, 0);
      } else {
        add(service, WILDCARD.test(action) ? instanceOf(patternTokens(action, { wildcards: true, variables: 'none', arn: false }, fresh)) : action, false, 0);
      }
    }
  }
  if (wide) {
    for (const service of mentioned) addCatalog(service, '*', 1);
    const probe = PROBE_ACTIONS.find(([service, action]) => !mentioned.includes(service) && iam.actionExists(service, action));
    if (probe !== undefined) add(probe[0], iam.matchActions(probe[0], probe[1])[0] ?? probe[1], true, 1);
  }
  return [...found.values()].sort((a, b) => a.tier - b.tier || compareLower(a.name, b.name));
}

const compareLower = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/** Whether a statement's Action or NotAction covers the action (names are case-insensitive). */
export function statementCoversAction(statement: DiffStatement, action: string): boolean {
  const lower = action.toLowerCase();
  const hit = statement.actions.patterns.some((p) => p === '*' || globMatch(p.toLowerCase(), lower));
  return hit !== statement.actions.not;
}
