import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { parseQuestionFile, parseQuestionFiles, questionsOfHalf } from '../../src/core/question-file';

const valid = {
  id: 'q1',
  question: 'How far back at a penalty?',
  answer: 'Ten metres',
  accept: ['\\b(10|ten)\\b'],
  rules: ['15.2'],
  evidence: 'must retire a distance of ten (10) metres',
  answerable: true,
};
const unanswerable = { id: 'q2', question: 'Lightning?', answer: 'n/a', accept: [], rules: [], evidence: '', answerable: false };

function line(overrides: Record<string, unknown>, without?: string): string {
  const record: Record<string, unknown> = { ...valid, ...overrides };
  if (without) delete record[without];
  return JSON.stringify(record);
}

function parseError(text: string): AppError {
  try {
    parseQuestionFile(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected parseQuestionFile to throw');
}

describe('parseQuestionFile', () => {
  it('parses questions, skipping blank lines and ignoring extra fields', () => {
    const text = ['', line({ note: 'extra' }), '   ', JSON.stringify(unanswerable), ''].join('\n');
    const questions = parseQuestionFile(text);
    expect(questions.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(questions[0]).not.toHaveProperty('note');
    expect(questions[0].rules).toEqual(['15.2']);
    expect(questions[1].answerable).toBe(false);
    expect(questions[1].accept).toEqual([]);
  });

  it('compiles accept patterns case-insensitively', () => {
    const [question] = parseQuestionFile(line({}));
    expect(question.accept[0].flags).toContain('i');
    expect(question.accept[0].test('TEN METRES')).toBe(true);
    expect(question.accept[0].test('often')).toBe(false);
  });

  it('accepts CRLF line endings and a byte order mark', () => {
    const questions = parseQuestionFile(`\uFEFF${line({})}\r\n${JSON.stringify(unanswerable)}\r\n`);
    expect(questions).toHaveLength(2);
  });

  it.each([
    ['invalid JSON', '{"id": "q9",', 'not valid JSON'],
    ['a JSON array', '[1, 2]', 'expected a JSON object'],
    ['a missing evidence', line({}, 'evidence'), 'missing "evidence"'],
    ['a missing answerable', line({}, 'answerable'), '"answerable" must be true or false'],
    ['accept that is not an array', line({ accept: '\\bten\\b' }), '"accept" must be an array of strings'],
    ['rules holding a number', line({ rules: [15.2] }), '"rules" must be an array of strings'],
    ['an empty id', line({ id: ' ' }), '"id" is empty'],
    ['answerable without evidence', line({ evidence: '' }), 'needs "evidence"'],
    ['answerable without patterns', line({ accept: [] }), 'at least one "accept" pattern'],
    ['a bad regular expression', line({ accept: ['\\bten\\b', '(seven'] }), 'not a valid regular expression'],
  ])('names the line of %s', (_name, badLine, message) => {
    const text = [line({ id: 'first' }), '', badLine, line({ id: 'last' })].join('\n');
    const error = parseError(text);
    expect(error.code).toBe('bad-question-file');
    expect(error.detail).toContain('line 3:');
    expect(error.detail).toContain(message);
  });

  it('rejects a repeated id, naming both lines', () => {
    const error = parseError([line({}), line({})].join('\n'));
    expect(error.detail).toBe('line 2: id "q1" is already used on line 1');
  });

  it('rejects a file with no questions', () => {
    expect(parseError('\n\n  \n').detail).toBe('the file holds no questions');
  });
});

describe('parseQuestionFiles', () => {
  const line = (q: object) => JSON.stringify(q);
  it('reads several files in order and names the file of a bad line or a repeated id', () => {
    const a = { name: 'a.jsonl', text: line(valid) };
    const b = { name: 'b.jsonl', text: line(unanswerable) };
    expect(parseQuestionFiles([a, b]).map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(() => parseQuestionFiles([a, { name: 'c.jsonl', text: line(valid) }])).toThrow('id "q1" is used in both a.jsonl and c.jsonl');
    expect(() => parseQuestionFiles([a, { name: 'd.jsonl', text: '{' }])).toThrow(/^bad-question-file: d\.jsonl: line 1: /);
    expect(() => parseQuestionFiles([a, { name: 'd.jsonl', text: '{' }])).toThrow(AppError);
  });
});

describe('the FIT Touch question set', () => {
  const text = readFileSync(new URL('../../eval/questions/fit-touch-5th.jsonl', import.meta.url), 'utf8');
  const questions = parseQuestionFile(text);

  it('holds at least 48 questions, 6 to 8 of them unanswerable', () => {
    const unanswerableCount = questions.filter((q) => !q.answerable).length;
    expect(questions.length).toBeGreaterThanOrEqual(48);
    expect(unanswerableCount).toBeGreaterThanOrEqual(6);
    expect(unanswerableCount).toBeLessThanOrEqual(8);
  });

  it('gives each answerable question rules and an answer its own patterns accept', () => {
    for (const q of questions.filter((item) => item.answerable)) {
      expect(q.rules.length, q.id).toBeGreaterThan(0);
      expect(
        q.accept.every((pattern) => pattern.test(q.answer)),
        q.id,
      ).toBe(true);
    }
  });

  it('leaves rules, evidence and patterns empty on unanswerable questions', () => {
    for (const q of questions.filter((item) => !item.answerable)) {
      expect([q.rules, q.evidence, q.accept], q.id).toEqual([[], '', []]);
    }
  });
});

describe('questionsOfHalf', () => {
  const ids = ['fit-001', 'fit-002', 'ref-013', 'ref-120', 'cov-7', 'no-number'].map((id) => ({ id }));

  it('keeps odd ids to tune and even ids to report, and an id without a number in neither', () => {
    expect(questionsOfHalf(ids, 'tune').map((q) => q.id)).toEqual(['fit-001', 'ref-013', 'cov-7']);
    expect(questionsOfHalf(ids, 'report').map((q) => q.id)).toEqual(['fit-002', 'ref-120']);
  });
});
