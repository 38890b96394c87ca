// How much of a question a set of terms holds: each question term weighed by its idf and its own weight, terms
// the rulebook never uses weighed apart. Read by the reranker, the coverage check and the glossary links.
// Pure; any thread.

import { documentFrequency, inverseDocumentFrequency } from './bm25';
import type { ClauseIndex } from './clauses';
import type { QuestionAnalysis } from './question';
import { tokenize } from './text';

/**
 * Idf-weighted share (0..1) of the question's terms that a set of terms holds. Terms the rulebook never uses
 * weigh `unknownWeight` of their idf (0: left out), except the words a vocabulary mapping stood in for.
 */
export function termShare(q: QuestionAnalysis, terms: ReadonlySet<string>, index: ClauseIndex, unknownWeight = 0): number {
  return shareOf(termWeights(q, index, unknownWeight), terms);
}

/** Each question term's weight in a share (idf times its own weight), worked out once per question. */
export function termWeights(q: QuestionAnalysis, index: ClauseIndex, unknownWeight = 0): { term: string; weight: number }[] {
  const explained = unknownWeight > 0 ? new Set(q.vocabulary.flatMap((hit) => tokenize(hit.say))) : new Set<string>();
  const out: { term: string; weight: number }[] = [];
  for (const t of q.terms) {
    const known = documentFrequency(index.bm25, t.term) > 0;
    // Only the question's own words count against a rulebook that never uses them: a vocabulary or glossary
    // term this book lacks is a mapping that does not apply here, not a sign the question is off its topic.
    if (!known && (unknownWeight <= 0 || explained.has(t.term) || t.source !== 'question')) continue;
    out.push({ term: t.term, weight: t.weight * inverseDocumentFrequency(index.bm25, t.term) * (known ? 1 : unknownWeight) });
  }
  return out;
}

/** The share (0..1) of the weighted terms that a set of terms holds. */
export function shareOf(weights: readonly { term: string; weight: number }[], terms: ReadonlySet<string>): number {
  let total = 0;
  let found = 0;
  for (const t of weights) {
    total += t.weight;
    if (terms.has(t.term)) found += t.weight;
  }
  return total > 0 ? found / total : 0;
}
