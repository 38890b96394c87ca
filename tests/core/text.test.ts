import { describe, expect, it } from 'vitest';
import { contentTerms, expandContractions, splitSentences, tokenize } from '../../src/core/text';

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
    // How strongly it is said is not what it is about.
    ['My mate reckons the bloody ref was absolutely offside', ['ref', 'offsid']],
    // "Banned" asks what "allowed" asks: it is the question's form, not a topic the rulebook lacks.
    ['Is jewellery banned?', ['jewelleri']],
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

  it('reads "halves" as "half" and "tries" as "try"', () => {
    expect(tokenize('two 20 minute halves')).toEqual(tokenize('two 20 minute half'));
    expect(tokenize('tries')).toEqual(tokenize('try'));
  });

  it('reads every form of "interfere" as one term', () => {
    expect(new Set(tokenize('interfere interferes interfering interfered interference')).size).toBe(1);
  });

  it('reads "goes" as "go", like "went"', () => {
    expect(tokenize('the ball goes flat')).toEqual(tokenize('the ball went flat'));
  });

  it('leaves forms that are also other words alone', () => {
    expect(tokenize('left')).not.toEqual(tokenize('leave'));
    expect(tokenize('found')).not.toEqual(tokenize('find'));
  });
});

describe('expandContractions: typed on a phone', () => {
  it('reads contractions without the apostrophe and the usual shorthand', () => {
    expect(expandContractions('dont defenders go back')).toBe('do not defenders go back');
    expect(expandContractions('cant the half score')).toBe('can not the half score');
    expect(expandContractions('how many touches b4 changeover')).toBe('how many touches before changeover');
    expect(expandContractions('tap n go')).toBe('tap and go');
    // None of them is left as a search term.
    expect(tokenize('isnt it offside, hes in front, u can see it')).toEqual(tokenize('is not it offside, he in front, you can see it'));
  });

  it('reads words typed without their vowels', () => {
    expect(expandContractions('wat happens if the plyr steps ovr the line')).toBe('what happens if the player steps over the line');
    expect(expandContractions('sinbin how lng')).toBe('sinbin how long');
    expect(expandContractions('wut is a link')).toBe('what is a link');
    expect(expandContractions('ball popped outta my hands')).toBe('ball popped out of my hands');
    // "meny" is one edit from "men" too, which the vocabulary knows: read as phones mean it.
    expect(expandContractions('how meny subs')).toBe('how many subs');
    // A letter is never read as a word: a rulebook's text is read the same way ("Team Y").
    expect(expandContractions('team y')).toBe('team y');
    expect(tokenize('how mny touches b4 we go bak')).toEqual(tokenize('how many touches before we go back'));
  });

  it('leaves words that are also other words, and rule numbers, alone', () => {
    expect(expandContractions('the wont of it')).toBe('the wont of it');
    expect(expandContractions('lets go')).toBe('lets go');
    expect(expandContractions('rule 13.1 r. 3')).toBe('rule 13.1 r. 3');
  });
});

