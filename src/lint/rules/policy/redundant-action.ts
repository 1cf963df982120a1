import { globMatch } from '../../../catalog/iam-catalog';
import type { IamCatalog, PolicyRule, RuleHit, StatementView, ValueAt } from '../../types';
import { repeatedIndices } from './lib/repeats';
import { hasWildcard, hit, showValue } from './lib/support';

interface ActionValue extends ValueAt {
  readonly index: number;
  readonly lower: string;
  readonly service: string;
  readonly name: string;
  /** `lower` up to its first * or ?: a value `b` matches by text must start with it. */
  readonly head: string;
  readonly wildcard: boolean;
  readonly question: boolean;
  readonly serviceWildcard: boolean;
  /** The actions a wildcard matches today, lower-cased; computed once per statement, on first need. */
  expansion?: ReadonlySet<string>;
}

// matchActions returns the same cached array for the same pattern: its lower-cased set is built once.
const setsOf = new WeakMap<readonly string[], ReadonlySet<string>>();
function expansion(iam: IamCatalog, v: ActionValue): ReadonlySet<string> {
  if (v.expansion !== undefined) return v.expansion;
  const names = iam.matchActions(v.service, v.name);
  let set = setsOf.get(names);
  if (set === undefined) {
    set = new Set(names.map((n) => n.toLowerCase()));
    setsOf.set(names, set);
  }
  v.expansion = set;
  return set;
}

function actionValue(a: ValueAt, index: number, lower: string): ActionValue {
  const colon = lower.indexOf(':');
  const service = colon < 0 ? lower : lower.slice(0, colon);
  let end = lower.length;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */) {
      end = i;
      break;
    }
  }
  return {
    value: a.value,
    path: a.path,
    index,
    lower,
    service,
    name: colon < 0 ? '' : lower.slice(colon + 1),
    head: lower.slice(0, end),
    wildcard: end < lower.length,
    question: lower.includes('?'),
    serviceWildcard: hasWildcard(service),
  };
}

const subset = (mine: ReadonlySet<string>, theirs: ReadonlySet<string>): boolean => {
  if (mine.size === 0 || mine.size > theirs.size) return false;
  for (const n of mine) if (!theirs.has(n)) return false;
  return true;
};

/**
 * Whether wildcard `b` matches every action `a` matches. Text inclusion is sound when b's only wildcard is
 * * (each of a's wildcards falls inside one of b's stars); otherwise compare the actions they match today.
 * Of two values that match the same actions, the later one is the redundant one.
 */
function covers(b: ActionValue, a: ActionValue, iam: IamCatalog): boolean {
  // The head check only skips glob matches that would fail: big read-only statements pair hundreds of values.
  if (!b.question && a.lower.startsWith(b.head) && globMatch(b.lower, a.lower)) return b.index < a.index || !globMatch(a.lower, b.lower);
  if (!a.wildcard) return false;
  if (a.service !== b.service || a.serviceWildcard) return false;
  const mine = expansion(iam, a);
  const theirs = expansion(iam, b);
  return subset(mine, theirs) && (theirs.size > mine.size || b.index < a.index);
}

/** The first wildcard of `list` other than `v` itself that covers `v`. */
function coveringIn(list: readonly ActionValue[] | undefined, v: ActionValue, iam: IamCatalog): ActionValue | undefined {
  if (list === undefined) return undefined;
  for (let k = 0; k < list.length; k++) {
    const b = list[k] as ActionValue;
    if (b.index !== v.index && b.lower !== v.lower && covers(b, v, iam)) return b;
  }
  return undefined;
}

export const redundantAction: PolicyRule<'REDUNDANT_ACTION'> = {
  kind: 'policy',
  meta: {
    code: 'REDUNDANT_ACTION',
    severity: 'suggestion',
    source: 'access-analyzer',
    offline: true,
    title: 'An action is already matched by another action of the statement',
    description:
      'An Action value is redundant when another value of the same statement matches every action it matches, e.g. ' +
      'iam:GetCredentialReport next to iam:Get* (Access Analyzer check REDUNDANT_ACTION, a suggestion). Wildcards are ' +
      'compared on the actions they match today; iam:*CredentialReport is not redundant with iam:Get*.',
    fix: 'Remove the redundant action, e.g. drop "iam:GetCredentialReport" when "iam:Get*" stays, or replace the wildcard by the actions you need.',
  },
  check(unit, { iam }) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const actions = (statements[si] as StatementView).actions;
      if (actions === undefined || actions.length < 2) continue;
      const lowers: string[] = [];
      let anyWildcard = false;
      for (let i = 0; i < actions.length; i++) {
        const lower = (actions[i] as ValueAt).value.toLowerCase();
        lowers.push(lower);
        if (!anyWildcard && hasWildcard(lower)) anyWildcard = true;
      }
      // Most statements list plain actions: only a value listed twice can be redundant there.
      if (!anyWildcard) {
        for (const i of repeatedIndices(lowers) ?? []) {
          const a = actions[i] as ValueAt;
          hits.push(hit(`the action ${showValue(a.value)} is redundant: it is listed twice`, a.path, `Action::${a.value}`));
        }
        continue;
      }
      // Only an equal value or a wildcard can cover a value. Objects are built only for wildcards and
      // for values of a service that has one.
      const firstIndex = new Map<string, number>();
      const wildcardAt: (ActionValue | undefined)[] = [];
      const byService = new Map<string, ActionValue[]>();
      const anyService: ActionValue[] = [];
      for (let index = 0; index < lowers.length; index++) {
        const lower = lowers[index] as string;
        if (!firstIndex.has(lower)) firstIndex.set(lower, index);
        if (!hasWildcard(lower)) continue;
        const w = actionValue(actions[index] as ValueAt, index, lower);
        wildcardAt[index] = w;
        if (w.serviceWildcard) anyService.push(w);
        else {
          const list = byService.get(w.service);
          if (list === undefined) byService.set(w.service, [w]);
          else list.push(w);
        }
      }
      for (let index = 0; index < lowers.length; index++) {
        const lower = lowers[index] as string;
        const a = actions[index] as ValueAt;
        const first = firstIndex.get(lower) as number;
        if (first < index) {
          hits.push(hit(`the action ${showValue(a.value)} is redundant: it is listed twice`, a.path, `Action::${a.value}`));
          continue;
        }
        const colon = lower.indexOf(':');
        const sameService = byService.get(colon < 0 ? lower : lower.slice(0, colon));
        if (sameService === undefined && anyService.length === 0) continue;
        const v = wildcardAt[index] ?? actionValue(a, index, lower);
        const by = coveringIn(sameService, v, iam) ?? coveringIn(anyService, v, iam);
        if (by !== undefined)
          hits.push(hit(`the action ${showValue(a.value)} is redundant: ${showValue(by.value)} already matches it`, a.path, `Action::${a.value}`));
      }
    }
    return hits;
  },
};
