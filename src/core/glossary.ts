// Defined terms link a question to the rules that use them: a question that describes a defined term
// ("sent from the field for the rest of the match") gains the term itself ("dismissal") as a search term,
// so the clauses that use the term are found too. Pure; any thread.

import type { ClauseIndex } from './clauses';
import type { QuestionAnalysis, QuestionTuning } from './question';
import { termShare } from './term-share';

export function linkGlossary(q: QuestionAnalysis, index: ClauseIndex, t: QuestionTuning): QuestionAnalysis {
  if (t.glossaryWeight <= 0) return q;
  const have = new Set(q.terms.map((x) => x.term));
  // Only the definition the question describes best: several weak links are how unrelated questions look.
  let best: { id: number; share: number } | undefined;
  for (let id = 0; id < index.units.length; id++) {
    const words = index.termWords[id];
    if (words.length === 0 || words.every((w) => have.has(w))) continue;
    // One shared word is how unrelated questions look ("play" is in "Field of Play"): ask for two.
    const shared = q.terms.filter((x) => index.ownTerms[id].has(x.term)).length;
    const share = termShare(q, index.ownTerms[id], index);
    if (shared < 2 || share < t.glossaryMinShare) continue;
    if (!best || share > best.share) best = { id, share };
  }
  const added = (best ? index.termWords[best.id] : [])
    .filter((term) => !have.has(term) && have.add(term))
    .map((term) => ({ term, weight: t.glossaryWeight, source: 'glossary' as const }));
  return added.length ? { ...q, terms: [...q.terms, ...added] } : q;
}
