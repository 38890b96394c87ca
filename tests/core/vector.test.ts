import { describe, expect, it } from 'vitest';
import { cosine, dot, l2Normalize, rowNorms, scoreRows, topK } from '../../src/core/vector';

const f = (...v: number[]): Float32Array => Float32Array.from(v);

describe('vector maths', () => {
  it.each([
    [f(1, 2, 3), f(4, 5, 6), 32],
    [f(1, 0, 0, 0, 1), f(1, 1, 1, 1, 1), 2],
    [f(), f(), 0],
  ])('dot %j · %j = %d', (a, b, expected) => {
    expect(dot(a, b)).toBeCloseTo(expected);
  });

  it('computes cosine and normalises, leaving zero vectors at zero', () => {
    expect(cosine(f(1, 0), f(0, 1))).toBeCloseTo(0);
    expect(cosine(f(1, 1), f(2, 2))).toBeCloseTo(1);
    expect(cosine(f(0, 0), f(1, 1))).toBe(0);
    expect([...l2Normalize(f(3, 4))]).toEqual([expect.closeTo(0.6), expect.closeTo(0.8)]);
    expect([...l2Normalize(f(0, 0))]).toEqual([0, 0]);
    expect([...rowNorms(f(3, 4, 0, 0), 2)]).toEqual([5, 0]);
  });

  it.each(['dot', 'cosine'] as const)('scores every row of a flat matrix (%s)', (similarity) => {
    const matrix = f(1, 0, 0, 2, 3, 3);
    const scores = scoreRows(matrix, 2, f(0, 1), similarity);
    const expected = similarity === 'dot' ? [0, 2, 3] : [0, 1, Math.SQRT1_2];
    expect([...scores].map((s) => +s.toFixed(5))).toEqual(expected.map((s) => +s.toFixed(5)));
  });
});

describe('topK', () => {
  it.each([
    [[0.1, 0.9, 0.5, 0.7], 2, [1, 3]],
    [[0.1, 0.9, 0.5, 0.7], 10, [1, 3, 2, 0]],
    [[1, 1, 1], 2, [0, 1]],
    [[NaN, 0.2, NaN], 2, [1]],
    [[0.3], 0, []],
  ])('%j, k=%i → %j', (scores, k, expected) => {
    expect(topK(scores, k)).toEqual(expected);
  });

  it('agrees with a full sort on random scores', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const scores = Float32Array.from({ length: 5000 }, random);
    const sorted = [...scores.keys()].sort((a, b) => scores[b] - scores[a] || a - b);
    expect(topK(scores, 25)).toEqual(sorted.slice(0, 25));
  });
});
