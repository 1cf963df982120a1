import type { DiffExample, PolicyDiff, StatementRef } from '../diff';
import { renderJson } from './json';

/** Whether examples name their caller: always for resource and endpoint policies, for identity policies only when callers vary. */
export const showsPrincipal = (diff: PolicyDiff): boolean => diff.policyType !== 'identity' || diff.universe.principals > 1;

const statement = (s: StatementRef) => ({
  statementIndex: s.statementIndex,
  ...(s.sid === undefined ? {} : { sid: s.sid }),
  effect: s.effect,
  ...(s.condition === undefined ? {} : { condition: s.condition }),
});

/** One example as `policygen diff --format json` prints it: the request's parts, then why each side decides as it does. */
function exampleJson(e: DiffExample, withPrincipal: boolean) {
  const { request } = e;
  return {
    action: request.action,
    resource: request.resource,
    ...(withPrincipal ? { principal: request.principal.arn } : {}),
    context: request.context ?? {},
    allowedBy: e.allowedBy.map(statement),
    deniedBy: { decision: e.deniedBy.decision, statements: e.deniedBy.statements.map(statement) },
  };
}

/**
 * `policygen diff --format json`:
 * `{"broader", "policyType", "added": [...], "removed": [...], "counts", "universe": {"requests", "capped", …}}`,
 * built key by key so the output keeps its shape whatever the library adds.
 */
export function renderDiffJson(diff: PolicyDiff): string {
  const withPrincipal = showsPrincipal(diff);
  const { universe } = diff;
  return renderJson({
    broader: diff.broader,
    policyType: diff.policyType,
    added: diff.added.map((e) => exampleJson(e, withPrincipal)),
    removed: diff.removed.map((e) => exampleJson(e, withPrincipal)),
    counts: { added: diff.counts.added, removed: diff.counts.removed },
    universe: {
      requests: universe.requests,
      capped: universe.capped,
      evaluated: universe.evaluated,
      limit: universe.limit,
      actions: universe.actions,
      principals: universe.principals,
      iamData: universe.iamData,
      placeholders: universe.placeholders,
    },
  });
}
