// The eval CLI end to end in Node: the sample rulebook PDF and a small question file in, the JSON report
// out, with exactly the metric keys, rates in [0, 1] and one row per question in file order.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../src/core/eval-metrics';
import { parseQuestionFile } from '../../src/core/question-file';
import { buildRulebookPdf } from '../fixtures/make-pdf';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;
const QUESTIONS_PATH = join(ROOT, 'tests/fixtures/sample-questions.jsonl');
const questions = parseQuestionFile(readFileSync(QUESTIONS_PATH, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'pitchside-eval-cli-'));
const pdfPath = join(dir, 'sample-rules.pdf');

interface Report extends Record<string, unknown> {
  config: { label: string; chunking: { strategy: string; maxTokens: number; overlapTokens: number }; search: { topK: number; similarity: string; retrieval: string } };
  per_question: { id: string; answerable: boolean; rank: number | null; answer: string; retrieved: string[] }[];
  baseline?: Record<string, unknown> & { config: { label: string } };
}

async function runEval(name: string, extraArgs: string[]): Promise<{ report: Report; stdout: string }> {
  const out = join(dir, `${name}.json`);
  const args = ['scripts/eval.ts', '--pdf', pdfPath, '--qa', QUESTIONS_PATH, '--json', out, ...extraArgs];
  const { stdout } = await run(join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, timeout: 120_000 });
  return { report: JSON.parse(readFileSync(out, 'utf8')) as Report, stdout };
}

function expectRates(record: Record<string, unknown>) {
  for (const key of METRIC_KEYS) {
    const value = record[key];
    expect(value === null || (typeof value === 'number' && value >= 0 && value <= 1), `${key} = ${String(value)}`).toBe(true);
  }
}

let pitchside: { report: Report; stdout: string };
let study: { report: Report; stdout: string };
let twoFiles: { report: Report; stdout: string };
/** The sample questions again under other ids, as a second question file. */
const secondPath = join(dir, 'more-questions.jsonl');

beforeAll(async () => {
  writeFileSync(pdfPath, await buildRulebookPdf());
  const renamed = readFileSync(QUESTIONS_PATH, 'utf8').replace(/"id":\s*"([^"]+)"/g, '"id": "more-$1"');
  writeFileSync(secondPath, renamed);
  [pitchside, study, twoFiles] = await Promise.all([
    runEval('default', []),
    runEval('study', ['--preset', 'study', '--no-compare']),
    runEval('two-files', ['--qa', secondPath, '--no-compare']),
  ]);
}, 180_000);

describe('npm run eval', () => {
  it('writes exactly the metric keys plus config, per_question and the study baseline', () => {
    expect(Object.keys(pitchside.report).sort()).toEqual([...METRIC_KEYS, 'baseline', 'config', 'per_question', 'risk_coverage'].sort());
    expectRates(pitchside.report);
    expect(pitchside.report.baseline?.config.label).toBe('study');
    expectRates(pitchside.report.baseline!);
  });

  it('reports one row per question, in file order, with ranks only for answerable ones', () => {
    const rows = pitchside.report.per_question;
    expect(rows.map((r) => r.id)).toEqual(questions.map((q) => q.id));
    rows.forEach((row, i) => {
      expect(row.answerable).toBe(questions[i].answerable);
      if (!row.answerable) expect(row.rank).toBeNull();
      else if (row.rank !== null) expect(row.rank).toBeGreaterThanOrEqual(1);
      expect(typeof row.answer).toBe('string');
    });
  });

  it('finds the evidence on the sample rulebook', () => {
    // The sample questions are the easy kind: each one's clause shares its key words.
    expect(pitchside.report.hit_at_5).toBeGreaterThanOrEqual(0.8);
    expect(pitchside.report.false_abstain_rate).toBeLessThanOrEqual(0.2);
  });

  it('prints the per-question table and the totals', () => {
    for (const q of questions) expect(pitchside.stdout).toContain(q.id);
    expect(pitchside.stdout).toMatch(/^hit_at_3\s+\d\.\d{3}$/m);
    expect(pitchside.stdout).toContain('study vs Pitchside');
  });

  it('scores several question files together, in the order given, and refuses an id used twice', async () => {
    const ids = twoFiles.report.per_question.map((r) => r.id);
    expect(ids).toEqual([...questions.map((q) => q.id), ...questions.map((q) => `more-${q.id}`)]);
    const args = ['scripts/eval.ts', '--pdf', pdfPath, '--qa', QUESTIONS_PATH, '--qa', QUESTIONS_PATH, '--no-compare'];
    const failed = await run(join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, timeout: 120_000 }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain(`id "${questions[0].id}" is used in both`);
  });

  it('--preset study switches to the study retriever', () => {
    const { config } = study.report;
    expect(config.label).toBe('study');
    expect(config.chunking).toMatchObject({ strategy: 'window', maxTokens: 100, overlapTokens: 50 });
    expect(config.search).toEqual({ topK: 3, similarity: 'dot', retrieval: 'dense', rerank: false });
    expect(config).not.toEqual(pitchside.report.config);
    expect(study.report.baseline).toBeUndefined();
    expectRates(study.report);
  });
});
