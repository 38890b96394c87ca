// Every constant of question analysis, reranking, the coverage check and the clause answer, in one
// injected object. The eval CLI sweeps any of them (`--set`, `--sweep`). Pure data; any thread.
//
// Measurements: the shipped model on the FIT rulebook; "tune" is the odd ids of
// eval/questions/fit-touch-5th.jsonl plus those of fit-touch-5th-referees.jsonl, "report" the even ids.

import type { ClauseAnswerTuning } from './clause-answer';
import type { CoverageTuning } from './coverage';
import type { QuestionTuning } from './question';
import type { RerankTuning } from './rerank';

export interface AnswerTuning {
  question: QuestionTuning;
  rerank: RerankTuning;
  coverage: CoverageTuning;
  answer: ClauseAnswerTuning;
}

export const DEFAULT_TUNING: AnswerTuning = {
  question: {
    vocabularyWeight: 0.6,
    minCorrectionLength: 4,
    glossaryWeight: 0.5,
    glossaryMinShare: 0.6,
  },
  rerank: {
    depth: 20,
    bm25Weight: 1,
    shareWeight: 1,
    firstStageWeight: 1,
    denseWeight: 0.5,
    numberBonus: 0.2,
    quantityBonus: 0.6,
    rulingBonus: 0.2,
    focusBonus: 0.2,
    definitionFactor: 0.6,
    meaningBonus: 0.5,
    textFactor: 0.5,
  },
  coverage: {
    sureConfidence: 0.7,
    sureMargin: 0.2,
    minConfidence: 0.45,
    denseWeight: 0.2,
    topClauses: 3,
    missingFocusFactor: 0.5,
    unknownTermWeight: 0.35,
    noNumberFactor: 0.5,
    denseBands: [
      { match: 'arctic-embed', similarity: 'cosine', band: { floor: 0.2, ceiling: 0.45 } },
      { match: 'bge-small', similarity: 'cosine', band: { floor: 0.55, ceiling: 0.75 } },
      { match: 'tas-b', similarity: 'cosine', band: { floor: 0.75, ceiling: 0.9 } },
      { match: 'tas-b', similarity: 'dot', band: { floor: 85, ceiling: 98 } },
    ],
    defaultCosineBand: { floor: 0.25, ceiling: 0.6 },
  },
  answer: {
    maxSentences: 2,
    sentenceClauses: 3,
    clauseScoreWeight: 1,
    numberBonus: 0.15,
    quantityBonus: 0.25,
    rulingBonus: 0.25,
    secondSentenceRatio: 0.7,
    maxClauses: 8,
    nearestClauses: 3,
  },
};

type Section = keyof AnswerTuning;

/** A copy with one setting changed: `name` is "section.key" ("rerank.bm25Weight"); numbers only. */
export function withSetting(tuning: AnswerTuning, name: string, value: number): AnswerTuning {
  const [section, key, ...rest] = name.split('.');
  const group = (tuning as unknown as Record<string, Record<string, unknown>>)[section];
  if (rest.length || !group || typeof group[key] !== 'number') {
    throw new Error(`unknown tuning setting "${name}"; known: ${tuningSettingNames(tuning).join(', ')}`);
  }
  return { ...tuning, [section as Section]: { ...group, [key]: value } };
}

/** Every numeric setting as "section.key". */
export function tuningSettingNames(tuning: AnswerTuning = DEFAULT_TUNING): string[] {
  return Object.entries(tuning).flatMap(([section, group]) =>
    Object.entries(group as Record<string, unknown>)
      .filter(([, v]) => typeof v === 'number')
      .map(([key]) => `${section}.${key}`),
  );
}
