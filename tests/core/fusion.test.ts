import { describe, expect, it } from 'vitest';
import { fuseRankings, RRF_K } from '../../src/core/fusion';

describe('reciprocal rank fusion', () => {
  it.each([
    ['agreement wins', [[1, 2, 3], [2, 1, 3]], undefined, [1, 2, 3]],
    ['an item in both lists beats one at the top of one list', [[7, 5], [8, 5]], undefined, [5, 7, 8]],
    ['weights tilt the order', [[1, 2], [2, 1]], [1, 3], [2, 1]],
    ['an empty list changes nothing', [[4, 3], []], undefined, [4, 3]],
  ])('%s', (_name, lists, weights, expected) => {
    expect(fuseRankings(lists, { weights }).map((i) => i.id)).toEqual(expected);
  });

  it('scores with k = 60 by default', () => {
    const [top] = fuseRankings([[9], [9]]);
    expect(RRF_K).toBe(60);
    expect(top.score).toBeCloseTo(2 / 61);
    expect(fuseRankings([[9]], { k: 0 })[0].score).toBeCloseTo(1);
  });
});
