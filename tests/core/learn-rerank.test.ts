import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from '../../src/core/answer-tuning';
import { featureVector, learnWeights, listwiseLoss, pairwiseLoss, RERANK_FEATURES, type RankingGroup } from '../../src/core/learn-rerank';
import type { ClauseFeatures, RankedClause } from '../../src/core/rerank';

/** Questions where the first signal picks the right clause and the second is noise that prefers a wrong one. */
function groups(count: number): RankingGroup[] {
  return Array.from({ length: count }, (_, q) => ({
    features: [
      [1, 0.2 + (q % 3) * 0.1],
      [0.3, 0.9],
      [0.1, 0.5],
    ],
    relevant: [true, false, false],
  }));
}

const options = { l2: 0, iterations: 500, learningRate: 1, start: [0.5, 0.5] };

describe('learnWeights', () => {
  it.each(['listwise', 'pairwise'] as const)('%s: moves weight to the signal that ranks the right clause first', (loss) => {
    const data = groups(6);
    const learned = learnWeights(data, { ...options, loss, temperature: 2 });
    expect(learned[0]).toBeGreaterThan(options.start[0]);
    expect(learned[1]).toBeLessThan(options.start[1]);
    expect(listwiseLoss(data, learned, 2)).toBeLessThan(listwiseLoss(data, options.start, 2));
    expect(pairwiseLoss(data, learned)).toBeLessThan(pairwiseLoss(data, options.start));
    // Every right clause now leads its question.
    for (const g of data) {
      const scores = g.features.map((x) => x[0] * learned[0] + x[1] * learned[1]);
      expect(scores.indexOf(Math.max(...scores))).toBe(0);
    }
  });

  it('keeps weights at or above zero when asked, and near the start under a strong penalty', () => {
    const learned = learnWeights(groups(6), { ...options, nonNegative: true, temperature: 2 });
    expect(learned.every((w) => w >= 0)).toBe(true);
    expect(learned[1]).toBe(0);
    const held = learnWeights(groups(6), { ...options, l2: 1000, learningRate: 0.0001, temperature: 2 });
    expect(held[0]).toBeCloseTo(0.5, 2);
    expect(held[1]).toBeCloseTo(0.5, 2);
  });

  it('ignores questions with no right clause or only right ones, and is deterministic', () => {
    const extra: RankingGroup[] = [
      { features: [[0, 1]], relevant: [false] },
      { features: [[0, 1]], relevant: [true] },
    ];
    const a = learnWeights(groups(6), { ...options, temperature: 2 });
    expect(learnWeights([...groups(6), ...extra], { ...options, temperature: 2 })).toEqual(a);
    expect(learnWeights(groups(6), { ...options, temperature: 2 })).toEqual(a);
  });
});

describe('featureVector', () => {
  const features: ClauseFeatures = {
    bm25: 0.8,
    share: 0.5,
    firstStage: 1,
    dense: 0.25,
    maxSim: 0.4,
    statesNumber: true,
    statesQuantity: false,
    hasRuling: true,
    definesSubject: false,
    namesTerm: false,
    ownShare: 0.3,
    firstClause: true,
    statesTime: false,
    statesPermission: true,
    titleShare: 0.6,
    said: 0.2,
    restatesParent: false,
    unmetCondition: false,
    narrowerTwin: false,
    intentConflict: false,
    tellsSituation: false,
    numberContext: 0,
  };
  const clause = (kind: RankedClause['kind'], f: Partial<ClauseFeatures> = {}) =>
    ({ kind, features: { ...features, ...f } }) as RankedClause;
  const t = DEFAULT_TUNING.rerank;

  it('gives the signals in the order of RERANK_FEATURES, so weights · vector is the score before factors', () => {
    expect(RERANK_FEATURES).toHaveLength(featureVector(clause('clause'), t).length);
    expect(featureVector(clause('clause'), t)).toEqual([0.8, 0.5, 1, 0.25, 0.4, 1, 0, 1, 0, 0.3, 1, 0, 1, 0.6, 0, 0.2]);
  });

  it('applies the definition, text, sub-clause and condition factors the reranker applies', () => {
    expect(featureVector(clause('definition'), t)).toEqual([0.8, 0.5, 1, 0.25, 0.4, 1, 0, 1, 0, 0.3, 1, 0, 1, 0.6, 0, 0.2].map((x) => x * t.definitionFactor));
    // A definition asked about (or named) keeps its full score.
    expect(featureVector(clause('definition', { namesTerm: true }), t)[0]).toBe(0.8);
    expect(featureVector(clause('text'), t)[0]).toBeCloseTo(0.8 * t.textFactor);
    // And a sub-clause that only restates its parent.
    expect(featureVector(clause('clause', { restatesParent: true }), t)[0]).toBeCloseTo(0.8 * t.restatesParentFactor);
    // And a clause for a case the question does not describe.
    expect(featureVector(clause('clause', { unmetCondition: true }), t)[0]).toBeCloseTo(0.8 * t.unmetConditionFactor);
    expect(featureVector(clause('clause', { narrowerTwin: true }), t)[0]).toBeCloseTo(0.8 * t.twinFactor);
  });
});
