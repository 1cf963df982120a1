// Two rows reused by every call: a "did you mean" runs against every action of a service (700 for ec2).
let previousRow: number[] = [];
let currentRow: number[] = [];

/** Edit distance with an early exit above `max` (Levenshtein, case-insensitive callers lower-case first). */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) {
      previousRow = previous;
      currentRow = current;
      return max + 1;
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  previousRow = previous;
  currentRow = current;
  return previous[b.length] as number;
}

/** The candidate closest to `word` within a third of its length (at most 3 edits), for "did you mean" hints. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const max = Math.min(3, Math.max(1, Math.floor(lower.length / 3)));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase(), max);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
