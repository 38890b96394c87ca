// The edition diff: matching by rule number, then by text where numbers moved; word-level diffs; title families.

import { describe, expect, it } from 'vitest';
import { diffEditions, diffWords, isLikelyNewEdition, titleFamily, wordSimilarity } from '../../src/core/edition-diff';
import type { RuleUnit } from '../../src/core/types';
import { clause, definition } from '../fixtures/units';

const OLD: RuleUnit[] = [
  { kind: 'text', ref: 'PREFACE', sectionTitle: 'PREFACE', text: 'Edition one.', pages: [1] },
  clause('1.1', 'Field', 'The field is sixty metres long and forty metres wide.'),
  clause('1.2', 'Field', 'Each in-goal area extends five metres beyond the scoring line.'),
  clause('2.1', 'Ball', 'Matches are played with an oval ball approved by the organiser.'),
  clause('2.2', 'Ball', 'Players wear matching shirts with a number on the back.'),
  clause('3.1', 'Teams', 'A team has no more than twelve players, of whom six may be on the field at one time.'),
  definition('Tap', 'The way of starting or restarting play.'),
];

const NEW: RuleUnit[] = [
  { kind: 'text', ref: 'PREFACE', sectionTitle: 'PREFACE', text: 'Edition two.', pages: [1] },
  clause('1.1', 'Field', 'The field is sixty metres long and forty metres wide.'),
  clause('1.2', 'Field', 'Each in-goal area extends seven metres beyond the scoring line.'),
  clause('2.1', 'Ball', 'Players wear matching shirts with a number on the back.'),
  clause('3.1', 'Teams', 'Mixed teams have at least two women on the field.'),
  clause('3.2', 'Teams', 'A team has no more than fourteen players, of whom six may be on the field at one time.'),
  definition('Tap', 'The way of starting or restarting play, also after a Try.'),
];

describe('diffEditions', () => {
  const diff = diffEditions(OLD, NEW);
  const summary = diff.changes.map((c) =>
    c.kind === 'added' ? `+${c.after.ref}` : c.kind === 'removed' ? `-${c.before.ref}` : `${c.kind} ${c.before.ref}→${c.after.ref}`,
  );

  it('finds changed, removed, renumbered and added clauses in the new order', () => {
    expect(summary).toEqual(['changed 1.2→1.2', '-2.1', 'renumbered 2.2→2.1', '+3.1', 'renumbered 3.1→3.2', 'changed Definition: Tap→Definition: Tap']);
    expect(diff.unchanged).toBe(1);
  });

  it('ignores unnumbered text (prefaces) and whitespace', () => {
    const spaced = OLD.map((u) => ({ ...u, text: `  ${u.text.replace(/ /g, '  ')} ` }));
    expect(diffEditions(OLD, spaced)).toEqual({ changes: [], unchanged: 6 });
  });

  it('gives each changed clause its word-level diff; a clause that only moved has no changed words', () => {
    const changed = diff.changes.find((c) => c.kind === 'changed' && c.after.ref === '1.2');
    expect(changed && 'diff' in changed ? changed.diff : []).toEqual([
      { op: 'same', text: 'Each in-goal area extends' },
      { op: 'removed', text: 'five' },
      { op: 'added', text: 'seven' },
      { op: 'same', text: 'metres beyond the scoring line.' },
    ]);
    const moved = diff.changes.find((c) => c.kind === 'renumbered' && c.after.ref === '2.1');
    expect(moved && 'diff' in moved ? moved.diff.every((p) => p.op === 'same') : false).toBe(true);
  });

  it('does not pair a clause with an unrelated one that took its number', () => {
    const taken = diff.changes.find((c) => c.kind === 'added');
    expect(taken).toMatchObject({ after: { ref: '3.1', text: expect.stringContaining('Mixed') } });
  });

  it('reports everything as added against an empty old edition', () => {
    expect(diffEditions([], NEW).changes.map((c) => c.kind)).toEqual(Array(6).fill('added'));
  });
});

describe('diffWords', () => {
  it.each([
    ['a b c', 'a b c', [{ op: 'same', text: 'a b c' }]],
    ['', 'new words', [{ op: 'added', text: 'new words' }]],
    ['old words', '', [{ op: 'removed', text: 'old words' }]],
    ['ten metres back', 'five metres back now', [
      { op: 'removed', text: 'ten' }, { op: 'added', text: 'five' }, { op: 'same', text: 'metres back' }, { op: 'added', text: 'now' },
    ]],
  ])('%j → %j', (a, b, parts) => {
    expect(diffWords(a, b)).toEqual(parts);
  });
});

describe('similarity and title families', () => {
  it('scores shared words, ignoring case and punctuation', () => {
    expect(wordSimilarity('Ten metres.', 'ten METRES')).toBe(1);
    expect(wordSimilarity('a b', 'c d')).toBe(0);
    expect(wordSimilarity('a b c d', 'a b x y')).toBe(0.5);
  });

  it.each([
    ['FIT Touch Rules 5th Edition', 'FIT Touch Rules 6th edition', true],
    ['FIT_Touch_Rules_2020', 'FIT Touch Rules (2024)', true],
    ['Summer League by-laws v1.2', 'Summer League by-laws v2', true],
    ['FIT Touch Rules 5th Edition', 'FIT Touch Rules 5th Edition', false],
    ['FIT Touch Rules', 'Summer League by-laws', false],
    ['2020', '2024', false],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(isLikelyNewEdition(a, b)).toBe(expected);
  });

  it('strips edition, year and version from a title', () => {
    expect(titleFamily('FIT Touch Football Playing Rules – 5th Edition 2020')).toBe('fit touch football playing rules');
  });
});
