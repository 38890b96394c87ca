// Small page helpers shared by the end-to-end tests: the app's status line, asking a question, and a
// sample rulebook PDF on disk.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildRulebookPdf } from '../fixtures/make-pdf';

/** The status line in the header (screens have status areas of their own). */
export const appStatus = (page: Page) => page.getByRole('banner').getByRole('status').first();

/** Asks on the Rules screen and returns the rule citations of the answer. */
export async function askAndReadCitations(page: Page, question: string): Promise<string[]> {
  const answer = page.getByRole('region', { name: 'Answer', exact: true });
  await page.locator('#question').fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await answer.getByRole('button', { name: /^Rule / }).first().waitFor({ timeout: 30_000 });
  return answer.getByRole('button', { name: /^Rule / }).allTextContents();
}

/** Writes the sample rulebook PDF to a new temporary folder and returns its path. */
export async function writeSamplePdf(prefix: string): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), prefix)), 'sample-rules.pdf');
  writeFileSync(path, await buildRulebookPdf());
  return path;
}
