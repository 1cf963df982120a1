import { loadIamCatalog } from '../catalog/iam-catalog';
import type { IamCatalog } from '../catalog/types';
import { PolicygenInputError } from '../model/errors';
import type { WirePolicy } from '../normalize/canonicalize';
import { compilePolicy, evaluate, type EvaluationRequest, type EvaluationResult } from '../simulate';
import { actionUniverse, statementCoversAction, type UniverseAction } from './actions';
import { checkComparison } from './check-input';
import { ConditionOracle, contextKeys, contextsFor, keysOfStatement, RESOURCE_ACCOUNT_KEY, toRequestContext, type Context, type ContextKey } from './contexts';
import { freshValues, type FreshValues } from './fresh';
import { applicabilityInputs, DIFF_POLICY_LABEL, diffEvaluationInputs } from './inputs';
import { isPrincipalKey, principalContext, principalUniverse, type UniversePrincipal } from './principals';
import { ResourceCandidates } from './resources';
import { readStatements, type DiffStatement } from './statements';
import { checkArgs, fieldsArg, integerArg, objectArg, oneOfArg } from '../model/validate-args';
import {
  DIFF_MAX_EXAMPLES,
  DIFF_MAX_REQUESTS,
  DIFF_POLICY_TYPES,
  type DiffExample,
  type DiffOptions,
  type DiffPolicyType,
  type PolicyDiff,
  type StatementRef,
} from './types';

/**
 * Does NEW allow any request that OLD denies? Both documents are evaluated, with the evaluator of
 * src/simulate, on a finite universe of requests built from them (src/diff/README.md): their actions
 * expanded through iam-data, resources their patterns cover plus one per resource type that neither
 * names, the principals they name plus one from another account, and condition contexts from their
 * values plus one fresh value per key, and absent keys.
 *
 * Pure but for reading iam-data (the package's own data, once per process). Invalid documents throw
 * `PolicygenInputError` with every problem, each field naming `oldPolicy` or `newPolicy`.
 *
 * @example
 * const diff = await diffPolicies(before, after);
 * if (diff.broader) for (const e of diff.added) console.log(e.request.action, e.request.resource);
 */
export async function diffPolicies(oldPolicy: WirePolicy, newPolicy: WirePolicy, options: DiffOptions = {}): Promise<PolicyDiff> {
  checkDiffOptions(options);
  return comparePolicies(oldPolicy, newPolicy, loadIamCatalog(), options);
}

function checkDiffOptions(options: unknown): void {
  checkArgs(
    objectArg(options, 'options'),
    fieldsArg(options, {
      policyType: (v, f) => oneOfArg(v, f, DIFF_POLICY_TYPES, true),
      maxRequests: (v, f) => integerArg(v, f, 1, Number.MAX_SAFE_INTEGER, true),
      maxExamples: (v, f) => integerArg(v, f, 0, Number.MAX_SAFE_INTEGER, true),
    }),
  );
}

function checkedPolicyType(oldPolicy: unknown, newPolicy: unknown, policyType: DiffPolicyType | undefined): DiffPolicyType {
  const checked = checkComparison(oldPolicy, newPolicy, policyType);
  if ('policyType' in checked) return checked.policyType;
  throw new PolicygenInputError(
    checked.problems.map(({ side, problem: { path: _path, ...issue } }) => ({
      ...issue,
      field: side === undefined ? issue.field : `${side}Policy${issue.field.startsWith('the policy document') ? '' : `.${issue.field}`}`,
    })),
  );
}

/** One action, resource and caller: the request before its condition context. */
interface Triple {
  readonly action: UniverseAction;
  readonly request: EvaluationRequest;
  /** Statement indices that apply whatever the context (see applicabilityInputs), per document. */
  readonly oldApplies: readonly number[];
  readonly newApplies: readonly number[];
  readonly keys: readonly ContextKey[];
  readonly applicable: readonly DiffStatement[];
}

/** The statements that apply to a triple whatever the context, and what follows from them. */
interface ApplicableGroup {
  readonly applicable: readonly DiffStatement[];
  readonly keys: readonly ContextKey[];
  readonly same: boolean;
  readonly resourceVariables: boolean;
}

/** The differences found on one triple: how many contexts each way, and the plainest one each way. */
interface Outcome {
  readonly added: number;
  readonly removed: number;
  readonly bestAdded?: Found;
  readonly bestRemoved?: Found;
}

/** Which side allowed and which denied a request, and the context's number of present keys. */
interface Found {
  readonly request: EvaluationRequest;
  readonly allowing: EvaluationResult;
  readonly denying: EvaluationResult;
  /** The denying document's statements that apply whatever the context (for ImplicitDeny: the near misses). */
  readonly denyingApplies: readonly number[];
  readonly present: number;
  /** The context as text: ties between contexts with as many keys go to the smaller, whatever the order they were tried in. */
  readonly id: string;
}

/**
 * `diffPolicies` with the iam-data catalog given: synchronous, no I/O.
 */
export function comparePolicies(oldPolicy: WirePolicy, newPolicy: WirePolicy, iam: IamCatalog, options: DiffOptions = {}): PolicyDiff {
  checkDiffOptions(options);
  const policyType = checkedPolicyType(oldPolicy, newPolicy, options.policyType);
  const limit = options.maxRequests ?? DIFF_MAX_REQUESTS;
  const maxExamples = options.maxExamples ?? DIFF_MAX_EXAMPLES;
  const oldStatements = readStatements(oldPolicy, 'old');
  const newStatements = readStatements(newPolicy, 'new');
  const all = [...oldStatements, ...newStatements];
  const fresh = freshValues([oldPolicy, newPolicy]);
  const actions = actionUniverse(all, iam, fresh);
  const principals = principalUniverse(all, policyType, fresh);
  const keys = contextKeys(all, iam, fresh);
  const statementKeys = new Map(all.map((s) => [s.id, keysOfStatement(s)]));
  const principalKeys = new Set([...statementKeys.values()].flat().filter(isPrincipalKey));
  const resourceAccountKey = keys.get(RESOURCE_ACCOUNT_KEY);

  const oldInputs = diffEvaluationInputs(compilePolicy(oldPolicy), policyType);
  const newInputs = diffEvaluationInputs(compilePolicy(newPolicy), policyType);
  const applicability = applicabilityInputs(oldPolicy, newPolicy, policyType);
  const oracle = new ConditionOracle();
  // When aws:ResourceAccount is read, resources also live in the accounts it names and in one that
  // is not the fresh caller's (conditions compare it with the caller's account).
  const resources = new ResourceCandidates(iam, fresh, resourceAccountKey === undefined ? [] : [fresh.ownerAccount, ...accountsIn(resourceAccountKey)]);
  const contextCache = new Map<string, Context[]>();
  const contextsOf = (t: Triple, mode: 'standard' | 'bases'): Context[] => {
    const id = `${mode}|${t.keys.map((k) => k.lower).join(',')}|${t.applicable.map((s) => s.id).join(',')}`;
    let contexts = contextCache.get(id);
    if (contexts === undefined) contextCache.set(id, (contexts = contextsFor(t.keys, t.applicable, mode, oracle)));
    return contexts;
  };

  /**
   * What follows from the statements that apply to a triple: the context keys they read (less
   * aws:ResourceAccount when the resource ARN gives it), and whether both documents have the same
   * ones (then they decide alike in every context).
   */
  const groups = new Map<string, ApplicableGroup>();
  const groupOf = (oldApplies: readonly number[], newApplies: readonly number[], derivedResourceAccount: boolean): ApplicableGroup => {
    const id = `${oldApplies.join(',')}|${newApplies.join(',')}|${derivedResourceAccount}`;
    let group = groups.get(id);
    if (group === undefined) {
      const applicable = [...oldApplies.map((i) => oldStatements[i]!), ...newApplies.map((i) => newStatements[i]!)];
      const read = new Set(applicable.flatMap((st) => statementKeys.get(st.id)!));
      group = {
        applicable,
        keys: [...keys.values()]
          .filter((k) => read.has(k.lower) && !(derivedResourceAccount && k.lower === RESOURCE_ACCOUNT_KEY))
          .sort((a, b) => (a.lower < b.lower ? -1 : 1)),
        same: sameContent(oldApplies, oldStatements, newApplies, newStatements),
        resourceVariables: applicable.some((st) => st.resourceVariables),
      };
      groups.set(id, group);
    }
    return group;
  };

  let evaluated = 0;
  let requests = 0;
  let capped = false;
  let addedCount = 0;
  let removedCount = 0;
  const added: Found[] = [];
  const removed: Found[] = [];

  /** Evaluates a triple in each context; keeps the plainest context each way. */
  const compare = (triple: Triple, contexts: readonly Context[]): Outcome => {
    const outcome: { added: number; removed: number; bestAdded?: Found; bestRemoved?: Found } = { added: 0, removed: 0 };
    for (const context of contexts) {
      const request: EvaluationRequest = { ...triple.request, context: { ...triple.request.context, ...toRequestContext(triple.keys, context) } };
      const o = evaluate(request, oldInputs);
      const n = evaluate(request, newInputs);
      if ((o.decision === 'Allow') === (n.decision === 'Allow')) continue;
      const present = context.filter((v) => v !== undefined).length;
      const id = JSON.stringify(context);
      if (n.decision === 'Allow') {
        outcome.added++;
        if (better(present, id, outcome.bestAdded)) outcome.bestAdded = { request, allowing: n, denying: o, denyingApplies: triple.oldApplies, present, id };
      } else {
        outcome.removed++;
        if (better(present, id, outcome.bestRemoved))
          outcome.bestRemoved = { request, allowing: o, denying: n, denyingApplies: triple.newApplies, present, id };
      }
    }
    return outcome;
  };
  /**
   * Outcomes by what decides them: the statements that apply, the context keys that follow from the
   * caller and the resource, and the contexts tried. Conditions read nothing else, so a triple with
   * the same ones (ecr:PutImage and ecr:TagResource under one `ecr:*` statement) is decided alike,
   * without evaluating again; the resource joins the key when a Resource pattern has a policy
   * variable, whose match depends on the context.
   */
  const outcomes = new Map<string, Outcome>();
  const record = (triple: Triple, outcome: Outcome): void => {
    addedCount += outcome.added;
    removedCount += outcome.removed;
    // A shared outcome was found on another triple: its context, on this triple's request.
    const on = (f: Found): Found => ({ ...f, request: { ...triple.request, context: f.request.context } });
    if (outcome.bestAdded) added.push(on(outcome.bestAdded));
    if (outcome.bestRemoved) removed.push(on(outcome.bestRemoved));
  };

  // For each action, resource and caller: first, which statements apply whatever the context (one
  // evaluation). When both documents have the same ones (same content), they decide alike in every
  // context; otherwise each context is tried, or only the base contexts when the budget runs short.
  // Actions come in tier order, so a capped universe keeps the actions the documents name.
  universe: for (const action of actions) {
    const covering = all.filter((s) => statementCoversAction(s, action.name));
    for (const resource of resources.for(action, covering)) {
      for (const principal of principals) {
        if (evaluated >= limit) {
          capped = true;
          break universe;
        }
        evaluated++;
        const request = baseRequest(policyType, action.name, resource, principal, fresh, principalKeys, resourceAccountKey);
        const applies = evaluate(request, applicability);
        const oldApplies = statementIndices(applies, 'old');
        const newApplies = statementIndices(applies, 'new');
        const group = groupOf(oldApplies, newApplies, request.context?.[resourceAccountKey?.name ?? ''] !== undefined);
        const triple: Triple = { action, request, oldApplies, newApplies, keys: group.keys, applicable: group.applicable };
        if (group.same) {
          requests += contextsOf(triple, 'standard').length;
          continue;
        }
        const outcomeId = (mode: string) =>
          [mode, oldApplies.join(','), newApplies.join(','), JSON.stringify(request.context), group.resourceVariables ? resource : ''].join('|');
        let contexts = contextsOf(triple, 'standard');
        let id = outcomeId('standard');
        let outcome = outcomes.get(id);
        if (outcome === undefined && evaluated + contexts.length > limit) {
          capped = true;
          contexts = contextsOf(triple, 'bases');
          id = outcomeId('bases');
          outcome = outcomes.get(id);
          if (outcome === undefined && evaluated + contexts.length > limit) break universe;
        }
        if (outcome === undefined) {
          evaluated += contexts.length;
          outcomes.set(id, (outcome = compare(triple, contexts)));
        }
        requests += contexts.length;
        record(triple, outcome);
      }
    }
  }

  const example = (found: Found, allowing: readonly DiffStatement[], denying: readonly DiffStatement[]): DiffExample => ({
    request: found.request,
    allowedBy: statementIndices(found.allowing).map((i) => statementRef(allowing[i]!, false)),
    deniedBy:
      found.denying.decision === 'ExplicitDeny'
        ? { decision: 'ExplicitDeny', statements: statementIndices(found.denying).map((i) => statementRef(denying[i]!, false)) }
        : {
            decision: 'ImplicitDeny',
            statements: found.denyingApplies.filter((i) => denying[i]!.effect === 'Allow').map((i) => statementRef(denying[i]!, true)),
          },
  });
  const examples = (found: readonly Found[], allowing: readonly DiffStatement[], denying: readonly DiffStatement[]) =>
    found
      .map((f) => [sortKey(f.request), f] as const)
      .sort(([a], [b]) => compareKeys(a, b))
      .slice(0, maxExamples)
      .map(([, f]) => example(f, allowing, denying));

  return {
    broader: addedCount > 0,
    policyType,
    added: examples(added, newStatements, oldStatements),
    removed: examples(removed, oldStatements, newStatements),
    counts: { added: addedCount, removed: removedCount },
    universe: {
      requests,
      evaluated,
      capped,
      limit,
      actions: actions.length,
      principals: principals.length,
      // The catalog's own version: the installed iam-data (a caret range) or an --iam-data folder's.
      iamData: iam.dataVersion,
      placeholders: { name: fresh.fill, account: fresh.account, region: fresh.region },
    },
  };
}

/** The 12-digit accounts among a key's values. */
const accountsIn = (key: ContextKey): string[] => [...new Set(key.candidates.flat().filter((v) => /^\d{12}$/.test(v)))].sort();

/** The plainest context wins: fewest keys present, then the smaller text. */
const better = (present: number, id: string, best: Found | undefined): boolean =>
  best === undefined || present < best.present || (present === best.present && id < best.id);

/** The compared document's statements in a decision. */
const statementIndices = (result: EvaluationResult, label = DIFF_POLICY_LABEL): number[] =>
  [...new Set(result.decidedBy.filter((d) => d.policy === label).map((d) => d.statementIndex))].sort((a, b) => a - b);

function sameContent(a: readonly number[], aStatements: readonly DiffStatement[], b: readonly number[], bStatements: readonly DiffStatement[]): boolean {
  const left = new Set(a.map((i) => aStatements[i]!.content));
  const right = new Set(b.map((i) => bStatements[i]!.content));
  return left.size === right.size && [...left].every((c) => right.has(c));
}

function statementRef(s: DiffStatement, withCondition: boolean): StatementRef {
  const sid = typeof s.raw.Sid === 'string' ? s.raw.Sid : undefined;
  const condition = withCondition ? (s.raw.Condition as StatementRef['condition']) : undefined;
  return { statementIndex: s.index, ...(sid === undefined ? {} : { sid }), effect: s.effect, ...(condition === undefined ? {} : { condition }) };
}

const ARN_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;

/**
 * The request of one action, resource and caller (see diffEvaluationInputs for the accounts), with
 * the context keys that follow from them: the caller's (PRINCIPAL_KEYS) and aws:ResourceAccount
 * when the resource ARN names an account, each only when a document reads it.
 */
function baseRequest(
  policyType: DiffPolicyType,
  action: string,
  resource: string,
  p: UniversePrincipal,
  fresh: FreshValues,
  principalKeys: ReadonlySet<string>,
  resourceAccountKey: ContextKey | undefined,
): EvaluationRequest {
  const context: Record<string, string> = {};
  for (const [key, value] of Object.entries(principalContext(p))) if (principalKeys.has(key.toLowerCase())) context[key] = value;
  const arnAccount = ARN_ACCOUNT.exec(resource)?.[1];
  if (resourceAccountKey !== undefined && arnAccount !== undefined) context[resourceAccountKey.name] = arnAccount;
  const resourceAccount = policyType === 'resource' ? fresh.ownerAccount : (p.account ?? fresh.account);
  return { principal: p.principal, action, resource, resourceAccount, context };
}

/** Examples sort by action (case-insensitively), resource, caller and context. */
const sortKey = (r: EvaluationRequest): readonly string[] => [r.action.toLowerCase(), r.resource, r.principal.arn, JSON.stringify(r.context ?? {})];

function compareKeys(x: readonly string[], y: readonly string[]): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}
