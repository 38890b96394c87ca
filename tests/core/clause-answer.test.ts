import { describe, expect, it } from 'vitest';
import { buildBm25 } from '../../src/core/bm25';
import { chunkUnits } from '../../src/core/chunking';
import { buildClauseAnswer, segmentChunk } from '../../src/core/clause-answer';
import type { Coverage } from '../../src/core/coverage';
import type { Chunk, RuleUnit, ScoredChunk } from '../../src/core/types';

const clause = (number: string, title: string, text: string, pages = [7]): RuleUnit => ({
  kind: 'clause', ref: number, number, sectionNumber: number.split('.')[0], sectionTitle: title, text, pages,
});
const units: RuleUnit[] = [
  clause('15.1', 'Offside', 'Players are Onside when behind the ball.'),
  clause('15.2', 'Offside', 'At a Penalty the defending players must retire ten (10) metres from the Mark. They may not advance until the Tap is taken.\nRuling = A Penalty to the Attacking Team ten (10) metres Forward of the Infringement.', [7, 8]),
  clause('15.3', 'Offside', 'Players of the Defending Team must retire seven (7) metres at a Rollball.\nRuling = A Penalty to the Attacking Team at the point of the Infringement.'),
  clause('4.7', 'Playing Uniform', 'Players must not wear jewellery. Jewellery that cannot be removed must be taped.', [3]),
  { kind: 'definition', ref: 'Definition: Advantage', term: 'Advantage', sectionTitle: 'DEFINITIONS', text: 'The period of time after an Infringement in which the non-offending side may gain territory.', pages: [15] },
];
const words = { countTokens: (t: string) => t.split(/\s+/).filter(Boolean).length };
const chunks = chunkUnits(units, { strategy: 'structured', maxTokens: 200, overlapTokens: 0 }, words);
const bm25 = buildBm25(chunks.map((c) => c.text));
const covered: Coverage = { covered: true, confidence: 0.9, reason: '' };
const scored = (list: Chunk[]): ScoredChunk[] => list.map((chunk, i) => ({ chunk, score: 1 / (i + 1), dense: NaN, bm25: 0 }));
const byRefs = (...first: string[]): Chunk[] => [
  ...first.map((ref) => chunks.find((c) => c.refs.includes(ref))!),
  ...chunks.filter((c) => !first.some((ref) => c.refs.includes(ref))),
];

describe('buildClauseAnswer: sentence choice', () => {
  it.each([
    ['How far back do defenders go at a penalty?', ['15.1'], [['15.2', /^At a Penalty the defending players must retire ten/]]],
    ['How far must defenders retire at the rollball?', ['15.1'], [['15.3', /^Players of the Defending Team must retire seven/]]],
    ['Can I wear a necklace or jewellery?', ['4.7'], [['4.7', /^Players must not wear jewellery/]]],
    ['What does Advantage mean?', ['Definition: Advantage'], [['Definition: Advantage', /^The period of time/]]],
    [
      'What happens if a defender does not retire ten metres at a penalty?',
      ['15.1'],
      [['15.2', /^At a Penalty the defending/], ['15.2', /^Ruling = A Penalty to the Attacking Team ten/]],
    ],
  ])('%s', (question, first, expected) => {
    const answer = buildClauseAnswer(question, scored(byRefs(...first)), covered, units, { bm25 });
    expect(answer.covered).toBe(true);
    expect(answer.sentences.map((s) => s.ref)).toEqual(expected.map(([ref]) => ref));
    answer.sentences.forEach((s, i) => expect(s.text).toMatch(expected[i][1] as RegExp));
  });

  it('attributes sentences inside a multi-unit chunk to their own clause, with citation and chunk index', () => {
    const offside = chunks.find((c) => c.refs.includes('15.3'))!;
    expect(offside.refs).toEqual(['15.1', '15.2', '15.3']);
    const answer = buildClauseAnswer('rollball seven metres', scored([offside]), covered, units);
    expect(answer.sentences[0]).toMatchObject({ ref: '15.3', citation: 'Rule 15.3', chunkIndex: offside.index });
  });

  it('works from chunk text alone when units are not given', () => {
    const offside = chunks.find((c) => c.refs.includes('15.3'))!;
    const answer = buildClauseAnswer('rollball seven metres', scored([offside]), covered);
    expect(answer.sentences[0]).toMatchObject({ ref: '15.3', text: 'Players of the Defending Team must retire seven (7) metres at a Rollball.' });
    expect(segmentChunk(offside).map((c) => [c.ref, c.text.split('\n').length])).toEqual([['15.1', 1], ['15.2', 2], ['15.3', 2]]);
  });
});

describe('buildClauseAnswer: clauses', () => {
  it('lists the retrieved clauses in full, deduplicated, the answering clause first', () => {
    const offside = chunks.find((c) => c.refs.includes('15.3'))!;
    const answer = buildClauseAnswer('ten metres at a penalty', scored([offside, offside]), covered, units);
    expect(answer.clauses.map((c) => c.ref)).toEqual(['15.2', '15.3', '15.1']);
    expect(answer.clauses[0]).toEqual({
      ref: '15.2', citation: 'Rule 15.2', text: units[1].text, pages: [7, 8], sectionTitle: 'Offside',
    });
  });

  it('shows only the nearest clauses, and no sentence, when not covered', () => {
    const answer = buildClauseAnswer('colour of the sin bin card', scored(chunks), { covered: false, confidence: 0.1, reason: '' }, units);
    expect(answer.covered).toBe(false);
    expect(answer.sentences).toEqual([]);
    expect(answer.clauses).toHaveLength(3);
  });

  it('finds whole units for a window chunk that starts mid-clause', () => {
    const window: Chunk = { index: 4, refs: ['15.2', '15.3'], sectionTitle: 'Offside', text: 'the Tap is taken. Ruling = A Penalty\n15.3 Players of', pages: [7, 8], tokenCount: 10 };
    const answer = buildClauseAnswer('what happens at a penalty if they do not retire ten metres', scored([window]), covered, units);
    expect(answer.sentences.map((s) => s.ref)).toEqual(['15.2', '15.2']);
    expect(answer.clauses[0].text).toBe(units[1].text);
  });
});
