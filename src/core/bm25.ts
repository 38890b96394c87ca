// Okapi BM25 over chunk texts: an index built once as plain data (cacheable, JSON-safe) and scored per query.
// Pure; runs in the rulebook worker and in Node.

import { tokenize } from './text';

export interface Bm25Settings {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b: number;
}

/** Robertson's usual values; short rule clauses gain little from changing them. */
export const DEFAULT_BM25: Bm25Settings = { k1: 1.2, b: 0.75 };

export interface Bm25Index {
  version: 1;
  settings: Bm25Settings;
  docCount: number;
  avgDocLength: number;
  docLengths: number[];
  /** term → flat [doc, termFrequency, doc, termFrequency, ...], docs ascending. */
  postings: Record<string, number[]>;
}

export function buildBm25(texts: readonly string[], settings: Bm25Settings = DEFAULT_BM25): Bm25Index {
  const postings: Record<string, number[]> = Object.create(null);
  const docLengths: number[] = [];
  texts.forEach((text, doc) => {
    const terms = tokenize(text);
    docLengths.push(terms.length);
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) (postings[term] ??= []).push(doc, count);
  });
  const total = docLengths.reduce((a, b) => a + b, 0);
  return {
    version: 1,
    settings: { ...settings },
    docCount: texts.length,
    avgDocLength: texts.length ? total / texts.length : 0,
    docLengths,
    postings: { ...postings },
  };
}

/** Number of documents holding the term (already tokenised). */
export function documentFrequency(index: Bm25Index, term: string): number {
  return Object.hasOwn(index.postings, term) ? index.postings[term].length / 2 : 0;
}

/** BM25's idf, always positive; a term absent from the index gets the highest value. */
export function inverseDocumentFrequency(index: Bm25Index, term: string): number {
  const df = documentFrequency(index, term);
  return Math.log(1 + (index.docCount - df + 0.5) / (df + 0.5));
}

/** One score per document; each distinct query term counts once. */
export function scoreBm25(index: Bm25Index, query: string): Float32Array {
  return scoreBm25Terms(index, [...new Set(tokenize(query))].map((term) => ({ term, weight: 1 })));
}

/** One score per document for weighted, already tokenised terms (each listed once). */
export function scoreBm25Terms(index: Bm25Index, terms: readonly { term: string; weight: number }[]): Float32Array {
  const scores = new Float32Array(index.docCount);
  const { k1, b } = index.settings;
  const avg = index.avgDocLength || 1;
  for (const { term, weight } of terms) {
    if (!Object.hasOwn(index.postings, term) || weight <= 0) continue;
    const list = index.postings[term];
    const idf = inverseDocumentFrequency(index, term) * weight;
    for (let i = 0; i < list.length; i += 2) {
      const doc = list[i];
      const tf = list[i + 1];
      const norm = k1 * (1 - b + (b * index.docLengths[doc]) / avg);
      scores[doc] += (idf * tf * (k1 + 1)) / (tf + norm);
    }
  }
  return scores;
}
