// Runs a question set through the app's own ask path and scores retrieval and answers separately.
// Pure; the eval CLI (Node) and the evaluation screen (browser) both call it.

import { AppError, throwIfAborted } from './errors';
import { scoreQuestion, summarize, type Metrics, type PerQuestionResult } from './eval-metrics';
import type { EvalQuestion } from './question-file';
import type { AskResult } from './rulebook-service';
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
  if (!result.answer.covered) return 'Not covered by this rulebook.';
  return result.answer.sentences.map((s) => `${s.text} — ${s.citation}`).join(' ');
}

export async function evaluateQuestions(
  questions: readonly EvalQuestion[],
  config: EvalConfig,
  ask: (question: string, search: SearchSettings) => Promise<AskResult>,
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<EvalRun> {
  if (questions.length === 0) throw new AppError('bad-question-file', 'the file holds no questions');
  const perQuestion: EvalRun['per_question'] = [];
  for (const [i, q] of questions.entries()) {
    throwIfAborted(opts.signal);
    const result = await ask(q.question, config.search);
    const scored = scoreQuestion(q, {
      rankedChunks: result.results.map((r) => ({ text: r.chunk.text, refs: r.chunk.refs })),
      answerText: clauseAnswerText(result),
      abstained: !result.answer.covered,
    });
    perQuestion.push({ ...scored, question: q.question, retrieved: result.results.slice(0, 5).map((r) => r.chunk.refs.join(',')) });
    opts.onProgress?.(i + 1, questions.length);
  }
  return { config, metrics: summarize(perQuestion), per_question: perQuestion };
}
