import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, type AnswerTuning } from '../../src/core/answer-tuning';
import { chunkUnits } from '../../src/core/chunking';
import { buildClauseAnswer, displaySentence, quantityPhrase } from '../../src/core/clause-answer';
import { buildClauseIndex } from '../../src/core/clauses';
import { assessCoverage, type Coverage } from '../../src/core/coverage';
import { linkGlossary } from '../../src/core/glossary';
import { analyzeQuestion } from '../../src/core/question';
import { rerankClauses } from '../../src/core/rerank';
import { splitSentences, tokenize } from '../../src/core/text';
import type { RuleUnit, ScoredChunk, TokenCounter } from '../../src/core/types';
import { compileVocabulary } from '../../src/core/vocabulary';
import { clause, definition, wordCounter as counter } from '../fixtures/units';


const units: RuleUnit[] = [
  clause('4.7', 'Playing Uniform', 'Players must not wear jewellery. Jewellery that cannot be removed must be taped.'),
  clause('13.2', 'The Rollball', 'The Rollball is performed on the Mark.'),
  clause('14.1', 'Scoring', 'A Try is worth one (1) point.'),
  clause('15.1', 'Offside', 'Players are Onside when behind the ball.'),
  clause(
    '15.2',
    'Offside',
    'At a Tap, all players from the Defending Team must retire a distance of ten (10) metres from the Mark.\n' +
      'Ruling = A Penalty to the Attacking Team ten (10) metres Forward of the Infringement.',
  ),
  clause(
    '15.3',
    'Offside',
    'Players of the Defending Team must retire seven (7) metres at a Rollball.\nRuling = The Attacking Team restarts play with a Rollball at the point of the Infringement.',
  ),
  clause(
    '17.1',
    'Interchange',
    'Players may not Interchange after an intercept until the next Touch.\n' +
      'Ruling A = If a player Interchanges after an intercept and prevents a Try, a Penalty Try is awarded.\n' +
      'Ruling B = Otherwise a Penalty to the non-offending Team.',
  ),
  clause('19.1', 'Advantage', 'Where a player interferes with play, the Referee will play Advantage to the non-offending Team.'),
  definition('Advantage', 'The period of time after an Infringement in which the non-offending side may gain territory.'),
  definition('Sin Bin', 'The area where a player goes for a period of time when sent off for misconduct.'),
  definition('Penalty', 'The result of an Infringement: the non-offending Team restarts play with a Tap.'),
];
const chunks = chunkUnits(units, { strategy: 'structured', maxTokens: 200, overlapTokens: 0 }, counter);
const index = buildClauseIndex(units);
const vocabulary = compileVocabulary();

/** The ask pipeline from analysis to answer, over every chunk in index order as the first stage. */
function ask(question: string, tuning: AnswerTuning = DEFAULT_TUNING, coverageOverride?: Coverage) {
  const analysis = linkGlossary(
    analyzeQuestion(question, { lexicon: index.lexicon, vocabulary, tuning: tuning.question }),
    index,
    tuning.question,
  );
  const results: ScoredChunk[] = chunks.map((chunk, i) => ({ chunk, score: 1 / (i + 1), dense: NaN, bm25: 0 }));
  const ranked = rerankClauses(analysis, results, index, tuning.rerank);
  const coverage =
    coverageOverride ?? assessCoverage({ analysis, clauses: ranked, index, similarity: 'cosine', modelId: 'pitchside-glove-100d' }, tuning.coverage);
  return { analysis, ranked, coverage, answer: buildClauseAnswer(analysis, ranked, coverage, index, tuning.answer) };
}

/** The sentences quoted from the lead's clause (an unsure answer also quotes the closest other rules). */
const leadClauseSentences = (answer: ReturnType<typeof ask>['answer']) => answer.sentences.filter((s) => s.unit === answer.sentences[0]?.unit);

const withAnswer = (settings: Partial<AnswerTuning['answer']>): AnswerTuning => ({ ...DEFAULT_TUNING, answer: { ...DEFAULT_TUNING.answer, ...settings } });

/** The clause answer over a small book, with the reranked clauses put in the given order (the top clause first). */
function answererFor(book: RuleUnit[]) {
  const bookIndex = buildClauseIndex(book);
  const bookChunks = chunkUnits(book, { strategy: 'structured', maxTokens: 200, overlapTokens: 0 }, counter);
  return (question: string, order: string[]) => {
    const analysis = analyzeQuestion(question, { lexicon: bookIndex.lexicon, vocabulary, tuning: DEFAULT_TUNING.question });
    const ranked = rerankClauses(analysis, bookChunks.map((chunk) => ({ chunk, score: 1, dense: NaN, bm25: 0 })), bookIndex, DEFAULT_TUNING.rerank);
    const ordered = order.map((ref, i) => ({ ...ranked.find((c) => c.ref === ref)!, score: 2 - i * 0.001 }));
    return buildClauseAnswer(analysis, ordered, { covered: true, state: 'unsure', confidence: 0.5, reason: '' }, bookIndex, DEFAULT_TUNING.answer);
  };
}

describe('buildClauseAnswer: the three states', () => {
  const jewellery = 'Can a player wear jewellery?';

  it('shows no sentence and only the nearest clauses when not covered', () => {
    const { answer, ranked } = ask(jewellery, DEFAULT_TUNING, { covered: false, state: 'not-covered', confidence: 0.1, reason: '' });
    expect(answer).toMatchObject({ state: 'not-covered', covered: false, sentences: [] });
    expect(answer.short).toBeUndefined();
    expect(answer.clauses.map((c) => c.ref)).toEqual(ranked.slice(0, DEFAULT_TUNING.answer.nearestClauses).map((c) => c.ref));
  });

  it('says what a question asks about that the rulebook is not about, when that is why it is not covered', () => {
    const fees = ask('How much are the rego fees for a player?');
    expect(fees.coverage.state).toBe('not-covered');
    expect(fees.answer.outOfScope).toEqual({ kind: 'off-field', topic: 'rego fees' });
    const league = ask('Rugby league: how many tackles in a set?');
    expect(league.answer.state).toBe('not-covered');
    expect(league.answer.outOfScope).toEqual({ kind: 'other-code', topic: 'rugby league' });
    // Not covered for another reason: nothing to add.
    const lightning = ask('Should we stop the game if there is lightning?');
    expect(lightning.answer.state).toBe('not-covered');
    expect(lightning.answer.outOfScope).toBeUndefined();
  });

  it.each(['unsure', 'sure'] as const)('answers with sentences when %s', (state) => {
    const { answer } = ask(jewellery, DEFAULT_TUNING, { covered: true, state, confidence: 0.8, reason: '' });
    expect(answer.state).toBe(state);
    expect(answer.covered).toBe(true);
    expect(answer.sentences.length).toBeGreaterThan(0);
    expect(answer.sentences[0]).toMatchObject({ ref: '4.7', citation: 'Rule 4.7', unit: 0, text: 'Players must not wear jewellery.' });
    expect(answer.clauses[0].ref).toBe('4.7');
  });

  it.each([
    // [question, coverage settings, state]
    ['Should we stop the game if there is lightning?', {}, 'not-covered'],
    [jewellery, {}, 'sure'],
    [jewellery, { sureMargin: 1.01 }, 'unsure'],
    [jewellery, { sureConfidence: 1.01, minConfidence: 1.01 }, 'not-covered'],
  ] as const)('%s with %o → %s, through assessCoverage', (question, settings, state) => {
    const { answer, coverage } = ask(question, { ...DEFAULT_TUNING, coverage: { ...DEFAULT_TUNING.coverage, ...settings } });
    expect(coverage.state).toBe(state);
    expect(answer.state).toBe(state);
    expect(answer.covered).toBe(state !== 'not-covered');
    expect(answer.sentences.length > 0).toBe(state !== 'not-covered');
    expect(answer.clauses.length).toBeLessThanOrEqual(
      state === 'not-covered' ? DEFAULT_TUNING.answer.nearestClauses : DEFAULT_TUNING.answer.maxClauses,
    );
  });
});

describe('buildClauseAnswer: an unsure answer quotes the closest rules', () => {
  const unsure: Coverage = { covered: true, state: 'unsure', confidence: 0.5, reason: '' };
  const sure: Coverage = { covered: true, state: 'sure', confidence: 0.9, reason: '' };
  const question = 'How far back do defenders go at a penalty?';

  it.each([1, 2, 3, 4])('unsureRules %i: the lead, then one sentence of each next rule in rank order', (unsureRules) => {
    const { answer, ranked } = ask(question, withAnswer({ unsureRules }), unsure);
    const lead = answer.sentences[0];
    const others = answer.sentences.filter((s) => s.unit !== lead.unit);
    const expected = ranked.map((c) => c.ref).filter((ref, i, all) => ref !== lead.ref && all.indexOf(ref) === i).slice(0, unsureRules - 1);
    expect(others.map((s) => s.ref)).toEqual(expected);
    expect(new Set(answer.sentences.map((s) => s.ref)).size).toBe(unsureRules);
    // Each quoted sentence is a sentence of its clause, shown as a referee reads it.
    for (const s of others) expect(splitSentences(units[s.unit].text).map(displaySentence)).toContain(s.text);
  });

  it('a sure answer quotes the lead clause only', () => {
    const { answer } = ask(question, withAnswer({ unsureRules: 3 }), sure);
    expect(new Set(answer.sentences.map((s) => s.unit)).size).toBe(1);
    expect(answer.sentences[0].citation).toBe('Rule 15.2');
  });
});

describe('buildClauseAnswer: the lead sentence', () => {
  it.each([
    // [question, short, citation, lead sentence]
    ['How far back do defenders go at a penalty?', 'Ten (10) metres', 'Rule 15.2', /^At a Tap, all players from the Defending Team must retire/],
    ['How far do defenders retire at a rollball?', 'Seven (7) metres', 'Rule 15.3', /^Players of the Defending Team must retire seven/],
    ['How many points is a try worth?', 'One (1) point', 'Rule 14.1', /^A Try is worth one \(1\) point\.$/],
    // Not a quantity question: no short lead.
    ['Can a player wear jewellery?', undefined, 'Rule 4.7', /^Players must not wear jewellery\.$/],
    // A quantity question whose best sentence states no number: no short lead.
    ['How many players can wear jewellery?', undefined, 'Rule 4.7', /^Players must not wear jewellery\.$/],
  ])('%s', (question, short, citation, lead) => {
    const { answer } = ask(question, DEFAULT_TUNING, { covered: true, state: 'sure', confidence: 1, reason: '' });
    expect(answer.short).toBe(short);
    expect(answer.sentences[0].citation).toBe(citation);
    expect(answer.sentences[0].text).toMatch(lead);
    expect(answer.clauses[0].citation).toBe(citation);
  });

  it("leads a quantity question with the top clause's number over a runner-up sentence sharing more words", () => {
    const answerWith = answererFor([
      clause('8.1', 'Match Duration', 'A match is 40 minutes in duration.'),
      clause('1.5', 'The Field', 'The standard playing surface for a touch match is grass.'),
    ]);
    expect(answerWith('How long is a standard touch match?', ['8.1', '1.5']).sentences[0].citation).toBe('Rule 8.1');
    // With the number-less clause on top, the lead is chosen by score as before.
    expect(answerWith('How long is a standard touch match?', ['1.5', '8.1']).sentences[0].citation).toBe('Rule 1.5');
  });

  it('shows a list item after the lead-in of the clause it completes, and a whole clause as it is', () => {
    const book: RuleUnit[] = [
      clause('13.6', 'The Rollball', 'A player is to perform a Rollball seven (7) metres in-field under the following circumstances:'),
      clause('13.6.2', 'The Rollball', 'when the ball not in Possession of a player makes contact with the Sideline.'),
      clause('13.13', 'The Rollball', 'If the Attacking player makes contact with the Sideline a Change of Possession will occur.'),
    ];
    const bookIndex = buildClauseIndex(book);
    const bookChunks = chunkUnits(book, { strategy: 'structured', maxTokens: 200, overlapTokens: 0 }, counter);
    const answerWith = (order: string[]) => {
      const analysis = analyzeQuestion('ball went over the sideline, where is the rollball', { lexicon: bookIndex.lexicon, vocabulary, tuning: DEFAULT_TUNING.question });
      const ranked = rerankClauses(analysis, bookChunks.map((chunk) => ({ chunk, score: 1, dense: NaN, bm25: 0 })), bookIndex, DEFAULT_TUNING.rerank);
      const ordered = order.map((ref, i) => ({ ...ranked.find((c) => c.ref === ref)!, score: 2 - i * 0.5 }));
      return buildClauseAnswer(analysis, ordered, { covered: true, state: 'unsure', confidence: 0.5, reason: '' }, bookIndex, DEFAULT_TUNING.answer);
    };
    const item = answerWith(['13.6.2', '13.13']).sentences.find((s) => s.ref === '13.6.2')!;
    expect(item.text).toBe('A player is to perform a Rollball seven (7) metres in-field under the following circumstances: when the ball not in Possession of a player makes contact with the Sideline.');
    expect(item.citation).toBe('Rule 13.6.2');
    const whole = answerWith(['13.13', '13.6.2']).sentences.find((s) => s.ref === '13.13')!;
    expect(whole.text).toBe('If the Attacking player makes contact with the Sideline a Change of Possession will occur.');
  });

  it('shows a second sentence of the same clause in reading order when it is nearly as good', () => {
    const { answer } = ask('Can a player wear jewellery?');
    expect(answer.sentences.map((s) => s.text)).toEqual(['Players must not wear jewellery.', 'Jewellery that cannot be removed must be taped.']);
    expect(ask('Can a player wear jewellery?', withAnswer({ maxSentences: 1 })).answer.sentences).toHaveLength(1);
    expect(ask('Can a player wear jewellery?', withAnswer({ secondSentenceRatio: 2 })).answer.sentences).toHaveLength(1);
  });

  it("shows the lead rule's ruling after it when no sentence of its own is nearly as good", () => {
    const { answer } = ask('Must the defending team retire at a rollball?', DEFAULT_TUNING, { covered: true, state: 'sure', confidence: 1, reason: '' });
    expect(answer.sentences.map((s) => s.citation)).toEqual(['Rule 15.3', 'Rule 15.3']);
    expect(answer.sentences[1].text).toMatch(/^The Attacking Team restarts play/);
  });

  it('shows no ruling next to the answer to a quantity question', () => {
    const { answer } = ask('How far back do defenders go at a penalty?');
    expect(answer.sentences).toHaveLength(1);
  });

  it('lists the lead clause first, each clause once, at most maxClauses', () => {
    const { answer, ranked } = ask('How far back do defenders go at a penalty?', withAnswer({ maxClauses: 4 }));
    expect(answer.clauses).toHaveLength(4);
    expect(answer.clauses[0].ref).toBe('15.2');
    expect(new Set(answer.clauses.map((c) => c.unit)).size).toBe(4);
    expect(answer.clauses.slice(1).map((c) => c.ref)).toEqual(ranked.filter((c) => c.ref !== '15.2').slice(0, 3).map((c) => c.ref));
    // Whole clauses, without the reranker's working.
    expect(answer.clauses[0]).toEqual({
      unit: 4, ref: '15.2', kind: 'clause', term: undefined, citation: 'Rule 15.2', text: units[4].text, pages: [1], sectionNumber: '15', sectionTitle: 'Offside',
    });
  });

  it('gives no sentence with maxSentences 0', () => {
    const { answer } = ask('How far back do defenders go at a penalty?', withAnswer({ maxSentences: 0 }));
    expect(answer.sentences).toEqual([]);
    expect(answer.short).toBeUndefined();
    expect(answer.covered).toBe(true);
  });
});

describe('buildClauseAnswer: rulings', () => {
  it('answers a consequence question with the rule sentence, then its ruling', () => {
    const { answer } = ask('What happens if a defender does not retire at a tap?');
    expect(leadClauseSentences(answer).map((s) => [s.citation, s.text])).toEqual([
      ['Rule 15.2', 'At a Tap, all players from the Defending Team must retire a distance of ten (10) metres from the Mark.'],
      ['Rule 15.2', 'A Penalty to the Attacking Team ten (10) metres Forward of the Infringement.'],
    ]);
  });

  it.each(['What happens if a defender does not retire?', 'What happens if a player interchanges after an intercept?', "What's the call when a defender won't retire?"])(
    '%s → a rule sentence, then a ruling of the same clause',
    (question) => {
      const { answer } = ask(question);
      expect(leadClauseSentences(answer)).toHaveLength(2);
      const [rule, ruling] = leadClauseSentences(answer);
      expect(ruling.unit).toBe(rule.unit);
      const raw = splitSentences(units[rule.unit].text);
      const rulingAt = raw.findIndex((s) => /^Ruling/.test(s) && displaySentence(s) === ruling.text);
      const ruleAt = raw.indexOf(rule.text);
      expect(ruleAt).toBeGreaterThanOrEqual(0);
      expect(rulingAt).toBeGreaterThan(ruleAt);
      for (const s of leadClauseSentences(answer)) expect(s.text).not.toMatch(/^Ruling/);
    },
  );

  it('reads a lettered ruling plainly', () => {
    const { answer } = ask('What happens if a player interchanges after an intercept?');
    expect(answer.sentences[0].citation).toBe('Rule 17.1');
    expect(answer.sentences.map((s) => s.text)).toContain('If a player Interchanges after an intercept and prevents a Try, a Penalty Try is awarded.');
  });
});

describe('buildClauseAnswer: definitions', () => {
  it.each([
    ['What does Advantage mean?', 'Definition: Advantage', 'The period of time after an Infringement in which the non-offending side may gain territory.'],
    // Rule 19.1 holds more of its words ("playing", "advantage"), but the question asks what the term means.
    ['What does playing advantage actually mean?', 'Definition: Advantage', 'The period of time after an Infringement in which the non-offending side may gain territory.'],
    ['What is a sin bin?', 'Definition: Sin Bin', 'The area where a player goes for a period of time when sent off for misconduct.'],
    ['Define penalty', 'Definition: Penalty', 'The result of an Infringement: the non-offending Team restarts play with a Tap.'],
  ])('%s leads with %s', (question, citation, text) => {
    const { answer } = ask(question);
    expect(answer.sentences[0]).toMatchObject({ citation, ref: citation, text });
    expect(answer.clauses[0]).toMatchObject({ kind: 'definition', citation });
  });

  it("leads with the top clause, not a definition below it whose term the question neither names nor asks about", () => {
    const answerWith = answererFor([
      clause('8.1', 'Match Duration', 'A match is 40 minutes in duration, with two halves.'),
      definition('Duration', 'The length of time a competition match lasts, which is normally forty-five minutes, inclusive of a five (5) minute Half Time.'),
    ]);
    const leadFor = (question: string, order: string[]) => answerWith(question, order).sentences[0].citation;
    // The definition's sentence holds more of the question's words ("length", "match", "half time"), yet the
    // question is not about the term Duration.
    expect(leadFor('What is the length of a match and its half time?', ['8.1', 'Definition: Duration'])).toBe('Rule 8.1');
    // On top, the definition leads as before; and a question naming its term may be led by it from below.
    expect(leadFor('What is the length of a match and its half time?', ['Definition: Duration', '8.1'])).toBe('Definition: Duration');
    expect(leadFor('What is the duration of a match and its half time?', ['8.1', 'Definition: Duration'])).toBe('Definition: Duration');
  });

  it.each(['How far do defenders retire at a penalty?', 'How far back do defenders go at a penalty?', 'What happens if a defender does not retire at a penalty?'])(
    '%s uses a defined word but does not lead with its definition',
    (question) => {
      const { answer } = ask(question);
      expect(answer.sentences[0].citation).toMatch(/^Rule /);
      expect(answer.clauses[0].kind).toBe('clause');
    },
  );
});

describe('displaySentence', () => {
  it.each([
    ['Ruling A = If a player Interchanges after an intercept and prevents a Try, a Penalty Try is awarded.', 'If a player Interchanges after an intercept and prevents a Try, a Penalty Try is awarded.'],
    ['Ruling = A Penalty to the non-offending Team.', 'A Penalty to the non-offending Team.'],
    ['Ruling B: The player is sent to the Sin Bin.', 'The player is sent to the Sin Bin.'],
    ['Ruling=A Penalty.', 'A Penalty.'],
    ['Players must not wear jewellery.', 'Players must not wear jewellery.'],
    // Only a leading "Ruling" label is dropped.
    ['A Ruling = is given by the Referee.', 'A Ruling = is given by the Referee.'],
    ['Rulings are final.', 'Rulings are final.'],
  ])('%j → %j', (raw, shown) => {
    expect(displaySentence(raw)).toBe(shown);
  });

  it.each(['Ruling 1 = A Penalty.', 'Ruling - A Penalty.', 'Ruling – A Penalty.'])('reads %j like the parser does', (raw) => {
    expect(displaySentence(raw)).toBe('A Penalty.');
  });
});

describe('quantityPhrase', () => {
  const metres = tokenize('metres');
  it.each([
    // [sentence, what the question counts, phrase]
    ['At a Tap, all players from the Defending Team must retire a distance of ten (10) metres from the Mark.', metres, 'Ten (10) metres'],
    ['A Try is worth one (1) point.', tokenize('points'), 'One (1) point'],
    ['A player must retire at least 7 metres.', metres, 'At least 7 metres'],
    ['The ball is 1.5 metres away.', metres, '1.5 metres'],
    ['The Field is 70 x 50 metres.', metres, '70 x 50 metres'],
    ['Half time lasts five (5) minutes.', tokenize('minutes seconds'), 'Five (5) minutes'],
    // The phrase of the thing asked, not the first number.
    ['The Field is sixty (60) metres long and a maximum of 14 players may be named.', tokenize('players'), 'A maximum of 14 players'],
    ['The Field is sixty (60) metres long and a maximum of 14 players may be named.', metres, 'Sixty (60) metres'],
    ['A Team has no more than twelve (12) players, of whom no more than six (6) may be on the Field.', tokenize('players'), 'No more than twelve (12) players'],
    // Nothing of the thing asked: the first number.
    ['A Team has no more than twelve (12) players, of whom no more than six (6) may be on the Field.', metres, 'No more than twelve (12) players'],
    ['A number may have no more than two (2) digits.', [], 'No more than two (2) digits'],
    // A range is said whole.
    ['The number of Touches before a Change of Possession, from zero (0) to six (6).', tokenize('touches'), 'From zero (0) to six (6)'],
    ['Lines go from 2 to 4 metres apart.', metres, 'From 2 to 4 metres'],
    // No number at all.
    ['Players must not wear jewellery.', metres, undefined],
    ['Players retire ten metres.', metres, undefined],
  ])('%j for %j → %j', (sentence, targets, phrase) => {
    expect(quantityPhrase(sentence, targets)).toBe(phrase);
  });

  it("takes the phrase whose part of the sentence holds the question's other words", () => {
    const sentence = 'A Team consists of a maximum of 14 players, no more than six (6) of whom are allowed on the field at any time.';
    // "How many players on the field?"
    expect(quantityPhrase(sentence, tokenize('players'), new Set(tokenize('players field')))).toBe('No more than six (6)');
    // "How many players in a team?"
    expect(quantityPhrase(sentence, tokenize('players'), new Set(tokenize('players team')))).toBe('A maximum of 14 players');
  });
});

describe('buildClauseAnswer: the referees\' words for what one clause alone states', () => {
  const own = compileVocabulary({ version: 1, entries: [{ say: ['time wasting', 'taking all day'], means: ['without delay'], note: 'test' }], otherCodes: [], offField: [] });
  const book: RuleUnit[] = [
    clause('13.4', 'The Rollball', 'The player must perform the Rollball without delay.'),
    clause('13.5', 'The Rollball', 'The player performs the Rollball on the Mark.'),
  ];
  const bookIndex = buildClauseIndex(book, own);
  const bookChunks = chunkUnits(book, { strategy: 'structured', maxTokens: 200, overlapTokens: 0 }, counter);

  function leadFor(question: string, saidUnits: number): string | undefined {
    const tuning: AnswerTuning = { ...DEFAULT_TUNING, answer: { ...DEFAULT_TUNING.answer, saidUnits } };
    const analysis = analyzeQuestion(question, { lexicon: bookIndex.lexicon, vocabulary: own, tuning: tuning.question });
    const results: ScoredChunk[] = bookChunks.map((chunk) => ({ chunk, score: 1, dense: NaN, bm25: 0 }));
    // Two clauses the reranker scores alike: only the choice of the lead sentence tells them apart.
    const ranked = rerankClauses(analysis, results, bookIndex, tuning.rerank).map((c) => ({ ...c, score: 1 }));
    const coverage: Coverage = { covered: true, state: 'unsure', confidence: 0.5, reason: 'test' };
    return buildClauseAnswer(analysis, ranked, coverage, bookIndex, tuning.answer).sentences[0]?.ref;
  }

  it('leads with the clause that states what the question says in its own words', () => {
    // No phrase is typed whole: "wasting time" is the entry's words, not its phrase.
    expect(leadFor('Their rollballer keeps wasting time on the mark', 1)).toBe('13.4');
    // Without them the clause holding more of the question's words leads.
    expect(leadFor('Their rollballer keeps wasting time on the mark', 0)).toBe('13.5');
  });
});
