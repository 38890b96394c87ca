// Find-as-you-type over the rulebook's units, rule numbers typed in the question box, and the check for
// on-device speech recognition.

import { describe, expect, it } from 'vitest';
import type { RuleUnit } from '../../src/core/types';
import { findTerms, findUnits } from '../../src/ui/browse-view';
import { parseRuleNumber } from '../../src/ui/screens/ask-screen';
import { findOnDeviceRecognition } from '../../src/ui/voice';

const unit = (number: string, text: string, sectionTitle = 'Penalty'): RuleUnit => ({
  kind: 'clause',
  ref: number,
  number,
  sectionNumber: number.split('.')[0],
  sectionTitle,
  text,
  pages: [1],
});

describe('find', () => {
  const units = [unit('8.1', 'A penalty is awarded for an infringement.'), unit('8.2', 'Defenders retire ten (10) metres.'), unit('9.1', 'The Sin Bin area.', 'Sin Bin')];

  it('reads words of two letters or more, keeping rule numbers whole', () => {
    expect(findTerms('  Sin  bin a 8.2. ')).toEqual(['sin', 'bin', '8.2']);
  });

  it('keeps the units holding every word, in rulebook order', () => {
    expect(findUnits(units, findTerms('ten metres')).map((u) => u.ref)).toEqual(['8.2']);
    expect(findUnits(units, findTerms('penalty')).map((u) => u.ref)).toEqual(['8.1', '8.2']);
    expect(findUnits(units, findTerms('sin bin')).map((u) => u.ref)).toEqual(['9.1']);
    expect(findUnits(units, findTerms('rule 8.2')).map((u) => u.ref)).toEqual(['8.2']);
    expect(findUnits(units, [])).toEqual([]);
  });
});

describe('parseRuleNumber', () => {
  it.each([
    ['15.2', '15.2'],
    [' Rule 15.2 ', '15.2'],
    ['r13', '13'],
    ['13.2.1', '13.2.1'],
    ['How far is 10 metres?', undefined],
    ['15.2 penalty', undefined],
    ['', undefined],
  ])('%j → %j', (text, number) => expect(parseRuleNumber(text)).toBe(number));
});

describe('findOnDeviceRecognition', () => {
  class Recognition {
    static answer = 'available';
    static async available(opts: { langs: string[]; processLocally: boolean }) {
      return opts.processLocally ? Recognition.answer : 'unavailable';
    }
  }

  it('offers recognition only where it runs on the device now', async () => {
    Recognition.answer = 'available';
    expect(await findOnDeviceRecognition({ SpeechRecognition: Recognition })).toBe(Recognition);
    Recognition.answer = 'downloadable';
    expect(await findOnDeviceRecognition({ webkitSpeechRecognition: Recognition })).toBeUndefined();
  });

  it('never falls back to a recogniser that may send audio away', async () => {
    class NetworkOnly {}
    expect(await findOnDeviceRecognition({ webkitSpeechRecognition: NetworkOnly })).toBeUndefined();
    expect(await findOnDeviceRecognition({})).toBeUndefined();
  });
});
