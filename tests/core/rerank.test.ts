import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from '../../src/core/answer-tuning';
import { chunkUnits } from '../../src/core/chunking';
import { buildClauseIndex } from '../../src/core/clauses';
import { analyzeQuestion } from '../../src/core/question';
import { featureVector, RERANK_FEATURES } from '../../src/core/learn-rerank';
import { statesQuantityOf } from '../../src/core/quantity';
import { rerankClauses, withNamedRules, type RerankTuning } from '../../src/core/rerank';
import type { RuleUnit, ScoredChunk } from '../../src/core/types';
import { compileVocabulary, REFEREE_VOCABULARY } from '../../src/core/vocabulary';
import { clause, definition, wordCounter as counter } from '../fixtures/units';

// Sibling clauses of one rule share a chunk, a section title and a first-stage score: only what each
// clause says itself can tell them apart.
const units: RuleUnit[] = [
  clause('17.1', 'Interchanges', 'Players may Interchange at any time.'),
  clause('17.2', 'Interchanges', 'Player interchanges are unlimited.'),
  clause('17.3', 'Interchanges', 'Interchange players are to remain in their Interchange Area, standing or seated behind the Sideline.'),
  clause('13.8', 'The Rollball', 'An attacking player, other than the player performing the Rollball, may take possession as the Half.'),
  clause('13.9', 'The Rollball', 'The Half controls the ball with the foot as the Rollball is completed by the Half.'),
  definition('Interchange Area', 'A marked area behind the Sideline where players wait to Interchange.'),
];
const index = buildClauseIndex(units);
const chunks = chunkUnits(units, { strategy: 'structured', maxTokens: 400, overlapTokens: 0 }, counter);
const vocabulary = compileVocabulary();

function rank(question: string, tuning: Partial<RerankTuning> = {}) {
  const analysis = analyzeQuestion(question, { lexicon: index.lexicon, vocabulary, tuning: DEFAULT_TUNING.question });
  const results: ScoredChunk[] = chunks.map((chunk) => ({ chunk, score: 1, dense: NaN, bm25: 0 }));
  return rerankClauses(analysis, results, index, { ...DEFAULT_TUNING.rerank, ...tuning });
}

describe('rerankClauses: what the question asks for, among sibling clauses', () => {
  it('puts the clause that states a time first for a "when" question', () => {
    const ranked = rank('Interchange when?');
    expect(ranked[0].ref).toBe('17.1');
    expect(ranked[0].features.statesTime).toBe(true);
    expect(ranked.find((c) => c.ref === '17.2')!.features.statesTime).toBe(false);
    // Without the time match the sibling order is BM25's, which does not put 17.1 first.
    expect(rank('Interchange when?', { timeBonus: 0, firstClauseBonus: 0 })[0].ref).not.toBe('17.1');
  });

  it('marks the clauses that permit or forbid for a "can / allowed" question only', () => {
    const allowed = rank('Who is allowed to be the half at the rollball?');
    expect(allowed.find((c) => c.ref === '13.8')!.features.statesPermission).toBe(true);
    expect(allowed.find((c) => c.ref === '13.9')!.features.statesPermission).toBe(false);
    expect(allowed.findIndex((c) => c.ref === '13.8')).toBeLessThan(allowed.findIndex((c) => c.ref === '13.9'));
    expect(rank('Who is the half at the rollball?').every((c) => !c.features.statesPermission)).toBe(true);
  });

  it('reads the share of the question in the clause itself, not in its section title', () => {
    const ranked = rank('interchange players remain behind the sideline');
    const own = (ref: string) => ranked.find((c) => c.ref === ref)!.features;
    expect(own('17.3').ownShare).toBeGreaterThan(own('17.1').ownShare);
    // Every sibling holds "interchange" through the title; the whole-text share cannot tell them apart as well.
    expect(own('17.3').share - own('17.1').share).toBeLessThan(own('17.3').ownShare - own('17.1').ownShare + 1e-9);
    expect(ranked[0].ref).toBe('17.3');
  });

  it('takes a clause that states what follows ("liable to forfeit") for a ruling, for a consequence question only', () => {
    const book = [
      clause('2.1', 'Registration', 'Participating players are to be registered with the national association.'),
      clause('2.2', 'Registration', 'Teams playing unregistered players are liable to forfeit any match.'),
    ];
    const ranked = rankerFor(book).rankIn;
    const consequence = ranked('Our player is not registered. What happens?');
    expect(consequence.find((c) => c.ref === '2.2')!.features.hasRuling).toBe(true);
    expect(consequence.find((c) => c.ref === '2.1')!.features.hasRuling).toBe(false);
    expect(ranked('Does every player have to be registered?').every((c) => !c.features.hasRuling)).toBe(true);
  });

  it('puts the general rule before its narrower twin when the question names nothing of the narrower case', () => {
    const book = [
      clause('11.1', 'Forward Pass', 'A player in Possession may not pass the ball in a Forward direction to another player.\nRuling = A Penalty unless Advantage is applied.'),
      clause('11.2', 'Forward Pass', 'A player in Possession may not pass the ball in a Forward direction over an opposition player and regain Possession.\nRuling = A Penalty.'),
    ];
    const ranked = rankerFor(book).rankIn;
    const plain = ranked('Forward pass, what is the call?');
    expect(plain.find((c) => c.ref === '11.2')!.features.narrowerTwin).toBe(true);
    expect(plain.find((c) => c.ref === '11.1')!.features.narrowerTwin).toBe(false);
    // The question describes the narrower case: the general rule is the narrower one for it.
    const over = ranked('Can I pass it forward over the opposition player and regain it?');
    expect(over.find((c) => c.ref === '11.1')!.features.narrowerTwin).toBe(true);
    expect(over[0].ref).toBe('11.2');
    // Twins only when their statements overlap enough.
    expect(ranked('Forward pass, what is the call?', { twinOverlap: 0.95 }).every((c) => !c.features.narrowerTwin)).toBe(true);
  });

  it('marks the first clause of a rule', () => {
    const ranked = rank('Interchange when?');
    expect(ranked.find((c) => c.ref === '17.1')!.features.firstClause).toBe(true);
    expect(ranked.find((c) => c.ref === '17.3')!.features.firstClause).toBe(false);
  });

  it('reads which rule a clause belongs to from its section title', () => {
    const ranked = rank('When does the rollball happen?');
    const of = (ref: string) => ranked.find((c) => c.ref === ref)!.features;
    expect(of('13.9').titleShare).toBeGreaterThan(0);
    expect(of('17.1').titleShare).toBe(0);
  });
});

/** A ranker over a small book of its own, every chunk a first-stage candidate alike. */
// The reranker's own signals, without the situations the referees' vocabulary tells apart from them.
const withoutSituations = compileVocabulary({ ...REFEREE_VOCABULARY, situations: [] });

function rankerFor(book: RuleUnit[], vocabularyUsed = withoutSituations) {
  const bookIndex = buildClauseIndex(book);
  const bookChunks = chunkUnits(book, { strategy: 'structured', maxTokens: 400, overlapTokens: 0 }, counter);
  const rankIn = (question: string, tuning: Partial<RerankTuning> = {}) => {
    const analysis = analyzeQuestion(question, { lexicon: bookIndex.lexicon, vocabulary: vocabularyUsed, tuning: DEFAULT_TUNING.question });
    return rerankClauses(analysis, bookChunks.map((chunk) => ({ chunk, score: 1, dense: NaN, bm25: 0 })), bookIndex, { ...DEFAULT_TUNING.rerank, ...tuning });
  };
  return { index: bookIndex, rankIn };
}

describe('rerankClauses: a sub-clause and the clause it belongs to', () => {
  // As in the FIT rules: the rule, then its exception, whose search text carries the rule's lead.
  const units: RuleUnit[] = [
    clause('13.12', 'The Rollball', 'Players of the Defending Team must not move Forward of the Onside position until the Half has made contact with the ball.'),
    clause('13.12.1', 'The Rollball', 'When the Half is not within one (1) metre of the Rollball, Onside players of the Defending Team may move Forward as soon as the player performing the Rollball releases the ball.'),
  ];
  const { index, rankIn: rankHere } = rankerFor(units);

  it('knows each clause\'s parent', () => {
    expect(index.parent).toEqual([-1, 0]);
  });

  it('puts the rule before a sub-clause that adds nothing the question asks about', () => {
    const ranked = rankHere('When can the defending team move forward at the rollball?');
    expect(ranked.find((c) => c.ref === '13.12.1')!.features.restatesParent).toBe(true);
    expect(ranked.find((c) => c.ref === '13.12')!.features.restatesParent).toBe(false);
    expect(ranked[0].ref).toBe('13.12');
    // Without the factor the sub-clause, which repeats the rule's words, leads.
    expect(rankHere('When can the defending team move forward at the rollball?', { restatesParentFactor: 1 })[0].ref).toBe('13.12.1');
  });

  it('leaves a sub-clause that holds words of the question its parent lacks', () => {
    const ranked = rankHere('Half not within one metre of the rollball: when can the defending team move forward?');
    expect(ranked.find((c) => c.ref === '13.12.1')!.features.restatesParent).toBe(false);
    expect(ranked[0].ref).toBe('13.12.1');
  });
});

describe('rerankClauses: a clause for a case the question does not describe', () => {
  // As in the FIT rules: the Drop-Off's general rule, and its case for a team with a player in the Sin Bin.
  const units: RuleUnit[] = [
    clause('24.2', 'Drop-Off', 'Each Team will reduce their Team to four (4) players at the start of the Drop-Off.'),
    clause('24.3', 'Drop-Off', 'At the start of the Drop-Off, if a player is serving time in the Sin Bin, their Team starts the Drop-Off with one (1) less player on the field.'),
  ];
  // This mechanism alone: the number said of what is asked (numberContext) is another's.
  const { rankIn } = rankerFor(units);
  const rankHere = (question: string, tuning: Partial<RerankTuning> = {}) => rankIn(question, { numberContextWeight: 0, ...tuning });

  it('puts the general rule first when the question names nothing of the case', () => {
    const ranked = rankHere('Drop-off: how many players does each team start with on the field?');
    expect(ranked.find((c) => c.ref === '24.3')!.features.unmetCondition).toBe(true);
    expect(ranked.find((c) => c.ref === '24.2')!.features.unmetCondition).toBe(false);
    expect(ranked[0].ref).toBe('24.2');
    // Without the factor the case, which shares more of the question's words, leads.
    expect(rankHere('Drop-off: how many players does each team start with on the field?', { unmetConditionFactor: 1 })[0].ref).toBe('24.3');
  });

  it('leaves the case alone when the question describes it', () => {
    const ranked = rankHere('Drop-off starts with one of our players still in the sin bin. How many players do we start with?');
    expect(ranked.find((c) => c.ref === '24.3')!.features.unmetCondition).toBe(false);
    expect(ranked[0].ref).toBe('24.3');
  });
});

describe('rerankClauses and the trainer agree', () => {
  it('scores every clause as the learned weights times featureVector, in the order of RERANK_FEATURES', () => {
    const t = DEFAULT_TUNING.rerank;
    const weights = RERANK_FEATURES.map((name) => t[name]);
    // Every weight differs, so two signals swapped in featureVector would change some score.
    expect(new Set(weights.filter((w) => w !== 0)).size).toBe(weights.filter((w) => w !== 0).length);
    let checked = 0;
    for (const question of ['Interchange when?', 'Who is allowed to be the half at the rollball?', 'What is the interchange area?', 'How many interchanges?']) {
      for (const c of rank(question)) {
        const vector = featureVector(c, t);
        expect(c.score).toBeCloseTo(vector.reduce((sum, x, i) => sum + x * weights[i], 0), 10);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('rerankClauses: the quantity a clause states', () => {
  const offside: RuleUnit[] = [
    clause('15.2', 'Offside', 'At a Tap, all players from the Defending Team must retire a distance of ten (10) metres from the Mark.'),
    clause(
      '15.3',
      'Offside',
      'At a Tap, players from the Defending Team must not retire an unreasonable distance beyond the Defending Try Line.\nRuling = A Penalty to the Attacking Team on the seven (7) metre line directly Forward of the Infringement.',
    ),
  ];
  const offsideIndex = buildClauseIndex(offside);
  const offsideChunks = chunkUnits(offside, { strategy: 'structured', maxTokens: 400, overlapTokens: 0 }, counter);
  const rankOffside = (question: string) => {
    const analysis = analyzeQuestion(question, { lexicon: offsideIndex.lexicon, vocabulary, tuning: DEFAULT_TUNING.question });
    const results: ScoredChunk[] = offsideChunks.map((chunk) => ({ chunk, score: 1, dense: NaN, bm25: 0 }));
    return rerankClauses(analysis, results, offsideIndex, DEFAULT_TUNING.rerank);
  };

  it("does not take the place a ruling names for the distance a quantity question asks", () => {
    const ranked = rankOffside('How far back do defenders retire at a tap?');
    const features = (ref: string) => ranked.find((c) => c.ref === ref)!.features;
    expect(features('15.2').statesQuantity).toBe(true);
    expect(features('15.3').statesQuantity).toBe(false);
    expect(features('15.3').statesNumber).toBe(false);
    expect(ranked[0].ref).toBe('15.2');
  });

  it("counts the ruling's numbers when the question asks for the ruling too", () => {
    const ranked = rankOffside('What happens if defenders retire too far back, and how many metres forward is the penalty?');
    expect(ranked.find((c) => c.ref === '15.3')!.features.statesNumber).toBe(true);
  });

  it('reads "the seven (7) metre line" as a place, "seven (7) metres" as a quantity', () => {
    expect(statesQuantityOf('on the seven (7) metre line', ['metre'])).toBe(false);
    expect(statesQuantityOf('inside the ten (10) metre zone', ['metre'])).toBe(false);
    expect(statesQuantityOf('must retire seven (7) metres', ['metre'])).toBe(true);
    expect(statesQuantityOf('a 7 metre run to the line', ['metre'])).toBe(true);
  });
});

describe('rerankClauses: a meaning question and the definitions that fit it', () => {
  it('takes the definition naming most of the subject: "dead ball line" is Dead Ball Line, not Dead Ball', () => {
    const book: RuleUnit[] = [
      definition('Dead Ball', 'When the ball goes out of play or touches the ground beyond the field.'),
      definition('Dead Ball Line', 'The end lines of the field of play, seven metres behind the try lines.'),
      clause('1.6', 'The Field', 'The dead ball line and the sidelines are out of play.'),
    ];
    const ask = rankerFor(book).rankIn;
    const line = ask('What is the dead ball line?');
    expect(line[0].citation).toBe('Definition: Dead Ball Line');
    expect(line.find((c) => c.citation === 'Definition: Dead Ball')!.features.definesSubject).toBe(false);
    const ball = ask('What is a dead ball?');
    expect(ball[0].citation).toBe('Definition: Dead Ball');
    expect(ball[0].features.definesSubject).toBe(true);
  });
});

describe('rerankClauses: a size question and the definition of what it measures', () => {
  it('"how big is the sub box?" leads with the Interchange Area, not the field\'s size', () => {
    const book: RuleUnit[] = [
      clause('1.1', 'The Field', 'The field is 70 metres long and 50 metres wide, excluding the interchange areas.'),
      definition('Interchange Area', 'A marked area 20 metres long and 5 metres wide behind the sideline.'),
      clause('17.3', 'Interchanges', 'Players waiting to interchange remain in their interchange area.'),
    ];
    const bookIndex = buildClauseIndex(book);
    const bookChunks = chunkUnits(book, { strategy: 'structured', maxTokens: 400, overlapTokens: 0 }, counter);
    const analysis = analyzeQuestion('How big is the sub box?', { lexicon: bookIndex.lexicon, vocabulary, tuning: DEFAULT_TUNING.question });
    expect(analysis.subject.length).toBeGreaterThan(0);
    const ranked = rerankClauses(analysis, bookChunks.map((chunk) => ({ chunk, score: 1, dense: NaN, bm25: 0 })), bookIndex, DEFAULT_TUNING.rerank);
    expect(ranked[0].citation).toBe('Definition: Interchange Area');
    expect(ranked[0].features.definesSubject).toBe(true);
  });
});

describe('rerankClauses: a quantity question about a term named in referees\' words', () => {
  const book: RuleUnit[] = [
    clause('22.1', 'Sin Bin', 'The Referee indicates the commencement and the end of the Sin Bin time.'),
    clause('22.2', 'Sin Bin', 'A player sent to the Sin Bin stands in the Sin Bin Area at the opposition end.'),
    definition('Sin Bin', 'A player sent to the Sin Bin Area for a period of four (4) completed Possessions.'),
  ];
  const { rankIn: ask } = rankerFor(book, vocabulary);

  it('"binned, how long do I sit out?" leads with the definition that states the number', () => {
    const ranked = ask('If you get binned how long do you sit out for?');
    expect(ranked[0].citation).toBe('Definition: Sin Bin');
    expect(ranked[0].features.statesNumber).toBe(true);
  });

  it('leaves a count to the rule that states it: "how many touches" is "six (6) Touches", not the Touch Count', () => {
    const counts: RuleUnit[] = [
      clause('9.1', 'Possession', 'The Team with the ball is entitled to six (6) Touches prior to a Change of Possession.'),
      clause('9.2', 'Possession', 'On the change of Possession the Team that did not have the ball takes possession.'),
      definition('Touch Count', 'The progressive number of Touches that each Team has before a Change of Possession, from zero (0) to six (6).'),
    ];
    expect(rankerFor(counts, vocabulary).rankIn('how many touches do you get before the other team gets it')[0].ref).toBe('9.1');
  });

  it('takes "no limit to the number of times" for the count of times asked, before a definition stating another number', () => {
    const subs: RuleUnit[] = [
      clause('17.1', 'Interchanges', 'Players may Interchange at any time.'),
      clause('17.2', 'Interchanges', 'There is no limit to the number of times a player may Interchange.'),
      definition('Substitute Player', 'The player who replaces another player during Interchange. There is a maximum of eight (8) substitute players in any Team.'),
    ];
    const ranked = rankerFor(subs, vocabulary).rankIn('Is there a cap on how many times I can sub on and off?');
    expect(ranked[0].ref).toBe('17.2');
    expect(ranked[0].features.statesQuantity).toBe(true);
    expect(ranked.find((c) => c.ref === '17.1')!.features.statesQuantity).toBe(false);
  });

  it('keeps the definition behind the rules when the question asks for no number', () => {
    const ranked = ask('If you get binned where do you stand?');
    expect(ranked[0].citation).not.toBe('Definition: Sin Bin');
  });
});

describe('rerankClauses: a term named in a question about what happens', () => {
  const book: RuleUnit[] = [
    clause('13.6', 'Sideline', 'A player in possession who makes contact with the Sideline before being touched loses possession; a rollball follows seven metres in field.'),
    definition('Wing', 'The player outside the Link player, near the Sideline.'),
  ];
  const { rankIn: ask } = rankerFor(book, vocabulary);

  it('gives the named definition no lead when the question asks what happens, and does when it asks what it is', () => {
    const happens = ask("the player on the wing steps on the sideline before anyone's touched her, what happens next");
    expect(happens.find((c) => c.citation === 'Definition: Wing')!.features.namesTerm).toBe(false);
    expect(happens[0].ref).toBe('13.6');
    expect(ask('what is the wing')[0].citation).toBe('Definition: Wing');
  });
});


describe('rerankClauses: a situation told in parts and the clause that states it', () => {
  const book: RuleUnit[] = [
    clause('9.4', 'Possession', 'If the ball is dropped or passed and goes to ground during play, a Change of Possession results.'),
    clause('12.5', 'Ball Contact', 'If a defender unintentionally makes contact with the ball in flight and the ball goes to ground, possession changes.'),
    clause('16.6', 'Obstruction', 'If the Referee causes Obstruction, including when the ball makes contact with the Referee, play pauses and recommences with a Rollball.'),
  ];
  const { rankIn: ask } = rankerFor(book, vocabulary);
  const question = 'My pass clipped the ref on the shoulder and hit the ground. Do we lose the ball?';

  it("marks only the clause holding the situation's words as they stand, and its bonus can lead", () => {
    const ranked = ask(question);
    expect(ranked.filter((c) => c.features.tellsSituation).map((c) => c.ref)).toEqual(['16.6']);
    expect(ranked[0].ref).toBe('16.6');
    const without = ask(question, { situationBonus: 0 });
    const at = (r: typeof ranked, ref: string) => r.find((c) => c.ref === ref)!.score;
    expect(at(ranked, '16.6') - at(without, '16.6')).toBeCloseTo(DEFAULT_TUNING.rerank.situationBonus, 6);
    expect(at(ranked, '9.4')).toBeCloseTo(at(without, '9.4'), 10);
  });
});

describe('rerankClauses: a situation phrase that names one term', () => {
  const book: RuleUnit[] = [
    clause('14.2', 'Scoring', 'A Try is awarded when a player, other than the Half, places the ball on or over the Try Line.'),
    clause('10.7', 'The Half', 'The Half may pass or run with the ball but cannot get Touched.'),
  ];
  const situation = (means: string) =>
    compileVocabulary({ version: 1, entries: [], situations: [{ when: [['dummy half'], ['dives over']], means: [means], note: 'test' }], otherCodes: [], offField: [] });

  it('tells no clause by a phrase whose only term is "half", and the one clause that holds a longer one', () => {
    const told = (means: string) => rankerFor(book, situation(means)).rankIn('The dummy half dives over. Try?').filter((c) => c.features.tellsSituation).map((c) => c.ref);
    expect(told('other than the half')).toEqual([]);
    expect(told('player other than the half places the ball')).toEqual(['14.2']);
  });
});

describe('rerankClauses: the number said of the thing asked', () => {
  const book: RuleUnit[] = [
    clause('8.1', 'Match Duration', 'A match is 40 minutes in duration, consisting of two (2) x 20 minute halves with a Half Time break.'),
    definition('Duration', 'The length of time a competition match lasts, which is normally forty-five minutes, inclusive of a five (5) minute Half Time.'),
  ];
  const { rankIn: ask } = rankerFor(book, vocabulary);
  const context = (ranked: ReturnType<typeof ask>, citation: string) => ranked.find((c) => c.citation === citation)!.features.numberContext;

  it('weighs the question words said next to a number, and nothing for a question asking no number', () => {
    const halfTime = ask('half time how long?');
    expect(context(halfTime, 'Definition: Duration')).toBeGreaterThan(context(halfTime, 'Rule 8.1'));
    const gap = (ranked: ReturnType<typeof ask>) => ranked.find((c) => c.citation === 'Definition: Duration')!.score - ranked.find((c) => c.citation === 'Rule 8.1')!.score;
    expect(gap(halfTime)).toBeGreaterThan(gap(ask('half time how long?', { numberContextWeight: 0 })));
    expect(ask('can we have a drink at half time').every((c) => c.features.numberContext === 0)).toBe(true);
  });
});

describe('rerankClauses: an act done on purpose or by accident', () => {
  const book: RuleUnit[] = [
    clause('12.1', 'Ball Contact', 'If a defender deliberately makes contact with the ball in flight and the ball goes to ground, the attack keeps the ball.'),
    clause('12.5', 'Ball Contact', 'If a defender unintentionally makes contact with the ball in flight and the ball goes to ground, possession changes.'),
    clause('11.1', 'Forward Pass', 'A player may not pass the ball forward, either intentionally or otherwise.'),
  ];
  const { rankIn: ask } = rankerFor(book, vocabulary);
  const feature = (ranked: ReturnType<typeof ask>, ref: string) => ranked.find((c) => c.ref === ref)!.features.intentConflict;

  it('marks the clause of the opposite intent, and leaves "intentionally or otherwise" alone', () => {
    const meant = ask('The defender touched the ball in flight on purpose and it went to ground');
    expect(feature(meant, '12.5')).toBe(true);
    expect(feature(meant, '12.1')).toBe(false);
    expect(feature(meant, '11.1')).toBe(false);
    const unmeant = ask('The defender touched the ball in flight by accident and it went to ground');
    expect(feature(unmeant, '12.1')).toBe(true);
    expect(feature(unmeant, '12.5')).toBe(false);
    // No intent said: nothing marked.
    expect(ask('The defender touched the ball in flight and it went to ground').every((c) => !c.features.intentConflict)).toBe(true);
  });

  it('lowers the clause of the opposite intent by its factor', () => {
    const question = 'The defender touched the ball in flight on purpose and it went to ground';
    const score = (tuning: Partial<RerankTuning>) => ask(question, tuning).find((c) => c.ref === '12.5')!.score;
    expect(score({ intentConflictFactor: 0.5 })).toBeCloseTo(score({ intentConflictFactor: 1 }) * 0.5, 10);
  });
});

describe('withNamedRules: a rule asked for by its number', () => {
  const named = (question: string) => {
    const analysis = analyzeQuestion(question, { lexicon: index.lexicon, vocabulary, tuning: DEFAULT_TUNING.question });
    return withNamedRules(analysis, rank(question), index);
  };

  it.each([
    ['What does rule 17.3 say?', '17.3'],
    ['13.9?', '13.9'],
    ['law 13.8 and the half', '13.8'],
    // A section's number: its first clause.
    ['What is in rule 17?', '17.1'],
  ])('%s leads with %s', (question, ref) => {
    const ranked = named(question);
    expect(ranked[0].ref).toBe(ref);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    // Every clause once.
    expect(new Set(ranked.map((c) => c.unit)).size).toBe(ranked.length);
  });

  it('changes nothing for a number the rulebook does not have, or none at all', () => {
    expect(named('What does rule 99.9 say?').map((c) => c.unit)).toEqual(rank('What does rule 99.9 say?').map((c) => c.unit));
    expect(named('Interchange when?').map((c) => c.unit)).toEqual(rank('Interchange when?').map((c) => c.unit));
  });
});

describe("rerankClauses: the referees' words for what a clause states", () => {
  // One entry says how referees put "without delay"; its phrases are not typed whole in the question below.
  const own = compileVocabulary({
    version: 1,
    entries: [{ say: ['time wasting', 'taking all day', 'dawdling'], means: ['without delay'], note: 'a slow rollball' }],
    otherCodes: [],
    offField: [],
  });
  const book: RuleUnit[] = [
    clause('13.2', 'The Rollball', 'A player must perform the Rollball on the Mark.'),
    clause('13.4', 'The Rollball', 'A player must perform the Rollball without delay.'),
  ];
  const bookChunks = chunkUnits(book, { strategy: 'structured', maxTokens: 400, overlapTokens: 0 }, counter);
  const ask = (question: string, bookIndex: ReturnType<typeof buildClauseIndex>, tuning: Partial<RerankTuning> = {}) =>
    rerankClauses(
      analyzeQuestion(question, { lexicon: bookIndex.lexicon, vocabulary: own, tuning: DEFAULT_TUNING.question }),
      bookChunks.map((chunk) => ({ chunk, score: 1, dense: NaN, bm25: 0 })),
      bookIndex,
      { ...DEFAULT_TUNING.rerank, ...tuning },
    );

  it('finds the clause whose rule the question describes in words of the entry, in any order', () => {
    const bookIndex = buildClauseIndex(book, own);
    expect(bookIndex.said[1].get('wast')).toBe(1);
    expect(bookIndex.said[0].size).toBe(0);
    const ranked = ask('Their rollballer kept wasting time', bookIndex);
    expect(ranked[0].ref).toBe('13.4');
    expect(ranked[0].features.said).toBeGreaterThan(0);
    // Without it, nothing tells the two apart and the book's order stands.
    expect(ask('Their rollballer kept wasting time', bookIndex, { saidWeight: 0 })[0].ref).toBe('13.2');
    expect(ask('Their rollballer kept wasting time', buildClauseIndex(book))[0].ref).toBe('13.2');
  });

  it('leaves out an entry that reaches more units than saidUnits', () => {
    const bookIndex = buildClauseIndex(book, own);
    expect(ask('Their rollballer kept wasting time', bookIndex, { saidUnits: 0 })[0].features.said).toBe(0);
  });
});
