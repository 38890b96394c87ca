import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from '../../src/core/answer-tuning';
import { buildClauseIndex } from '../../src/core/clauses';
import { analyzeQuestion } from '../../src/core/question';
import { buildWordNeighbours, expandableWords, expandWithNeighbours, maxSim, neighbourCandidates, type NeighbourTuning } from '../../src/core/word-neighbours';
import { clause } from '../fixtures/units';

const units = [
  clause('8.1', 'Duration', 'A match is forty minutes.'),
  clause('4.1', 'Uniform', 'Players wear a uniform.'),
];
const index = buildClauseIndex(units);

/** Unit vectors on named axes: similar words share an axis. */
const axis = (...weights: number[]) => Float32Array.from(weights);
const words = ['match', 'minutes', 'uniform', 'players'];
const vectors = [axis(1, 0, 0), axis(0, 1, 0), axis(0, 0, 1), axis(0.6, 0, 0.8)];
const neighbours = buildWordNeighbours(words, vectors, ['A match is forty minutes.', 'Players wear a uniform.']);
const on: NeighbourTuning = { minSimilarity: 0.5, perWord: 2, weight: 0.5, unknownOnly: 1 };

function question(text: string) {
  return analyzeQuestion(text, { lexicon: index.lexicon, tuning: DEFAULT_TUNING.question });
}

describe('word neighbours', () => {
  it('keeps plain content words of three letters or more as candidates', () => {
    expect(neighbourCandidates(['match', 'of', 'the', 'a1', 'x', 'uniform'])).toEqual(['match', 'uniform']);
    expect(neighbourCandidates(['match', 'uniform'], (w) => w === 'match')).toEqual(['match']);
  });

  it('records the words of each unit that have a vector', () => {
    expect(neighbours.unitWords[0].map((i) => words[i]).sort()).toEqual(['match', 'minutes']);
    expect(neighbours.unitWords[1].map((i) => words[i]).sort()).toEqual(['players', 'uniform']);
  });

  it('adds the rulebook words near a question word, weighted by similarity', () => {
    const q = question('How long is a game?');
    expect(expandableWords(q)).toEqual(['long', 'game']);
    // "game" points at "match" (0.9), less at "players" (0.54) and "minutes" (0.44), both below the threshold.
    const game = axis(0.9, 0.436, 0);
    const expanded = expandWithNeighbours(q, ['game'], [game], neighbours, { ...on, minSimilarity: 0.6 });
    const added = expanded.terms.filter((t) => t.source === 'similar');
    expect(added.map((t) => t.term)).toEqual(['match']);
    expect(added[0].weight).toBeCloseTo(0.5 * 0.9, 2);
    // The question's own terms are kept, in order; the input is unchanged.
    expect(expanded.terms.slice(0, q.terms.length)).toEqual(q.terms);
    expect(q.terms.some((t) => t.source === 'similar')).toBe(false);
  });

  it('adds at most perWord words per question word, and nothing when off', () => {
    const q = question('Is my kit fine?');
    // Similarity: uniform 0.87, players 0.69, minutes 0.5.
    const kit = axis(0, 0.5, 0.866);
    const two = expandWithNeighbours(q, ['kit'], [kit], neighbours, { ...on, minSimilarity: 0.6 });
    expect(two.terms.filter((t) => t.source === 'similar').map((t) => t.term)).toEqual(['uniform', 'player']);
    const one = expandWithNeighbours(q, ['kit'], [kit], neighbours, { ...on, minSimilarity: 0.6, perWord: 1 });
    expect(one.terms.filter((t) => t.source === 'similar').map((t) => t.term)).toEqual(['uniform']);
    expect(expandWithNeighbours(q, ['kit'], [kit], neighbours, { ...on, minSimilarity: 0 })).toBe(q);
    expect(expandWithNeighbours(q, ['kit'], [kit], neighbours, { ...on, weight: 0 })).toBe(q);
  });

  it('scores word-level MaxSim per unit', () => {
    const game = axis(1, 0, 0);
    const kit = axis(0, 0, 1);
    // "game" matches "match" in 8.1 exactly; "kit" matches "uniform" in 4.1 exactly.
    expect(maxSim([game], [1], 0, neighbours)).toBeCloseTo(1);
    expect(maxSim([kit], [1], 1, neighbours)).toBeCloseTo(1);
    expect(maxSim([game, kit], [1, 1], 0, neighbours)).toBeCloseTo(0.5);
    // Weights: the heavier word counts more.
    expect(maxSim([game, kit], [3, 1], 0, neighbours)).toBeCloseTo(0.75);
    expect(maxSim([], [], 0, neighbours)).toBe(0);
  });
});
