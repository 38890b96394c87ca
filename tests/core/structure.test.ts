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

describe('parseRulebook: numbering styles other than "13.2"', () => {
  const summary = (spec: string) => parseRulebook(lines(spec)).map((u) => [u.kind, u.ref, u.sectionNumber, u.sectionTitle]);

  it('"RULE 5 – THE BALL" headings, with the rule\'s text straight under its heading', () => {
    expect(
      summary(`
        1|50|14|RULE 5 – THE BALL
        1|50|10|The ball shall be oval and inflated to the
        1|50|10|pressure the manufacturer states.
        1|50|14|RULE 6 – SCORING
        1|50|10|6.1 A Try is worth one point.
        1|50|10|6.2 A Try is scored by placing the ball on or over the Score Line.
      `),
    ).toEqual([
      ['clause', '5', '5', 'THE BALL'],
      ['clause', '6.1', '6', 'SCORING'],
      ['clause', '6.2', '6', 'SCORING'],
    ]);
  });

  it('"Rule 7" alone on a line takes the next line as its title', () => {
    expect(summary('1|50|14|Rule 7\n1|50|14|Kick-Off and Restart\n1|50|10|7.1 Play starts with a tap on the halfway line.')).toEqual([
      ['clause', '7.1', '7', 'Kick-Off and Restart'],
    ]);
  });

  it('"Law 9.7" clause labels under a "Law 9" heading', () => {
    const clauses = [1, 2, 3, 4, 5, 6, 7].map((n) => `1|50|10|Law 9.${n} A player must not commit foul ${n}.`).join('\n');
    const units = parseRulebook(lines(`1|50|14|Law 9 Foul Play\n${clauses}`));
    expect(units.map((u) => u.ref)).toEqual(['9.1', '9.2', '9.3', '9.4', '9.5', '9.6', '9.7']);
    expect(units[6]).toMatchObject({ kind: 'clause', sectionTitle: 'Foul Play', text: 'A player must not commit foul 7.' });
  });

  it('"Section 3" headings over "3.1" clauses', () => {
    expect(
      summary(`
        1|50|14|Section 3 Players
        1|50|10|3.1 A team has fourteen players.
        1|50|10|3.2 Six may be on the field at once.
        1|50|14|Section 4 Substitutes
        1|50|10|4.1 Substitutes enter at the interchange.
      `),
    ).toEqual([
      ['clause', '3.1', '3', 'Players'],
      ['clause', '3.2', '3', 'Players'],
      ['clause', '4.1', '4', 'Substitutes'],
    ]);
  });

  it('"5(a)" lettered clauses, also when later letters are written "(c)" alone', () => {
    const units = parseRulebook(
      lines(`
        1|50|14|5 The Ball
        1|50|10|5(a) The ball is oval.
        1|50|10|5(b) The ball is size four for senior play.
        1|50|10|(c) A spare ball is kept at the side of the field.
        1|50|14|6 Scoring
        1|50|10|6(a) A Try is worth one point.
      `),
    );
    expect(units.map((u) => [u.ref, u.number, u.text])).toEqual([
      ['5(a)', '5(a)', 'The ball is oval.'],
      ['5(b)', '5(b)', 'The ball is size four for senior play.'],
      ['5(c)', '5(c)', 'A spare ball is kept at the side of the field.'],
      ['6(a)', '6(a)', 'A Try is worth one point.'],
    ]);
  });

  it('finds no rule in prose, even where a paragraph starts with a number', () => {
    const units = parseRulebook(
      lines(`
        1|50|14|Club Committee Minutes
        1|50|10|The committee met on a Tuesday evening in the clubhouse.
        1|50|10|12 members attended and apologies were received from two.
        1|50|10|The treasurer reported that the accounts are in order.
      `),
    );
    expect(units.length).toBeGreaterThan(0);
    expect(units.filter((u) => u.kind === 'clause')).toEqual([]);
  });
});
