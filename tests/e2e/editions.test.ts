// What changed in the new edition, end to end in headless Chromium against the built app: adding a second
// edition of a stored rulebook shows the change list with each changed clause's words marked, and the old
// edition can be kept or replaced.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { secondEdition } from '../fixtures/sample-editions';
import { addRulebook, rulebookList, showScreen } from './app-helpers';
import { openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { waitForStatus } from './pwa-helpers';

let server: PreviewServer;
let session: BrowserSession;
const dir = mkdtempSync(join(tmpdir(), 'pitchside-editions-'));
const firstPath = join(dir, 'sample-rules-1st-edition.pdf');
const secondPath = join(dir, 'sample-rules-2nd-edition.pdf');

beforeAll(async () => {
  writeFileSync(firstPath, await buildRulebookPdf());
  writeFileSync(secondPath, await buildRulebookPdf({ book: secondEdition() }));
  server = await startPreview();
  session = await openBrowser();
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe('what changed in the new edition', () => {
  it('shows the clauses added, removed, changed and renumbered when a new edition is added', async () => {
    const { page } = session;
    await page.goto(server.url);
    await waitForStatus(page, /Add a rulebook/);
    await addRulebook(page, firstPath);
    await waitForStatus(page, /^Ready — sample-rules-1st-edition indexed/, 120_000);
    await addRulebook(page, secondPath);
    await waitForStatus(page, /^Ready — sample-rules-2nd-edition indexed/, 120_000);

    await showScreen(page, 'Settings');
    const changes = page.getByRole('region', { name: 'What changed' });
    await changes.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await changes.getByRole('heading').textContent()).toBe(
      'From sample-rules-1st-edition to sample-rules-2nd-edition: 1 added, 1 removed, 1 changed, 1 renumbered.',
    );
    expect(await changes.getByRole('listitem').locator('strong').allTextContents()).toEqual([
      'Changed 1.2',
      'Removed 1.3.1',
      'Added 2.3',
      'Renumbered 2.3 → 2.4',
    ]);
    const changed = changes.getByRole('listitem').first();
    expect(await changed.locator('del').allTextContents()).toEqual(['five (5)']);
    expect(await changed.locator('ins').allTextContents()).toEqual(['seven (7)']);
    expect(await changes.getByRole('listitem').nth(3).textContent()).toContain('Same words, new number.');
  });

  it('compares two editions the referee picks, and replaces the old one', async () => {
    const { page } = session;
    const changes = page.getByRole('region', { name: 'What changed' });
    await page.getByRole('button', { name: 'Keep both', exact: true }).click();
    await expect.poll(() => changes.isHidden()).toBe(true);
    expect(await (await rulebookList(page)).getByRole('listitem').count()).toBe(2);

    await page.getByLabel('Old edition').selectOption({ label: 'sample-rules-2nd-edition' });
    await page.getByLabel('New edition').selectOption({ label: 'sample-rules-1st-edition' });
    await page.getByRole('button', { name: 'Show changes', exact: true }).click();
    await expect.poll(() => changes.getByRole('heading').textContent()).toMatch(/^From sample-rules-2nd-edition to sample-rules-1st-edition: 1 added, 1 removed/);

    await page.getByLabel('Old edition').selectOption({ label: 'sample-rules-1st-edition' });
    await page.getByLabel('New edition').selectOption({ label: 'sample-rules-2nd-edition' });
    await page.getByRole('button', { name: 'Show changes', exact: true }).click();
    await expect.poll(() => changes.getByRole('heading').textContent()).toMatch(/^From sample-rules-1st-edition to/);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Replace sample-rules-1st-edition', exact: true }).click();
    const books = await rulebookList(page);
    await expect.poll(() => books.getByRole('listitem').count()).toBe(1);
    expect(await books.getByRole('button', { name: 'sample-rules-2nd-edition', pressed: true }).count()).toBe(1);
    await waitForStatus(page, /^Deleted sample-rules-1st-edition\. Ready — sample-rules-2nd-edition$/);
  });
});
