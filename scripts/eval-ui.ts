// `npx tsx scripts/eval-ui.ts --pdf <file.pdf> --qa <questions.jsonl> [--qa ...] [--half tune|report]`: scores
// the answer a referee sees first, read off the built app's Ask screen in headless Chromium, with the same
// metrics as `npm run eval`, so the two can be compared. Node, driving the browser; needs a built app.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { AnswerState } from '../src/core/coverage';
import { scoreQuestion, summarize, sureAnswers, type PerQuestionResult } from '../src/core/eval-metrics';
import { parseQuestionFiles, questionsOfHalf, type EvalQuestion } from '../src/core/question-file';
import { startPreview } from '../tests/e2e/harness';
import { askThroughUi, openSettledApp, percentile, round, waitForStatus } from './bench-ui';

const USAGE =
  'Usage: npx tsx scripts/eval-ui.ts --pdf <file.pdf> --qa <questions.jsonl> [--qa ...] [--half tune|report] [--json out.json] [--limit N]';
const ROOT = new URL('..', import.meta.url).pathname;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** What the Answer region shows: the state, the citation buttons in order, the lead, and the clauses listed. */
interface ShownAnswer {
  state: AnswerState;
  citations: string[];
  lead: string;
  text: string;
  clauses: { citation: string; text: string }[];
}

/** A citation as the question files write its rule: "Rule 15.2" is "15.2"; "Definition: Sin Bin" stays. */
function refOfCitation(citation: string): string {
  return citation.replace(/^Rule\s+/, '');
}

async function readAnswer(page: Page): Promise<ShownAnswer> {
  const region = page.getByRole('region', { name: 'Answer' });
  // The answer-view marks its state block with data-state: sure, unsure or not-covered.
  const shown = region.locator('[data-state]').first();
  const state = (await shown.getAttribute('data-state')) as AnswerState;
  const buttons = shown.getByRole('button');
  const citations = await buttons.allInnerTexts();
  // The lead is the text beside the first citation: the large lead when sure, the first quoted rule when unsure.
  const lead = citations.length ? (await buttons.first().locator('..').innerText()).replace(citations[0], '').trim() : '';
  const clauses = await region.getByRole('listitem').evaluateAll((items) =>
    items.map((li) => ({
      citation: li.querySelector('summary .citation')?.textContent ?? '',
      text: li.querySelector('.clause-text')?.textContent ?? '',
    })),
  );
  return { state, citations, lead, text: await shown.innerText(), clauses };
}

type Row = PerQuestionResult & { question: string; first_citation: string | null; lead: string; ms: number };

async function main() {
  const { values } = parseArgs({
    options: {
      pdf: { type: 'string' },
      qa: { type: 'string', multiple: true },
      half: { type: 'string' },
      json: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  if (!values.pdf || !values.qa?.length) fail('--pdf and --qa are required');
  if (values.half !== undefined && values.half !== 'tune' && values.half !== 'report') fail('--half must be tune or report');
  const dist = process.env.PITCHSIDE_DIST ?? 'dist';
  if (!existsSync(join(ROOT, dist, 'index.html'))) {
    console.error(`No built app in ${dist}/. Build it first: npx vite build --outDir ${dist}`);
    process.exit(2);
  }
  let all: EvalQuestion[];
  try {
    all = parseQuestionFiles(values.qa.map((name) => ({ name, text: readFileSync(name, 'utf8') })));
  } catch (error) {
    return fail((error as Error).message);
  }
  const half = values.half;
  const questions = (half ? questionsOfHalf(all, half) : all).slice(0, values.limit ? Number(values.limit) : undefined);

  const server = await startPreview();
  const session = await openSettledApp(server);
  const rows: Row[] = [];
  try {
    const { page } = session;
    await page.getByLabel('Add rulebook (PDF)').setInputFiles(values.pdf);
    await waitForStatus(page, /^Ready — /);
    for (const q of questions) {
      const ms = await askThroughUi(page, q.question);
      const shown = await readAnswer(page);
      rows.push({ ...score(q, shown), question: q.question, first_citation: shown.citations[0] ?? null, lead: shown.lead, ms: round(ms) });
    }
  } finally {
    await session.close();
    await server.stop();
  }
  report(rows, values.json, { pdf: basename(values.pdf), questions: values.qa, half: half ?? 'all' });
}

function score(q: EvalQuestion, shown: ShownAnswer): PerQuestionResult {
  const result = scoreQuestion(q, {
    rankedChunks: shown.clauses.map((c) => ({ text: c.text, refs: [refOfCitation(c.citation)] })),
    answerText: shown.text,
    abstained: shown.state === 'not-covered',
    leadRefs: shown.citations.slice(0, 1).map(refOfCitation),
  });
  return { ...result, state: shown.state };
}

function report(rows: Row[], jsonPath: string | undefined, config: object) {
  const metrics = summarize(rows);
  const sure = sureAnswers(rows);
  const ms = rows.map((r) => r.ms);
  const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));
  const table: [string, string][] = [
    ['questions', `${rows.length} (${rows.filter((r) => r.answerable).length} answerable)`],
    ['lead_rule_accuracy', fmt(metrics.lead_rule_accuracy)],
    ['answer_accuracy', fmt(metrics.answer_accuracy)],
    ['abstain_accuracy', fmt(metrics.abstain_accuracy)],
    ['false_abstain_rate', fmt(metrics.false_abstain_rate)],
    ['shown as sure', fmt(sure.share)],
    ['right when sure', fmt(sure.accuracy)],
    ['ms per question p50', String(round(percentile(ms, 50)))],
    ['ms per question p95', String(round(percentile(ms, 95)))],
  ];
  const width = Math.max(...table.map(([k]) => k.length));
  console.log(table.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
  if (jsonPath) {
    const perQuestion = rows.map((r) => ({
      id: r.id,
      question: r.question,
      state: r.state,
      first_citation: r.first_citation,
      lead: r.lead,
      lead_rule_hit: r.lead_rule_hit,
      answer_correct: r.answer_correct,
      ms: r.ms,
    }));
    writeFileSync(jsonPath, JSON.stringify({ ...metrics, config, per_question: perQuestion }, null, 2) + '\n');
    console.log(`\nwrote ${jsonPath}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
