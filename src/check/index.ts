/**
 * `policygen check`: does every hop of the ECR image pull work, and is the access no wider than
 * that? The walk itself lives in src/pull, shared with lint's ECR rules; here it is offered with
 * specs (whose template src/render writes). Pure: templates and specs in, a report out.
 */
export * from '../pull';
export { checkSpec, specRepositoryPolicies } from './check-spec';
export { specCheckTemplate } from './spec-template';
