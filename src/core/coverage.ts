// Abstention: does the rulebook cover the question? Combines the best dense similarity (against a
// model-specific band) with the idf-weighted share of the question's topic terms found in the top
// chunks. Pure; runs in the rulebook worker and in Node.

import { inverseDocumentFrequency, type Bm25Index } from './bm25';
import { contentTerms, tokenize } from './text';
import type { ScoredChunk, Similarity } from './types';

/** Dense similarity at `floor` or below reads as unrelated, at `ceiling` or above as clearly related. */
export interface DenseBand {
  floor: number;
  ceiling: number;
}

export interface CoverageThresholds {
  /** Confidence (0..1) below which the answer is "not covered by this rulebook". */
  minConfidence: number;
  /** Share of the confidence given to the dense signal when a band is known; the rest is term coverage. */
  denseWeight: number;
  /** How many top results count for term coverage. */
  topChunks: number;
  /** Dense bands by model id fragment (lower case) and similarity; the first fragment found in the id wins. */
  denseBands: { match: string; similarity: Similarity; band: DenseBand }[];
  /** Band for cosine with a model not listed; dot products have no model-free scale, so no fallback. */
  defaultCosineBand: DenseBand;
}

/**
 * Every abstention threshold in one place, to be tuned on the evaluation set. The bands are starting
 * points from each model's usual score range (bge-small scores sit high, tas-b dot products near 80-100).
 * minConfidence 0.4: on the tuning half of the FIT question set it abstains as often as 0.5 did with about
 * half the false abstentions; no threshold there separated the two kinds of question cleanly.
 */
export const COVERAGE_DEFAULTS: CoverageThresholds = {
  minConfidence: 0.4,
  denseWeight: 0.5,
  topChunks: 3,
  denseBands: [
    { match: 'arctic-embed', similarity: 'cosine', band: { floor: 0.2, ceiling: 0.45 } },
    { match: 'bge-small', similarity: 'cosine', band: { floor: 0.55, ceiling: 0.75 } },
    { match: 'tas-b', similarity: 'cosine', band: { floor: 0.75, ceiling: 0.9 } },
    { match: 'tas-b', similarity: 'dot', band: { floor: 85, ceiling: 98 } },
  ],
  defaultCosineBand: { floor: 0.25, ceiling: 0.6 },
};

export interface Coverage {
  covered: boolean;
  /** 0..1; compared with minConfidence. */
  confidence: number;
  /** Plain account of the signals, for the evaluation screen and logs. */
  reason: string;
}

export interface CoverageOptions {
  similarity?: Similarity;
  modelId?: string;
  /** The index's BM25 statistics, for idf weights; without it every term weighs the same. */
  bm25?: Bm25Index;
  /** Overrides the model lookup. */
  dense?: DenseBand;
  thresholds?: Partial<CoverageThresholds>;
}

export function denseBandFor(modelId: string | undefined, similarity: Similarity, thresholds = COVERAGE_DEFAULTS): DenseBand | undefined {
  const id = (modelId ?? '').toLowerCase();
  const entry = thresholds.denseBands.find((e) => e.similarity === similarity && id.includes(e.match));
  if (entry) return entry.band;
  return similarity === 'cosine' ? thresholds.defaultCosineBand : undefined;
}

/**
 * Idf-weighted share (0..1) of the question's topic terms found together in one text, best text wins:
 * an answer holds the question's terms in one place, while scattered matches ("drop" in one clause,
 * "goal" in another) are how unrelated questions look.
 */
export function termCoverage(question: string, texts: readonly string[], bm25?: Bm25Index): number {
  const terms = contentTerms(question);
  if (terms.length === 0) return 0;
  const weights = terms.map((term) => (bm25 ? inverseDocumentFrequency(bm25, term) : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let best = 0;
  for (const text of texts) {
    const present = new Set(tokenize(text));
    const found = terms.reduce((sum, term, i) => sum + (present.has(term) ? weights[i] : 0), 0);
    best = Math.max(best, found / total);
  }
  return best;
}

export function assessCoverage(question: string, results: readonly ScoredChunk[], opts: CoverageOptions = {}): Coverage {
  const thresholds = { ...COVERAGE_DEFAULTS, ...opts.thresholds };
  if (results.length === 0) return { covered: false, confidence: 0, reason: 'nothing was retrieved' };
  const top = results.slice(0, thresholds.topChunks);
  const terms = termCoverage(question, top.map((r) => r.chunk.text), opts.bm25);
  const band = opts.dense ?? denseBandFor(opts.modelId, opts.similarity ?? 'cosine', thresholds);
  const bestDense = Math.max(...results.map((r) => (Number.isFinite(r.dense) ? r.dense : -Infinity)));
  const parts = [`terms ${(terms * 100).toFixed(0)}% found`];
  let confidence = terms;
  if (band && Number.isFinite(bestDense)) {
    const span = band.ceiling - band.floor;
    const dense = span > 0 ? clamp01((bestDense - band.floor) / span) : bestDense >= band.ceiling ? 1 : 0;
    confidence = thresholds.denseWeight * dense + (1 - thresholds.denseWeight) * terms;
    parts.push(`best similarity ${bestDense.toFixed(3)} in band ${band.floor}-${band.ceiling} (${(dense * 100).toFixed(0)}%)`);
  } else {
    parts.push('no dense signal');
  }
  const covered = confidence >= thresholds.minConfidence;
  parts.push(`confidence ${confidence.toFixed(2)} ${covered ? '>=' : '<'} ${thresholds.minConfidence}`);
  return { covered, confidence, reason: parts.join('; ') };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
