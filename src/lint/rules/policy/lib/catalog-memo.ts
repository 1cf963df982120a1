import type { IamCatalog } from '../../../types';

/**
 * `answer`, remembered: it runs once per catalog and key text, later calls return what it gave.
 * The answers live as long as their catalog; `answer` must not return `undefined`.
 *
 * @example const keyStatus = memoizePerCatalog((iam, key) => classify(iam, key));
 */
export function memoizePerCatalog<T extends NonNullable<unknown>>(answer: (iam: IamCatalog, key: string) => T): (iam: IamCatalog, key: string) => T {
  const byCatalog = new WeakMap<IamCatalog, Map<string, T>>();
  let lastCatalog: IamCatalog | undefined;
  let lastAnswers: Map<string, T> | undefined;
  return (iam, key) => {
    // Rules call this for every value, nearly always with the catalog of the call before: remember
    // that catalog's map rather than look it up each time.
    let answers = iam === lastCatalog ? lastAnswers : byCatalog.get(iam);
    if (answers === undefined) {
      answers = new Map();
      byCatalog.set(iam, answers);
    }
    lastCatalog = iam;
    lastAnswers = answers;
    let found = answers.get(key);
    if (found === undefined) {
      found = answer(iam, key);
      answers.set(key, found);
    }
    return found;
  };
}
