// Defined terms link a question to the rules that use them: a question that describes a defined term
// ("sent from the field for the rest of the match") gains the term itself ("dismissal") as a search term,
// so the clauses that use the term are found too. Pure; any thread.

import type { ClauseIndex } from './clauses';
import type { QuestionAnalysis, QuestionTuning } from './question';
import { termShare } from './rerank';

export function linkGlossary(q: QuestionAnalysis, index: ClauseIndex, t: QuestionTuning): QuestionAnalysis {
  if (t.glossaryWeight <= 0) return q;
  const have = new Set(q.terms.map((x) => x.term));
  const added = [];
  for (let id = 0; id < index.units.length; id++) {
    const words = index.termWords[id];
    if (words.length === 0 || words.every((w) => have.has(w))) continue;
    // One shared word is how unrelated questions look ("play" is in "Field of Play"): ask for two.
    const shared = q.terms.filter((x) => index.ownTerms[id].has(x.term)).length;
    if (shared < 2 || termShare(q, index.ownTerms[id], index) < t.glossaryMinShare) continue;
    for (const term of words) {
      if (have.has(term)) continue;
      have.add(term);
      added.push({ term, weight: t.glossaryWeight, source: 'glossary' as const });
    }
  }
  return added.length ? { ...q, terms: [...q.terms, ...added] } : q;
}
