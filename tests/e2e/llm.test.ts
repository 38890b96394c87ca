// End to end in headless Chromium with the scripted engine in the LLM worker (web-llm's own worker
// protocol): the answer streams above the clause answer, Stop stops it, an ungrounded answer is flagged
// and put after the clauses, a new question cancels the old, and a lost GPU device is recovered from.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';
import { addRulebook, appStatus, askQuestion as ask, showScreen } from './app-helpers';
import { foreignOrigins, openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';

const TOKEN_DELAY_MS = 40;
let server: PreviewServer;
let session: BrowserSession;
let pdfPath: string;
const answerable = SAMPLE_QUESTIONS.filter((q) => q.rule);
const uncovered = SAMPLE_QUESTIONS.find((q) => q.expectedRef === null)!;

const llmAnswer = (page: Page) => page.getByRole('group', { name: 'On-device answer' });
const llmState = (page: Page) => llmAnswer(page).getAttribute('data-state', { timeout: 10_000 });
const llmText = (page: Page) => llmAnswer(page).locator('.llm-text').textContent({ timeout: 10_000 });

/** Waits until some, but not all, of the answer has streamed in; returns that text. */
async function waitForPartial(page: Page): Promise<string> {
  let partial = '';
  await expect
    .poll(async () => {
      if ((await llmState(page)) !== 'streaming') return false;
      partial = (await llmText(page)) ?? '';
      return /\S+\s+\S+/.test(partial) && !partial.startsWith('Writing');
    }, { timeout: 20_000, interval: 20 })
    .toBe(true);
  return partial;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pitchside-llm-e2e-'));
  pdfPath = join(dir, 'sample-rules.pdf');
  writeFileSync(pdfPath, await buildRulebookPdf());
  server = await startPreview();
  session = await openBrowser();
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe('on-device answers with the scripted engine', () => {
  it('is on without WebGPU, and loads a model from Settings with progress', async () => {
    const { page } = session;
    await page.goto(`${server.url}?llm=scripted&llmDelay=${TOKEN_DELAY_MS}`);
    await expect.poll(() => appStatus(page).textContent(), { timeout: 60_000 }).toMatch(/Add a rulebook/);
    await showScreen(page, 'Settings');
    await expect.poll(() => page.getByRole('button', { name: 'On-device answers' }).getAttribute('aria-pressed')).toBe('true');
    await addRulebook(page, pdfPath);
    await expect.poll(() => appStatus(page).textContent(), { timeout: 120_000 }).toMatch(/^Ready/);

    const models = page.getByRole('region', { name: 'Models' });
    const progressTexts = new Set<string>();
    const progress = models.getByRole('status');
    await models.getByRole('button', { name: 'Download Llama-3.2-1B-Instruct' }).click();
    await expect
      .poll(async () => {
        progressTexts.add((await progress.textContent()) ?? '');
        return [...progressTexts].some((t) => /is loaded/.test(t));
      }, { interval: 10, timeout: 20_000 })
      .toBe(true);
    expect([...progressTexts].some((t) => /Downloading: \d+(\.\d)? MB of \d+(\.\d)? MB/.test(t))).toBe(true);
    expect(await models.getByText('Loaded', { exact: true }).count()).toBe(1);
    await showScreen(page, 'Ask');
  });

  it('streams the answer above the clause answer and checks it against the cited rule', async () => {
    const { page } = session;
    const q = answerable[0];
    const answer = await ask(page, q.question);
    const partial = await waitForPartial(page);
    await expect.poll(() => llmState(page), { timeout: 20_000 }).toBe('checked');
    const final = (await llmText(page)) ?? '';
    expect(final.length).toBeGreaterThan(partial.length);
    expect(final.startsWith(partial.trim())).toBe(true);
    expect(await llmAnswer(page).textContent()).toMatch(/Checked against Rule \d/);

    // The LLM answer comes before the clause answer in the region.
    const llmFirst = await answer.evaluate((region) => {
      const llm = region.querySelector('.llm-answer');
      const clause = region.querySelector('.clause-answer');
      return Boolean(llm && clause && llm.compareDocumentPosition(clause) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(llmFirst).toBe(true);

    // Its citation is a button that opens the clause in place.
    const cite = llmAnswer(page).getByRole('button', { name: /^Rule / });
    const label = (await cite.first().textContent())!;
    await cite.first().click();
    const id = `clause-${label.replace(/^Rule /, '').replace(/\./g, '-')}`;
    expect(await answer.locator(`details#${id}`).getAttribute('open')).not.toBeNull();
  });

  it('stops when Stop is pressed', async () => {
    const { page } = session;
    await ask(page, `${answerable[1].question} [slow]`);
    await waitForPartial(page);
    await llmAnswer(page).getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => llmState(page)).toBe('stopped');
    const atStop = await llmText(page);
    await page.waitForTimeout(TOKEN_DELAY_MS * 10 * 3);
    expect(await llmText(page)).toBe(atStop);
    expect(await llmAnswer(page).getByRole('button', { name: 'Stop' }).count()).toBe(0);
  });

  it('flags an ungrounded answer as Unverified and puts the clause answer first', async () => {
    const { page } = session;
    const answer = await ask(page, `${answerable[1].question} [ungrounded]`);
    await expect.poll(() => llmState(page), { timeout: 20_000 }).toBe('unverified');
    expect(await llmAnswer(page).textContent()).toMatch(/Unverified/);
    expect(await llmAnswer(page).textContent()).not.toMatch(/Checked against/);
    const clauseFirst = await answer.evaluate((region) => {
      const llm = region.querySelector('.llm-answer');
      const clause = region.querySelector('.clause-answer');
      return Boolean(llm && clause && clause.compareDocumentPosition(llm) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(clauseFirst).toBe(true);
  });

  it('cancels the old answer when a new question is asked', async () => {
    const { page } = session;
    // The scripted engine, like web-llm, runs one generation at a time: had the slow one not been
    // cancelled, the next answer would wait for its ~15 pieces at ten times the delay.
    // The marker is a word of the question too: the slow one is a question the rulebook covers beyond doubt.
    await ask(page, `${answerable[3].question} [slow]`);
    await waitForPartial(page);
    const started = Date.now();
    await ask(page, answerable[2].question);
    await expect.poll(() => llmState(page), { timeout: 20_000 }).toBe('checked');
    expect(Date.now() - started).toBeLessThan(TOKEN_DELAY_MS * 10 * 8);
    expect(await llmAnswer(page).count()).toBe(1);
  });

  it('makes no LLM call below the retrieval threshold', async () => {
    const { page } = session;
    const answer = await ask(page, uncovered.question);
    expect(await answer.textContent()).toMatch(/Not covered/);
    // The on-device answer, when there is one, is put in place in the same task as the clause answer.
    expect(await answer.locator('.llm-answer').count()).toBe(0);
  });

  it('recovers from a lost GPU device without a reload, suggesting the smaller model', async () => {
    const { page } = session;
    await ask(page, `${answerable[0].question} [device-lost]`);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/graphics processor/);
    await showScreen(page, 'Settings');
    const smaller = page.getByRole('button', { name: 'Use Qwen2.5-0.5B-Instruct' });
    await smaller.click();
    await expect.poll(() => page.locator('.llm-line').textContent(), { timeout: 20_000 }).toMatch(/by Qwen2\.5-0\.5B-Instruct/);
    await ask(page, answerable[2].question);
    await expect.poll(() => llmState(page), { timeout: 20_000 }).toBe('checked');
  });

  it('sent nothing to any host but the app itself', () => {
    expect(foreignOrigins(session.requests, server.url)).toEqual([]);
  });
});
