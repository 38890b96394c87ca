// Reciprocal rank fusion: several ranked lists of ids in, one ranking out. Pure; any thread.

/** Cormack, Clarke & Buettcher (SIGIR 2009): k = 60 damps the head of each list; works across score scales. */
export const RRF_K = 60;

export interface FusedItem {
  id: number;
  score: number;
}

/**
 * Each list holds ids best first; an id at 0-based rank r in list j adds weights[j] / (k + r + 1).
 * Ties keep the order in which ids were first met (earlier lists first).
 */
export function fuseRankings(
  lists: readonly (readonly number[])[],
  options: { k?: number; weights?: readonly number[] } = {},
): FusedItem[] {
  const k = options.k ?? RRF_K;
  const scores = new Map<number, number>();
  lists.forEach((list, j) => {
    const weight = options.weights?.[j] ?? 1;
    list.forEach((id, rank) => {
      scores.set(id, (scores.get(id) ?? 0) + weight / (k + rank + 1));
    });
  });
  const order = [...scores.keys()];
  const firstSeen = new Map(order.map((id, i) => [id, i]));
  return order
    .map((id) => ({ id, score: scores.get(id)! }))
    .sort((a, b) => b.score - a.score || firstSeen.get(a.id)! - firstSeen.get(b.id)!);
}
