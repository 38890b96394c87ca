// Words by meaning: the rulebook's own words with the embedding model's vector for each, so a question word
// the rulebook does not use ("game", "bloke", "kit") reaches the rulebook words nearest in meaning ("match",
// "player", "uniform"). Built once per loaded index; the expansion is added to the question's terms, so the
// word search, the reranker and the coverage check all see it. Pure; any thread.

import type { QuestionAnalysis, WeightedTerm } from './question';
import { contentTerms, STOP_WORDS, tokenize } from './text';
import { dot, l2Normalize } from './vector';
import { vocabularyWords } from './vocabulary';

export interface WordNeighbours {
  words: string[];
  /** Unit vectors, one per word. */
  vectors: Float32Array[];
  /** For each unit, the indices (into `words`) of the words of its search text that have a vector. */
  unitWords: number[][];
}

export interface NeighbourTuning {
  /** Rulebook words at least this similar to a question word are added (0 or 1 turns the expansion off). */
  minSimilarity: number;
  /** At most this many rulebook words per question word. */
  perWord: number;
  /** Weight of an added word, times its similarity, relative to the question's own words. */
  weight: number;
  /** 1: only question words the rulebook never uses are expanded; 0: every content word. */
  unknownOnly: number;
}

/** The lexicon words worth a vector: plain words of three letters or more, not stop words. */
export function neighbourCandidates(words: Iterable<string>, isKnownWord?: (word: string) => boolean): string[] {
  return [...words].filter((w) => /^[a-z]{3,}$/.test(w) && !STOP_WORDS.has(w) && (isKnownWord?.(w) ?? true)).sort();
}

export function buildWordNeighbours(
  words: readonly string[],
  vectors: readonly Float32Array[],
  unitTexts: readonly string[] = [],
): WordNeighbours {
  const at = new Map(words.map((w, i) => [w, i]));
  const unitWords = unitTexts.map((text) => [...new Set(vocabularyWords(text).flatMap((w) => (at.has(w) ? [at.get(w)!] : [])))]);
  return { words: [...words], vectors: vectors.map((v) => l2Normalize(v)), unitWords };
}

/**
 * Word-level MaxSim: for each question word, its best similarity to any word of the unit, averaged with the
 * given weights (0 when the unit has no words with vectors).
 */
export function maxSim(questionVectors: readonly Float32Array[], weights: readonly number[], unit: number, neighbours: WordNeighbours): number {
  const ids = neighbours.unitWords[unit] ?? [];
  if (ids.length === 0 || questionVectors.length === 0) return 0;
  let total = 0;
  let sum = 0;
  questionVectors.forEach((q, i) => {
    let best = 0;
    for (const id of ids) best = Math.max(best, dot(q, neighbours.vectors[id]));
    sum += weights[i] * best;
    total += weights[i];
  });
  return total > 0 ? sum / total : 0;
}

/** The question words worth expanding: its content words after correction, each once, in order. */
export function expandableWords(q: QuestionAnalysis, isRulebookTerm?: (term: string) => boolean): string[] {
  const seen = new Set<string>();
  const explained = new Set(q.vocabulary.flatMap((hit) => tokenize(hit.say)));
  return q.corrected
    .split(/[^a-z]+/)
    .filter((w) => {
      if (w.length < 3 || STOP_WORDS.has(w) || seen.has(w)) return false;
      seen.add(w);
      const term = contentTerms(w)[0];
      return term !== undefined && !explained.has(term) && !isRulebookTerm?.(term);
    });
}

/**
 * Adds, for each question word (with its vector), the rulebook words nearest in meaning as weighted terms.
 * A word whose term the question already has is skipped; the best similarity wins when two words reach one term.
 */
export function expandWithNeighbours(
  q: QuestionAnalysis,
  words: readonly string[],
  vectors: readonly Float32Array[],
  neighbours: WordNeighbours,
  t: NeighbourTuning,
): QuestionAnalysis {
  if (t.minSimilarity <= 0 || t.minSimilarity >= 1 || t.perWord <= 0 || t.weight <= 0 || neighbours.words.length === 0) return q;
  const have = new Set(q.terms.map((term) => term.term));
  const added = new Map<string, WeightedTerm>();
  words.forEach((word, i) => {
    const query = vectors[i] ? l2Normalize(vectors[i]) : undefined;
    if (!query) return;
    const own = new Set(tokenize(word));
    const best: { term: string; sim: number }[] = [];
    neighbours.vectors.forEach((v, j) => {
      const sim = dot(query, v);
      if (sim < t.minSimilarity) return;
      const term = tokenize(neighbours.words[j])[0];
      if (!term || own.has(term) || have.has(term)) return;
      best.push({ term, sim });
    });
    best.sort((a, b) => b.sim - a.sim);
    const picked = new Set<string>();
    for (const { term, sim } of best) {
      if (picked.size >= t.perWord) break;
      if (picked.has(term)) continue;
      picked.add(term);
      const weight = t.weight * sim;
      if ((added.get(term)?.weight ?? 0) < weight) added.set(term, { term, weight, source: 'similar' });
    }
  });
  if (added.size === 0) return q;
  return { ...q, terms: [...q.terms, ...added.values()] };
}
