import { describe, expect, it } from 'vitest';
import { checkGrounding, isAbstention } from '../../src/core/grounding';
import { collectNumberValues, findNumbers } from '../../src/core/number-words';

// Clause texts written for these tests in the style of a touch rulebook.
const RETRIEVED = [
  { ref: '15.1', text: 'At a Rollball, all defenders must retire a distance of seven (7) metres or to their Try Line.' },
  { ref: '15.2', text: 'At a Tap, all defenders must retire a distance of ten (10) metres from the Mark or to their Try Line.' },
  { ref: '11.1', text: 'A Penalty is awarded to the non-offending Team at the Mark.' },
  { ref: 'Definition: Advantage', text: 'The period of time after an Infringement in which the non-offending side may gain.' },
  { ref: '9.4', text: 'A team has six Touches before a Change of Possession.' },
];

describe('checkGrounding', () => {
  const cases: { name: string; answer: string; grounded: boolean; cited: string[]; problem?: RegExp }[] = [
    { name: 'wrong number fails', answer: 'Defenders retire 7 metres — Rule 15.2', grounded: false, cited: ['15.2'], problem: /"7" is not in the cited clause/ },
    { name: 'wrong number in words fails', answer: 'Defenders retire seven metres — Rule 15.2', grounded: false, cited: ['15.2'], problem: /"seven"/ },
    { name: 'correct number in digits passes', answer: 'Defenders retire 10 metres from the Mark — Rule 15.2', grounded: true, cited: ['15.2'] },
    { name: 'correct number in words passes', answer: 'Ten metres from the Mark — Rule 15.2', grounded: true, cited: ['15.2'] },
    { name: 'unit glued to digits', answer: 'Retire 10m at a Tap — Rule 15.2', grounded: true, cited: ['15.2'] },
    { name: 'missing citation fails', answer: 'Defenders retire ten metres at a Tap.', grounded: false, cited: [], problem: /cites no rule/ },
    { name: 'citation not retrieved fails', answer: 'Defenders retire ten metres — Rule 16.3', grounded: false, cited: [], problem: /Rule 16\.3, which was not among/ },
    { name: 'number from an uncited clause fails', answer: 'Retire 7 metres at a Rollball — Rule 11.1', grounded: false, cited: ['11.1'], problem: /"7"/ },
    { name: 'two citations pool their numbers', answer: '7 m at a Rollball, 10 m at a Tap — Rules 15.1 and 15.2', grounded: true, cited: ['15.1', '15.2'] },
    { name: 'answer without numbers passes', answer: 'Penalty to the non-offending team — Rule 11.1', grounded: true, cited: ['11.1'] },
    { name: 'definition citation passes', answer: 'Play on while the non-offending side may gain — Definition: Advantage', grounded: true, cited: ['Definition: Advantage'] },
    { name: 'definition not retrieved fails', answer: 'The ball is dead — Definition: Dead Ball', grounded: false, cited: [], problem: /Definition: Dead Ball/ },
    { name: 'parent citation covers sub-clauses', answer: 'Defenders retire to their Try Line — Rule 15', grounded: true, cited: ['15.1', '15.2'] },
    { name: 'parent citation cannot pick a number from a sibling', answer: 'Seven metres at a Tap — Rule 15', grounded: false, cited: ['15.1', '15.2'], problem: /"Seven"/ },
    { name: 'ordinal word is a number', answer: 'Possession changes after the sixth Touch — Rule 9.4', grounded: true, cited: ['9.4'] },
    { name: 'wrong ordinal fails', answer: 'Possession changes after the seventh Touch — Rule 9.4', grounded: false, cited: ['9.4'], problem: /"seventh"/ },
    { name: 'abstention is valid', answer: 'Not covered by the rules', grounded: true, cited: [] },
    { name: 'abstention with a full stop is valid', answer: ' Not covered by the rules. ', grounded: true, cited: [] },
    { name: 'empty answer fails', answer: '  ', grounded: false, cited: [], problem: /empty/ },
  ];
  it.each(cases)('$name', ({ answer, grounded, cited, problem }) => {
    const result = checkGrounding(answer, RETRIEVED);
    expect(result.grounded).toBe(grounded);
    expect(result.citedRefs).toEqual(cited);
    if (problem) expect(result.problems.join('\n')).toMatch(problem);
    else expect(result.problems).toEqual([]);
  });

  it('marks only the abstention as abstained', () => {
    expect(checkGrounding('Not covered by the rules', RETRIEVED).abstained).toBe(true);
    expect(checkGrounding('Penalty — Rule 11.1', RETRIEVED).abstained).toBe(false);
    expect(isAbstention('Not covered by the rules, sorry about that')).toBe(false);
  });

  it('does not read the cited rule number as a quantity', () => {
    const result = checkGrounding('A Penalty — Rule 11.1', [{ ref: '11.1', text: 'A Penalty is awarded.' }]);
    expect(result.grounded).toBe(true);
  });
});

describe('number words', () => {
  const cases: { text: string; values: number[] }[] = [
    { text: 'ten (10) metres', values: [10] },
    { text: 'twenty-five players and 3rd touch', values: [3, 25] },
    { text: 'a Seven Metre Zone', values: [7] },
    { text: 'no one may enter; one metre back', values: [1] },
    { text: 'the 1,000th pass and 2.5cm lines', values: [2.5, 1000] },
    { text: 'one hundred and twenty', values: [120] },
  ];
  it.each(cases)('$text', ({ text, values }) => {
    expect([...collectNumberValues(text)].sort((a, b) => a - b)).toEqual(values);
  });

  it('keeps the text as written', () => {
    expect(findNumbers('retire 7m or ten metres').map((n) => n.text)).toEqual(['7', 'ten']);
  });
});
