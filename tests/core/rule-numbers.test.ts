import { describe, expect, it } from 'vitest';
import {
  compareRuleNumbers,
  findRuleNumbersInText,
  formatCitation,
  isAncestorRuleNumber,
  isPlausibleNextRuleNumber,
  nextRuleNumbers,
  parentRuleNumber,
  parseRuleNumber,
  sortRuleRefs,
} from '../../src/core/rule-numbers';

describe('parseRuleNumber', () => {
  it.each([
    ['13', [13]],
    ['13.2', [13, 2]],
    ['13.2.1', [13, 2, 1]],
    ['Rule 15.2', [15, 2]],
    ['rule15.2', [15, 2]],
    ['clause 15.2', [15, 2]],
    ['r15.2', [15, 2]],
    ['R 15.2', [15, 2]],
    ['13.2.', [13, 2]],
    ['  4.10 ', [4, 10]],
  ])('%s → %j', (input, expected) => {
    expect(parseRuleNumber(input)).toEqual(expected);
  });

  it.each(['', 'Rule', '13..2', '13.a', 'Definition: Advantage', '0.1', '15.2 metres', '1.2.3.4.5x'])('rejects %j', (input) => {
    expect(parseRuleNumber(input)).toBeUndefined();
  });
});

describe('ordering and relations', () => {
  it('sorts as a reader would', () => {
    expect(sortRuleRefs(['10', '2.1', 'Definition: Try', '2', '2.1.1', '2.10', '2.2', 'PREFACE'])).toEqual([
      '2', '2.1', '2.1.1', '2.2', '2.10', '10', 'Definition: Try', 'PREFACE',
    ]);
  });

  it.each([
    [[13], [13, 1], true],
    [[13, 2], [13, 2, 1], true],
    [[13, 2], [13, 20], false],
    [[13, 2], [13, 2], false],
    [[13, 2, 1], [13, 2], false],
  ])('ancestor %j of %j: %s', (a, b, expected) => {
    expect(isAncestorRuleNumber(a, b)).toBe(expected);
  });

  it('knows parents and next numbers', () => {
    expect(parentRuleNumber([13, 2, 1])).toEqual([13, 2]);
    expect(parentRuleNumber([13])).toBeUndefined();
    expect(nextRuleNumbers([13, 2, 1])).toEqual([[13, 2, 1, 1], [13, 2, 2], [13, 3], [14]]);
    expect(compareRuleNumbers([2, 10], [2, 9])).toBeGreaterThan(0);
  });

  it.each([
    [[13, 2], [13, 3], 0, true],
    [[13, 2], [13, 2, 1], 0, true],
    [[13, 2, 1], [13, 3], 0, true],
    [[13, 2], [13, 5], 0, false],
    [[13, 2], [13, 5], 2, true],
    [[13, 2], [13, 2, 2], 0, false],
    [[13, 2], [13, 1], 0, false],
    [[13, 2], [14, 1], 0, false],
  ])('%j → %j (gap %i): %s', (current, candidate, gap, expected) => {
    expect(isPlausibleNextRuleNumber(current, candidate, gap)).toBe(expected);
  });
});

describe('formatCitation', () => {
  it.each([
    ['15.2', 'Rule 15.2'],
    ['13', 'Rule 13'],
    ['Definition: Advantage', 'Definition: Advantage'],
    ['MODE OF PLAY', 'MODE OF PLAY'],
  ])('%s → %s', (ref, expected) => {
    expect(formatCitation(ref)).toBe(expected);
  });

  it('finds rule numbers written in text', () => {
    expect(findRuleNumbersInText('See Rule 15 and clauses 3.1 or 3.2; 7 metres is not a rule.')).toEqual(['15', '3.1', '3.2']);
  });
});

describe('rule numbers written in other styles', () => {
  it.each([
    ['Law 9.7', [9, 7]],
    ['Section 3', [3]],
    ['5(a)', [5, 1]],
    ['5.1(b)', [5, 1, 2]],
    ['Rule 12(c)', [12, 3]],
  ])('%s → %j', (input, expected) => {
    expect(parseRuleNumber(input)).toEqual(expected);
  });

  it('cites a lettered clause as the book writes it', () => {
    expect(formatCitation('5(a)')).toBe('Rule 5(a)');
    expect(formatCitation('5.1(b)')).toBe('Rule 5.1(b)');
    expect(sortRuleRefs(['5(b)', '6', '5(a)', '5'])).toEqual(['5', '5(a)', '5(b)', '6']);
  });
});
