/** Statements this size or smaller compare pairs; larger ones use a set. */
const SMALL_LIST = 16;

/**
 * Indices of the values equal to an earlier value of the list, in order; undefined when there are
 * none (the common case, so nothing is allocated for it).
 */
export function repeatedIndices(values: readonly string[]): number[] | undefined {
  let out: number[] | undefined;
  const n = values.length;
  if (n <= SMALL_LIST) {
    for (let i = 1; i < n; i++) {
      const value = values[i];
      for (let j = 0; j < i; j++) {
        if (values[j] === value) {
          (out ??= []).push(i);
          break;
        }
      }
    }
    return out;
  }
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const value = values[i] as string;
    if (seen.has(value)) (out ??= []).push(i);
    else seen.add(value);
  }
  return out;
}
