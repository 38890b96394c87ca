import { describe, expect, it } from 'vitest';
import { parseRulebook, summarizeRulebook } from '../../src/core/structure';
import type { PageLine } from '../../src/core/types';

/** Lines as "page|x|height|text"; x and height default to a flat layout (0, 10). */
function lines(spec: string): PageLine[] {
  return spec
    .trim()
    .split('\n')
    .map((row) => {
      const parts = row.trim().split('|');
      if (parts.length === 1) return { page: 1, x: 0, height: 10, text: parts[0] };
      const [page, x, height, text] = parts;
      return { page: Number(page), x: Number(x), height: Number(height), text };
    });
}

const refs = (spec: string): string[] => parseRulebook(lines(spec)).map((u) => u.ref);

describe('parseRulebook: recognising units', () => {
  it.each([
    ['section heading then clauses', '1 The Field of Play\n1.1 The field is 70 metres long.\n1.1.1 Variations may be made.\n1.2 Lines are 4cm wide.', ['1.1', '1.1.1', '1.2']],
    ['front matter text units', 'PREFACE\nThis rulebook was reviewed in 2019 by many people.\nMODE OF PLAY\nThe object of the game is to score Tries.\n1 The Ball\n1.1 The ball is oval.', ['PREFACE', 'MODE OF PLAY', '1.1']],
    ['heading with no body is dropped', 'RULES OF PLAY\n1 The Ball\n1.1 The ball is oval.', ['1.1']],
    ['clause missing its section heading', '1 The Ball\n1.1 The ball is oval.\n2.1 Players register with a NTA.', ['1.1', '2.1']],
    ['skipped number within the allowed gap', '1 The Ball\n1.1 The ball is oval.\n1.3 Deleted 1.2 is skipped.', ['1.1', '1.3']],
    ['out-of-sequence number is text', '1 The Ball\n1.1 The ball is oval and\n7.4 metres wide is not a rule here.', ['1.1']],
    ['measurement at line start is text', '1 The Ball\n1.1 The defenders retreat\n1.2 metres beyond the Mark.', ['1.1']],
    ['cross-reference at line start is text', '1 The Ball\n1.1 Play as in accordance with\n1.1.1 of these rules.\n1.2 Next.', ['1.1', '1.2']],
    ['list items ending in "; or" still split', '1 The Ball\n1.1 Under these circumstances:\n1.1.1 when the ball is Dead; or\n1.1.2 when play stops.', ['1.1', '1.1.1', '1.1.2']],
  ])('%s', (_name, spec, expected) => {
    expect(refs(spec)).toEqual(expected);
  });
});

describe('parseRulebook: wrapped lines', () => {
  it('joins a clause wrapped over several lines, one of them starting with a number', () => {
    const units = parseRulebook(
      lines(`
        3|58|12|10 The Touch
        3|58|10|10.1 A Touch may be made by either the defending player or the player in
        3|89|10|Possession. The defending Team must retire at least
        3|89|10|10 metres from the Mark before play restarts, unless
        3|89|10|11 players are on the field.
        3|58|10|10.2 A player may not deliberately make a Touch.
        3|58|12|11 Passing
        3|58|10|11.1 A player may not pass Forward.
      `),
    );
    expect(units.map((u) => u.ref)).toEqual(['10.1', '10.2', '11.1']);
    expect(units[0].text).toBe(
      'A Touch may be made by either the defending player or the player in Possession. The defending Team must retire at least 10 metres from the Mark before play restarts, unless 11 players are on the field.',
    );
    expect(units[2]).toMatchObject({ sectionNumber: '11', sectionTitle: 'Passing' });
  });

  it('rejects an indented dotted number as a clause start when the layout shows a continuation', () => {
    const units = parseRulebook(
      lines(`
        1|58|12|13 The Rollball
        1|58|10|13.1 Players must act in accordance with
        1|89|10|13.2 and the definitions.
        1|58|10|13.2 A player must not delay the Rollball.
      `),
    );
    expect(units.map((u) => [u.ref, u.text])).toEqual([
      ['13.1', 'Players must act in accordance with 13.2 and the definitions.'],
      ['13.2', 'A player must not delay the Rollball.'],
    ]);
  });

  it('keeps a clause across a page break with both pages', () => {
    const units = parseRulebook(
      lines(`
        4|58|12|6 Team Coach
        4|58|10|6.1 The coach may be on the field during the match
        5|89|10|for the purpose of giving water to players.
        5|58|10|6.2 Team officials may be on the field.
      `),
    );
    expect(units[0]).toMatchObject({ ref: '6.1', pages: [4, 5], text: 'The coach may be on the field during the match for the purpose of giving water to players.' });
    expect(units[1]).toMatchObject({ ref: '6.2', pages: [5] });
  });
});

describe('parseRulebook: rulings and definitions', () => {
  it('attaches Ruling lines (also wrapped, also lettered) to the clause before them', () => {
    const units = parseRulebook(
      lines(`
        17 Interchange
        17.1 Players may not Interchange after an intercept.
        Ruling A = A Penalty Try is awarded.
        Ruling B = The player is sent to the Sin Bin
        for four Possessions.
        17.2 Players may Interchange at will.
      `),
    );
    expect(units[0].text).toBe(
      'Players may not Interchange after an intercept.\nRuling A = A Penalty Try is awarded.\nRuling B = The player is sent to the Sin Bin for four Possessions.',
    );
    expect(summarizeRulebook(units)).toMatchObject({ clauses: 2, clausesWithRulings: 1, rulingLines: 2, sections: 1 });
  });

  it('turns "Term: definition" entries into definition units, continuation lines included', () => {
    const units = parseRulebook(
      lines(`
        25 Match Officials
        25.1 The Referee is the sole judge.
        DEFINITIONS AND TERMINOLOGY
        Unless the contrary intention appears, these definitions apply.
        Advantage: The period of time after an Infringement in which the non-offending side
        has the opportunity to gain: territory or Possession.
        Mark (for a Tap): The centre of the Halfway Line.
        Ruling: The decision made by a Referee.
        APPENDIX 1 - THE FIELD OF PLAY
      `),
    );
    expect(units.map((u) => [u.kind, u.ref])).toEqual([
      ['clause', '25.1'],
      ['text', 'DEFINITIONS AND TERMINOLOGY'],
      ['definition', 'Definition: Advantage'],
      ['definition', 'Definition: Mark (for a Tap)'],
      ['definition', 'Definition: Ruling'],
    ]);
    expect(units[2]).toMatchObject({
      term: 'Advantage',
      sectionTitle: 'DEFINITIONS AND TERMINOLOGY',
      text: 'The period of time after an Infringement in which the non-offending side has the opportunity to gain: territory or Possession.',
    });
  });

  it('recognises a numbered "Definitions" section too', () => {
    const units = parseRulebook(lines('1 The Ball\n1.1 The ball is oval.\n2 Definitions\nTry: A score.\nTouch: Any contact.'));
    expect(units.map((u) => u.ref)).toEqual(['1.1', 'Definition: Try', 'Definition: Touch']);
    expect(units[1]).toMatchObject({ sectionNumber: '2', sectionTitle: 'Definitions' });
  });

  it('merges a title set over two large lines and drops a title page without content', () => {
    const units = parseRulebook(
      lines(`
        1|147|26|FIT PLAYING RULES
        1|203|26|5th EDITION
        1|243|10|Touch Football Rules
        2|58|14|PREFACE
        2|58|10|Touch Football Australia reviewed the rules in 2019 and
        2|58|10|offered them to every National Touch Association.
        2|58|10|The result was the 8th Edition.
      `),
    );
    expect(units.map((u) => u.ref)).toEqual(['PREFACE']);
  });
});
