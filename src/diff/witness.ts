/**
 * Concrete strings for wildcard patterns: "a repository that `repository/app*` covers", "a log
 * stream ARN that `log-group:/ecs/app:*` covers". A pattern is a list of tokens; a witness of two
 * patterns is one string both match (`*` any run, `?` one character), found by a depth-first walk
 * of the pair automaton: at most (|a| + 1) × (|b| + 1) states, each visited once.
 */

export type Token =
  | { readonly kind: 'char'; readonly c: string }
  /**
   * `*`. `fill` is what the walk writes where it must stand for something; `colons` says whether it
   * may stand for a `:` (not within one of an ARN's first five segments, which IAM matches one by one);
   * `nonEmpty`, that it stands for one character at least (a `${RepositoryName}` of an ARN format).
   */
  | { readonly kind: 'star'; readonly fill: string; readonly colons: boolean; readonly nonEmpty?: boolean }
  /** `?`, written as `fill` (one character) where it must stand for something. */
  | { readonly kind: 'one'; readonly fill: string; readonly colons: boolean };

/** A pattern's plain instance: each `*` and `?` replaced by its fill. */
export function instanceOf(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.kind === 'char' ? t.c : t.fill)).join('');
}

type Move = readonly [di: 0 | 1, dj: 0 | 1, text: string];
type Wild = Extract<Token, { kind: 'star' | 'one' }>;

/** Whether a wildcard may stand for the character. */
const takes = (w: Wild, c: string): boolean => c !== ':' || w.colons;

/**
 * Moves from a pair of tokens, best first. Where both patterns have a wildcard, the walk writes
 * `b`'s fill (b is the resource type's ARN format: its `${Region}` fill is a Region); where one
 * side is literal, the other side's `*` first tries to stand for nothing, so literal text lines up
 * with literal text (`log-group:/ecs/app:*` against `log-group:${LogGroupName}:log-stream:${LogStreamName}`
 * gives `log-group:/ecs/app:log-stream:fresh`, not a group named `/ecs/app:fresh`).
 */
function moves(a: Token | undefined, b: Token | undefined): readonly Move[] {
  if (a?.kind === 'star') {
    if (b?.kind === 'star')
      return [
        [1, 1, b.fill],
        [0, 1, b.fill],
        [1, 0, b.fill],
        [1, 0, ''],
        [0, 1, ''],
      ];
    if (b?.kind === 'char')
      return takes(a, b.c)
        ? [
            [1, 0, ''],
            [0, 1, b.c],
          ]
        : [[1, 0, '']];
    if (b?.kind === 'one')
      return [
        [1, 0, ''],
        [0, 1, b.fill],
      ];
    return [[1, 0, '']];
  }
  if (b?.kind === 'star') {
    if (a === undefined) return [[0, 1, '']];
    const c = a.kind === 'char' ? a.c : a.fill;
    return takes(b, c)
      ? [
          [0, 1, ''],
          [1, 0, c],
        ]
      : [[0, 1, '']];
  }
  if (a === undefined || b === undefined) return [];
  if (a.kind === 'char') return (b.kind === 'one' && takes(b, a.c)) || (b.kind === 'char' && b.c === a.c) ? [[1, 1, a.c]] : [];
  if (b.kind === 'char') return takes(a, b.c) ? [[1, 1, b.c]] : [];
  return [[1, 1, b.fill]];
}

/** A string both patterns match, or undefined when they share none. */
export function witnessOf(a: readonly Token[], b: readonly Token[]): string | undefined {
  // A state is (i, j, k): positions in a and b, and k = 1 once b[j] (a `*`) has stood for something.
  const width = b.length + 1;
  const stateOf = (i: number, j: number, k: number) => (i * width + j) * 2 + k;
  const goals = [stateOf(a.length, b.length, 0), stateOf(a.length, b.length, 1)];
  const size = (a.length + 1) * width * 2;
  const visited = new Uint8Array(size);
  const parent = new Int32Array(size);
  const written: string[] = [];
  const stack: [state: number, from: number, text: string][] = [[0, -1, '']];
  while (stack.length > 0) {
    const [state, from, text] = stack.pop()!;
    if (visited[state] === 1) continue;
    visited[state] = 1;
    parent[state] = from;
    written[state] = text;
    if (goals.includes(state)) {
      const parts: string[] = [];
      for (let s = state; s >= 0; s = parent[s]!) parts.push(written[s]!);
      return parts.reverse().join('');
    }
    const k = state % 2;
    const i = Math.floor(state / 2 / width);
    const j = Math.floor(state / 2) % width;
    const bj = b[j];
    const next = moves(a[i], bj);
    // Last pushed, first explored: push the preferred moves last.
    for (let m = next.length - 1; m >= 0; m--) {
      const [di, dj, t] = next[m]!;
      const bStar = bj?.kind === 'star';
      if (dj === 1 && bStar && bj.nonEmpty === true && k === 0 && t === '') continue;
      const to = stateOf(i + di, j + dj, dj === 1 ? 0 : bStar && t !== '' ? 1 : k);
      if (visited[to] === 0) stack.push([to, state, t]);
    }
  }
  return undefined;
}
