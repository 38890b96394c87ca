import { describe, expect, it } from 'vitest';
import {
  containsEvidence,
  evidenceRank,
  formatComparisonTable,
  formatMetricsTable,
  METRIC_KEYS,
  normalizeForEvidence,
  riskCoverage,
  scoreQuestion,
  summarize,
  sureAnswers,
} from '../../src/core/eval-metrics';
import type { PerQuestionResult } from '../../src/core/eval-metrics';
import type { EvalQuestion } from '../../src/core/question-file';

// Twelve words, so ten trigrams: each trigram is worth 10 %.
const EVIDENCE = 'all players from the defending team must retire a distance of ten';
const WORDS = EVIDENCE.split(' ');

function withBreaksBefore(positions: number[]): string {
  return WORDS.map((word, i) => (positions.includes(i) ? `PAGE 7 ${word}` : word)).join(' ');
}

describe('normalizeForEvidence', () => {
  it.each([
    ['Seven (7) metres!', 'seven 7 metres'],
    ['  In-Goal   Area\n', 'in goal area'],
    ['the \uFB01eld of play', 'the field of play'],
    ["captain's Team", 'captain s team'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeForEvidence(input)).toBe(expected);
  });
});

describe('containsEvidence', () => {
  it.each([
    ['exact text', `15.2 At a Tap, ${EVIDENCE} (10) metres.`, true],
    ['other case and punctuation', EVIDENCE.toUpperCase().replace(/ /g, ' - '), true],
    ['one break: 8 of 10 trigrams, exactly 80 %', withBreaksBefore([6]), true],
    ['break before the last word: 9 of 10 trigrams', withBreaksBefore([11]), true],
    ['two breaks: 6 of 10 trigrams', withBreaksBefore([3, 8]), false],
    ['break near the end and in the middle: 7 of 10 trigrams', withBreaksBefore([6, 11]), false],
    ['first half only', WORDS.slice(0, 6).join(' '), false],
    ['second half only', WORDS.slice(6).join(' '), false],
    ['all but the last word: 9 of 10 trigrams', WORDS.slice(0, 11).join(' '), true],
  ])('%s', (_name, chunk, expected) => {
    expect(containsEvidence(chunk, EVIDENCE)).toBe(expected);
  });

  it.each([
    ['Sin Bin Area', 'sin bin', true],
    ['the sin area bin', 'sin bin', false],
    ['rotten metres', 'ten metres', false],
    ['any text', '  ...  ', false],
  ])('short evidence: %j holds %j is %s (substring only)', (chunk, evidence, expected) => {
    expect(containsEvidence(chunk, evidence)).toBe(expected);
  });
});

describe('evidenceRank', () => {
  it('is the 1-based rank of the first chunk that holds the evidence', () => {
    expect(evidenceRank(['nothing here', 'nor here', EVIDENCE, EVIDENCE], EVIDENCE)).toBe(3);
  });

  it('is null when the evidence is split across two chunks, neither holding enough of it', () => {
    const split = [WORDS.slice(0, 6).join(' '), WORDS.slice(6).join(' ')];
    expect(evidenceRank(split, EVIDENCE)).toBeNull();
  });

  it('finds a chunk that repeats most of the evidence through its overlap', () => {
    const overlapping = [WORDS.slice(0, 6).join(' '), WORDS.slice(1).join(' ')];
    expect(evidenceRank(overlapping, EVIDENCE)).toBe(2);
  });
});

function question(overrides: Partial<EvalQuestion> = {}): EvalQuestion {
  return {
    id: 'rollball-distance',
    question: 'How far back at a rollball?',
    answer: 'Seven metres',
    accept: [/\b(7|seven)\b/i],
    rules: ['15.1', 'Definition: Offside (Defender)'],
    evidence: 'must retire a distance of seven (7) metres',
    answerable: true,
    ...overrides,
  };
}

const chunk = (text: string, ...refs: string[]) => ({ text, refs });
const HOLDER = chunk('15.1 At a Rollball, all players must retire a distance of seven (7) metres.', '15.1');

describe('scoreQuestion', () => {
  it('scores rank, hits and rule hit from the ranked chunks', () => {
    const result = scoreQuestion(question(), {
      rankedChunks: [chunk('13.1 The Rollball', '13.1'), HOLDER, chunk('other', '16.1')],
      answerText: 'Defenders retire seven (7) metres.',
      abstained: false,
    });
    expect(result).toMatchObject({
      rank: 2,
      hit_at_1: false,
      hit_at_3: true,
      hit_at_5: true,
      rule_hit_at_3: true,
      answer_correct: true,
      abstained: false,
    });
  });

  it('scores the lead rule where the answerer has a lead, and never when it abstained', () => {
    const wanted = question().rules[0];
    const base = { rankedChunks: [HOLDER], answerText: '' };
    expect(scoreQuestion(question(), { ...base, abstained: false, leadRefs: [wanted] }).lead_rule_hit).toBe(true);
    expect(scoreQuestion(question(), { ...base, abstained: false, leadRefs: ['99.9'] }).lead_rule_hit).toBe(false);
    expect(scoreQuestion(question(), { ...base, abstained: true, leadRefs: [wanted] }).lead_rule_hit).toBe(false);
    expect(scoreQuestion(question(), { ...base, abstained: false }).lead_rule_hit).toBeUndefined();
    const results = [true, false, undefined].map((lead) => ({
      ...scoreQuestion(question(), { ...base, abstained: false, ...(lead === undefined ? {} : { leadRefs: [lead ? wanted : '99.9'] }) }),
    }));
    // Over the questions with a lead only.
    expect(summarize(results).lead_rule_accuracy).toBe(0.5);
  });

  it('counts a rule hit only in the top 3, matching references without regard to case or spacing', () => {
    const others = [chunk('a', '1.1'), chunk('b', '1.2'), chunk('c', '1.3')];
    const late = scoreQuestion(question(), { rankedChunks: [...others, HOLDER], answerText: '', abstained: false });
    expect([late.rank, late.hit_at_3, late.hit_at_5, late.rule_hit_at_3]).toEqual([4, false, true, false]);
    const definition = scoreQuestion(question(), {
      rankedChunks: [chunk('d', 'definition:  offside (defender)')],
      answerText: '',
      abstained: false,
    });
    expect(definition.rule_hit_at_3).toBe(true);
  });

  it('reads a reference the way question files write it: "Rule 15.1.", "law 15.1", "Definition:Offside (Defender)"', () => {
    const written = (rules: string[]) => scoreQuestion(question({ rules }), { rankedChunks: [HOLDER], answerText: '', abstained: false, leadRefs: ['15.1'] });
    for (const ref of ['Rule 15.1', 'rule 15.1.', 'Law 15.1', 'R15.1', ' 15.1 ']) {
      expect(written([ref])).toMatchObject({ rule_hit_at_3: true, lead_rule_hit: true });
    }
    // Another clause's number is still another clause.
    expect(written(['Rule 15.11'])).toMatchObject({ rule_hit_at_3: false, lead_rule_hit: false });
    expect(written(['Rule 5.1'])).toMatchObject({ rule_hit_at_3: false, lead_rule_hit: false });
    const definition = scoreQuestion(question({ rules: ['Definition:Offside (Defender)'] }), {
      rankedChunks: [chunk('d', 'Definition: Offside (Defender)')],
      answerText: '',
      abstained: false,
    });
    expect(definition.rule_hit_at_3).toBe(true);
  });

  it("finds a definition by any name its term gives, with or without the term's qualifier", () => {
    const hit = (wanted: string, retrieved: string) =>
      scoreQuestion(question({ rules: [wanted] }), { rankedChunks: [chunk('d', retrieved)], answerText: '', abstained: false }).rule_hit_at_3;
    expect(hit('Definition: Dead Ball', 'Definition: Dead / Dead Ball')).toBe(true);
    expect(hit('Definition: Dead', 'Definition: Dead / Dead Ball')).toBe(true);
    expect(hit('Definition: Tap Penalty', 'Definition: Tap and Tap Penalty')).toBe(true);
    expect(hit('Definition: Rollball Area', 'Definition: Ruck/Rollball Area')).toBe(true);
    expect(hit('Definition: Mark', 'Definition: Mark (for a Touch)')).toBe(true);
    // A qualified name is that definition only; a longer term is another definition.
    expect(hit('Definition: Mark (for a Tap)', 'Definition: Mark (for a Touch)')).toBe(false);
    expect(hit('Definition: Sin Bin', 'Definition: Sin Bin Area')).toBe(false);
    expect(hit('Definition: Dead Ball Line', 'Definition: Dead / Dead Ball')).toBe(false);
    expect(hit('15.1', 'Definition: Dead / Dead Ball')).toBe(false);
  });

  it.each([
    ['7 metres', true],
    ['Seven (7) metres', true],
    ['17 metres', false],
    ['70 metres from try line to try line', false],
    ['SEVENTEEN', false],
  ])('accept \\b(7|seven)\\b on %j is %s', (answerText, expected) => {
    const result = scoreQuestion(question(), { rankedChunks: [], answerText, abstained: false });
    expect(result.answer_correct).toBe(expected);
  });

  it('never counts an abstention on an answerable question as correct', () => {
    const result = scoreQuestion(question(), { rankedChunks: [HOLDER], answerText: 'seven', abstained: true });
    expect([result.answer_correct, result.abstained, result.rank]).toEqual([false, true, 1]);
  });

  it.each([
    [true, true],
    [false, false],
  ])('unanswerable question, abstained=%s: correct=%s, no retrieval hits', (abstained, correct) => {
    const unanswerable = question({ answerable: false, accept: [], rules: [], evidence: '' });
    const result = scoreQuestion(unanswerable, { rankedChunks: [HOLDER], answerText: 'Seven metres', abstained });
    expect(result).toMatchObject({ answerable: false, rank: null, hit_at_1: false, rule_hit_at_3: false });
    expect(result.answer_correct).toBe(correct);
  });
});

function result(overrides: Partial<PerQuestionResult>): PerQuestionResult {
  const rank = overrides.rank ?? null;
  return {
    id: 'q',
    answerable: true,
    rank,
    hit_at_1: rank !== null && rank <= 1,
    hit_at_3: rank !== null && rank <= 3,
    hit_at_5: rank !== null && rank <= 5,
    rule_hit_at_3: false,
    answer_correct: false,
    abstained: false,
    answer: '',
    ...overrides,
  };
}

const RESULTS = [
  result({ id: 'a1', rank: 1, rule_hit_at_3: true, answer_correct: true }),
  result({ id: 'a2', rank: 2, rule_hit_at_3: true }),
  result({ id: 'a3', rank: null, abstained: true }),
  result({ id: 'a4', rank: 4, answer_correct: true, answer: 'x'.repeat(100) }),
  result({ id: 'u1', answerable: false, abstained: true, answer_correct: true }),
  result({ id: 'u2', answerable: false, answer: 'made up' }),
];

describe('sureAnswers', () => {
  it('gives the share shown as sure and the share of those answered right, null when none is sure', () => {
    const row = (state: 'sure' | 'unsure', answerable: boolean, answer_correct: boolean) =>
      ({ ...scoreQuestion(question({ answerable }), { rankedChunks: [], answerText: '', abstained: false }), state, answer_correct });
    expect(sureAnswers([row('sure', true, true), row('sure', true, false), row('unsure', true, true), row('unsure', true, true)])).toEqual({ share: 0.5, accuracy: 0.5 });
    // A sure answer to a question the rules do not cover is never right.
    expect(sureAnswers([row('sure', false, true)]).accuracy).toBe(0);
    expect(sureAnswers([row('unsure', true, true)])).toEqual({ share: 0, accuracy: null });
    expect(sureAnswers([])).toEqual({ share: 0, accuracy: null });
  });
});

describe('summarize', () => {
  it('computes every rate over the right questions', () => {
    expect(summarize(RESULTS)).toEqual({
      hit_at_1: 0.25,
      hit_at_3: 0.5,
      hit_at_5: 0.75,
      rule_hit_at_3: 0.5,
      lead_rule_accuracy: null,
      mrr: (1 + 1 / 2 + 0 + 1 / 4) / 4,
      answer_accuracy: 0.5,
      abstain_accuracy: 0.5,
      false_abstain_rate: 0.25,
    });
  });

  it('gives null for a rate whose questions are missing', () => {
    const onlyAnswerable = summarize(RESULTS.filter((r) => r.answerable));
    expect(onlyAnswerable.abstain_accuracy).toBeNull();
    expect(onlyAnswerable.mrr).toBeCloseTo(0.4375);
    const onlyUnanswerable = summarize(RESULTS.filter((r) => !r.answerable));
    expect(onlyUnanswerable).toMatchObject({ hit_at_1: null, mrr: null, answer_accuracy: null, false_abstain_rate: null });
    expect(onlyUnanswerable.abstain_accuracy).toBe(0.5);
    expect(Object.values(summarize([]))).toEqual(Array(METRIC_KEYS.length).fill(null));
  });
});

describe('formatMetricsTable', () => {
  const text = formatMetricsTable(RESULTS, summarize(RESULTS));
  const lines = text.split('\n');

  it('prints one aligned row per question, then the totals', () => {
    const answerColumn = lines[0].lastIndexOf('answer');
    expect(lines[2].startsWith('a1')).toBe(true);
    expect(lines[4]).toMatch(/^a3\s+miss\s+no\s+no\s+yes\s+-$/);
    expect(lines[6]).toMatch(/^u1\s+-\s+-\s+yes\s+yes\s+-$/);
    expect(lines[7].indexOf('made up')).toBe(answerColumn);
    expect(text).toContain(`${'x'.repeat(57)}...`);
    expect(text).not.toContain('x'.repeat(58));
    expect(text).toContain('questions: 6 (4 answerable, 2 unanswerable)');
    expect(text).toMatch(/^mrr\s+0\.438$/m);
    expect(text).toMatch(/^abstain_accuracy\s+0\.500$/m);
  });
});

describe('formatComparisonTable', () => {
  it('puts two runs side by side with the change per metric', () => {
    const study = RESULTS.map((r) => (r.answerable ? { ...r, rank: null, hit_at_3: false } : r));
    const text = formatComparisonTable(
      { label: 'study', per_question: study, metrics: summarize(study) },
      { label: 'Pitchside', per_question: RESULTS, metrics: summarize(RESULTS) },
    );
    expect(text.startsWith('study vs Pitchside\n')).toBe(true);
    expect(text).toMatch(/^a2\s+miss\s+2\s+no\s+no$/m);
    expect(text).toMatch(/^hit_at_3\s+0\.000\s+0\.500\s+\+0\.500$/m);
    expect(text).toMatch(/^abstain_accuracy\s+0\.500\s+0\.500\s+\+0\.000$/m);
  });
});

describe('riskCoverage', () => {
  const rows = [
    // Right lead rule: right when sure, though the answer text's pattern did not match.
    result({ id: 'r1', confidence: 0.9, lead_rule_hit: true, answer_correct: false }),
    // An unsure answer whose text matched through a closer rule it also quotes: its lead is wrong.
    result({ id: 'r2', confidence: 0.8, lead_rule_hit: false, answer_correct: true }),
    // No lead known: the answer text decides.
    result({ id: 'r3', confidence: 0.7, answer_correct: true }),
    result({ id: 'r4', confidence: 0.95, abstained: true }),
    result({ id: 'u1', answerable: false, confidence: 0.85 }),
  ];

  it('counts an answer shown as sure right by its lead rule, over the answers at or above each threshold', () => {
    const [at70, at80, at90] = riskCoverage(rows, [0.7, 0.8, 0.9]);
    expect(at70).toEqual({ threshold: 0.7, coverage: 4 / 5, accuracy: 2 / 4, count: 4 });
    expect(at80).toEqual({ threshold: 0.8, coverage: 3 / 5, accuracy: 1 / 3, count: 3 });
    expect(at90).toEqual({ threshold: 0.9, coverage: 1 / 5, accuracy: 1, count: 1 });
    expect(riskCoverage(rows, [0.99])[0]).toEqual({ threshold: 0.99, coverage: 0, accuracy: null, count: 0 });
  });
});
