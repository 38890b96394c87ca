import { describe, expect, it } from 'vitest';
import { buildBm25, documentFrequency, inverseDocumentFrequency, scoreBm25 } from '../../src/core/bm25';
import { topK } from '../../src/core/vector';

const docs = [
  'The Field of Play is 70 metres long and 50 metres wide.',
  'Defending players must retire seven (7) metres at a Rollball.',
  'At a Penalty the defenders retire ten metres from the Mark.',
  'A Try is worth one point.',
  'Players must not wear jewellery. Jewellery must be removed or taped.',
];
const index = buildBm25(docs);
const rank = (query: string): number[] => topK(scoreBm25(index, query), 2);

describe('BM25', () => {
  it.each([
    ['how many points for a try', [3]],
    ['7 m at the rollball', [1]],
    ['seven meters rollball', [1]],
    ['penalty ten metres', [2]],
    ['can I wear a necklace or jewellery', [4]],
    ['width of the field', [0]],
  ])('%s → doc %j first', (query, expected) => {
    expect(rank(query).slice(0, expected.length)).toEqual(expected);
  });

  it('scores zero when nothing matches, and for an empty query', () => {
    expect([...scoreBm25(index, 'kangaroo')]).toEqual([0, 0, 0, 0, 0]);
    expect([...scoreBm25(index, '')]).toEqual([0, 0, 0, 0, 0]);
  });

  it('weighs rare terms above common ones', () => {
    expect(documentFrequency(index, 'metre')).toBe(3);
    expect(inverseDocumentFrequency(index, 'jewelleri')).toBeGreaterThan(inverseDocumentFrequency(index, 'metre'));
    expect(inverseDocumentFrequency(index, 'unseen')).toBeGreaterThan(inverseDocumentFrequency(index, 'jewelleri'));
  });

  it('is plain data that survives JSON and scores the same', () => {
    const copy = JSON.parse(JSON.stringify(index));
    expect([...scoreBm25(copy, 'penalty metres')]).toEqual([...scoreBm25(index, 'penalty metres')]);
  });

  it('handles terms named like Object properties', () => {
    const odd = buildBm25(['constructor toString', 'valueOf']);
    expect(scoreBm25(odd, 'constructor')[0]).toBeGreaterThan(0);
    expect(scoreBm25(odd, 'hasOwnProperty')[1]).toBe(0);
  });

  it('applies k1 and b', () => {
    const long = ['ball ball ball ball', 'ball'];
    const saturated = scoreBm25(buildBm25(long, { k1: 0, b: 0 }), 'ball');
    expect(saturated[0]).toBeCloseTo(saturated[1]);
    const linear = scoreBm25(buildBm25(long, { k1: 1000, b: 0 }), 'ball');
    expect(linear[0] / linear[1]).toBeGreaterThan(3.9);
  });
});
