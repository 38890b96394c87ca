// Small page helpers shared by the end-to-end tests: the app's status line, asking a question and waiting
// for its own answer, and a sample rulebook PDF on disk.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildRulebookPdf } from '../fixtures/make-pdf';

/** The status line in the header (screens have status areas of their own). */
export const appStatus = (page: Page) => page.getByRole('banner').getByRole('status').first();

/** The Ask screen's answer region. */
export const answerRegion = (page: Page) => page.getByRole('region', { name: 'Answer', exact: true });

export type ScreenName = 'Ask' | 'Rulebook' | 'Settings';

/** Shows a screen through the main navigation (Ask · Rulebook · Settings). */
export async function showScreen(page: Page, name: ScreenName): Promise<void> {
  const button = page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true });
  if ((await button.getAttribute('aria-current')) !== 'page') await button.click();
}

/** The list of rulebooks on the Settings screen (shown first). */
export async function rulebookList(page: Page): Promise<Locator> {
  await showScreen(page, 'Settings');
  return page.getByRole('list', { name: 'Rulebooks' });
}

/** Adds a rulebook PDF through the app's one file input, from whichever screen is shown. */
export async function addRulebook(page: Page, path: string): Promise<void> {
  await page.getByLabel('Add rulebook (PDF)').setInputFiles(path);
}

interface AnswerState {
  busy: string | null;
  question: string | null;
  answerId: number;
}

/** What the answer region says about itself (set by the Ask screen, src/ui/screens/ask-screen.ts). */
function readAnswerState(region: Locator): Promise<AnswerState> {
  return region.evaluate((el: HTMLElement) => ({
    busy: el.getAttribute('aria-busy'),
    question: el.dataset.question ?? null,
    answerId: Number(el.dataset.answerId ?? 0),
  }));
}

/**
 * Asks on the Ask screen (shown first) and waits for the clause answer to this very question: the region is no longer
 * busy, says which question it answers, and is the next answer shown since Ask was pressed (so asking the
 * same question twice still waits for the second answer). Returns the Answer region. The on-device answer,
 * if any, goes on streaming after this returns.
 */
export async function askQuestion(page: Page, question: string, { timeout = 60_000 } = {}): Promise<Locator> {
  await showScreen(page, 'Ask');
  const region = answerRegion(page);
  const { answerId } = await readAnswerState(region);
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect
    .poll(() => readAnswerState(region), { timeout, interval: 50 })
    .toEqual({ busy: 'false', question: question.trim(), answerId: answerId + 1 });
  return region;
}

/** Asks on the Ask screen and returns the rule citations of the new answer ("Rule 8.2", ...). */
export async function askAndReadCitations(page: Page, question: string): Promise<string[]> {
  const answer = await askQuestion(page, question);
  return answer.getByRole('button', { name: /^Rule / }).allTextContents();
}

/** Writes the sample rulebook PDF to a new temporary folder and returns its path. */
export async function writeSamplePdf(prefix: string): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), prefix)), 'sample-rules.pdf');
  writeFileSync(path, await buildRulebookPdf());
  return path;
}
