import { describe, expect, it } from 'vitest';
import { buildBm25 } from '../../src/core/bm25';
import { assessCoverage, COVERAGE_DEFAULTS, denseBandFor, questionFocus, termCoverage } from '../../src/core/coverage';
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

describe('questionFocus', () => {
  it.each([
    ['What colour shirt does the referee have to wear?', 'colour', false],
    ['Which team restarts play?', undefined, false],
    ['What time does the final start?', 'time', false],
    ['What happens if the half is touched?', undefined, false],
    ['How many touches does a team get?', undefined, true],
    ['How far back do defenders go?', undefined, true],
    ['Can a player wear jewellery?', undefined, false],
  ])('%s', (question, answerType, wantsNumber) => {
    expect(questionFocus(question)).toEqual({ answerType, wantsNumber });
  });
});

describe('assessCoverage on single clauses', () => {
  // One chunk holding two clauses of one section, as structured chunking packs them.
  const packed: ScoredChunk = {
    chunk: {
      index: 0,
      refs: ['4.6', '4.7'],
      sectionTitle: 'Playing Uniform',
      sectionNumber: '4',
      text: '4 Playing Uniform\n4.6 Players must wear numbered shirts.\n4.7 The Referee may inspect boots before the match.',
      pages: [1],
      tokenCount: 20,
    },
    score: 1,
    dense: NaN,
    bm25: 1,
  };
  const packedBm25 = buildBm25([packed.chunk.text, ...texts]);

  it('judges the best clause, not the whole chunk', () => {
    const together = assessCoverage('must players wear shirts', [packed], { bm25: packedBm25 });
    const scattered = assessCoverage('referee shirts', [packed], { bm25: packedBm25 });
    expect(together.confidence).toBeGreaterThan(scattered.confidence);
    expect(together.reason).toContain('in 4.6');
  });

  it('abstains when the question asks for something the rulebook never names', () => {
    const coverage = assessCoverage('What colour shirts must players wear?', [packed], { bm25: packedBm25 });
    expect(coverage.covered).toBe(false);
    expect(coverage.confidence).toBe(0);
    expect(coverage.reason).toContain('never mentions');
  });

  it('doubts a clause that lacks the asked-for word the rulebook uses elsewhere', () => {
    // "penalty" is in the index (clause 15.2) but not in the uniform clauses.
    const plain = assessCoverage('must players wear shirts at a penalty', [packed], { bm25: packedBm25 });
    const asked = assessCoverage('what penalty shirts must players wear', [packed], { bm25: packedBm25 });
    expect(asked.confidence).toBeCloseTo(plain.confidence * COVERAGE_DEFAULTS.missingFocusFactor);
    expect(asked.reason).toContain('not in the best clause');
  });

  it('doubts a "how many" answer when no top clause states a number', () => {
    const withNumber = assessCoverage('how many points is a try worth', [result(2)], { bm25 });
    const without = assessCoverage('how many players wear shirts', [packed], { bm25: packedBm25 });
    expect(withNumber.reason).not.toContain('asks for a number');
    expect(without.reason).toContain('asks for a number');
    const plain = assessCoverage('players wear shirts', [packed], { bm25: packedBm25 });
    expect(without.confidence).toBeCloseTo(plain.confidence * COVERAGE_DEFAULTS.noNumberFactor);
  });

  it('weighs words the rulebook never uses by unknownTermWeight', () => {
    const question = 'must players wear shirts on the pitch';
    const light = assessCoverage(question, [packed], { bm25: packedBm25, thresholds: { unknownTermWeight: 0.2 } });
    const full = assessCoverage(question, [packed], { bm25: packedBm25, thresholds: { unknownTermWeight: 1 } });
    expect(light.confidence).toBeGreaterThan(full.confidence);
    expect(full.confidence).toBeGreaterThan(0);
  });
});
