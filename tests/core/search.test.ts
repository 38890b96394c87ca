import { describe, expect, it } from 'vitest';
import { buildBm25 } from '../../src/core/bm25';
import { DEFAULT_FUSION, searchChunks, type SearchInput } from '../../src/core/search';
import type { Chunk, RetrievalMode, SearchSettings, Similarity } from '../../src/core/types';

function chunk(index: number, text: string): Chunk {
  return { index, refs: [`${index + 1}.1`], spans: [{ unit: index, start: 0, end: text.length }], sectionTitle: 'S', text, pages: [1], tokenCount: 5 };
}
const chunks = [
  chunk(0, 'The ball is oval and inflated.'),
  chunk(1, 'Defenders retire seven metres at the Rollball.'),
  chunk(2, 'A Try is worth one point.'),
];
// Dims 2; row 2 is long (dot favours it), row 0 points exactly along the query (cosine favours it).
const vectors = Float32Array.from([1, 0, 0, 1, 3, 3]);
const input: SearchInput = { chunks, vectors, dims: 2, bm25: buildBm25(chunks.map((c) => c.text)) };
const settings = (retrieval: RetrievalMode, similarity: Similarity = 'cosine', topK = 3): SearchSettings => ({ retrieval, similarity, topK });
const ids = (results: { chunk: Chunk }[]): number[] => results.map((r) => r.chunk.index);

describe('searchChunks', () => {
  it.each([
    ['dense cosine', settings('dense', 'cosine'), [0, 2, 1]],
    ['dense dot', settings('dense', 'dot'), [2, 0, 1]],
    ['bm25 keeps only matches', settings('bm25'), [1]],
    ['topK limits', settings('dense', 'dot', 1), [2]],
  ])('%s', (_name, s, expected) => {
    const results = searchChunks(input, { text: 'rollball metres', vector: Float32Array.from([1, 0]) }, s);
    expect(ids(results)).toEqual(expected);
  });

  it('fuses dense and BM25 in hybrid mode and reports both scores', () => {
    const results = searchChunks(input, { text: 'try point', vector: Float32Array.from([1, 0.1]) }, settings('hybrid', 'cosine'));
    // Chunk 2 is second for dense and first for BM25; chunk 0 is first for dense only.
    expect(ids(results)).toEqual([2, 0, 1]);
    expect(results[0].bm25).toBeGreaterThan(0);
    expect(results[0].dense).toBeCloseTo((3 + 0.3) / (Math.hypot(3, 3) * Math.hypot(1, 0.1)));
    expect(results[0].score).toBeCloseTo(1 / (DEFAULT_FUSION.rrfK + 1) + 1 / (DEFAULT_FUSION.rrfK + 2));
  });

  it('falls back to BM25 for hybrid without a vector, with dense NaN', () => {
    const results = searchChunks(input, { text: 'oval ball' }, settings('hybrid'));
    expect(ids(results)).toEqual([0]);
    expect(results[0].dense).toBeNaN();
  });

  it.each([
    ['dense without a vector', { text: 'x' }, settings('dense'), input],
    ['wrong vector size', { text: 'x', vector: Float32Array.from([1, 2, 3]) }, settings('dense'), input],
    ['vectors not matching chunks', { text: 'x' }, settings('bm25'), { ...input, vectors: new Float32Array(4) }],
  ])('rejects %s', (_name, query, s, data) => {
    expect(() => searchChunks(data, query, s)).toThrow();
  });

  it('returns nothing for an empty index', () => {
    expect(searchChunks({ chunks: [], vectors: new Float32Array(0), dims: 2, bm25: buildBm25([]) }, { text: 'x' }, settings('bm25'))).toEqual([]);
  });
});
