// Evaluation metrics: does a retrieved chunk hold a question's evidence, was the answer right, overall rates.
// Pure; used by the eval CLI in Node and by the evaluation screen on the main thread.

import type { EvalQuestion } from './question-file';

/** Share of an evidence's word trigrams a chunk must hold when the evidence is not a plain substring. */
export const EVIDENCE_TRIGRAM_SHARE = 0.8;

/** What one configuration produced for one question. */
export interface QuestionOutcome {
  /** Retrieved chunks, best first. */
  rankedChunks: readonly { text: string; refs: readonly string[] }[];
  /** The answer shown to the user (the clause answer, or the LLM's text). */
  answerText: string;
  abstained: boolean;
  /** The rule(s) the answer leads with, as the referee sees it first; absent where the answerer has no lead. */
  leadRefs?: readonly string[];
}

export interface PerQuestionResult {
  id: string;
  answerable: boolean;
  /** 1-based rank of the first chunk holding the evidence; null when none does or the question is unanswerable. */
  rank: number | null;
  hit_at_1: boolean;
  hit_at_3: boolean;
  hit_at_5: boolean;
  rule_hit_at_3: boolean;
  /** The answer leads with a wanted rule (not abstained); absent where the answerer has no lead. */
  lead_rule_hit?: boolean;
  /** Answerable: not abstained and an accept pattern matches. Unanswerable: abstained. */
  answer_correct: boolean;
  abstained: boolean;
  answer: string;
  /** The clause answer's state and confidence, where the answerer has them. */
  state?: 'sure' | 'unsure' | 'not-covered';
  confidence?: number;
  /** Referees' words mapped to the rulebook's ("sent off → dismissal") and typos corrected, as fired. */
  mappings?: string[];
}

/**
 * Overall rates, fractions from 0 to 1. Retrieval and answer rates, mrr and false_abstain_rate are over
 * answerable questions; abstain_accuracy is over unanswerable ones. A rate whose set of questions is empty is null.
 */
export interface Metrics {
  hit_at_1: number | null;
  hit_at_3: number | null;
  hit_at_5: number | null;
  rule_hit_at_3: number | null;
  /** Over answerable questions whose answerer has a lead: the lead's rule is a wanted one. */
  lead_rule_accuracy: number | null;
  mrr: number | null;
  answer_accuracy: number | null;
  abstain_accuracy: number | null;
  false_abstain_rate: number | null;
}

/** Lowercase (after NFKC, which unfolds PDF ligatures), every non-alphanumeric run to one space, trimmed. */
export function normalizeForEvidence(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * True when the normalised evidence occurs in the normalised chunk on word boundaries, or, for evidence
 * of three words or more, when at least 80 % of its word trigrams occur in the chunk (evidence split
 * by a page header or a chunk overlap still counts).
 */
export function containsEvidence(chunkText: string, evidence: string): boolean {
  const needle = normalizeForEvidence(evidence);
  if (needle === '') return false;
  const haystack = normalizeForEvidence(chunkText);
  if (` ${haystack} `.includes(` ${needle} `)) return true;

  const evidenceWords = needle.split(' ');
  if (evidenceWords.length < 3) return false;
  const chunkTrigrams = new Set(wordTrigrams(haystack.split(' ')));
  const trigrams = wordTrigrams(evidenceWords);
  const found = trigrams.filter((trigram) => chunkTrigrams.has(trigram)).length;
  // Integer comparison so that exactly 80 % is not lost to floating point.
  return found * 100 >= trigrams.length * Math.round(EVIDENCE_TRIGRAM_SHARE * 100);
}

/** 1-based rank of the first chunk that contains the evidence, or null. */
export function evidenceRank(chunksInRankOrder: readonly string[], evidence: string): number | null {
  const index = chunksInRankOrder.findIndex((text) => containsEvidence(text, evidence));
  return index === -1 ? null : index + 1;
}

export function scoreQuestion(question: EvalQuestion, outcome: QuestionOutcome): PerQuestionResult {
  const { rankedChunks, answerText, abstained } = outcome;
  if (!question.answerable) {
    return {
      id: question.id,
      answerable: false,
      rank: null,
      hit_at_1: false,
      hit_at_3: false,
      hit_at_5: false,
      rule_hit_at_3: false,
      answer_correct: abstained,
      abstained,
      answer: answerText,
    };
  }
  const rank = evidenceRank(
    rankedChunks.map((chunk) => chunk.text),
    question.evidence,
  );
  const wanted = question.rules.map(normalizeRef);
  const isWanted = (ref: string) => refNames(normalizeRef(ref)).some((name) => wanted.includes(name));
  const ruleHit = rankedChunks.slice(0, 3).some((chunk) => chunk.refs.some(isWanted));
  const leadHit = outcome.leadRefs && !abstained ? outcome.leadRefs.some(isWanted) : false;
  return {
    id: question.id,
    answerable: true,
    rank,
    hit_at_1: rank !== null && rank <= 1,
    hit_at_3: rank !== null && rank <= 3,
    hit_at_5: rank !== null && rank <= 5,
    rule_hit_at_3: ruleHit,
    ...(outcome.leadRefs ? { lead_rule_hit: leadHit } : {}),
    answer_correct: !abstained && question.accept.some((pattern) => matchesWhole(pattern, answerText)),
    abstained,
    answer: answerText,
  };
}

/** The answers shown as sure: their share of all questions, and the share of them that are right. */
export function sureAnswers(results: readonly PerQuestionResult[]): { share: number; accuracy: number | null } {
  const sure = results.filter((r) => r.state === 'sure');
  const right = sure.filter((r) => r.answerable && r.answer_correct).length;
  return { share: results.length ? sure.length / results.length : 0, accuracy: sure.length ? right / sure.length : null };
}

export function summarize(results: readonly PerQuestionResult[]): Metrics {
  const answerable = results.filter((result) => result.answerable);
  const unanswerable = results.filter((result) => !result.answerable);
  return {
    hit_at_1: shareOf(answerable, (r) => r.hit_at_1),
    hit_at_3: shareOf(answerable, (r) => r.hit_at_3),
    hit_at_5: shareOf(answerable, (r) => r.hit_at_5),
    rule_hit_at_3: shareOf(answerable, (r) => r.rule_hit_at_3),
    lead_rule_accuracy: shareOf(
      answerable.filter((r) => r.lead_rule_hit !== undefined),
      (r) => r.lead_rule_hit === true,
    ),
    mrr: meanOf(answerable, (r) => (r.rank === null ? 0 : 1 / r.rank)),
    answer_accuracy: shareOf(answerable, (r) => r.answer_correct),
    abstain_accuracy: shareOf(unanswerable, (r) => r.abstained),
    false_abstain_rate: shareOf(answerable, (r) => r.abstained),
  };
}

/** The metric keys in report order. */
export const METRIC_KEYS: readonly (keyof Metrics)[] = [
  'hit_at_1',
  'hit_at_3',
  'hit_at_5',
  'rule_hit_at_3',
  'lead_rule_accuracy',
  'mrr',
  'answer_accuracy',
  'abstain_accuracy',
  'false_abstain_rate',
];

function wordTrigrams(words: readonly string[]): string[] {
  const trigrams: string[] = [];
  for (let i = 0; i + 2 < words.length; i++) trigrams.push(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return trigrams;
}

/**
 * A rule reference as question files write it: case, spacing, a "Rule" / "Law" / "Clause" / "Section" before
 * the number and a full stop after it do not matter ("Rule 15.2." is 15.2), nor the space after "Definition:".
 */
function normalizeRef(ref: string): string {
  return ref
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/^(?:rules?|laws?|clauses?|sections?|r)\s*(?=\d)/, '')
    .replace(/^(\d+(?:\.\d+)*)\.$/, '$1')
    .replace(/^definition\s*:\s*/, 'definition: ');
}

/**
 * The names a retrieved reference answers to: itself, and for a definition the names its term gives
 * ("Dead / Dead Ball", "Tap and Tap Penalty") with and without a qualifier ("Mark (for a Touch)" is a Mark).
 * A file that writes "Definition: Dead Ball" or "Definition: Mark" is scored on the definition it names.
 */
function refNames(ref: string): string[] {
  const definition = ref.match(/^definition: (.+)$/);
  if (!definition) return [ref];
  const term = definition[1];
  const names = term.split(/\s*\/\s*|\s+and\s+/).flatMap((name) => [name, name.replace(/\s*\([^)]*\)$/, '')]);
  return [...new Set([term, ...names])].filter(Boolean).map((name) => `definition: ${name}`);
}

// A pattern with the g or y flag keeps lastIndex between calls; a fresh test per answer avoids that.
function matchesWhole(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function shareOf(results: readonly PerQuestionResult[], isCounted: (result: PerQuestionResult) => boolean): number | null {
  return meanOf(results, (result) => (isCounted(result) ? 1 : 0));
}

function meanOf(results: readonly PerQuestionResult[], valueOf: (result: PerQuestionResult) => number): number | null {
  if (results.length === 0) return null;
  return results.reduce((sum, result) => sum + valueOf(result), 0) / results.length;
}

export interface RiskCoverageRow {
  /** Confidence at or above which an answer would be shown as sure. */
  threshold: number;
  /** Share of all questions shown as sure. */
  coverage: number;
  /** Share of those that are right (an unanswerable question shown as sure is wrong). */
  accuracy: number | null;
  count: number;
}

/** Accuracy of the answers shown as sure against the share shown as sure, for each threshold. */
export function riskCoverage(results: readonly PerQuestionResult[], thresholds: readonly number[]): RiskCoverageRow[] {
  return thresholds.map((threshold) => {
    const sure = results.filter((r) => !r.abstained && (r.confidence ?? 0) >= threshold);
    // Shown as sure, an answer leads with one rule: right when that rule is (where the lead is known). An
    // unsure answer's text also quotes the next closest rules, which a sure one would not show.
    const right = sure.filter((r) => r.answerable && (r.lead_rule_hit ?? r.answer_correct)).length;
    return {
      threshold,
      coverage: results.length ? sure.length / results.length : 0,
      accuracy: sure.length ? right / sure.length : null,
      count: sure.length,
    };
  });
}

export function formatRiskCoverage(rows: readonly RiskCoverageRow[]): string {
  return formatColumns(
    ['sure at', 'shown sure', 'right when sure', 'n'],
    rows.map((r) => [r.threshold.toFixed(2), formatRate(r.coverage), formatRate(r.accuracy), String(r.count)]),
    [0, 1, 2, 3],
  );
}

/** One configuration's run, named for reports ("study", "Pitchside"); field names as in the JSON report. */
export interface LabelledRun {
  label: string;
  metrics: Metrics;
  per_question: readonly PerQuestionResult[];
}

const ANSWER_PREVIEW_CHARS = 60;

/** Fixed-width text: one row per question (id, rank, hit@3, answer ok, abstained, answer), then the totals. */
export function formatMetricsTable(results: readonly PerQuestionResult[], metrics: Metrics): string {
  const rows = results.map((r) => [
    r.id,
    r.answerable ? formatRank(r.rank) : '-',
    r.answerable ? yesNo(r.hit_at_3) : '-',
    yesNo(r.answer_correct),
    yesNo(r.abstained),
    r.state ?? '-',
    preview(r.answer),
  ]);
  const table = formatColumns(['id', 'rank', 'hit@3', 'answer ok', 'abstained', 'state', 'answer'], rows, [1]);
  const fired = results.filter((r) => r.mappings?.length).map((r) => `${r.id}: ${r.mappings!.join('; ')}`);
  const mappings = fired.length ? `\n\nvocabulary and corrections that fired:\n${fired.join('\n')}` : '';
  const answerableCount = results.filter((r) => r.answerable).length;
  const counts = `questions: ${results.length} (${answerableCount} answerable, ${results.length - answerableCount} unanswerable)`;
  const totals = formatColumns(
    ['metric', 'value'],
    METRIC_KEYS.map((key) => [key, formatRate(metrics[key])]),
    [1],
  );
  return `${table}${mappings}\n\n${counts}\n${totals}\n`;
}

/** Two configurations side by side: per-question rank and answer, then each metric with the change. */
export function formatComparisonTable(left: LabelledRun, right: LabelledRun): string {
  const rightById = new Map(right.per_question.map((r) => [r.id, r]));
  const rows = left.per_question.map((l) => {
    const r = rightById.get(l.id);
    return [
      l.id,
      l.answerable ? formatRank(l.rank) : '-',
      r === undefined ? 'n/a' : r.answerable ? formatRank(r.rank) : '-',
      yesNo(l.answer_correct),
      r === undefined ? 'n/a' : yesNo(r.answer_correct),
    ];
  });
  const table = formatColumns(
    ['id', `${left.label} rank`, `${right.label} rank`, `${left.label} ok`, `${right.label} ok`],
    rows,
    [1, 2],
  );
  const totals = formatColumns(
    ['metric', left.label, right.label, 'change'],
    METRIC_KEYS.map((key) => {
      const a = left.metrics[key];
      const b = right.metrics[key];
      const change = a === null || b === null ? 'n/a' : `${b - a >= 0 ? '+' : ''}${(b - a).toFixed(3)}`;
      return [key, formatRate(a), formatRate(b), change];
    }),
    [1, 2, 3],
  );
  return `${left.label} vs ${right.label}\n\n${table}\n\n${totals}\n`;
}

function formatColumns(header: readonly string[], rows: readonly string[][], rightAligned: readonly number[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const formatRow = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const isLast = column === cells.length - 1;
        if (rightAligned.includes(column)) return cell.padStart(widths[column]);
        return isLast ? cell : cell.padEnd(widths[column]);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [formatRow(header), rule, ...rows.map(formatRow)].join('\n');
}

function formatRank(rank: number | null): string {
  return rank === null ? 'miss' : String(rank);
}

function formatRate(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= ANSWER_PREVIEW_CHARS ? flat : `${flat.slice(0, ANSWER_PREVIEW_CHARS - 3)}...`;
}
