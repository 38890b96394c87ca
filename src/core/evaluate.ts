// Runs a question set through the app's own ask path and scores retrieval and answers separately.
// Pure; the eval CLI (Node) and the evaluation screen (browser) both call it.

import { AppError, throwIfAborted } from './errors';
import { scoreQuestion, summarize, type Metrics, type PerQuestionResult, type QuestionOutcome } from './eval-metrics';
import { buildAnswerMessages, SYSTEM_MESSAGE, type ChatMessage, type PromptClause } from './prompt';
import type { EvalQuestion } from './question-file';
import { RANKED_DEPTH, type AskResult } from './rulebook-service';
import { STUDY_CHUNKING } from './chunking';
import type { ChunkSettings, SearchSettings } from './types';

export interface EvalConfig {
  label: string;
  modelId: string;
  chunking: ChunkSettings;
  search: SearchSettings;
}

/** The study's retriever: fixed 100-token windows with 50 overlap, dense dot product, top 3. */
export const STUDY_PRESET = {
  chunking: STUDY_CHUNKING,
  search: { topK: 3, similarity: 'dot', retrieval: 'dense' } satisfies SearchSettings,
} as const;

export interface EvalRun {
  config: EvalConfig;
  metrics: Metrics;
  per_question: (PerQuestionResult & { question: string; retrieved: string[] })[];
}

/** The text of the clause answer as a referee sees it: sentences followed by their citations. */
export function clauseAnswerText(result: AskResult): string {
  const { answer } = result;
  if (!answer.covered) return 'Not covered by this rulebook.';
  const body = answer.sentences.map((s) => `${s.text} — ${s.citation}`).join(' ');
  const lead = answer.short ? `${answer.short} — ${answer.sentences[0]?.citation ?? ''}. ` : '';
  return `${answer.state === 'unsure' ? 'Closest rules — check the clause: ' : ''}${lead}${body}`;
}

/** What the clause answer produced for a question, in the shape the metrics score. */
export function outcomeFromAsk(result: AskResult): QuestionOutcome {
  return {
    // What the referee sees, best first: the clauses, each one passage with its one rule.
    rankedChunks: result.clauses.map((c) => ({ text: c.text, refs: [c.ref] })),
    answerText: clauseAnswerText(result),
    abstained: !result.answer.covered,
    // The lead shown first: the rule of the answer's first sentence.
    leadRefs: result.answer.sentences[0] ? [result.answer.sentences[0].ref] : result.clauses.slice(0, 1).map((c) => c.ref),
  };
}

/** The clause answer's state, confidence and the mappings that fired, for the per-question report. */
export function detailsFromAsk(result: AskResult): Pick<PerQuestionResult, 'state' | 'confidence' | 'mappings'> {
  const { analysis } = result;
  return {
    state: result.coverage.state,
    confidence: Number(result.coverage.confidence.toFixed(3)),
    mappings: [
      ...analysis.corrections.map((c) => `${c.from} → ${c.to} (typo)`),
      ...analysis.vocabulary.map((v) => `${v.say} → ${v.means.join(', ')}`),
      ...analysis.terms.filter((t) => t.source === 'glossary').map((t) => `glossary + ${t.term}`),
      ...analysis.terms.filter((t) => t.source === 'similar').map((t) => `similar + ${t.term}`),
    ],
  };
}

export interface EvalOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Scores the app's clause answers: `ask` is the app's own ask path (the service, or the worker's `ask` op). */
export async function evaluateQuestions(
  questions: readonly EvalQuestion[],
  config: EvalConfig,
  ask: (question: string, search: SearchSettings) => Promise<AskResult>,
  opts: EvalOptions = {},
): Promise<EvalRun> {
  const details = new Map<string, ReturnType<typeof detailsFromAsk>>();
  const run = await evaluateOutcomes(
    questions,
    config,
    async (q) => {
      const result = await ask(q.question, config.search);
      details.set(q.id, detailsFromAsk(result));
      return outcomeFromAsk(result);
    },
    opts,
  );
  return { ...run, per_question: run.per_question.map((r) => ({ ...r, ...details.get(r.id) })) };
}

/** Scores any answerer (the clause answer, an LLM with or without the clauses) question by question, in order. */
export async function evaluateOutcomes(
  questions: readonly EvalQuestion[],
  config: EvalConfig,
  answer: (question: EvalQuestion, signal?: AbortSignal) => Promise<QuestionOutcome>,
  opts: EvalOptions = {},
): Promise<EvalRun> {
  if (questions.length === 0) throw new AppError('bad-question-file', 'the file holds no questions');
  const perQuestion: EvalRun['per_question'] = [];
  for (const [i, q] of questions.entries()) {
    throwIfAborted(opts.signal);
    const outcome = await answer(q, opts.signal);
    const scored = scoreQuestion(q, outcome);
    const retrieved = outcome.rankedChunks.slice(0, RANKED_DEPTH).map((c) => c.refs.join(','));
    perQuestion.push({ ...scored, question: q.question, retrieved });
    opts.onProgress?.(i + 1, questions.length);
  }
  return { config, metrics: summarize(perQuestion), per_question: perQuestion };
}

/**
 * The study's second experiment: the model's prompt with the retrieved clauses (the app's own prompt), or
 * without them (the question alone under the same system message).
 */
export function buildLlmEvalMessages(question: string, clauses: readonly PromptClause[] | null): ChatMessage[] {
  if (clauses === null) {
    return [
      { role: 'system', content: SYSTEM_MESSAGE },
      { role: 'user', content: question.trim() },
    ];
  }
  return buildAnswerMessages(question, [...clauses]).messages;
}
