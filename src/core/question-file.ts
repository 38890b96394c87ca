// Parses an evaluation question file (JSONL, one question a line) into checked, ready-to-score questions.
// Pure; used by the eval CLI in Node and by the evaluation screen on the main thread.

import { AppError } from './errors';

export interface EvalQuestion {
  id: string;
  question: string;
  /** Short reference answer, for people reading reports; scoring uses `accept`. */
  answer: string;
  /** Compiled case-insensitively; an answer is correct when any one matches. */
  accept: RegExp[];
  /** Rule references that answer it: "15.2", "Definition: Offside (Defender)". */
  rules: string[];
  /** Verbatim text from the rulebook that answers it; "" for unanswerable questions. */
  evidence: string;
  /** False when the rulebook does not cover the question: the right output is to abstain. */
  answerable: boolean;
}

/**
 * Parses JSONL text. Blank lines are skipped and extra fields ignored. Throws
 * AppError('bad-question-file', 'line N: ...') for the first malformed line; N counts every line, from 1.
 */
export function parseQuestionFile(text: string): EvalQuestion[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const questions: EvalQuestion[] = [];
  const seenIds = new Map<string, number>();

  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 1;
    const question = parseQuestionLine(line, lineNumber);
    const firstLine = seenIds.get(question.id);
    if (firstLine !== undefined) {
      fail(lineNumber, `id "${question.id}" is already used on line ${firstLine}`);
    }
    seenIds.set(question.id, lineNumber);
    questions.push(question);
  });

  if (questions.length === 0) throw new AppError('bad-question-file', 'the file holds no questions');
  return questions;
}

function parseQuestionLine(line: string, lineNumber: number): EvalQuestion {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail(lineNumber, `not valid JSON (${reason})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(lineNumber, 'expected a JSON object');
  }
  const record = value as Record<string, unknown>;

  const id = readString(record, 'id', lineNumber);
  if (id.trim() === '') fail(lineNumber, '"id" is empty');
  const question = readString(record, 'question', lineNumber);
  if (question.trim() === '') fail(lineNumber, '"question" is empty');
  const answer = readString(record, 'answer', lineNumber);
  const acceptSources = readStringArray(record, 'accept', lineNumber);
  const rules = readStringArray(record, 'rules', lineNumber);
  const evidence = readString(record, 'evidence', lineNumber);
  if (typeof record.answerable !== 'boolean') fail(lineNumber, '"answerable" must be true or false');
  const answerable = record.answerable;

  if (answerable && evidence.trim() === '') fail(lineNumber, 'an answerable question needs "evidence"');
  if (answerable && acceptSources.length === 0) {
    fail(lineNumber, 'an answerable question needs at least one "accept" pattern');
  }

  const accept = acceptSources.map((source) => compilePattern(source, lineNumber));
  return { id, question, answer, accept, rules, evidence, answerable };
}

function compilePattern(source: string, lineNumber: number): RegExp {
  try {
    return new RegExp(source, 'i');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(lineNumber, `"accept" pattern ${JSON.stringify(source)} is not a valid regular expression (${reason})`);
  }
}

function readString(record: Record<string, unknown>, field: string, lineNumber: number): string {
  if (!(field in record)) fail(lineNumber, `missing "${field}"`);
  const value = record[field];
  if (typeof value !== 'string') fail(lineNumber, `"${field}" must be a string`);
  return value;
}

function readStringArray(record: Record<string, unknown>, field: string, lineNumber: number): string[] {
  if (!(field in record)) fail(lineNumber, `missing "${field}"`);
  const value = record[field];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    fail(lineNumber, `"${field}" must be an array of strings`);
  }
  return value;
}

function fail(lineNumber: number, message: string): never {
  throw new AppError('bad-question-file', `line ${lineNumber}: ${message}`);
}

/**
 * The questions of several files, in order. An id used in two files is an error, as it is within one; each
 * error names its file: AppError('bad-question-file', '<name>: line N: ...').
 */
export function parseQuestionFiles(files: readonly { name: string; text: string }[]): EvalQuestion[] {
  const seen = new Map<string, string>();
  return files.flatMap(({ name, text }) => {
    let questions: EvalQuestion[];
    try {
      questions = parseQuestionFile(text);
    } catch (error) {
      throw error instanceof AppError ? new AppError(error.code, `${name}: ${error.detail ?? ''}`) : error;
    }
    for (const q of questions) {
      const other = seen.get(q.id);
      if (other !== undefined) throw new AppError('bad-question-file', `id "${q.id}" is used in both ${other} and ${name}`);
      seen.set(q.id, name);
    }
    return questions;
  });
}

export type QuestionHalf = 'tune' | 'report';

/**
 * One half of a question set: odd ids tune, even ids report (the number at the end of the id decides), so
 * that constants are chosen on one half and measured on the other. An id without a number is in neither.
 */
export function questionsOfHalf<T extends { id: string }>(questions: readonly T[], half: QuestionHalf): T[] {
  return questions.filter((q) => {
    const n = Number(/(\d+)$/.exec(q.id)?.[1] ?? NaN);
    return Number.isFinite(n) && (n % 2 === 1) === (half === 'tune');
  });
}
