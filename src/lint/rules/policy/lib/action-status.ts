import { type ActionStatus, hasActionConditionKeys } from '../../../iam-catalog';
import type { IamCatalog } from '../../../types';
import { hasWildcard } from './support';

export type { ActionStatus };

// The same values (s3:GetObject, logs:PutLogEvents, …) recur across statements and files: one answer
// per catalog and value text.
const cache = new WeakMap<IamCatalog, Map<string, ActionStatus>>();
let lastCatalog: IamCatalog | undefined;
let lastAnswers: Map<string, ActionStatus> | undefined;

export function actionStatus(iam: IamCatalog, value: string): ActionStatus {
  // Rules call this for every value: remember the last catalog's map rather than look it up each time.
  let answers = iam === lastCatalog ? lastAnswers : cache.get(iam);
  if (answers === undefined) {
    answers = new Map();
    cache.set(iam, answers);
  }
  lastCatalog = iam;
  lastAnswers = answers;
  let status = answers.get(value);
  if (status === undefined) {
    status = hasActionConditionKeys(iam) ? iam.actionValueStatus(value) : classifyActionValue(iam, value);
    answers.set(value, status);
  }
  return status;
}

/** The status of an Action value from the shared catalog contract; the iam-data catalog answers the same in one pass. */
export function classifyActionValue(iam: IamCatalog, value: string): ActionStatus {
  if (value === '*') return 'any';
  // splitAction's parts, without its object: this runs for every distinct action of a run.
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) return 'malformed';
  const service = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if (hasWildcard(service)) return 'service-pattern';
  if (!iam.serviceExists(service)) return 'unknown-service';
  if (hasWildcard(name)) return iam.matchActions(service, name).length > 0 ? 'known' : 'no-match';
  return iam.actionExists(service, name) ? 'known' : 'unknown-action';
}
