// Storage and memory per rulebook, end to end in headless Chromium against the built app: three rulebooks
// of different lengths are stored, each is listed under Settings with its size, sizes follow the passages
// and the search vectors, and the list follows a rename and a delete. A rulebook chosen while the Rulebook
// screen is hidden draws its sections only when that screen is shown, and the previous one's are let go.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { enlargedSampleRulebook } from '../fixtures/sample-rulebook';
import { addRulebook, rulebookList, showScreen } from './app-helpers';
import { openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { waitForStatus } from './pwa-helpers';

/** The three rulebooks: the sample once, three times and six times over (more passages each). */
const BOOKS = [
  { name: 'rules-short', copies: 1 },
  { name: 'rules-medium', copies: 3 },
  { name: 'rules-long', copies: 6 },
];
const UNITS: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 };

let server: PreviewServer;
let session: BrowserSession;
const dir = mkdtempSync(join(tmpdir(), 'pitchside-storage-'));

beforeAll(async () => {
  for (const { name, copies } of BOOKS) writeFileSync(join(dir, `${name}.pdf`), await buildRulebookPdf({ book: enlargedSampleRulebook(copies) }));
  server = await startPreview();
  session = await openBrowser();
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

const storageList = (page: Page) => page.getByRole('list', { name: 'Storage by rulebook' });

/** "rules-long — 412 kB" → ['rules-long', 412000]. */
function parseLine(line: string): [string, number] {
  const match = /^(.+) — ([\d.]+) (B|kB|MB|GB)$/.exec(line.trim());
  expect(match, line).not.toBeNull();
  return [match![1], Number(match![2]) * UNITS[match![3]]];
}

async function readStorage(page: Page): Promise<Map<string, number>> {
  await showScreen(page, 'Settings');
  return new Map((await storageList(page).getByRole('listitem').allTextContents()).map(parseLine));
}

/** Passages of each rulebook as its line in the Rulebooks list says ("… · 42 passages"). */
async function readPassages(page: Page): Promise<Map<string, number>> {
  const items = (await rulebookList(page)).getByRole('listitem');
  const passages = new Map<string, number>();
  for (const item of await items.all()) {
    const name = await item.locator('button.book').textContent();
    passages.set(name!, Number(/(\d+) passages/.exec((await item.textContent()) ?? '')?.[1]));
  }
  return passages;
}

describe('storage use per rulebook', () => {
  it('lists each stored rulebook with a size that follows its passages, and follows renames and deletes', async () => {
    const { page } = session;
    await page.goto(server.url);
    await waitForStatus(page, /Add a rulebook/);
    await showScreen(page, 'Settings');
    expect(await storageList(page).isVisible()).toBe(false);

    for (const { name } of BOOKS) {
      await addRulebook(page, join(dir, `${name}.pdf`));
      await waitForStatus(page, new RegExp(`^Ready — ${name} indexed`), 120_000);
    }
    await expect.poll(async () => [...(await readStorage(page)).keys()].sort()).toEqual(BOOKS.map((b) => b.name).sort());
    const sizes = await readStorage(page);
    const passages = await readPassages(page);
    const { dims } = await page.evaluate(() => (window as unknown as { pitchside: { stats(): Promise<{ dims: number }> } }).pitchside.stats());
    expect(dims).toBeGreaterThan(0);

    for (const { name } of BOOKS) {
      const n = passages.get(name)!;
      expect(n).toBeGreaterThan(0);
      // At least the search vectors (4 bytes a dimension a passage); at most those plus 10 kB of text a passage.
      expect(sizes.get(name)!).toBeGreaterThan(n * dims * 4);
      expect(sizes.get(name)!).toBeLessThan(n * (dims * 4 + 10_000));
    }
    expect(passages.get('rules-medium')!).toBeGreaterThan(passages.get('rules-short')!);
    expect(sizes.get('rules-medium')!).toBeGreaterThan(sizes.get('rules-short')! * 2);
    expect(sizes.get('rules-long')!).toBeGreaterThan(sizes.get('rules-medium')! * 1.5);

    // The total is the sum of the lines (each rounded to its shown precision).
    const [, total] = parseLine((await page.getByText(/^All rulebooks: /).textContent())!.replace(': ', ' — '));
    const sum = [...sizes.values()].reduce((a, b) => a + b, 0);
    expect(Math.abs(total - sum) / sum).toBeLessThan(0.05);

    // Renamed: the line follows the new name with the same size.
    const item = async (name: string) => (await rulebookList(page)).getByRole('listitem').filter({ hasText: name });
    await (await item('rules-short')).getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByLabel('New name').fill('Summer League by-laws');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await readStorage(page)).get('Summer League by-laws')).toBe(sizes.get('rules-short'));

    // Deleted: its line goes, the others stay as they were.
    page.once('dialog', (dialog) => void dialog.accept());
    await (await item('rules-long')).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(async () => [...(await readStorage(page)).keys()].sort()).toEqual(['Summer League by-laws', 'rules-medium']);
    expect((await readStorage(page)).get('rules-medium')).toBe(sizes.get('rules-medium'));
  });

  // Uses the two rulebooks the test above leaves stored; the medium one is chosen.
  it('draws the sections of a rulebook chosen elsewhere only when the Rulebook screen is shown', async () => {
    const { page } = session;
    const drawnSections = page.locator('.rulebook-screen details.section');
    const choose = async (name: string) => (await rulebookList(page)).locator('button.book', { hasText: name }).click();
    const showRulebook = async (name: string) => {
      await showScreen(page, 'Rulebook');
      await expect.poll(() => page.getByRole('heading', { level: 2, name, exact: true }).count()).toBe(1);
      await expect.poll(() => drawnSections.count()).toBeGreaterThan(0);
      return drawnSections.count();
    };

    const medium = await showRulebook('rules-medium');
    await choose('Summer League by-laws');
    await showScreen(page, 'Ask');
    expect(await drawnSections.count()).toBe(0);

    const short = await showRulebook('Summer League by-laws');
    // The short rulebook has a third of the medium one's sections.
    expect(short).toBeLessThan(medium);
    await choose('rules-medium');
    expect(await drawnSections.count()).toBe(0);
    expect(await showRulebook('rules-medium')).toBe(medium);
  });
});
