// Renders evaluation runs: one metrics table with a column per run, and per-question rows with the rank,
// the verdicts and the retrieved clauses. Main thread.

import { METRIC_KEYS, type Metrics } from '../../core/eval-metrics';
import type { EvalRun } from '../../core/evaluate';
import { h } from '../dom';

/** A run as the screen shows it; LLM runs score answers only, so their retrieval rows read "—". */
export interface ShownRun {
  label: string;
  run: EvalRun;
  answersOnly?: boolean;
}

const METRIC_LABELS: Record<keyof Metrics, string> = {
  hit_at_1: 'hit@1',
  hit_at_3: 'hit@3',
  hit_at_5: 'hit@5',
  rule_hit_at_3: 'rule hit@3',
  lead_rule_accuracy: 'lead rule',
  mrr: 'MRR',
  answer_accuracy: 'answer accuracy',
  abstain_accuracy: 'abstain accuracy',
  false_abstain_rate: 'false abstain rate',
};

const ANSWER_METRICS = new Set<keyof Metrics>(['answer_accuracy', 'abstain_accuracy', 'false_abstain_rate']);

function formatRate(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

export function renderMetricsTable(runs: readonly ShownRun[]): HTMLTableElement {
  return h(
    'table',
    { class: 'eval-table', 'aria-label': 'Metrics' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Metric'), runs.map((r) => h('th', { scope: 'col' }, r.label)))),
    h(
      'tbody',
      {},
      METRIC_KEYS.map((key) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, METRIC_LABELS[key]),
          runs.map((r) => h('td', {}, r.answersOnly && !ANSWER_METRICS.has(key) ? '—' : formatRate(r.run.metrics[key]))),
        ),
      ),
    ),
  );
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

export function renderPerQuestion({ label, run, answersOnly }: ShownRun, open: boolean): HTMLDetailsElement {
  const rows = run.per_question.map((q) =>
    h(
      'tr',
      { class: q.answer_correct ? 'ok' : 'wrong' },
      h('th', { scope: 'row' }, q.id),
      h('td', { class: 'eval-question' }, q.question),
      h('td', {}, !q.answerable || answersOnly ? '—' : q.rank === null ? 'miss' : String(q.rank)),
      h('td', {}, yesNo(q.answer_correct)),
      h('td', {}, yesNo(q.abstained)),
      h('td', { class: 'eval-answer' }, q.answer),
      h('td', {}, h('ol', { class: 'eval-refs' }, q.retrieved.map((refs) => h('li', {}, refs)))),
    ),
  );
  const headers = ['Id', 'Question', 'Rank', 'Correct', 'Abstained', 'Answer', 'Retrieved clauses'];
  return h(
    'details',
    { class: 'eval-run', open },
    h('summary', {}, `${label}: per question`),
    h(
      'div',
      { class: 'eval-scroll' },
      h(
        'table',
        { class: 'eval-table', 'aria-label': `Per question — ${label}` },
        h('thead', {}, h('tr', {}, headers.map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, rows),
      ),
    ),
  );
}

/** The same JSON shape as `npm run eval -- --json`: metric keys, config and per_question, plus the other runs. */
export function toReportJson(runs: readonly ShownRun[]): string {
  const [first, ...rest] = runs;
  const report = {
    ...first.run.metrics,
    config: first.run.config,
    per_question: first.run.per_question,
    comparisons: rest.map((r) => ({ label: r.label, config: r.run.config, ...r.run.metrics, per_question: r.run.per_question })),
  };
  return JSON.stringify(report, null, 2);
}
