/**
 * One request of a hop as hop-runner.ts prepares it and explain.ts explains it: apart from both so
 * that the explanation does not import the runner that calls it.
 */
import type { RequestContext } from '../simulate';
import type { Route } from './network';
import type { CheckPolicy } from './stack-facts';

/** Who makes a hop's request and which identity policies speak for them. */
export interface Caller {
  readonly arn: string;
  readonly account: string;
  readonly identity: readonly CheckPolicy[];
  readonly context: RequestContext;
}

/** One request of a hop, ready for the evaluator, with the policies on its path. */
export interface PreparedHop {
  readonly route: Route;
  readonly caller: Caller;
  readonly policies: readonly CheckPolicy[];
  readonly context: RequestContext;
  /** A pull from a repository of another account: evaluated across accounts (both sides must allow). */
  readonly crossAccount?: boolean;
  /** …whose repository policy the input does not hold: a stand-in that allows is among `policies`. */
  readonly repositoryPolicyAssumed?: boolean;
}
