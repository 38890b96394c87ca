import { describe, expect, it } from 'vitest';
import { contentTerms, splitSentences, tokenize } from '../../src/core/text';

describe('tokenize', () => {
  it.each([
    ['Seven (7) metres', ['7', '7', 'metre']],
    ['7m from the Mark', ['7', 'metre', 'mark']],
    ['ten meters', ['10', 'metre']],
    ['The Players were passing', ['player', 'pass']],
    ['see 13.2.1.', ['see', '13.2.1']],
    ['ﬁeld ﬁfty', ['field', '50']],
    ['Café', ['cafe']],
    ['forty-five minutes', ['40', '5', 'minute']],
  ])('%j → %j', (input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });

  it('drops stop words and keeps repeats', () => {
    expect(tokenize('the ball and the ball')).toEqual(['ball', 'ball']);
  });
});

describe('contentTerms', () => {
  it.each([
    ['What happens if a player is offside?', ['player', 'offsid']],
    ['How far back must defenders go?', ['back', 'defend']],
    ['How many players are allowed on the field?', ['player', 'field']],
    ['what happens?', []],
  ])('%j → %j', (question, expected) => {
    expect(contentTerms(question)).toEqual(expected);
  });
});

describe('splitSentences', () => {
  it.each([
    ['One. Two! Three?', ['One.', 'Two!', 'Three?']],
    ['Play stops.\nRuling = A Penalty.', ['Play stops.', 'Ruling = A Penalty.']],
    ['Wear e.g. Boots. Next one.', ['Wear e.g. Boots.', 'Next one.']],
    ['Lines 2.5cm wide. 7 metres back.', ['Lines 2.5cm wide.', '7 metres back.']],
    ['no end', ['no end']],
    ['lower. case stays', ['lower. case stays']],
  ])('%j', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});
