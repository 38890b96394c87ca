// End to end in headless Chromium against the built app: add the generated rulebook, ask, reload and
// ask again with zero embeddings computed, and refuse each bad input without harming the stored rulebook.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEmptyPdf,
  buildPasswordPdf,
  buildRulebookPdf,
  buildScannedPdf,
  corruptPdfBytes,
  notPdfBytes,
} from '../fixtures/make-pdf';
import { enlargedSampleRulebook, SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';
import { addRulebook, askQuestion as ask, rulebookList, showScreen } from './app-helpers';
import { foreignOrigins, openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';

let server: PreviewServer;
let session: BrowserSession;
const dir = mkdtempSync(join(tmpdir(), 'pitchside-e2e-'));
const files: Record<string, string> = {};

async function writeFixture(name: string, bytes: Uint8Array | Promise<Uint8Array>) {
  files[name] = join(dir, name);
  writeFileSync(files[name], await bytes);
}

const answerable = SAMPLE_QUESTIONS.filter((q) => q.rule);

beforeAll(async () => {
  await writeFixture('sample-rules.pdf', buildRulebookPdf());
  await writeFixture('locked.pdf', buildPasswordPdf());
  await writeFixture('scanned.pdf', buildScannedPdf());
  await writeFixture('empty.pdf', buildEmptyPdf());
  await writeFixture('broken.pdf', corruptPdfBytes());
  await writeFixture('notes.pdf', notPdfBytes());
  await writeFixture('long-rules.pdf', buildRulebookPdf({ book: enlargedSampleRulebook(12) }));
  server = await startPreview();
  session = await openBrowser();
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe('retrieval in the browser', () => {
  it('indexes the generated rulebook and cites the expected rule', async () => {
    const { page } = session;
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('banner').getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/Add a rulebook/);
    await addRulebook(page, files['sample-rules.pdf']);
    await expect.poll(() => page.getByRole('banner').getByRole('status').textContent(), { timeout: 120_000 }).toMatch(/^Ready/);
    expect(await (await rulebookList(page)).getByRole('button', { name: 'sample-rules' }).count()).toBe(1);

    const q = answerable[0];
    const answer = await ask(page, q.question);
    const citations = await answer.getByRole('button', { name: /^Rule / }).allTextContents();
    expect(citations).toContain(`Rule ${q.rule}`);

    // A citation opens its clause in place.
    await answer.getByRole('button', { name: `Rule ${q.rule}` }).first().click();
    const clause = answer.locator(`details#clause-${q.rule!.replace(/\./g, '-')}`);
    expect(await clause.getAttribute('open')).not.toBeNull();
  });

  it('reloads and answers again with zero embeddings computed', async () => {
    const { page } = session;
    await page.reload();
    await expect.poll(() => page.getByRole('banner').getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/^Ready/);
    const q = answerable[1];
    const answer = await ask(page, q.question);
    expect(await answer.getByRole('button', { name: /^Rule / }).allTextContents()).toContain(`Rule ${q.rule}`);
    const stats = await page.evaluate(() => (window as unknown as { pitchside: { stats(): Promise<{ documentEmbeddings: number }> } }).pitchside.stats());
    expect(stats.documentEmbeddings).toBe(0);

    // Adding the very same PDF again reuses the index: still zero.
    await addRulebook(page, files['sample-rules.pdf']);
    await expect.poll(() => page.getByRole('banner').getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/already indexed/);
    const again = await page.evaluate(() => (window as unknown as { pitchside: { stats(): Promise<{ documentEmbeddings: number }> } }).pitchside.stats());
    expect(again.documentEmbeddings).toBe(0);
  });

  it('says why a question about a matter off the field is not covered', async () => {
    const { page } = session;
    const answer = await ask(page, 'How much are the rego fees for a player?');
    await expect.poll(() => answer.locator('[data-state]').first().getAttribute('data-state')).toBe('not-covered');
    expect(await answer.locator('.state-detail').textContent()).toMatch(/rego fees: a matter for your competition or club/);
  });

  it('lists a passage without a rule number as its section, the title once', async () => {
    const { page } = session;
    const answer = await ask(page, 'preface');
    const rows = await answer.locator('ol.clauses summary').evaluateAll((summaries) =>
      summaries.map((s) => ({ summary: (s.textContent ?? '').replace(/\s+/g, ' ').trim(), citation: s.querySelector('.citation')?.textContent ?? '' })),
    );
    const sections = rows.filter((r) => r.citation.startsWith('Section: '));
    expect(sections.length).toBeGreaterThan(0);
    // "Section: Preface", not "Section: Preface PREFACE".
    for (const r of sections) expect(r.summary).toBe(r.citation);
    for (const r of rows.filter((row) => !row.citation.startsWith('Section: '))) expect(r.citation).toMatch(/^(Rule \d|Definition: \S)/);
  });

  // Each row asks its own question and waits for that question's answer, so a row after a refusal that
  // broke the stored rulebook cannot pass on the answer an earlier row left on the screen.
  it.each([
    ['notes.pdf', /not a PDF/, 2],
    ['broken.pdf', /damaged/, 3],
    ['locked.pdf', /password-protected/, 4],
    ['scanned.pdf', /no text layer/, 5],
    ['empty.pdf', /empty/, 6],
  ] as const)('refuses %s with a clear message and keeps the stored rulebook working', async (name, message, row) => {
    const { page } = session;
    await addRulebook(page, files[name]);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(message);
    const books = await (await rulebookList(page)).getByRole('listitem').count();
    expect(books).toBe(1);
    const q = answerable[row];
    const answer = await ask(page, q.question);
    expect(await answer.getByRole('button', { name: /^Rule / }).allTextContents()).toContain(`Rule ${q.rule}`);
  });

  it('cancelling indexing stores nothing, and says so only when it is true', async () => {
    const { page } = session;
    const status = page.getByRole('banner').getByRole('status');
    await showScreen(page, 'Settings');
    await addRulebook(page, files['long-rules.pdf']);
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/Reading pages|Indexing/);
    await page.getByRole('button', { name: 'Cancel indexing' }).click();
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/cancelled|^Ready/);
    const saidCancelled = /cancelled/.test((await status.textContent()) ?? '');
    await page.reload();
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/^Ready/);
    const books = await (await rulebookList(page)).getByRole('listitem').count();
    expect(saidCancelled).toBe(true);
    expect(books).toBe(1);
  });

  it('sent nothing to any host but the app itself', () => {
    expect(foreignOrigins(session.requests, server.url)).toEqual([]);
  });
});
