import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from '../../src/core/answer-tuning';
import { chunkUnits } from '../../src/core/chunking';
import { buildClauseIndex } from '../../src/core/clauses';
import { coveredProbability } from '../../src/core/abstain';
import { assessCoverage, clauseTermShare, denseBandFor, type CoverageTuning } from '../../src/core/coverage';
import { EMBEDDING_MODELS } from '../../src/core/embedding-models';
import { analyzeQuestion } from '../../src/core/question';
import { rerankClauses, withNamedRules } from '../../src/core/rerank';
import type { Chunk, RuleUnit, ScoredChunk, Similarity, TokenCounter } from '../../src/core/types';
import { compileVocabulary } from '../../src/core/vocabulary';
import { clause, definition, wordCounter as counter } from '../fixtures/units';


const units: RuleUnit[] = [
  clause('4.7', 'Playing Uniform', 'Players must not wear jewellery. Jewellery that cannot be removed must be taped.'),
  clause('13.2', 'The Rollball', 'The Rollball is performed on the Mark.'),
  clause('14.1', 'Scoring', 'A Try is worth one (1) point.'),
  clause('15.1', 'Offside', 'Players are Onside when behind the ball.'),
  clause('15.2', 'Offside', 'At a Tap, all players from the Defending Team must retire a distance of ten (10) metres from the Mark.'),
  clause('15.3', 'Offside', 'Players of the Defending Team must retire seven (7) metres at a Rollball.'),
  definition('Sin Bin', 'The area where a player goes for a period of time when sent off for misconduct.'),
  definition('Penalty', 'The result of an Infringement: the non-offending Team restarts play with a Tap.'),
];
const chunks = chunkUnits(units, { strategy: 'structured', maxTokens: 200, overlapTokens: 0 }, counter);
const index = buildClauseIndex(units);
const vocabulary = compileVocabulary();
const T = DEFAULT_TUNING;
/** The hand-weighted mix of term share and dense similarity, without the learned coverage model. */
const HAND: Partial<CoverageTuning> = { abstain: undefined };

/** The chunk holding a unit. */
const chunkOf = (ref: string): Chunk => chunks.find((c) => c.refs.includes(ref))!;

interface Run {
  /** First-stage results, by a ref each chunk holds; every chunk, in index order, by default. */
  results?: string[];
  /** Dense similarity of every result (NaN: no vector). */
  dense?: number;
  similarity?: Similarity;
  modelId?: string;
  coverage?: Partial<CoverageTuning>;
}

function assess(question: string, run: Run = {}) {
  const analysis = analyzeQuestion(question, { lexicon: index.lexicon, vocabulary, tuning: T.question });
  const list = run.results ? run.results.map(chunkOf) : chunks;
  const results: ScoredChunk[] = list.map((chunk, i) => ({ chunk, score: 1 / (i + 1), dense: run.dense ?? NaN, bm25: 0 }));
  const clauses = rerankClauses(analysis, results, index, T.rerank);
  const tuning = { ...T.coverage, ...run.coverage };
  const coverage = assessCoverage(
    { analysis, clauses, index, similarity: run.similarity ?? 'cosine', modelId: run.modelId ?? 'pitchside-glove-100d' },
    tuning,
  );
  const margin = clauses.length > 1 ? (clauses[0].score - clauses[1].score) / clauses[0].score : 1;
  return { analysis, clauses, coverage, margin };
}

/** A question asked of another, small book: analysed, reranked and assessed against that book alone. */
function assessInBook(book: RuleUnit[], question: string) {
  const bookIndex = buildClauseIndex(book);
  const bookChunks = chunkUnits(book, { strategy: 'structured', maxTokens: 200, overlapTokens: 0 }, counter);
  const analysis = analyzeQuestion(question, { lexicon: bookIndex.lexicon, vocabulary, tuning: T.question });
  const results: ScoredChunk[] = bookChunks.map((chunk, i) => ({ chunk, score: 1 / (i + 1), dense: NaN, bm25: 0 }));
  const clauses = rerankClauses(analysis, results, bookIndex, T.rerank);
  const coverage = assessCoverage({ analysis, clauses, index: bookIndex, similarity: 'cosine', modelId: 'pitchside-glove-100d' }, T.coverage);
  return { analysis, coverage, clauses };
}

const jewellery = 'Can a player wear jewellery?';
const farBack = 'How far back do defenders go at a penalty?';
const sinBin = 'What is a sin bin?';
const lightning = 'Should we stop the game if there is lightning?';

describe('assessCoverage: covered or not', () => {
  it.each([
    // [question, the clause its terms are found in]
    [jewellery, 'Rule 4.7'],
    ['Can a player wear a necklace?', 'Rule 4.7'],
    ['How far back do defenders go at a tap?', 'Rule 15.2'],
    ['How far do defenders retire at a rollball?', 'Rule 15.3'],
    [sinBin, 'Definition: Sin Bin'],
  ])('%s → covered, from %s', (question, citation) => {
    const { coverage } = assess(question);
    expect(coverage.covered).toBe(true);
    expect(['sure', 'unsure']).toContain(coverage.state);
    expect(coverage.confidence).toBeGreaterThanOrEqual(T.coverage.minConfidence);
    expect(coverage.confidence).toBeLessThanOrEqual(1);
    expect(coverage.reason).toContain(`found in ${citation}`);
    expect(coverage.reason).toContain(`: ${coverage.state}`);
  });

  it.each([
    lightning,
    'Is the referee paid for a tournament?',
    'Who won the world cup in 2019?',
  ])('%s → not covered', (question) => {
    const { coverage, clauses } = assess(question);
    expect(clauses.length).toBeGreaterThan(0);
    expect(coverage).toMatchObject({ covered: false, state: 'not-covered' });
    expect(coverage.confidence).toBeLessThan(T.coverage.minConfidence);
    expect(coverage.confidence).toBeGreaterThanOrEqual(0);
  });

  it('finds none of an off-topic question in any clause', () => {
    const { coverage } = assess(lightning, { coverage: HAND });
    expect(coverage.confidence).toBe(0);
    expect(coverage.reason).toContain('terms 0% found');
    // The learned model, from the same signals: not covered either.
    expect(assess(lightning).coverage.covered).toBe(false);
    expect(assess(lightning).coverage.signals).toMatchObject({ share: 0, leadShare: 0 });
  });

  it('is not covered when nothing was retrieved, or the question has no search terms', () => {
    expect(assess(jewellery, { results: [] }).coverage).toEqual({ covered: false, state: 'not-covered', confidence: 0, reason: 'nothing was retrieved' });
    expect(assess('What is it?').coverage).toEqual({ covered: false, state: 'not-covered', confidence: 0, reason: 'no search terms in the question' });
  });
});

describe('assessCoverage: a sure lead holds the question', () => {
  it('is not sure when the question names something the rulebook never uses', () => {
    // "wedding" is no rulebook word: the jewellery rule is the closest clause, but not a sure answer to this.
    expect(assess(jewellery).coverage.state).toBe('sure');
    const wedding = assess('Can a player wear jewellery at a wedding?');
    expect(wedding.clauses[0].ref).toBe('4.7');
    expect(wedding.coverage.state).toBe('unsure');
    expect(wedding.coverage.reason).toMatch(/lead holds \d+% of the question's terms/);
    // The lead holds too little of the question: with that guard (and the confidence bar) lowered it is sure.
    expect(wedding.coverage.signals!.leadShare).toBeLessThan(T.coverage.sureLeadShare);
    expect(assess('Can a player wear jewellery at a wedding?', { coverage: { sureLeadShare: 0, sureConfidence: 0.5 } }).coverage.state).toBe('sure');
  });

  it('is not sure of a one-word question about a topic, but may be of one asking what a term means', () => {
    const oneWord = assess('jewellery?');
    expect(oneWord.clauses[0].ref).toBe('4.7');
    expect(oneWord.coverage.state).toBe('unsure');
    // The same question with the guard off is sure: the guard, not the signals, holds it back.
    expect(assess('jewellery?', { coverage: { sureMinTerms: 1 } }).coverage.state).toBe('sure');
    // A meaning question stays sure however many words the guard asks for.
    expect(assess(sinBin, { coverage: { sureMinTerms: 1 } }).coverage.state).toBe('sure');
    expect(assess(sinBin, { coverage: { sureMinTerms: 5 } }).coverage.state).toBe('sure');
  });
});

describe('assessCoverage: the three states follow the thresholds', () => {
  it.each([
    // [question, settings, state]
    [jewellery, {}, 'sure'],
    [lightning, {}, 'not-covered'],
    // Nothing reaches a threshold above 1.
    [jewellery, { minConfidence: 1.01, sureConfidence: 1.01 }, 'not-covered'],
    [farBack, { minConfidence: 1.01, sureConfidence: 1.01 }, 'not-covered'],
    [sinBin, { minConfidence: 1.01, sureConfidence: 1.01 }, 'not-covered'],
    // Never sure: covered questions are unsure.
    [jewellery, { sureConfidence: 1.01 }, 'unsure'],
    [jewellery, { sureMargin: 1.01 }, 'unsure'],
    [sinBin, { sureMargin: 1.01 }, 'unsure'],
    // Always sure.
    [jewellery, { sureConfidence: 0, sureMargin: 0, sureLeadShare: 0 }, 'sure'],
    [farBack, { sureConfidence: 0, sureMargin: 0, sureLeadShare: 0 }, 'sure'],
    // A lead that holds too little of the question is never sure.
    [jewellery, { sureLeadShare: 1.01 }, 'unsure'],
    // Nothing is refused: the off-topic question is unsure.
    [lightning, { minConfidence: 0, sureConfidence: 1.01 }, 'unsure'],
  ] as const)('%s with %o → %s', (question, settings, state) => {
    const { coverage } = assess(question, { coverage: settings });
    expect(coverage.state).toBe(state);
    expect(coverage.covered).toBe(state !== 'not-covered');
    // The thresholds change the state, never the confidence.
    expect(coverage.confidence).toBe(assess(question).coverage.confidence);
  });

  it.each([jewellery, farBack, sinBin])('switches exactly at the confidence and the margin: %s', (question) => {
    const { coverage, margin } = assess(question);
    const c = coverage.confidence;
    const state = (settings: Partial<CoverageTuning>) => assess(question, { coverage: settings }).coverage.state;
    // sureConfidence, with no margin needed.
    expect(state({ sureConfidence: c, sureMargin: 0, minConfidence: 0, sureLeadShare: 0 })).toBe('sure');
    expect(state({ sureConfidence: c + 1e-9, sureMargin: 0, minConfidence: 0, sureLeadShare: 0 })).toBe('unsure');
    // sureMargin, with any confidence sure enough.
    expect(state({ sureConfidence: 0, sureMargin: margin, sureLeadShare: 0 })).toBe('sure');
    expect(state({ sureConfidence: 0, sureMargin: margin + 1e-9, minConfidence: 0, sureLeadShare: 0 })).toBe('unsure');
    // minConfidence, never sure.
    expect(state({ sureConfidence: 2, minConfidence: c })).toBe('unsure');
    expect(state({ sureConfidence: 2, minConfidence: c + 1e-9 })).toBe('not-covered');
  });

  it('reports the lead over the next clause', () => {
    const { coverage, margin } = assess(farBack);
    expect(coverage.reason).toContain(`lead ${(margin * 100).toFixed(0)}% above the next clause`);
  });

  it('never shows an answer below minConfidence as sure', () => {
    const { coverage } = assess(jewellery, { coverage: { minConfidence: 1.01 } });
    expect(coverage.state).toBe('not-covered');
  });
});

describe('assessCoverage: what the question asks for', () => {
  it('refuses a "what colour" question when the rulebook never mentions colour', () => {
    const { analysis, coverage } = assess('What colour card is shown for a sin bin?');
    expect(analysis.answerType).toBe('colour');
    expect(coverage).toMatchObject({ covered: false, state: 'not-covered', confidence: 0 });
    expect(coverage.reason).toContain('"colour", which the rulebook never mentions');
    // The same words without asking for a colour: no factor, and the hand-weighted mix covers them.
    expect(assess('Is a card shown for a sin bin?').coverage.signals?.factor).toBe(1);
    expect(assess('Is a card shown for a sin bin?', { coverage: HAND }).coverage.covered).toBe(true);
  });

  it('doubts a best clause that lacks the asked-for word the rulebook uses elsewhere', () => {
    const question = 'What penalty is given for wearing jewellery?';
    const { analysis, coverage } = assess(question);
    expect(analysis.answerType).toBe('penalti');
    expect(coverage.reason).toContain('asks for "penalti", not in the best clause');
    const unfactored = assess(question, { coverage: { missingFocusFactor: 1 } }).coverage;
    expect(coverage.confidence).toBeCloseTo(unfactored.confidence * T.coverage.missingFocusFactor, 10);
    expect(coverage.confidence).toBeLessThan(unfactored.confidence);
  });

  it('takes "what position is X?" as a meaning question its definition answers, not a missing "position"', () => {
    const book: RuleUnit[] = [
      definition('Link', 'The player on the field of play between the Middle and the Wing.'),
      definition('Wing', 'The player nearest the Sideline.'),
      clause('1.4', 'The Field', 'Markers are positioned at the corners of the field.'),
    ];
    const { analysis, coverage, clauses } = assessInBook(book, 'What position is the Link?');
    expect(analysis.answerType).toBe('posit');
    expect(analysis.asks.meaning).toBe(true);
    expect(clauses[0].citation).toBe('Definition: Link');
    expect(coverage.reason).not.toContain('asks for "posit"');
  });

  it('doubts a quantity question when no top clause states a number', () => {
    // Only unnumbered clauses were retrieved.
    const results = ['4.7', 'Definition: Sin Bin', '13.2'];
    const quantity = assess('How many players can wear jewellery?', { results });
    const plain = assess('Can players wear jewellery?', { results });
    expect(quantity.analysis.asks.number).toBe(true);
    expect(plain.analysis.asks.number).toBe(false);
    expect(quantity.analysis.terms).toEqual(plain.analysis.terms);
    expect(quantity.coverage.reason).toContain('asks for a number, none in the top clauses');
    expect(plain.coverage.reason).not.toContain('asks for a number');
    expect(quantity.coverage.confidence).toBeLessThan(plain.coverage.confidence);
    expect(quantity.coverage.confidence).toBeCloseTo(plain.coverage.confidence * T.coverage.noNumberFactor, 10);
  });

  it('takes "no limit" for the number a "how many" question asks for', () => {
    const book = [
      clause('17.1', 'Interchange', 'Players may Interchange at any time.'),
      clause('17.2', 'Interchange', 'There is no limit to the number of times a player may Interchange.'),
    ];
    const { coverage } = assessInBook(book, 'How many times can a player interchange?');
    expect(coverage.reason).toContain('found in Rule 17.2');
    expect(coverage.reason).not.toContain('asks for a number');
    // The same book without the words that state it: doubted.
    const unstated = assessInBook([book[0], clause('17.2', 'Interchange', 'A player may Interchange more than once.')], 'How many times can a player interchange?');
    expect(unstated.coverage.reason).toContain('asks for a number, none in the top clauses');
  });

  it('doubts a count in a unit the rulebook never uses ("how many days")', () => {
    const days = assess('How many days does a sin bin last?');
    expect(days.coverage.reason).toContain('counts in days, which the rulebook never uses');
    const plain = assess('How long does a sin bin last?');
    expect(plain.coverage.reason).not.toContain('which the rulebook never uses');
    const unfactored = assess('How many days does a sin bin last?', { coverage: { foreignUnitFactor: 1 } }).coverage;
    expect(days.coverage.confidence).toBeCloseTo(unfactored.confidence * T.coverage.foreignUnitFactor, 10);
    // A rulebook that counts in days answers it.
    const inDays = assessInBook([clause('23.2', 'Dismissal', 'A dismissed player is suspended for fourteen (14) days.')], 'How many days is a player suspended for?');
    expect(inDays.coverage.reason).not.toContain('which the rulebook never uses');
  });

  it('doubts a count of seconds or minutes that no top clause states of what the question names', () => {
    const book = [
      clause('8.1', 'Match Duration', 'A match is 40 minutes in duration, consisting of two (2) x 20 minute halves.'),
      clause('13.4', 'The Rollball', 'The player must perform the Rollball without delay.'),
      clause('24.1', 'Drop-Off', 'Each Team will within 60 seconds take up a position to restart play from the Halfway Line.'),
    ];
    const tap = assessInBook(book, 'How many seconds does the player get to perform the rollball?');
    expect(tap.analysis.countedUnit).toBe('second');
    expect(tap.coverage.reason).toContain('asks how many seconds, which no top clause states of what it names');
    const halves = assessInBook(book, 'How many minutes are the halves?');
    expect(halves.analysis.countedUnit).toBe('minute');
    expect(halves.coverage.reason).not.toContain('which no top clause states');
    // Only "how many" asks in a unit: a number of minutes told in passing asks for nothing.
    expect(analyzeQuestion('I sat out a set number of minutes, how long now?', { lexicon: index.lexicon, vocabulary, tuning: T.question }).countedUnit).toBeUndefined();
  });

  it('does not doubt a quantity question whose top clauses state a number', () => {
    const { coverage } = assess('How many points is a try worth?');
    expect(coverage.reason).toContain('found in Rule 14.1');
    expect(coverage.reason).not.toContain('asks for a number');
    expect(coverage.covered).toBe(true);
  });
});

describe('assessCoverage: a number counts what the question counts', () => {
  it('finds "7 metres" in a clause that states seven metres, not "7 players"', () => {
    const metres = assess('Must the defending team retire 7 metres at a rollball?');
    const players = assess('Must the defending team retire 7 players at a rollball?');
    expect(players.analysis.countedNumbers['7']).toContain('player');
    expect(metres.clauses[0].ref).toBe('15.3');
    expect(players.clauses[0].ref).toBe('15.3');
    // Rule 15.3 holds a 7, but of metres: for the players question it is not found there.
    expect(players.coverage.signals!.leadShare).toBeLessThan(metres.coverage.signals!.leadShare);
    expect(players.coverage.confidence).toBeLessThan(metres.coverage.confidence);
  });
  it('does not find a number the question gives bare where the clause measures it in something the question never names', () => {
    const withUnit = assess('At a rollball, must defending players retire 7 metres?');
    const bare = assess('At a rollball, must defending players retire 7?');
    expect(withUnit.clauses[0].ref).toBe('15.3');
    expect(bare.clauses[0].ref).toBe('15.3');
    // Rule 15.3 holds every other word of both; its 7 is metres, which only the first question names.
    expect(withUnit.coverage.signals!.leadShare).toBeCloseTo(1, 10);
    expect(bare.coverage.signals!.leadShare).toBeLessThan(1);
  });
});

describe('assessCoverage: a question about another sport, or a matter off the field', () => {
  it.each([
    ['Rugby league: how far back do defenders go at a penalty?', 'How far back do defenders go at a penalty?', 'otherCode', 'rugby league', 'which this rulebook does not cover', 'otherCodeFactor'],
    ['Do defenders get competition points for a penalty?', 'Do defenders get a penalty?', 'offField', 'competition points', 'a matter for the competition', 'offFieldFactor'],
  ] as const)('doubts "%s" by its factor', (question, plainQuestion, key, topic, words, factor) => {
    const scoped = assess(question);
    const plain = assess(plainQuestion);
    expect(scoped.analysis[key]).toBe(topic);
    expect(scoped.coverage.reason).toContain(`asks about ${topic}, ${words}`);
    expect(scoped.coverage.signals?.factor).toBeCloseTo(plain.coverage.signals!.factor * T.coverage[factor], 10);
    expect(scoped.coverage.confidence).toBeLessThan(plain.coverage.confidence);
  });

  it('does not doubt a comparison with another code', () => {
    const { analysis, coverage } = assess('Like in league, do defenders go back ten metres at a penalty?');
    expect(analysis.otherCode).toBeUndefined();
    expect(coverage.reason).not.toContain('asks about');
  });
});

describe('assessCoverage: a number asked of a term no top clause names', () => {
  const book = [
    clause('22.3', 'Sin Bin', 'A player returns from the Sin Bin at the end of the Sin Bin time.'),
    definition('Sin Bin', 'A player sent to the Sin Bin Area for a period of four (4) completed Possessions or five (5) minutes.'),
    definition('Forced Interchange', 'When the Referee requires a player to leave the field and be replaced by another player.'),
    definition('Half Time', 'The break in play between the two halves of a match.'),
    clause('8.1', 'Duration', 'A match is 40 minutes, with a five (5) minute break.'),
  ];

  const bookIndex = buildClauseIndex(book);
  const bookChunks = chunkUnits(book, { strategy: 'structured', maxTokens: 200, overlapTokens: 0 }, counter);
  /** Coverage with the sin bin's clauses on top, as a search that missed the named term would rank them. */
  const assessWithTop = (question: string) => {
    const analysis = analyzeQuestion(question, { lexicon: bookIndex.lexicon, vocabulary, tuning: T.question });
    const ranked = rerankClauses(analysis, bookChunks.map((chunk) => ({ chunk, score: 1, dense: NaN, bm25: 0 })), bookIndex, T.rerank);
    const order = ['Rule 22.3', 'Definition: Sin Bin', 'Rule 8.1', 'Definition: Forced Interchange', 'Definition: Half Time'];
    const clauses = order.map((citation, i) => ({ ...ranked.find((c) => c.citation === citation)!, score: 2 - i * 0.1 }));
    return assessCoverage({ analysis, clauses, index: bookIndex, similarity: 'cosine', modelId: 'pitchside-glove-100d' }, T.coverage);
  };

  it('doubts a number asked of a named term the top clauses are not about, and not of a term they are about', () => {
    const forced = assessWithTop('After a forced interchange, how long before the player can come back on?');
    expect(forced.reason).toContain('asks a number of "forc interchang"');
    expect(forced.signals!.factor).toBeCloseTo(T.coverage.unnamedTermFactor, 10);
    // In any unit: the sin bin's possessions answer another term.
    expect(assessWithTop('After a forced interchange, how many possessions must the player sit out?').reason).toContain('asks a number of "forc interchang"');
    expect(assessWithTop('After a sin bin, how long before the player can come back on?').reason).not.toContain('asks a number of');
    // Not a number: what happens next.
    expect(assessWithTop('After a forced interchange, who comes on?').reason).not.toContain('asks a number of');
  });

  it('leaves a term naming a time alone: it is when the time runs from', () => {
    expect(assessWithTop('How long until we restart after half time?').reason).not.toContain('asks a number of');
  });
});

describe('assessCoverage: what a rulebook is itself about', () => {
  const league = [
    clause('1.1', 'Rugby League', 'Rugby league is played by two teams of thirteen players.'),
    clause('1.2', 'Rugby League', 'In rugby league a team has six tackles in a set.'),
    clause('1.3', 'Rugby League', 'After the sixth tackle in rugby league the ball changes over.'),
  ];
  const bylaws = [
    clause('1.1', 'Fees', 'Match fees are paid to the competition before the first game.'),
    clause('1.2', 'Fees', 'A team that has not paid its fees may not take the field.'),
    clause('1.3', 'Fees', 'Fees are refunded when a game is abandoned.'),
  ];

  it.each([
    ['a book of rugby league', league, 'Rugby league: how many tackles in a set?', { otherCode: 'rugby league' }],
    ["a competition's by-laws", bylaws, 'When are the fees paid?', { offField: 'fees' }],
  ] as const)('does not doubt a question about %s asked of it', (_, book, question, found) => {
    const { analysis, coverage } = assessInBook([...book], question);
    expect(analysis).toMatchObject(found);
    expect(coverage.reason).not.toContain('asks about');
    expect(coverage.signals?.factor).toBe(1);
  });

  it('needs the words together, not scattered over clauses, for a book to name a matter', () => {
    // Every clause speaks of the competition and of points, none of competition points.
    const scattered = [
      clause('1.1', 'Scoring', 'A try is worth one point in every competition.'),
      clause('1.2', 'Scoring', 'Points are recorded by the competition after the match.'),
      clause('1.3', 'Scoring', 'The competition may award a bonus point to a team.'),
    ];
    const named = scattered.map((c, i) => ({ ...c, text: `${c.text} Competition points are ${i + 1} per win.` }));
    const question = 'How many competition points does a winning team get?';
    const doubted = assessInBook(scattered, question);
    expect(doubted.analysis.offField).toBe('competition points');
    expect(doubted.coverage.reason).toContain('asks about competition points');
    expect(doubted.coverage.signals?.factor).toBeCloseTo(T.coverage.offFieldFactor, 10);
    expect(assessInBook(named, question).coverage.signals?.factor).toBe(1);
  });
});

describe('assessCoverage: term coverage', () => {
  it('weighs words the rulebook never uses by unknownTermWeight', () => {
    const question = 'Can a player wear jewellery with an umbrella?';
    const at = (unknownTermWeight: number) => assess(question, { coverage: { ...HAND, unknownTermWeight } }).coverage.confidence;
    expect(at(0)).toBeCloseTo(1, 10);
    expect(at(0.2)).toBeLessThan(at(0));
    expect(at(1)).toBeLessThan(at(0.2));
    expect(at(1)).toBeGreaterThan(0);
  });

  it('does not count a number the rulebook never states as a word it lacks', () => {
    // "100" is a value the question gives; "umbrella" is a topic the rulebook lacks.
    expect(assess('Can a player wear jewellery at 100?').coverage.signals!.unknownShare).toBe(0);
    expect(assess('Can a player wear jewellery with an umbrella?').coverage.signals!.unknownShare).toBeGreaterThan(0);
  });

  it('does not count another code named only to compare as a word the rulebook lacks, unless it is asked about', () => {
    const compared = assess('Can a player wear jewellery, like in rugby league?');
    expect(compared.analysis.otherCode).toBeUndefined();
    expect(compared.analysis.codeTerms).toEqual(expect.arrayContaining(['leagu']));
    expect(compared.coverage.signals!.unknownShare).toBe(0);
    // Asked about, the other code's words stay words this rulebook lacks.
    const asked = assess('Rugby league: can a player wear jewellery?');
    expect(asked.analysis.otherCode).toBe('rugby league');
    expect(asked.coverage.signals!.unknownShare).toBeGreaterThan(0);
  });

  it("does not count a word the vocabulary says for what a top clause states as a word the rulebook lacks", () => {
    const own = compileVocabulary({ version: 1, entries: [{ say: ['time wasting', 'dawdling'], means: ['without delay'], note: 'test' }], otherCodes: [], offField: [] });
    const book = [clause('13.4', 'The Rollball', 'A player must perform the Rollball without delay.'), clause('14.1', 'Scoring', 'A Try is worth one (1) point.')];
    const signals = (bookIndex: ReturnType<typeof buildClauseIndex>, saidUnits = T.coverage.saidUnits) => {
      const bookChunks = chunkUnits(book, { strategy: 'structured', maxTokens: 200, overlapTokens: 0 }, counter);
      const analysis = analyzeQuestion('Rollballer kept wasting time', { lexicon: bookIndex.lexicon, vocabulary: own, tuning: T.question });
      const clauses = rerankClauses(analysis, bookChunks.map((chunk, i) => ({ chunk, score: 1 / (i + 1), dense: NaN, bm25: 0 })), bookIndex, T.rerank);
      return assessCoverage({ analysis, clauses, index: bookIndex, similarity: 'cosine', modelId: 'pitchside-glove-100d' }, { ...T.coverage, saidUnits }).signals!;
    };
    // "wasting" is no word of the book; the entry that says it for 13.4's "without delay" is.
    expect(signals(buildClauseIndex(book, own)).unknownShare).toBeLessThan(signals(buildClauseIndex(book)).unknownShare);
    expect(signals(buildClauseIndex(book, own), 0).unknownShare).toBe(signals(buildClauseIndex(book)).unknownShare);
  });

  it('does not count a word the vocabulary already stood in for', () => {
    // "necklace" is not a rulebook word; the vocabulary maps it to "jewellery".
    const question = 'Can a player wear a necklace?';
    const { analysis } = assess(question);
    expect(analysis.vocabulary.map((h) => h.say)).toContain('necklace');
    const at = (unknownTermWeight: number) => assess(question, { coverage: { unknownTermWeight } }).coverage.confidence;
    expect(at(1)).toBe(at(0));
  });

  it('wants the terms together in one clause, not scattered', () => {
    const q = analyzeQuestion('jewellery at a rollball', { lexicon: index.lexicon, tuning: T.question });
    const share = (ref: string) => clauseTermShare(q, index.terms[index.byRef.get(ref)!], index, 0.35);
    expect(share('4.7')).toBeGreaterThan(0);
    expect(share('13.2')).toBeGreaterThan(0);
    expect(share('4.7')).toBeLessThan(1);
    expect(share('13.2')).toBeLessThan(1);
    expect(share('14.1')).toBe(0);
    const together = buildClauseIndex([clause('1.1', 'Rollball', 'No jewellery at a Rollball.')]);
    expect(clauseTermShare(q, together.terms[0], together, 0.35)).toBe(1);
  });
});

describe('assessCoverage: the dense signal', () => {
  const band = T.coverage.defaultCosineBand;

  it('adds the best similarity, scaled to the model band, with denseWeight', () => {
    const none = assess(jewellery, { coverage: { ...HAND, unknownTermWeight: 1 } }).coverage;
    const low = assess(jewellery, { dense: band.floor, coverage: { ...HAND, unknownTermWeight: 1 } }).coverage;
    const high = assess(jewellery, { dense: band.ceiling, coverage: { ...HAND, unknownTermWeight: 1 } }).coverage;
    const middle = assess(jewellery, { dense: (band.floor + band.ceiling) / 2, coverage: { ...HAND, unknownTermWeight: 1 } }).coverage;
    const w = T.coverage.denseWeight;
    expect(none.reason).toContain('no dense signal');
    expect(low.confidence).toBeCloseTo((1 - w) * none.confidence, 10);
    expect(high.confidence).toBeCloseTo(w + (1 - w) * none.confidence, 10);
    expect(middle.confidence).toBeCloseTo(w / 2 + (1 - w) * none.confidence, 10);
    expect(high.reason).toContain(`in band ${band.floor}-${band.ceiling} (100%)`);
    // Outside the band the dense share is clamped.
    expect(assess(jewellery, { dense: band.ceiling + 5 }).coverage.confidence).toBeCloseTo(assess(jewellery, { dense: band.ceiling }).coverage.confidence, 10);
    expect(assess(jewellery, { dense: band.floor - 5, coverage: { ...HAND, unknownTermWeight: 1 } }).coverage.confidence).toBeCloseTo(low.confidence, 10);
  });

  it('does not cover an off-topic question on similarity alone', () => {
    const { coverage } = assess(lightning, { dense: 0.99, coverage: HAND });
    expect(coverage.confidence).toBeCloseTo(T.coverage.denseWeight, 10);
    expect(coverage.covered).toBe(T.coverage.denseWeight >= T.coverage.minConfidence);
    expect(assess(lightning, { dense: 0.99 }).coverage.covered).toBe(false);
  });

  it('ignores a dot product from a model with no known band', () => {
    const { coverage } = assess(jewellery, { dense: 123, similarity: 'dot', modelId: 'some-dot-model' });
    expect(coverage.reason).toContain('no dense signal');
    expect(coverage.confidence).toBe(assess(jewellery).coverage.confidence);
  });

  it('uses a model band for a dot product when the model has one', () => {
    const tasB = denseBandFor('msmarco-distilbert-base-tas-b', 'dot', T.coverage)!;
    const { coverage } = assess(lightning, { dense: tasB.ceiling, similarity: 'dot', modelId: 'msmarco-distilbert-base-tas-b', coverage: HAND });
    expect(coverage.reason).toContain(`in band ${tasB.floor}-${tasB.ceiling}`);
    expect(coverage.confidence).toBeCloseTo(T.coverage.denseWeight, 10);
  });
});

describe('denseBandFor', () => {
  const tuning: CoverageTuning = {
    ...T.coverage,
    denseBands: [
      { match: 'small', similarity: 'cosine', band: { floor: 0.5, ceiling: 0.7 } },
      { match: 'small-v2', similarity: 'cosine', band: { floor: 0.6, ceiling: 0.8 } },
      { match: 'dotty', similarity: 'dot', band: { floor: 80, ceiling: 95 } },
      { match: 'dotty', similarity: 'cosine', band: { floor: 0.7, ceiling: 0.9 } },
    ],
    defaultCosineBand: { floor: 0.3, ceiling: 0.6 },
  };

  it.each([
    ['org/Small-Model', 'cosine', { floor: 0.5, ceiling: 0.7 }],
    // The first fragment found wins, even when a later one is longer.
    ['small-v2', 'cosine', { floor: 0.5, ceiling: 0.7 }],
    ['dotty-model', 'dot', { floor: 80, ceiling: 95 }],
    ['dotty-model', 'cosine', { floor: 0.7, ceiling: 0.9 }],
    // Unknown cosine models get the default band; a dot product has no model-free scale.
    ['unknown', 'cosine', { floor: 0.3, ceiling: 0.6 }],
    [undefined, 'cosine', { floor: 0.3, ceiling: 0.6 }],
    ['unknown', 'dot', undefined],
    ['small', 'dot', undefined],
    [undefined, 'dot', undefined],
  ] as const)('%s, %s', (modelId, similarity, band) => {
    expect(denseBandFor(modelId, similarity, tuning)).toEqual(band);
  });

  it('has a band for every registry model in its own similarity', () => {
    for (const model of EMBEDDING_MODELS) {
      expect(denseBandFor(model.id, model.similarity, T.coverage), model.id).toBeDefined();
      expect(denseBandFor(model.hubId ?? model.id, model.similarity, T.coverage), model.id).toEqual(denseBandFor(model.id, model.similarity, T.coverage));
    }
  });

  it.each([
    ['snowflake-arctic-embed-xs', 'cosine'],
    ['bge-small-en-v1.5', 'cosine'],
    ['msmarco-distilbert-base-tas-b', 'dot'],
  ] as const)('has a band of its own for %s (%s)', (modelId, similarity) => {
    const band = denseBandFor(modelId, similarity, T.coverage)!;
    expect(band).not.toEqual(T.coverage.defaultCosineBand);
    expect(band.ceiling).toBeGreaterThan(band.floor);
  });
});

describe('assessCoverage: the learned coverage model', () => {
  it('makes the confidence its probability, times the factor for what the top clauses lack', () => {
    for (const question of [jewellery, farBack, sinBin, lightning, 'What colour are the referee shirts?']) {
      const { coverage } = assess(question);
      const p = coveredProbability(coverage.signals!, T.coverage.abstain!);
      expect(coverage.confidence).toBeCloseTo(p * coverage.signals!.factor, 12);
      expect(coverage.reason).toContain(`covered with probability ${p.toFixed(2)}`);
    }
  });

  it('covers questions the rulebook answers and refuses one it never mentions', () => {
    expect(assess(jewellery).coverage.covered).toBe(true);
    expect(assess(farBack).coverage.covered).toBe(true);
    expect(assess(lightning).coverage.covered).toBe(false);
    // Asks for a colour, which the rulebook never mentions: the factor is 0 whatever the model says.
    const colour = assess('What colour are the referee shirts?').coverage;
    expect(colour.signals!.factor).toBe(0);
    expect(colour.covered).toBe(false);
  });

  it('refuses more as minConfidence rises, over the same probabilities', () => {
    const questions = [jewellery, farBack, sinBin, lightning];
    const covered = (minConfidence: number) => questions.filter((q) => assess(q, { coverage: { minConfidence } }).coverage.covered).length;
    expect(covered(0)).toBe(questions.length);
    expect(covered(1.01)).toBe(0);
    expect(covered(0.5)).toBeLessThanOrEqual(covered(0.2));
  });
});

describe('assessCoverage: a rule asked for by its number', () => {
  it('is sure of the clause the question names when it leads, whatever the words', () => {
    const analysis = analyzeQuestion('15.2?', { lexicon: index.lexicon, vocabulary, tuning: T.question });
    const results: ScoredChunk[] = chunks.map((chunk, i) => ({ chunk, score: 1 / (i + 1), dense: NaN, bm25: 0 }));
    const clauses = withNamedRules(analysis, rerankClauses(analysis, results, index, T.rerank), index);
    const coverage = assessCoverage({ analysis, clauses, index, similarity: 'cosine', modelId: 'pitchside-glove-100d' }, T.coverage);
    expect(clauses[0].ref).toBe('15.2');
    expect(coverage).toMatchObject({ covered: true, state: 'sure', confidence: 1 });
    expect(coverage.reason).toContain('Rule 15.2');
    // Without the clause first, the number alone covers nothing.
    const unnamed = assessCoverage({ analysis, clauses: clauses.slice(1), index, similarity: 'cosine', modelId: 'pitchside-glove-100d' }, T.coverage);
    expect(unnamed.state).not.toBe('sure');
  });
});
