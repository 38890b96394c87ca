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

describe('tokenize: irregular verbs', () => {
  it('reads an irregular past form as its verb, on both the question and the rulebook side', () => {
    expect(tokenize('he ran')).toEqual(tokenize('he runs'));
    expect(tokenize('sent to the Sin Bin')).toEqual(tokenize('send to the Sin Bin'));
    expect(tokenize('The ball must not be hidden')).toEqual(tokenize('The ball must not be hide'));
    expect(tokenize('thrown forward')).toEqual(tokenize('throws forward'));
  });

  it('leaves forms that are also other words alone', () => {
    expect(tokenize('left')).not.toEqual(tokenize('leave'));
    expect(tokenize('found')).not.toEqual(tokenize('find'));
  });
});

