import { describe, expect, it } from 'vitest';
import { namesTermIn } from '../../src/core/defined-terms';
import { tokenize } from '../../src/core/text';

describe('namesTermIn: a defined term named in the question', () => {
  it.each([
    ['how many touches on the touch count', 'Touch Count', true],
    // The words apart are not the term: "count in touch", "sub … player".
    ['tackle count in touch, still six?', 'Touch Count', false],
    ['can my sub go on before the player coming off reaches the box?', 'Substitute Player', false],
    ['who is a substitute player?', 'Substitute Player', true],
    // A term naming two things is named by all its words, in any order.
    ['the penalty tap rolled two metres', 'Tap and Tap Penalty', true],
    ['the tap rolled two metres', 'Tap and Tap Penalty', false],
    ['defenders back from the ruck area at a rollball', 'Ruck/Rollball Area', true],
    ['what is an exclusion', 'Exclusion (Sin Bin)', true],
  ])('%s → %s: %s', (question, term, named) => {
    expect(namesTermIn(tokenize(question), term)).toBe(named);
  });
});