import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from '../../src/core/answer-tuning';
import { buildClauseIndex } from '../../src/core/clauses';
import { linkGlossary } from '../../src/core/glossary';
import { analyzeQuestion, buildLexicon, type AnalysisContext } from '../../src/core/question';
import { editDistance } from '../../src/core/spelling';
import { statesQuantityOf } from '../../src/core/quantity';
import { tokenize } from '../../src/core/text';
import type { RuleUnit } from '../../src/core/types';
import { compileVocabulary, REFEREE_VOCABULARY } from '../../src/core/vocabulary';
import { clause, definition } from '../fixtures/units';


const units: RuleUnit[] = [
  clause('13.1', 'The Rollball', 'A Rollball is performed on the Mark after a Touch.'),
  clause('15.1', 'Offside', 'A player is Offside when in front of the ball. Defenders must retire seven (7) metres.'),
  clause('16.1', 'Misconduct', 'A player sent to the Sin Bin returns after four completed Possessions.'),
  clause('20.1', 'Weather', 'Matches may be played at night under lighting.'),
  definition('Dismissal', 'When a player is sent from the Field of Play for the rest of the match.'),
  definition('Sin Bin', 'The defined area in which a player must remain when sent to the Sin Bin.'),
];
const index = buildClauseIndex(units);
const vocabulary = compileVocabulary();
const tuning = DEFAULT_TUNING.question;
/** The rulebook's words and the referees' vocabulary, as the service reads a question. */
const full: AnalysisContext = { lexicon: index.lexicon, vocabulary, tuning };
/** The rulebook's words only: what typo correction alone does. */
const lexiconOnly: AnalysisContext = { lexicon: index.lexicon, tuning };

describe('analyzeQuestion: typo correction towards rulebook words', () => {
  it.each([
    // [question, context, corrections, corrected text]
    ['Is he ofside?', full, [['ofside', 'offside']], 'is he offside'],
    ['offsdie players', full, [['offsdie', 'offside']], 'offside players'],
    ['Where is the rollbal taken?', full, [['rollbal', 'rollball']], 'where is the rollball taken'],
    // An adjacent swap is one edit.
    ['Where is the rollblal taken?', full, [['rollblal', 'rollball']], 'where is the rollball taken'],
    // Two rulebook words run together are split.
    ['how long in the sinbin', lexiconOnly, [['sinbin', 'sin bin']], 'how long in the sin bin'],
    // The referees' own word is never a typo: the vocabulary maps it instead.
    ['how long in the sinbin', full, [], 'how long in the sinbin'],
    // A rulebook word typed as two is joined ("roll ball"), but never across a stop word ("in the").
    ['Where is the roll ball taken?', lexiconOnly, [['roll ball', 'rollball']], 'where is the rollball taken'],
    ['Is it on the mark in the sin bin', lexiconOnly, [], 'is it on the mark in the sin bin'],
    // Long words may be two edits away.
    ['Play on in lightening?', full, [['lightening', 'lighting']], 'play on in lighting'],
    // Shorter than minCorrectionLength: left alone.
    ['Is a mak needed', full, [], 'is a mak needed'],
    // Rulebook words, stop words and numbers are never corrected.
    ['Is the player offside at seven metres?', full, [], 'is the player offside at seven metres'],
  ])('%s', (question, ctx, corrections, corrected) => {
    const q = analyzeQuestion(question, ctx);
    expect(q.corrections).toEqual(corrections.map(([from, to]) => ({ from, to })));
    expect(q.corrected).toBe(corrected);
    expect(q.text).toBe(question);
  });

  it('weighs "touch" less where it names the sport and the question tells of no Touch', () => {
    const weight = (question: string) => analyzeQuestion(question, full).terms.find((t) => t.term === 'touch')?.weight;
    expect(weight('In touch, can you kick the ball forward?')).toBe(DEFAULT_TUNING.question.sportNameWeight);
    expect(weight('is there a knock-on in touch footy?')).toBe(DEFAULT_TUNING.question.sportNameWeight);
    // Where the act is told, the sport's name takes nothing from it.
    const unweighted = (question: string) =>
      analyzeQuestion(question, { ...full, tuning: { ...tuning, sportNameWeight: 1 } }).terms.find((t) => t.term === 'touch')?.weight;
    expect(weight('In touch, does the touch count restart?')).toBe(unweighted('In touch, does the touch count restart?'));
    expect(weight('Does a touch on the shirt count?')).toBe(unweighted('Does a touch on the shirt count?'));
    expect(unweighted('In touch, can you kick the ball forward?')).toBe(1);
  });

  it('reads "tries to" as the verb the rulebook writes "attempts", and "a try to win it" as a Try', () => {
    const terms = (question: string) => analyzeQuestion(question, full).terms.map((t) => t.term);
    expect(terms('The defender is offside and tries to get involved')).not.toContain('try');
    expect(terms('The defender is offside and tries to get involved')).toContain(tokenize('attempts')[0]);
    expect(terms('He tried to stop the pass')).not.toContain('try');
    expect(terms('They scored a try to win it')).toContain('try');
  });

  it('reads a real word typed for the measure after "how" as the measure, and leaves other words after "how" alone', () => {
    expect(analyzeQuestion('how log is a game', full).corrections).toEqual([{ from: 'log', to: 'long' }]);
    expect(analyzeQuestion('How fare back at a tap?', full).corrections).toEqual([{ from: 'fare', to: 'far' }]);
    // Stop words, the measures themselves and words two edits from every measure stay as typed.
    expect(analyzeQuestion('how are the teams picked', full).corrections).toEqual([]);
    expect(analyzeQuestion('how long is half time', full).corrections).toEqual([]);
    expect(analyzeQuestion('how hot can it get', full).corrections).toEqual([]);
    // Only straight after "how": "a log" is a log.
    expect(analyzeQuestion('a log on the field', full).corrections).toEqual([]);
  });

  it("corrects towards the vocabulary's words too, a content word before an equally near stop word", () => {
    // "whistle" is a vocabulary word, not a rulebook word; "while" is one edit away as well. The model's word
    // lists say which words are real ones; without them the vocabulary's everyday words are no target.
    const lists = { isKnownWord: (w: string) => ['ref', 'blew', 'early'].includes(w), isEnglishWord: () => false };
    expect(analyzeQuestion('ref blew the whisle early', { ...full, ...lists }).corrections).toEqual([{ from: 'whisle', to: 'whistle' }]);
    expect(analyzeQuestion('ref blew the whisle early', full).corrections).not.toContainEqual({ from: 'whisle', to: 'whistle' });
  });

  it('among equally near words takes two letters swapped, then the one sharing the longer start, then the more frequent', () => {
    const lexicon = buildLexicon(['Play stops while the ball is dead, while a player is hurt, while the whole team waits. Whistle.']);
    // "whle": while and whole share "wh" and are one edit away; while is the more frequent.
    expect(analyzeQuestion('ref stopped whle play went on', { lexicon, tuning }).corrections).toEqual([{ from: 'whle', to: 'while' }]);
    // "whisle": whistle shares "whis", while only "whi".
    expect(analyzeQuestion('he blew the whisle', { lexicon, tuning }).corrections).toEqual([{ from: 'whisle', to: 'whistle' }]);
    // "dumy" is one edit from both and shares "dum" with both; only from dummy did it just drop a letter.
    const dump = buildLexicon(['Do not dump the ball. The dummy half.']);
    expect(analyzeQuestion('the dumy half', { lexicon: dump, tuning }).corrections).toEqual([{ from: 'dumy', to: 'dummy' }]);
    // "tiem" is one edit from tie (sharing "tie") and one swap from time: two letters swapped wins.
    const tie = buildLexicon(['A tie at Half Time. The time is up.']);
    expect(analyzeQuestion('how long is half tiem', { lexicon: tie, tuning }).corrections).toEqual([{ from: 'tiem', to: 'time' }]);
  });

  it("reads a rulebook's \"captain's\" as the word captain, which a typo is corrected towards", () => {
    const lexicon = buildLexicon(["The captain's call stands.", 'A Team has a captain.']);
    expect([...lexicon.words.keys()]).not.toContain('captains');
    expect(analyzeQuestion('the captian', { lexicon, tuning }).corrections).toEqual([{ from: 'captian', to: 'captain' }]);
  });

  it.each([
    ['What does rule 15.2 say?', ['15.2']],
    ['13.8?', ['13.8']],
    ['Law 9 and clause 13.8', ['9', '13.8']],
    ['whats in section 24', ['24']],
    // A number that is no rule's, and a rule named without one.
    ['6?', []],
    ['Is the 7 metre rule still a thing?', []],
    ['How far back at a penalty, 10?', []],
  ])('reads the rule numbers in %j', (question, refs) => {
    expect(analyzeQuestion(question, full).ruleRefs).toEqual(refs);
  });

  it('takes a name in a story for no search term and no typo', () => {
    const q = analyzeQuestion('Our link Sarah got touched at Riverside on Saturday. Is she out?', full);
    const terms = q.terms.map((t) => t.term);
    for (const name of ['sarah', 'riversid', 'saturdai', 'saturday']) expect(terms).not.toContain(name);
    expect(terms).toContain('link');
    expect(q.corrections).toEqual([]);
    // The first word of a sentence is never taken for a name; a rulebook word capitalised is no name.
    expect(analyzeQuestion('Riverside ref here, is the Rollball on the Mark?', full).terms.map((t) => t.term)).toEqual(
      expect.arrayContaining([...tokenize('riverside rollball mark')]),
    );
  });

  it('weighs a number the question states by numberWeight', () => {
    const weight = (numberWeight: number) =>
      analyzeQuestion('only 3 players left', { ...lexiconOnly, tuning: { ...tuning, numberWeight } }).terms.find((t) => t.term === '3')?.weight;
    expect(weight(1)).toBe(1);
    expect(weight(0.5)).toBe(0.5);
  });

  it('searches by the corrected word', () => {
    const q = analyzeQuestion('Where is the rollbal taken?', full);
    expect(q.tokens).toContain('rollbal');
    expect(q.terms).toContainEqual({ term: 'rollbal', weight: 1, source: 'question' });
    expect(q.embeddingText.startsWith('where is the rollball taken')).toBe(true);
  });

  it('leaves a word alone that the embedding model knows whole', () => {
    const known: string[] = [];
    const isKnownWord = (word: string): boolean => {
      known.push(word);
      return word === 'lightening';
    };
    const q = analyzeQuestion('Play on in lightening?', { ...full, isKnownWord });
    expect(known).toContain('lightening');
    expect(q.corrections).toEqual([]);
    expect(q.corrected).toBe('play on in lightening');
    // Other words are still corrected.
    expect(analyzeQuestion('Is he ofside in lightening?', { ...full, isKnownWord }).corrections).toEqual([{ from: 'ofside', to: 'offside' }]);
  });

  it('takes an inflected form of a known word for a word', () => {
    const lexicon = buildLexicon(['A player never shaves the ball.']);
    expect(analyzeQuestion('he shoves', { lexicon, tuning }).corrections).toEqual([{ from: 'shoves', to: 'shaves' }]);
    // "shoves" is not known whole, but "shove" is.
    const isKnownWord = (word: string): boolean => word === 'shove';
    expect(analyzeQuestion('he shoves', { lexicon, tuning, isKnownWord }).corrections).toEqual([]);
  });

  it('reads an inflection missing the doubled letter the rulebook writes as that word ("droped" → dropped)', () => {
    const lexicon = buildLexicon(['If the ball is dropped, a Change of Possession results.']);
    // "drop" is a known word, so "droped" would otherwise pass for a word of its own ("drope").
    const isKnownWord = (word: string): boolean => word === 'drop';
    expect(analyzeQuestion('i droped it', { lexicon, tuning, isKnownWord }).corrections).toEqual([{ from: 'droped', to: 'dropped' }]);
    // Only towards a word the rulebook writes ("hoped": no "hopped" here), never for the inflection of a verb in e
    // the rulebook writes ("taping": "taped", not "tapping"), nor for a word of the model's wider list.
    expect(analyzeQuestion('he hoped', { lexicon, tuning, isKnownWord: (w) => w === 'hope' }).corrections).toEqual([]);
    const tape = buildLexicon(['Jewellery must be taped.', 'A player tapping the ball.']);
    expect(analyzeQuestion('is taping ok', { lexicon: tape, tuning, isKnownWord: (w) => w === 'tape' || w === 'taping' }).corrections).toEqual([]);
    expect(analyzeQuestion('i droped it', { lexicon, tuning, isEnglishWord: (w) => w === 'droped' }).corrections).toEqual([]);
    // A word the model knows with the letter doubled, though the rulebook does not write it: "runing" → running.
    const run = buildLexicon(['Players may run with the ball.']);
    const known = (w: string) => ['run', 'running', 'scar', 'scarred', 'scared'].includes(w);
    expect(analyzeQuestion('keep runing', { lexicon: run, tuning, isKnownWord: known }).corrections).toEqual([{ from: 'runing', to: 'running' }]);
    // ... never a word the model knows whole ("scared" stays).
    expect(analyzeQuestion('he was scared', { lexicon: run, tuning, isKnownWord: known }).corrections).toEqual([]);
  });

  it("leaves a real word of the model's wider word list alone, but still splits a compound of rulebook words", () => {
    const lexicon = buildLexicon(['A player never shaves the ball.', 'The sin bin.', 'A player striking another.']);
    const isEnglishWord = (word: string): boolean => ['shoves', 'stinking', 'sinbin'].includes(word);
    expect(analyzeQuestion('stinking hot, he shoves', { lexicon, tuning }).corrections).toEqual([
      { from: 'stinking', to: 'striking' },
      { from: 'shoves', to: 'shaves' },
    ]);
    expect(analyzeQuestion('stinking hot, he shoves', { lexicon, tuning, isEnglishWord }).corrections).toEqual([]);
    // An inflection of a listed word is a word too.
    expect(analyzeQuestion('he stinks', { lexicon, tuning, isEnglishWord: (w) => w === 'stink' }).corrections).toEqual([]);
    // Typos are still corrected; a compound of two rulebook words is still split, even when listed.
    expect(analyzeQuestion('he shaevs', { lexicon, tuning, isEnglishWord }).corrections).toEqual([{ from: 'shaevs', to: 'shaves' }]);
    expect(analyzeQuestion('the sinbin', { lexicon, tuning, isEnglishWord }).corrections).toEqual([{ from: 'sinbin', to: 'sin bin' }]);
  });

  it('prefers the more frequent rulebook word among equally close ones', () => {
    // "marx" is one edit from both "mark" and "mart".
    const lexicon = buildLexicon(['mark mark mark', 'mart']);
    expect(analyzeQuestion('the marx', { lexicon, tuning }).corrections).toEqual([{ from: 'marx', to: 'mark' }]);
    const other = buildLexicon(['mark', 'mart mart mart']);
    expect(analyzeQuestion('the marx', { lexicon: other, tuning }).corrections).toEqual([{ from: 'marx', to: 'mart' }]);
  });

  it('corrects nothing without a lexicon', () => {
    expect(analyzeQuestion('Is he ofside?', { tuning }).corrections).toEqual([]);
  });
});

describe('analyzeQuestion: the referees vocabulary', () => {
  it('maps "sent off" to the dismissal terms, weighted as vocabulary', () => {
    const q = analyzeQuestion('Was he sent off?', full);
    expect(q.vocabulary).toContainEqual({ say: 'sent off', means: ['dismissal', 'dismissed'] });
    const mapped = q.terms.filter((t) => t.source === 'vocabulary');
    // "dismissal" and "dismissed" stem alike: one term.
    expect(mapped).toEqual([{ term: 'dismiss', weight: tuning.vocabularyWeight, source: 'vocabulary' }]);
    expect(q.terms.filter((t) => t.source === 'question').map((t) => t.term)).toEqual(['send']);
    expect(q.embeddingText).toBe('was he sent off dismissal dismissed');
  });

  it("matches any inflection of a phrase's words, not only the forms it lists", () => {
    const entry = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('knock on'))!;
    expect(entry.say).not.toContain('knocks on');
    const q = analyzeQuestion('He knocks on near the line, what now?', full);
    // The hit names the question's own words.
    expect(q.vocabulary).toContainEqual({ say: 'knocks on', means: entry.means });
    // The words still have to be the phrase's, in order: "knocks the ball on" is another phrase's business.
    expect(analyzeQuestion('Is a ball knocked forward on the line out?', full).vocabulary.some((h) => h.means === entry.means)).toBe(false);
  });

  it("reads a phrase's article as any determiner, but a phrase's own possessive only as written", () => {
    const hidden = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('ball up the jersey'))!;
    expect(hidden.say).not.toContain('ball up his jersey');
    expect(analyzeQuestion('He shoves the ball up his jersey and runs. Legal?', full).vocabulary).toContainEqual({ say: 'ball up his jersey', means: hidden.means });
    // "their ball" (whose possession it is) is not found in "the ball".
    const theirs = REFEREE_VOCABULARY.entries.find((e) => e.say.some((say) => /^(their|our) ball$/.test(say)))!;
    expect(theirs).toBeDefined();
    expect(analyzeQuestion('The ball hits the referee. What now?', full).vocabulary.some((h) => h.means === theirs.means)).toBe(false);
  });

  it('matches a one-word phrase only as listed: "offsides" is listed, "offside" (the rulebook\'s own word) is not', () => {
    const entry = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('offsides'))!;
    expect(entry.say).not.toContain('offside');
    expect(analyzeQuestion('Was he offside at the rollball?', full).vocabulary.some((h) => h.means === entry.means)).toBe(false);
    expect(analyzeQuestion('Were they offsides at the rollball?', full).vocabulary.some((h) => h.means === entry.means)).toBe(true);
  });

  it('reads a short form inside a phrase as the word it shortens: "arguing with the ref" in "argue with the referee"', () => {
    const entry = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('arguing with the ref'))!;
    expect(entry.say).not.toContain('argue with the referee');
    expect(analyzeQuestion('Can a player argue with the referee?', full).vocabulary).toContainEqual({ say: 'argue with the referee', means: entry.means });
  });

  it('finds a one-word phrase in another inflection of it, but a bare word never reaches the inflected forms', () => {
    const hold = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('grabbed'))!;
    expect(hold.say).not.toContain('grabs');
    expect(analyzeQuestion('Defender grabs the ball carrier by the shirt', full).vocabulary).toContainEqual({ say: 'grabs', means: hold.means });
    const caution = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('booked'))!;
    expect(caution.say).not.toContain('book');
    expect(analyzeQuestion('Where in the rule book is the sin bin?', full).vocabulary.some((h) => h.means === caution.means)).toBe(false);
  });

  it('prefers a word as listed to another inflection of a word another entry lists ("guys" males, "guy" a player)', () => {
    const males = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('guys'))!;
    const player = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('guy'))!;
    expect(males).not.toBe(player);
    expect(analyzeQuestion('We have two guys on the field', full).vocabulary).toContainEqual({ say: 'guys', means: males.means });
    expect(analyzeQuestion('Our guy spills the ball', full).vocabulary).toContainEqual({ say: 'guy', means: player.means });
  });

  it('finds a phrase with a word said another way that one entry lists, but a phrase as typed always wins', () => {
    const inspect = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('check the field'))!;
    expect(inspect.say).not.toContain('check the park');
    // "park" and "field" are listed on their own in one entry.
    expect(REFEREE_VOCABULARY.entries.some((e) => e.say.includes('park') && e.say.includes('field'))).toBe(true);
    expect(analyzeQuestion('Who has to check the park before the game?', full).vocabulary).toContainEqual({ say: 'check the park', means: inspect.means });
    // Words another entry never groups are not swapped: "check the ball" is not an inspection of the field.
    expect(analyzeQuestion('Who has to check the ball before the game?', full).vocabulary.some((h) => h.means === inspect.means)).toBe(false);
    // A phrase found as typed keeps its words: "sent off" is a dismissal, though "ref" and "official" share an
    // entry and "official sent off" is a phrase of its own.
    const dismissal = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('sent off'))!;
    const officials = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('official sent off'))!;
    const hits = analyzeQuestion('The ref sent off our winger', full).vocabulary;
    expect(hits).toContainEqual({ say: 'sent off', means: dismissal.means });
    expect(hits.some((h) => h.means === officials.means)).toBe(false);
  });

  it("finds a phrase whose inner article a short question leaves out, but not one missing a word that means something", () => {
    const outOnTheFull = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('out on the full'))!;
    expect(outOnTheFull.say).not.toContain('out on full');
    expect(analyzeQuestion('ball out on full?', full).vocabulary).toContainEqual({ say: 'out on full', means: outOnTheFull.means });
    expect(analyzeQuestion('ball out on fullback?', full).vocabulary.some((h) => h.means === outOnTheFull.means)).toBe(false);
  });

  it('finds a phrase with an article the question adds inside it, but not inside a compound written as two words', () => {
    const forfeit = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('forfeited game'))!;
    expect(forfeit.say).not.toContain('forfeit a game');
    expect(analyzeQuestion('What happens if we forfeit a game?', full).vocabulary).toContainEqual({ say: 'forfeit a game', means: forfeit.means });
    // A player's possessive too ("ball up his jersey" for "ball up jersey"); "its" is how phones type "it's".
    const own = compileVocabulary({ ...REFEREE_VOCABULARY, entries: [{ say: ['popped out of hands'], means: ['knocked from the hands'], note: 'test' }] });
    expect(analyzeQuestion('The ball popped out of his hands', { ...full, vocabulary: own }).vocabulary.map((h) => h.say)).toEqual(['popped out of his hands']);
    const tenMetres = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('the 10'))!;
    expect(analyzeQuestion('Is there a mercy rule if its 10-0?', full).vocabulary.some((h) => h.means === tenMetres.means)).toBe(false);
    // "off side" is "offside" written as two words: "off the side netting" is no offside.
    const offside = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('off side'))!;
    expect(offside.means).toContain('offside');
    expect(analyzeQuestion('Can you play the ball off the side netting?', full).vocabulary.some((h) => h.means === offside.means)).toBe(false);
  });

  it('finds a phrase with small words between its words (vocabularyGap), but not with a word that means something', () => {
    const own = compileVocabulary({ ...REFEREE_VOCABULARY, entries: [{ say: ['hit the ref'], means: ['contact with the referee'], note: 'test' }], situations: [] });
    const says = (question: string, gap: number) =>
      analyzeQuestion(question, { ...full, vocabulary: own, tuning: { ...tuning, vocabularyGap: gap } }).vocabulary.map((h) => h.say);
    expect(says('The pass hit me (the ref) in the back', 2)).toEqual(['hit ref']);
    expect(says('The pass hit me (the ref) in the back', 1)).toEqual([]);
    expect(says('The pass hit me (the ref) in the back', 0)).toEqual([]);
    expect(says('The pass hit their winger, then the ref blew', 2)).toEqual([]);
    // In its order only, and never across punctuation.
    expect(says('The ref was hit by the pass', 2)).toEqual([]);
    expect(says('The pass hit, the ref says, nobody', 2)).toEqual([]);
    expect(says('The pass hit - the ref', 0)).toEqual([]);
    expect(says('Was that a hit? The ref says no', 2)).toEqual([]);
    // The phrase found apart wins over a word of it found alone.
    const mixed = compileVocabulary({ ...REFEREE_VOCABULARY, situations: [], entries: [
      { say: ['mixed'], means: ['mixed gender'], note: 'test' },
      { say: ['drop off mixed'], means: ['during the drop off'], note: 'test' },
    ] });
    const mixedHits = (question: string) => analyzeQuestion(question, { ...full, vocabulary: mixed, tuning: { ...tuning, vocabularyGap: 2 } }).vocabulary.map((h) => h.say);
    expect(mixedHits('drop-off in mixed - how many men?')).toEqual(['drop off mixed']);
    expect(mixedHits('mixed teams - how many men?')).toEqual(['mixed']);
    // A phrase of one word besides stop words is too loose to find apart: "where I marked it" is no "where the mark".
    const mark = compileVocabulary({ ...REFEREE_VOCABULARY, entries: [{ say: ['where the mark'], means: ['mark'], note: 'test' }] });
    expect(analyzeQuestion('He tapped a metre from where I marked it', { ...full, vocabulary: mark, tuning: { ...tuning, vocabularyGap: 2 } }).vocabulary).toEqual([]);
  });

  it('reads an ordinal as a word ("3rd pen" is the "third penalty" of a phrase), never as a number and a stray "rd"', () => {
    const three = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('third penalty'))!;
    const q = analyzeQuestion('3rd pen in the zone?', full);
    expect(q.vocabulary.some((h) => h.means === three.means)).toBe(true);
    expect(q.tokens).not.toContain('rd');
  });

  it('reads a short question that asks "how long" last as a phrase that asks it first ("sinbin how long?")', () => {
    const binTime = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('how long sin bin'))!;
    expect(binTime.say).not.toContain('sinbin how long');
    const fires = (question: string) => analyzeQuestion(question, full).vocabulary.some((h) => h.means === binTime.means);
    expect(fires('how long sin bin?')).toBe(true);
    expect(fires('sin bin how long?')).toBe(true);
    // Only a short question ending with it: not a long one that asks something else first.
    expect(fires('sin bin for a punch, is that right or should it be a send off and how long')).toBe(false);
  });

  it('finds the touch count in "how many touches", not in "the defender touches the ball carrier"', () => {
    const count = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('how many touches'))!;
    expect(analyzeQuestion('How many touches does a team get?', full).vocabulary.some((h) => h.means === count.means)).toBe(true);
    expect(analyzeQuestion('The defender touches the ball carrier hard. What do I give?', full).vocabulary.some((h) => h.means === count.means)).toBe(false);
    expect(analyzeQuestion('After I make a touch, how far back do I go?', full).vocabulary.some((h) => h.means === count.means)).toBe(false);
  });

  it('weighs the question words a phrase stood in for by explainedWordWeight', () => {
    const q = analyzeQuestion('Was he sent off?', { ...full, tuning: { ...tuning, explainedWordWeight: 0.5 } });
    expect(q.terms.find((t) => t.term === 'send')).toEqual({ term: 'send', weight: 0.5, source: 'question' });
    expect(analyzeQuestion('Was he sent off?', full).terms.find((t) => t.term === 'send')?.weight).toBe(tuning.explainedWordWeight);
  });

  it('keeps the full weight of a word the phrase maps to itself ("tap" in "player tapped" → tap)', () => {
    const entry = REFEREE_VOCABULARY.entries.find((e) => e.say.includes('player tapping'))!;
    expect(entry.means).toContain('tap');
    const half = { ...full, tuning: { ...tuning, explainedWordWeight: 0.5 } };
    const q = analyzeQuestion('A player tapped the ball off the mark', half);
    expect(q.vocabulary).toContainEqual({ say: 'player tapped', means: entry.means });
    expect(q.terms.find((t) => t.term === 'tap')?.weight).toBe(1);
    expect(q.terms.find((t) => t.term === 'player')?.weight).toBe(0.5);
  });

  it("shares a phrase's weight among the rulebook words it maps to (vocabularySpread)", () => {
    // One word, "kit", maps to four rulebook terms: uniform, shirt, plai, top.
    const spread = analyzeQuestion('Is my kit legal?', { ...full, tuning: { ...tuning, vocabularySpread: 1 } });
    const mapped = spread.terms.filter((t) => t.source === 'vocabulary');
    expect(mapped.length).toBe(4);
    for (const t of mapped) expect(t.weight).toBeCloseTo(tuning.vocabularyWeight / 4);
    // A tiny spread leaves every rulebook word its full weight.
    const full1 = analyzeQuestion('Is my kit legal?', { ...full, tuning: { ...tuning, vocabularySpread: 0.01 } });
    for (const t of full1.terms.filter((x) => x.source === 'vocabulary')) expect(t.weight).toBe(tuning.vocabularyWeight);
  });

  it('weighs mapped terms by the vocabularyWeight setting', () => {
    const q = analyzeQuestion('Was he sent off?', { ...full, tuning: { ...tuning, vocabularyWeight: 0.25 } });
    expect(q.terms.find((t) => t.term === 'dismiss')).toEqual({ term: 'dismiss', weight: 0.25, source: 'vocabulary' });
  });

  it("adds a mapping's numbers only to a question that asks for a number", () => {
    const q = analyzeQuestion('How many touches does a team get?', full);
    // The mapping that fired carries a number, and the question asks for one: the six is a search term.
    expect(q.vocabulary.flatMap((h) => h.means)).toContain('6 touches');
    expect(q.terms.filter((t) => t.source === 'vocabulary').map((t) => t.term)).toEqual(['count', '6']);
    // The same mapping in a question about something else brings the words only.
    const restart = analyzeQuestion('What touch are we on after a knock down?', full);
    expect(restart.asks.number).toBe(false);
    expect(restart.vocabulary.flatMap((h) => h.means)).toContain('6 touches');
    expect(restart.terms.some((t) => /^\d/.test(t.term))).toBe(false);
  });

  it('does not repeat a term the question already holds', () => {
    // "binned" maps to "sin bin"; "bin" is the question's own term already.
    const q = analyzeQuestion('Was the ofside player binned?', full);
    const terms = q.terms.map((t) => t.term);
    expect(new Set(terms).size).toBe(terms.length);
    expect(q.terms.find((t) => t.term === 'bin')?.source).toBe('question');
    expect(q.terms.find((t) => t.term === 'sin')?.source).toBe('vocabulary');
  });

  it('fires on a phrase of the uncorrected words too', () => {
    const q = analyzeQuestion('how long in the sinbin', full);
    expect(q.vocabulary.map((h) => h.say)).toContain('sinbin');
    expect(q.terms.filter((t) => t.source === 'vocabulary').map((t) => t.term)).toEqual(expect.arrayContaining(['sin', 'bin']));
  });

  it('maps nothing without a vocabulary', () => {
    const q = analyzeQuestion('Was he sent off?', lexiconOnly);
    expect(q.vocabulary).toEqual([]);
    expect(q.terms.every((t) => t.source === 'question')).toBe(true);
    expect(q.embeddingText).toBe(q.corrected);
  });

  it('compiles every phrase of the shipped vocabulary, longest first', () => {
    const phrases = REFEREE_VOCABULARY.entries.flatMap((e) => e.say);
    expect(vocabulary.phrases).toHaveLength(phrases.length);
    const lengths = vocabulary.phrases.map((p) => p.words.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });
});

describe('analyzeQuestion: words of the question form', () => {
  it('takes no search terms from words that only shape the question ("legal", "anyone", "whose", "sure")', () => {
    const q = analyzeQuestion('Is it legal for anyone to tap? Not sure whose tap it is.', full);
    const own = q.terms.filter((t) => t.source === 'question').map((t) => t.term);
    expect(own).toContain('tap');
    for (const word of ['legal', 'anyon', 'anyone', 'whose', 'sure']) expect(own).not.toContain(word);
    // Chat around the question as well.
    const chat = analyzeQuestion('Hey mate, reckon a tap is fine here? Cheers', full).terms.map((t) => t.term);
    expect(chat).toContain('tap');
    for (const word of ['hei', 'hey', 'mate', 'reckon', 'cheer', 'cheers']) expect(chat).not.toContain(word);
    // What it asks for is still read from them.
    expect(q.asks.permission).toBe(true);
  });

  it('reads "got / getting" as the telling of an incident, not as a rulebook word ("cannot get Touched")', () => {
    for (const text of ['I got touched and passed it. Legal?', 'Our half was slow getting to the rollball']) {
      const own = analyzeQuestion(text, full).terms.filter((t) => t.source === 'question').map((t) => t.term);
      expect(own).not.toContain('get');
      expect(own).not.toContain('got');
    }
  });
});

describe('analyzeQuestion: what the question asks for', () => {
  it.each([
    // [question, number, meaning, consequence, time, permission]
    ['How many touches does a team get?', true, false, false, false, false],
    ['How far back do defenders go at a penalty?', true, false, false, false, false],
    ['What is the minimum distance at a tap?', true, false, false, false, false],
    ['What is a sin bin?', false, true, false, false, false],
    ['What does Advantage mean?', false, true, false, false, false],
    ['What does playing advantage actually mean?', false, true, false, false, false],
    ['What counts as a touch?', false, true, false, false, false],
    // "What is / what does" asks for a meaning only when a term follows and ends the question.
    ['What does the winner get to pick?', false, false, false, false, false],
    ['The ball hits the ref, what do I do?', false, false, true, false, false],
    ['What happens if a defender does not retire?', false, false, true, false, false],
    ["What's the call for a forward pass?", false, false, true, false, false],
    ['How is a player penalised for a late touch?', false, false, true, false, false],
    // A call the referee has made is not the call asked for.
    ['Their captain argues every call I make. Is that misconduct?', false, false, false, false, false],
    ['Was that the right call?', false, false, true, false, false],
    ['Can a player wear jewellery?', false, false, false, false, true],
    ['Interchange when?', false, false, false, true, false],
    ['At what point can the half be touched?', false, false, false, true, true],
    ['Is it legal to kick the ball?', false, false, false, false, true],
    ['Are studs banned?', false, false, false, false, true],
    ['Is jewellery against the rules?', false, false, false, false, true],
    ['Do we have to wait for the player to come off?', false, false, false, false, true],
    // "After" places the question in time; it does not ask for a time.
    ['After a try, who restarts play?', false, false, false, false, false],
    // A short fragment that names a measure asks for a quantity; a sentence that names one need not.
    ['field size?', true, false, false, false, false],
    ['sin bin time', true, false, false, false, false],
    ['Can our comp change the field size for juniors?', false, false, false, false, true],
    // "What's a" asks what a thing is; "what's the touch count now" asks for a count.
    ["What's a link?", false, true, false, false, false],
    ['whats a rollball', false, true, false, false, false],
    ["What's the touch count now?", false, false, false, false, false],
    ['What position is the winger?', false, true, false, false, false],
    ["What's the dummy half called?", false, true, false, false, false],
    ['wats a link', false, true, false, false, false],
    // What is allowed, or where to stand, is not what a thing is.
    ["What's a player allowed to wear?", false, false, false, false, true],
    ['What position does the ref stand in at a tap?', false, false, false, false, false],
  ])('%s', (question, number, meaning, consequence, time, permission) => {
    expect(analyzeQuestion(question, full).asks).toEqual({ number, meaning, consequence, time, permission });
  });

  it.each([
    // [question, subject]
    ['What is a sin bin?', ['sin', 'bin']],
    ['What are the sin bin rules?', ['sin', 'bin']],
    ['What does Advantage mean?', ['advantag']],
    ['What is the Mark', ['mark']],
    ["What's a rollball?", ['rollbal']],
    // The game's own name ends the question; it is not part of what is asked about.
    ['What is the dummy half in touch?', ['dummi', 'half']],
    ['What is the dummy half called in touch?', ['dummi', 'half']],
    // A size question names what it measures.
    ['How big is the sub box?', ['substitut', 'box']],
    ['How big should the sub box be?', []],
    ["How long's the sin bin?", ['sin', 'bin']],
    ['Can a player wear jewellery?', []],
    // A pronoun names nothing: the definition is found from the question's other words.
    ['When refs say a touch is imminent, what does that mean?', []],
    ['What is it?', []],
    // Whatever follows "mean", and adverbs of the question's form, are not the subject.
    ['What does a dismissal mean for the player?', ['dismiss']],
    ['What does advantage actually mean?', ['advantag']],
    ['What does that mean for us?', []],
    // "Who counts as X?" asks what X is.
    ['Who counts as the half?', ['half']],
    // "The word X" names X: the word is the question's form.
    ["What does the word 'Imminent' mean in the rules?", ['immin']],
  ])('subject of "%s"', (question, subject) => {
    expect(analyzeQuestion(question, full).subject).toEqual(subject);
  });

  it.each([
    // [question, answerType]
    ['What colour shirt does the referee wear?', 'colour'],
    ['What time does the final start?', 'time'],
    ['Which team restarts play?', undefined],
    ['What happens if the half is touched?', undefined],
    ['Can a player wear jewellery?', undefined],
  ])('answer type of "%s"', (question, answerType) => {
    expect(analyzeQuestion(question, full).answerType).toBe(answerType);
  });

  it.each([
    // [question, quantity targets]
    ['How many touches does a team get?', ['touch']],
    ['How many players are on the field?', ['player']],
    ['How long is half time?', tokenize('minutes seconds metres')],
    ['How soon must the tap be taken?', tokenize('minutes seconds')],
    ['Can a player wear jewellery?', []],
    // What is counted in the referees' words counts in the rulebook's too.
    ['How many tags before we hand it over?', ['tag', 'touch']],
  ])('quantity targets of "%s"', (question, targets) => {
    expect(analyzeQuestion(question, full).quantityTargets).toEqual(targets);
  });

  it('counts the thing a count question counts in the rulebook\'s words too ("tags" → touch)', () => {
    expect(analyzeQuestion('How many tags before we hand it over?', full).countedThing).toEqual(['tag', 'touch']);
    expect(analyzeQuestion('How many touches before we hand it over?', full).countedThing).toEqual(['touch']);
  });

  it('wants metres for a distance question, as the tokenizer writes them', () => {
    const targets = analyzeQuestion('How far back do defenders go at a penalty?', full).quantityTargets;
    expect(targets).toContain(tokenize('ten metres')[1]);
    expect(statesQuantityOf('retire ten (10) metres', targets)).toBe(true);
  });

  it('recognises centimetres as the answer to "how wide"', () => {
    const targets = analyzeQuestion('How wide are the lines?', full).quantityTargets;
    expect(statesQuantityOf('Lines are 4cm wide.', targets)).toBe(true);
    expect(statesQuantityOf('Lines are four (4) centimetres wide.', targets)).toBe(true);
  });

  it('reads contractions and curly quotes', () => {
    const q = analyzeQuestion('What’s the call if the defender didn’t retire?', full);
    expect(q.asks.consequence).toBe(true);
    expect(q.tokens).not.toContain('didn');
    expect(q.tokens).toContain('retir');
  });
});

describe('analyzeQuestion: what the subject means', () => {
  it('maps the words of the subject alone, not a phrase that takes in the measure asked', () => {
    // "sub box" is the Interchange Area, whatever size is asked of it.
    expect(analyzeQuestion('How big is the sub box?', full).subjectMeans).toContain('interchang');
    // "long is a game" names the match's duration; the subject, the game, is no duration.
    const game = analyzeQuestion('How long is a game?', full);
    expect(game.subject).toEqual(['game']);
    expect(game.vocabulary.some((hit) => hit.means.includes('duration'))).toBe(true);
    expect(game.subjectMeans).not.toContain('durat');
  });
});

describe('analyzeQuestion: numbers and what they count', () => {
  it('pairs a number with the word after it, and with what the vocabulary maps that word to', () => {
    expect(analyzeQuestion('What if we have 5 players?', full).countedNumbers).toEqual({ 5: ['player'] });
    const blokes = analyzeQuestion('Can we have 3 blokes on?', full).countedNumbers['3'];
    expect(blokes[0]).toBe('bloke');
    expect(blokes).toContain('male');
    expect(analyzeQuestion('How far back at a penalty?', full).countedNumbers).toEqual({});
  });
});

describe('analyzeQuestion: another sport', () => {
  it.each([
    // [question, the code it asks about]
    ['Rugby league: how many tackles in a set?', 'rugby league'],
    ['In union, when can you use your hands at the ruck?', 'union'],
    ['netball, how many seconds can you hold the ball for?', 'netball'],
    ['How big is the field for beach touch?', 'beach touch'],
    ['Field goal in league worth how many?', 'league'],
    // A comparison, another code's gear, or a question about touch itself: the rulebook's own game.
    ['Forward pass, is it a scrum like in union?', undefined],
    ['Can the coach challenge a call like a captain’s challenge in league?', undefined],
    ['Are my league boots OK for touch?', undefined],
    ['Can we use a round soccer ball?', undefined],
    ['In league the line can move once the ball is played. In touch, can defenders come up early?', undefined],
    ['In league a knock-down earns a new set. Can we throw it into the defender on purpose?', undefined],
    ['How many touches in a set?', undefined],
    // The sentence turns to this game after naming the other one.
    ['In league the dummy-half can be tackled; in Touch, what happens if the Half is touched?', undefined],
    ['oztag we had limits on interchange, in touch can we sub as often as we want?', undefined],
    ['A rugby league side fields 13 players; how many may a Touch team have on the field?', undefined],
    ['Oztag gives you six tags a set before the handover - is touch the same?', undefined],
    ['Netball has three-second holds. Does touch differ?', undefined],
    // A comparison a few words back ("like the old handover after the sixth tackle in league").
    ['Like the old handover after the sixth tackle in league - how many touches do you get?', undefined],
    ['In league you kick it in touch for a lineout, how far back do you go?', 'league'],
    // "League" as a competition, and an abbreviation that ends no sentence.
    ['In the National Touch League, how many interchanges are allowed?', undefined],
    ['Our social league: how many players on the field?', undefined],
    ['Does the league allow jewellery?', undefined],
    ['How many subs in a touch league game?', undefined],
    ['Touch vs. league: how many tackles?', undefined],
    // The other game's own "in touch" (its sideline) after the code is named.
    ['In rugby league, what happens when the ball is kicked in touch?', 'rugby league'],
    ['In league can you kick it in touch?', 'league'],
    ['In league, what happens when a player is pushed in touch?', 'league'],
    // ... but a question that ends on this game ("in touch") compares.
    ['In league that would be a goal line drop out - what happens in touch?', undefined],
    ['Sin bin in league is 10 mins - how long do you sit in touch?', undefined],
    // Who is asking, not what about, and a question that comes back to this game.
    ['League guy here, how many touches do we get?', undefined],
    ['Soccer ref here: can a player wear a cap?', undefined],
    ['As a rugby league ref, how many touches do I count?', undefined],
    ['Ex-union player, what is a rollball?', undefined],
    ['A sevens yellow is 2 minutes. How long is the bin here?', undefined],
    ['Do league refs give six again?', 'league'],
    // The other code's word for something asked of this game.
    ['Oztag calls it shepherding - can I duck in behind my own players?', undefined],
    ['What does union call a forward pass?', 'union'],
    // "The NRL" is the code, not a competition of touch.
    ['How many interchanges do they get in the nrl?', 'nrl'],
  ])('%s', (question, code) => {
    expect(analyzeQuestion(question, full).otherCode).toBe(code);
  });

  it('finds no other code without a vocabulary', () => {
    expect(analyzeQuestion('Rugby league: how many tackles in a set?', lexiconOnly).otherCode).toBeUndefined();
  });
});

describe('analyzeQuestion: a matter off the field', () => {
  it.each([
    ['How much are the rego fees this season?', 'rego fees'],
    ['Is a player insured if they get hurt at a game?', 'insured'],
    ['Where do we sit on the ladder after a forfeit?', 'ladder'],
    ['How do I appeal my suspension?', 'appeal my suspension'],
    ['Which brand of ball is best?', 'brand'],
    ['What tactics beat a rush defence?', 'tactics'],
    // Several words in any inflection, as vocabulary phrases match.
    ['Warming up on the field at half time, ok?', 'warming up'],
    // With one word of the question's own inside the phrase, never at its ends.
    ['Can a player be registered with two different clubs?', 'two different clubs'],
    ['Can two of our clubs share a field?', undefined],
    // Only the asking sentence counts: a scene set with an off-field word is still a rules question.
    ['We were at training last night. Can a defender touch the ball carrier with one hand?', undefined],
    // A question that speaks of "them" or "it" points back at the sentence before it.
    ['One of the players had a bleeding knee. Do I have to send them off to get it covered?', 'bleeding'],
    ['One of the players had a bleeding knee. Can a defender touch the ball carrier with one hand?', undefined],
    // A short question that points back at the sentence before it, and every sentence that asks.
    ['A captain asked me if he can call a time-out mid-half. Is that allowed?', 'call a time out'],
    ['How many referees run a game? Just one, or two like league?', 'how many referees'],
    // Words that only look like it: a touch "made by" a player, a pass "tipped" by a defender.
    ['A touch made by the defender on the ball: does it count?', undefined],
    ['A defender tips the pass and we catch it. New set?', undefined],
    ['How far back do defenders go at a penalty?', undefined],
    // Never across punctuation: "mid-set, play on" is no "set play".
    ['Siren has gone mid-set, play on?', undefined],
    ['Is there a set play for the last touch?', 'set play'],
    // "Fine" as in all right is no fine.
    ['Is the tap fine if the ball rolls off the mark?', undefined],
    // A matter told in parts, each said in the asking sentences: the laws speak of forfeits and of scoring,
    // never of a forfeit's score.
    ['Forfeit win - what score goes on the sheet?', 'forfeit … score'],
    ['The other side forfeited. What score then?', 'forfeited … score'],
    ['The other side forfeited last week. Can a try be scored from a tap?', undefined],
    ['If we play an unregistered player, do we forfeit the match?', undefined],
  ])('%s', (question, topic) => {
    expect(analyzeQuestion(question, full).offField).toBe(topic);
  });

  it('finds no off-field matter without a vocabulary', () => {
    expect(analyzeQuestion('How much are the rego fees?', lexiconOnly).offField).toBeUndefined();
  });
});

describe('analyzeQuestion: any text', () => {
  it.each(['', '   ', '?', '!!!', '15.2', 'what is', '🏉🏉🏉', 'ＯＦＳＩＤＥ'])('reads %j', (question) => {
    const q = analyzeQuestion(question, full);
    expect(Array.isArray(q.terms)).toBe(true);
    expect(typeof q.corrected).toBe('string');
  });

  it('never throws, and gives finite positive weights, for any Unicode text', () => {
    const ctx: AnalysisContext = { ...full, isKnownWord: (w) => w.length % 2 === 0 };
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const q = analyzeQuestion(text, ctx);
        expect(q.text).toBe(text);
        for (const t of q.terms) {
          expect(t.term).not.toBe('');
          expect(Number.isFinite(t.weight) && t.weight > 0).toBe(true);
        }
        const terms = q.terms.map((t) => t.term);
        expect(new Set(terms).size).toBe(terms.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on rulebook-like word soup either', () => {
    const word = fc.constantFrom('ofside', 'sinbin', 'rollblal', 'what', 'is', 'how', 'many', 'sent', 'off', 'the', 'ten', '10', 'happens', '?', 'mark', 'xq');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 20 }), (words) => {
        const q = analyzeQuestion(words.join(' '), full);
        for (const c of q.corrections) expect(index.lexicon.words.has(c.to.split(' ')[0])).toBe(true);
      }),
    );
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['offside', 'offside', 0],
    ['ofside', 'offside', 1],
    ['offsdie', 'offside', 1],
    ['rollblal', 'rollball', 1],
    ['rolbal', 'rollball', 2],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
    // Optimal string alignment: a swapped pair is not edited again.
    ['ca', 'abc', 3],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it.each([
    ['abcdef', 'uvwxyz', 2, 3],
    ['a', 'abcd', 1, 2],
    ['rollball', 'rollblal', 1, 1],
    ['kitten', 'sitting', 3, 3],
  ])('stops early above the limit: %j, %j, limit %i', (a, b, limit, expected) => {
    expect(editDistance(a, b, limit)).toBe(expected);
  });

  it('is a distance: zero only for equal strings, symmetric, at most the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d === 0).toBe(a === b);
        expect(editDistance(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        // A limit never changes a distance within it, and a distance above it stays above it.
        const limited = editDistance(a, b, 2);
        if (d <= 2) expect(limited).toBe(d);
        else expect(limited).toBeGreaterThan(2);
      }),
    );
  });
});

describe('linkGlossary', () => {
  const describing = 'Is a player sent from the field for the rest of the match?';

  it('adds the defined term a question describes without naming it', () => {
    // Without the vocabulary, so only the glossary can link "sent from the field" to the dismissal.
    const q = analyzeQuestion(describing, lexiconOnly);
    expect(q.terms.map((t) => t.term)).not.toContain('dismiss');
    const linked = linkGlossary(q, index, tuning);
    expect(linked.terms.filter((t) => t.source === 'glossary')).toEqual([{ term: 'dismiss', weight: tuning.glossaryWeight, source: 'glossary' }]);
    // The question's own terms come first, unchanged; the input is not modified.
    expect(linked.terms.slice(0, q.terms.length)).toEqual(q.terms);
    expect(q.terms.some((t) => t.source === 'glossary')).toBe(false);
  });

  it('adds nothing when the question already holds the term', () => {
    const q = analyzeQuestion('Is a dismissal for the rest of the match?', lexiconOnly);
    expect(linkGlossary(q, index, tuning).terms.filter((t) => t.source === 'glossary')).toEqual([]);
  });

  it('adds nothing below glossaryMinShare, and nothing at weight 0', () => {
    const q = analyzeQuestion(describing, lexiconOnly);
    expect(linkGlossary(q, index, { ...tuning, glossaryMinShare: 1.01 })).toBe(q);
    expect(linkGlossary(q, index, { ...tuning, glossaryWeight: 0 })).toBe(q);
  });

  it('links only the definition the question describes best', () => {
    const both = buildClauseIndex([
      ...units,
      definition('Expulsion', 'When a player is sent from the Field of Play.'),
    ]);
    const q = analyzeQuestion(describing, { lexicon: both.lexicon, tuning });
    const loose = { ...tuning, glossaryMinShare: 0.3 };
    const linked = linkGlossary(q, both, loose).terms.filter((t) => t.source === 'glossary').map((t) => t.term);
    // Each definition alone would be linked; together, only the one holding more of the question.
    expect(linked).toEqual(['dismiss']);
    const expulsionOnly = buildClauseIndex([...units.filter((u) => u.term !== 'Dismissal'), definition('Expulsion', 'When a player is sent from the Field of Play.')]);
    const q2 = analyzeQuestion(describing, { lexicon: expulsionOnly.lexicon, tuning });
    expect(linkGlossary(q2, expulsionOnly, loose).terms.filter((t) => t.source === 'glossary').map((t) => t.term)).toEqual(['expuls']);
  });

  it('does not link a question that shares only a few words with a definition', () => {
    const q = analyzeQuestion('Can a player in the sin bin come back after four possessions?', lexiconOnly);
    expect(linkGlossary(q, index, tuning).terms.map((t) => t.term)).not.toContain('dismiss');
  });
});

describe('analyzeQuestion: a situation told in parts', () => {
  const own = compileVocabulary({
    version: 1,
    entries: [],
    situations: [
      { when: [['ball', 'pass'], ['hit', 'clipped'], ['ref', 'referee']], means: ['ball makes contact with the referee'], note: 'test' },
      { when: [['touched'], ['sideline', 'stepped out']], ordered: true, means: ['touched and subsequently makes contact with either the sideline'], note: 'test' },
      { when: [['dummy half'], ['half']], means: ['other than the half'], note: 'test' },
    ],
    otherCodes: [],
    offField: [],
  });
  const context: AnalysisContext = { lexicon: index.lexicon, vocabulary: own, tuning };
  const situations = (question: string) => analyzeQuestion(question, context).vocabulary.filter((hit) => hit.situation);

  it('finds every part anywhere, in any order, in any inflection', () => {
    expect(situations('The ref got clipped by their pass, what now?').map((h) => h.say)).toEqual(['pass … clipped … ref']);
    expect(situations('Pass hits the referee in the back')).toHaveLength(1);
    // A part missing: no situation.
    expect(situations('The pass clipped a defender')).toEqual([]);
  });

  it('keeps the order of an ordered situation', () => {
    expect(situations('I was touched, then stepped out over the sideline')).toHaveLength(1);
    expect(situations('I stepped out and then got touched')).toEqual([]);
  });

  it('reads a one-word part as a one-word phrase: the listed word or its inflection, never a bare word for an inflected one', () => {
    expect(situations('They touched me and I stepped out')).toHaveLength(1);
    expect(situations('I was touched and the ball went over the sideline')).toHaveLength(1);
    // "touch" is not "touched": the listed word is inflected.
    expect(situations('After the touch I stepped out')).toEqual([]);
  });

  it('never reads two parts from the same words', () => {
    expect(situations('Can the dummy half score?')).toEqual([]);
  });

  it("weighs the situation's terms as the tuning says, raising a term the question holds already", () => {
    const terms = (weight: number) =>
      analyzeQuestion('Their pass hit the ref', { ...context, tuning: { ...tuning, situationWeight: weight } }).terms.filter((t) => t.source === 'vocabulary');
    expect(terms(1.5).find((t) => t.term === 'contact')?.weight).toBe(1.5);
    expect(terms(0.3).find((t) => t.term === 'contact')?.weight).toBe(0.3);
    // "referee" comes from the situation; "ref" stays the question's own word.
    expect(analyzeQuestion('Their pass hit the ref', context).terms.find((t) => t.term === 'ref')?.source).toBe('question');
  });
});
