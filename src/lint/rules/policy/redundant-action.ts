import { globMatch } from '../../iam-catalog';
import type { IamCatalog, PolicyRule, RuleHit, ValueAt } from '../../types';
import { hasWildcard, hit, showValue } from './lib/support';

interface ActionValue extends ValueAt {
  readonly index: number;
  readonly lower: string;
  readonly service: string;
  readonly name: string;
}

// matchActions returns the same cached array for the same pattern: its lower-cased set is built once.
const setsOf = new WeakMap<readonly string[], ReadonlySet<string>>();
function expansion(iam: IamCatalog, v: ActionValue): ReadonlySet<string> {
  const names = iam.matchActions(v.service, v.name);
  let set = setsOf.get(names);
  if (set === undefined) {
    set = new Set(names.map((n) => n.toLowerCase()));
    setsOf.set(names, set);
  }
  return set;
}

function actionValue(a: ValueAt, index: number, lower: string): ActionValue {
  const colon = lower.indexOf(':');
  return { value: a.value, path: a.path, index, lower, service: colon < 0 ? lower : lower.slice(0, colon), name: colon < 0 ? '' : lower.slice(colon + 1) };
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
  if (!b.lower.includes('?') && globMatch(b.lower, a.lower)) return b.index < a.index || !globMatch(a.lower, b.lower);
  if (!hasWildcard(a.lower)) return false;
  if (a.service !== b.service || hasWildcard(a.service)) return false;
  const mine = expansion(iam, a);
  const theirs = expansion(iam, b);
  return subset(mine, theirs) && (theirs.size > mine.size || b.index < a.index);
}

export const redundantAction: PolicyRule<'REDUNDANT_ACTION'> = {
  kind: 'policy',
  meta: {
    code: 'REDUNDANT_ACTION',
    severity: 'suggestion',
    title: 'An action is already matched by another action of the statement',
    description:
      'An Action value is redundant when another value of the same statement matches every action it matches, e.g. ' +
      'iam:GetCredentialReport next to iam:Get* (Access Analyzer check REDUNDANT_ACTION, a suggestion). Wildcards are ' +
      'compared on the actions they match today; iam:*CredentialReport is not redundant with iam:Get*.',
    fix: 'Remove the redundant action, e.g. drop "iam:GetCredentialReport" when "iam:Get*" stays, or replace the wildcard by the actions you need.',
  },
  check(unit, { iam }) {
    const hits: RuleHit[] = [];
    for (const s of unit.view.statements) {
      const actions = s.actions;
      if (actions === undefined || actions.length < 2) continue;
      const lowers = actions.map((a) => a.value.toLowerCase());
      // Only an equal value or a wildcard can cover a value. Objects are built only for wildcards and
      // for values of a service that has one: most statements list plain actions.
      const firstIndex = new Map<string, number>();
      const wildcards: ActionValue[] = [];
      lowers.forEach((lower, index) => {
        if (!firstIndex.has(lower)) firstIndex.set(lower, index);
        if (hasWildcard(lower)) wildcards.push(actionValue(actions[index] as ValueAt, index, lower));
      });
      const byService = new Map<string, ActionValue[]>();
      const anyService: ActionValue[] = [];
      for (const w of wildcards) {
        if (hasWildcard(w.service)) anyService.push(w);
        else {
          const list = byService.get(w.service);
          if (list === undefined) byService.set(w.service, [w]);
          else list.push(w);
        }
      }
      lowers.forEach((lower, index) => {
        const a = actions[index] as ValueAt;
        const first = firstIndex.get(lower) as number;
        if (first < index) {
          hits.push(hit(`the action ${showValue(a.value)} is redundant: it is listed twice`, a.path, `Action::${a.value}`));
          return;
        }
        const colon = lower.indexOf(':');
        const sameService = byService.get(colon < 0 ? lower : lower.slice(0, colon));
        if (sameService === undefined && anyService.length === 0) return;
        const v = wildcards.find((w) => w.index === index) ?? actionValue(a, index, lower);
        const covering = (list: readonly ActionValue[] | undefined) => list?.find((b) => b.index !== index && b.lower !== lower && covers(b, v, iam));
        const by = covering(sameService) ?? covering(anyService);
        if (by !== undefined) hits.push(hit(`the action ${showValue(a.value)} is redundant: ${showValue(by.value)} already matches it`, a.path, `Action::${a.value}`));
      });
    }
    return hits;
  },
};
