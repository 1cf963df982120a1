/**
 * The evaluator: request + policies -> decision with the statements that decided it. Pure: no I/O.
 * What it models and what it does not: src/simulate/README.md.
 */
export { evaluate } from './evaluate';
export { compilePolicy, isCompiledPolicy, type CompiledPolicy } from './compile';
export type {
  ContextScalar,
  Decision,
  DecidingStatement,
  EvaluationRequest,
  EvaluationResult,
  PolicyInput,
  PolicyKind,
  RequestContext,
  RequestPrincipal,
} from './types';
