import { describe, expect, it } from 'vitest';
import { buildBm25 } from '../../src/core/bm25';
import { assessCoverage, COVERAGE_DEFAULTS, denseBandFor, termCoverage } from '../../src/core/coverage';
import type { ScoredChunk } from '../../src/core/types';

const texts = [
  '15 Offside\n15.2 At a Penalty, defenders must retire ten (10) metres from the Mark.',
  '4 Playing Uniform\n4.7 Players must not wear jewellery.',
  '14 Scoring\n14.1 A Try is worth one (1) point.',
  '13 The Rollball\n13.2 The Rollball is performed on the Mark.',
];
const bm25 = buildBm25(texts);
const result = (i: number, dense = NaN): ScoredChunk => ({
  chunk: { index: i, refs: [], sectionTitle: '', text: texts[i], pages: [1], tokenCount: 10 },
  score: 1,
  dense,
  bm25: 1,
});

describe('termCoverage', () => {
  it.each([
    ['How far must defenders retire at a penalty?', [0], 1, 1],
    ['Can a player wear jewellery?', [1], 1, 1],
    // "point" and "worth" are there, the rarer "drop" and "goal" are not.
    ['How many points is a drop goal worth?', [2], 0.2, 0.5],
    ['What colour card means a sin bin?', [0, 1, 2], 0, 0],
  ])('%s', (question, docs, min, max) => {
    const share = termCoverage(question, docs.map((d) => texts[d]), bm25);
    expect(share).toBeGreaterThanOrEqual(min);
    expect(share).toBeLessThanOrEqual(max);
  });

  it('wants the terms together in one text, not scattered', () => {
    const scattered = termCoverage('jewellery penalty', [texts[0], texts[1]], bm25);
    const together = termCoverage('jewellery penalty', ['Penalty for jewellery.'], bm25);
    expect(scattered).toBeLessThan(together);
  });
});

describe('assessCoverage', () => {
  it.each([
    // [question, results, options, covered]
    ['defenders retire at a penalty', [result(0)], {}, true],
    ['what colour card for a sin bin', [result(0), result(1)], {}, false],
    ['defenders retire at a penalty', [], {}, false],
    // The dense signal can carry a paraphrase whose words the rulebook does not use …
    ['how far back do defenders go when there is a tap', [result(0, 0.58)], { similarity: 'cosine' as const }, true],
    // … and sink a question whose words match but whose meaning does not.
    ['points for a drop goal', [result(2, 0.05)], { similarity: 'cosine' as const }, false],
  ])('%s → covered %s', (question, results, opts, covered) => {
    const coverage = assessCoverage(question, results, { bm25, ...opts });
    expect(coverage.covered).toBe(covered);
    expect(coverage.confidence).toBeGreaterThanOrEqual(0);
    expect(coverage.confidence).toBeLessThanOrEqual(1);
    expect(coverage.reason).not.toBe('');
  });

  it('follows the threshold setting', () => {
    const question = 'How many points is a drop goal worth?';
    const strict = assessCoverage(question, [result(2)], { bm25, thresholds: { minConfidence: 0.9 } });
    const lenient = assessCoverage(question, [result(2)], { bm25, thresholds: { minConfidence: 0.1 } });
    expect(strict.confidence).toBeCloseTo(lenient.confidence);
    expect([strict.covered, lenient.covered]).toEqual([false, true]);
  });

  it('picks a dense band per model and similarity', () => {
    expect(denseBandFor('Snowflake/snowflake-arctic-embed-xs', 'cosine')).toEqual({ floor: 0.2, ceiling: 0.45 });
    expect(denseBandFor('msmarco-distilbert-base-tas-b', 'dot')).toEqual({ floor: 85, ceiling: 98 });
    expect(denseBandFor('unknown-model', 'dot')).toBeUndefined();
    expect(denseBandFor('unknown-model', 'cosine')).toEqual(COVERAGE_DEFAULTS.defaultCosineBand);
  });

  it('ignores a dot product with no known band', () => {
    const coverage = assessCoverage('defenders retire penalty', [result(0, 123)], { bm25, similarity: 'dot', modelId: 'x' });
    expect(coverage.reason).toContain('no dense signal');
    expect(coverage.covered).toBe(true);
  });
});
