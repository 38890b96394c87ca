// End to end in headless Chromium: the Evaluate screen runs the sample question file against the
// generated rulebook through the worker, shows the metrics and a row per question, and reports a
// malformed file with its line number.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuestionFile } from '../../src/core/question-file';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { addRulebook, showScreen } from './app-helpers';

const QUESTIONS_PATH = new URL('../fixtures/sample-questions.jsonl', import.meta.url).pathname;
const questions = parseQuestionFile(readFileSync(QUESTIONS_PATH, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'pitchside-eval-e2e-'));
const pdfPath = join(dir, 'sample-rules.pdf');
const badPath = join(dir, 'bad-questions.jsonl');

let server: PreviewServer;
let session: BrowserSession;

beforeAll(async () => {
  writeFileSync(pdfPath, await buildRulebookPdf());
  const lines = readFileSync(QUESTIONS_PATH, 'utf8').split('\n');
  // Line 3 is cut short: not valid JSON.
  lines[2] = lines[2].slice(0, 40);
  writeFileSync(badPath, lines.join('\n'));
  server = await startPreview();
  session = await openBrowser();
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe('the Evaluate screen', () => {
  it('scores the sample question file against the added rulebook', async () => {
    const { page } = session;
    await page.goto(server.url);
    const appStatus = page.locator('header').getByRole('status');
    await expect.poll(() => appStatus.textContent(), { timeout: 60_000 }).toMatch(/Add a rulebook/);
    await addRulebook(page, pdfPath);
    await expect.poll(() => appStatus.textContent(), { timeout: 120_000 }).toMatch(/^Ready/);

    await showScreen(page, 'Settings');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await page.getByLabel('Question file (JSONL)').setInputFiles(QUESTIONS_PATH);
    const progress = page.getByRole('status', { name: 'Evaluation progress' });
    await expect.poll(() => progress.textContent(), { timeout: 120_000 }).toMatch(/^Done: 8 questions, 3 runs/);

    const metrics = page.getByRole('table', { name: 'Metrics' });
    const headers = await metrics.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Metric', 'Pitchside (hybrid, cosine)', 'hybrid, dot', 'dense, cosine']);
    const hit3 = metrics.getByRole('row', { name: /^hit@3/ });
    const hit3Values = (await hit3.getByRole('cell').allTextContents()).map(Number);
    expect(hit3Values).toHaveLength(3);
    for (const v of hit3Values) expect(v).toBeGreaterThanOrEqual(0);
    // The sample questions share their clause's key words: the app's own retriever finds most of them.
    expect(hit3Values[0]).toBeGreaterThanOrEqual(0.5);

    const perQuestion = page.getByRole('table', { name: 'Per question — Pitchside (hybrid, cosine)' });
    const rowIds = await perQuestion.locator('tbody tr > th').allTextContents();
    expect(rowIds).toEqual(questions.map((q) => q.id));
    // Each row lists the retrieved clauses by rule number.
    const firstRefs = await perQuestion.locator('tbody tr').first().locator('.eval-refs li').allTextContents();
    expect(firstRefs.length).toBeGreaterThan(0);
    expect(firstRefs.join(' ')).toMatch(/\d+\.\d+/);

    // Every run asked every question through the worker (dense and hybrid runs embed each question).
    const stats = await page.evaluate(() => (window as unknown as { pitchside: { stats(): Promise<{ queryEmbeddings: number }> } }).pitchside.stats());
    expect(stats.queryEmbeddings).toBeGreaterThanOrEqual(questions.length * 3);
  });

  it('scores the on-device model with and without the clauses once one is loaded', async () => {
    const { page } = session;
    await page.goto(`${server.url}?llm=scripted&llmDelay=0`);
    await expect.poll(() => page.locator('header').getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/^Ready/);
    await showScreen(page, 'Settings');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    expect(await page.getByLabel('Score the on-device model, with and without the clauses').isDisabled()).toBe(true);

    await showScreen(page, 'Settings');
    const models = page.getByRole('region', { name: 'Models' });
    await models.getByRole('button', { name: 'Download Llama-3.2-1B-Instruct' }).click();
    await expect.poll(() => models.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/is loaded/);

    await showScreen(page, 'Settings');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    expect(await page.getByLabel('Score the on-device model, with and without the clauses').isDisabled()).toBe(false);
    await page.getByLabel('Question file (JSONL)').setInputFiles(QUESTIONS_PATH);
    const progress = page.getByRole('status', { name: 'Evaluation progress' });
    await expect.poll(() => progress.textContent(), { timeout: 120_000 }).toMatch(/^Done: 8 questions, 5 runs/);

    const metrics = page.getByRole('table', { name: 'Metrics' });
    const headers = await metrics.getByRole('columnheader').allTextContents();
    expect(headers.slice(-2)).toEqual(['Model with clauses', 'Model without clauses']);
    const cells = async (name: RegExp) => metrics.getByRole('row', { name }).getByRole('cell').allTextContents();
    // Without the clauses there is no retrieval to score; the answers are scored all the same.
    expect((await cells(/^hit@3/)).at(-1)).toBe('—');
    expect((await cells(/^hit@3/)).at(-2)).toMatch(/^\d\.\d{3}$/);
    for (const value of (await cells(/^answer accuracy/)).slice(-2)) expect(value).toMatch(/^\d\.\d{3}$/);
    // Later runs' rows sit in a closed disclosure.
    const withClauses = page.getByRole('table', { name: 'Per question — Model with clauses', includeHidden: true });
    expect(await withClauses.locator('tbody tr').count()).toBe(questions.length);
  });

  it('reports a malformed question file with its line number', async () => {
    const { page } = session;
    await page.getByLabel('Question file (JSONL)').setInputFiles(badPath);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toMatch(/question file could not be read/);
    expect(await alert.textContent()).toMatch(/line 3: not valid JSON/);
    expect(await page.getByRole('table', { name: 'Metrics' }).count()).toBe(0);
  });
});
