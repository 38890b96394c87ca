// Twin clauses: two sibling clauses that state nearly the same rule, one of them for a narrower case ("11.2
// … over an opposition player and regain Possession" beside "11.1 … propel the ball in a Forward direction").
// For a question that names nothing of the narrower case, that one is the narrower twin (rerank.twinFactor).
// Pure; any thread.

import { inverseDocumentFrequency } from './bm25';
import type { ClauseIndex } from './clauses';

/**
 * Of each pair of candidate sibling clauses (same parent and section) whose statements (rulings left out) share
 * at least `overlap` of their terms (Jaccard), the narrower for this question: the one whose own extra terms
 * (held by it, not its twin) the question touches less, by idf; when it touches both sides' extras equally, the
 * one whose untouched extras weigh more — the special case beside the general rule.
 */
export function narrowerTwins(ids: readonly number[], asked: ReadonlySet<string>, index: ClauseIndex, overlap: number): Set<number> {
  const out = new Set<number>();
  const clauses = ids.filter((id) => index.units[id].kind === 'clause');
  const idf = (term: string) => inverseDocumentFrequency(index.bm25, term);
  for (let i = 0; i < clauses.length; i++) {
    const a = index.statedTerms[clauses[i]];
    for (let j = i + 1; j < clauses.length; j++) {
      if (index.parent[clauses[i]] !== index.parent[clauses[j]] || index.units[clauses[i]].sectionTitle !== index.units[clauses[j]].sectionTitle) continue;
      const b = index.statedTerms[clauses[j]];
      let shared = 0;
      for (const term of a) if (b.has(term)) shared++;
      if (shared / (a.size + b.size - shared) < overlap) continue;
      const [touchedA, restA] = extraWeight(a, b, asked, idf);
      const [touchedB, restB] = extraWeight(b, a, asked, idf);
      if (touchedA < touchedB || (touchedA === touchedB && restA > restB)) out.add(clauses[i]);
      else if (touchedB < touchedA || (touchedA === touchedB && restB > restA)) out.add(clauses[j]);
    }
  }
  return out;
}

/** The idf weight of the terms `a` holds and `b` lacks: [those the question asks, the rest]. */
function extraWeight(a: ReadonlySet<string>, b: ReadonlySet<string>, asked: ReadonlySet<string>, idf: (term: string) => number): [number, number] {
  let touched = 0;
  let rest = 0;
  for (const term of a) {
    if (b.has(term)) continue;
    if (asked.has(term)) touched += idf(term);
    else rest += idf(term);
  }
  return [touched, rest];
}
