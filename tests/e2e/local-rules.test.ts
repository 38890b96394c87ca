// Local rules on top of the laws, end to end in headless Chromium against the built app: two rulebooks in use,
// the by-laws marked as local rules; a question both answer leads with the local rule, labelled, and shows the
// law under it, each citation naming its book; with one book in use again, questions go to it alone.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMER_LEAGUE_BYLAWS } from '../fixtures/local-bylaws';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { addRulebook, askQuestion, showScreen } from './app-helpers';
import { openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { waitForStatus } from './pwa-helpers';

let server: PreviewServer;
let session: BrowserSession;
const dir = mkdtempSync(join(tmpdir(), 'pitchside-local-rules-'));
const lawsPath = join(dir, 'sample-rules.pdf');
const localPath = join(dir, 'summer-league.pdf');
const SIN_BIN = 'How long does a player stay in the sin bin?';

beforeAll(async () => {
  writeFileSync(lawsPath, await buildRulebookPdf());
  writeFileSync(localPath, await buildRulebookPdf({ book: SUMMER_LEAGUE_BYLAWS }));
  server = await startPreview();
  session = await openBrowser();
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe('local rules on top of the laws', () => {
  it('leads with the local rule, labelled, and shows the law under it', async () => {
    const { page } = session;
    await page.goto(server.url);
    await waitForStatus(page, /Add a rulebook/);
    await addRulebook(page, lawsPath);
    await waitForStatus(page, /^Ready — sample-rules indexed/, 120_000);
    await addRulebook(page, localPath);
    await waitForStatus(page, /^Ready — summer-league indexed/, 120_000);

    await showScreen(page, 'Settings');
    const inUse = page.getByRole('list', { name: 'Searched together' });
    await inUse.getByLabel('Use sample-rules').check();
    await inUse.getByLabel('Use summer-league').check();
    await inUse.getByLabel('Role of summer-league').selectOption('local');
    await page.getByText('Questions search summer-league, sample-rules together.').waitFor();

    const answer = await askQuestion(page, SIN_BIN);
    expect(await answer.locator('.local-label').textContent()).toBe('Local rule 3.1 (summer-league) — the law is Rule 10.3');
    expect(await answer.locator('cite').allTextContents()).toEqual(['Rule 3.1 (summer-league)', 'Rule 10.3 (sample-rules)']);
    const [local, law] = await answer.locator('.book-answer .lead').allTextContents();
    expect(local).toMatch(/five \(5\) minutes/);
    expect(law).toMatch(/three \(3\) minutes/);
  });

  it('keeps the choice across a reload, and goes back to one rulebook when only one is in use', async () => {
    const { page } = session;
    await page.reload();
    await waitForStatus(page, /^Ready/);
    expect(await (await askQuestion(page, SIN_BIN)).locator('.local-label').count()).toBe(1);

    await showScreen(page, 'Settings');
    await page.getByRole('list', { name: 'Searched together' }).getByLabel('Use summer-league').uncheck();
    await page.getByText('Questions search the chosen rulebook only.', { exact: false }).waitFor();
    const answer = await askQuestion(page, SIN_BIN);
    expect(await answer.locator('.local-label').count()).toBe(0);
    expect((await answer.getByRole('button', { name: /^Rule / }).allTextContents()).length).toBeGreaterThan(0);
  });
});
