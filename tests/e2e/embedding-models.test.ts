// End to end in headless Chromium with no internet: choosing a downloadable search model says the download
// needs a connection (role=alert), the built-in model stays in use and asking keeps working, also after a reload.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDING_MODELS, SHIPPED_EMBEDDING_MODEL_ID } from '../../src/core/embedding-models';
import { DEFAULT_DB_NAME as DB_NAME } from '../../src/adapters/store-schema';
import { SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';
import { openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { addRulebook, appStatus, askAndReadCitations, showScreen, writeSamplePdf } from './app-helpers';

let server: PreviewServer;
let session: BrowserSession;
let pdfPath: string;
const refused: string[] = [];
const answerable = SAMPLE_QUESTIONS.filter((q) => q.rule);
const shipped = EMBEDDING_MODELS.find((m) => m.id === SHIPPED_EMBEDDING_MODEL_ID)!;
const arctic = EMBEDDING_MODELS.find((m) => m.id === 'snowflake-arctic-embed-xs')!;

const searchModels = (page: Page) => page.getByRole('region', { name: 'Models' }).getByRole('list', { name: 'Search models' });
const modelRow = (page: Page, name: string) => searchModels(page).getByRole('listitem').filter({ hasText: name });

beforeAll(async () => {
  pdfPath = await writeSamplePdf('pitchside-embedding-models-');
  server = await startPreview();
  session = await openBrowser();
  const own = new URL(server.url).origin;
  const refuse = (route: { request(): { url(): string }; abort(code: string): Promise<void> }) => {
    refused.push(route.request().url());
    return route.abort('internetdisconnected');
  };
  // No internet: the model hub first of all, and every other origin but the app's own.
  await session.context.route('**/*huggingface*/**', refuse);
  await session.context.route((url) => url.origin !== own && url.protocol.startsWith('http'), refuse);
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe('search models without a network', () => {
  it('indexes and answers with the built-in search model', async () => {
    const { page } = session;
    await page.goto(server.url);
    await expect.poll(() => appStatus(page).textContent(), { timeout: 60_000 }).toMatch(/Add a rulebook/);
    await addRulebook(page, pdfPath);
    await expect.poll(() => appStatus(page).textContent(), { timeout: 120_000 }).toMatch(/^Ready/);
    expect(await askAndReadCitations(page, answerable[0].question)).toContain(`Rule ${answerable[0].rule}`);
  });

  it('lists every search model with a "Use" button, the built-in one in use', async () => {
    const { page } = session;
    await showScreen(page, 'Settings');
    await expect.poll(() => searchModels(page).getByRole('listitem').count(), { timeout: 30_000 }).toBe(EMBEDDING_MODELS.length);
    await expect.poll(() => modelRow(page, shipped.name).textContent()).toMatch(/In use/);
    expect(await modelRow(page, shipped.name).getByRole('button', { name: `Use ${shipped.name}` }).isDisabled()).toBe(true);
    for (const model of EMBEDDING_MODELS.filter((m) => !m.shipped)) {
      const row = modelRow(page, model.name);
      expect(await row.textContent()).toContain(`${model.sizeMB} MB; downloading requires being online once.`);
      expect(await row.getByRole('button', { name: `Use ${model.name}` }).isEnabled()).toBe(true);
    }
  });

  it('choosing a downloadable model offline says a connection is needed and keeps the built-in one', async () => {
    const { page } = session;
    await modelRow(page, arctic.name).getByRole('button', { name: `Use ${arctic.name}` }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 60_000 })
      .toMatch(/Downloading the search model needs a connection\. The built-in model is still in use\./);
    expect(refused.some((url) => url.includes('huggingface'))).toBe(true);
    await expect.poll(() => modelRow(page, arctic.name).getByRole('button', { name: `Use ${arctic.name}` }).isEnabled()).toBe(true);
    expect(await modelRow(page, shipped.name).textContent()).toMatch(/In use/);
    expect(await modelRow(page, arctic.name).textContent()).not.toMatch(/In use/);
  });

  it('keeps answering with the built-in model, also after a reload', async () => {
    const { page } = session;
    await showScreen(page, 'Ask');
    expect(await askAndReadCitations(page, answerable[1].question)).toContain(`Rule ${answerable[1].rule}`);
    await page.reload();
    await expect.poll(() => appStatus(page).textContent(), { timeout: 60_000 }).toMatch(/^Ready/);
    expect(await askAndReadCitations(page, answerable[2].question)).toContain(`Rule ${answerable[2].rule}`);
    // The failed choice was not kept: no fall-back message at start.
    expect((await page.getByRole('alert').allTextContents()).join(' ')).not.toMatch(/connection/);
  });

  it('a model chosen earlier that cannot be loaded at start falls back to the built-in one and says so', async () => {
    const { page } = session;
    // As if it had been chosen while online and its files were evicted since.
    await page.evaluate(
      ([db, id]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(db);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('settings', 'readwrite');
            tx.objectStore('settings').put(id, 'embeddingModel');
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      [DB_NAME, arctic.id],
    );
    await page.reload();
    await expect
      .poll(() => page.getByRole('alert').allTextContents(), { timeout: 60_000 })
      .toEqual([expect.stringMatching(/needs a connection\. The built-in model is still in use/)]);
    expect(await askAndReadCitations(page, answerable[3].question)).toContain(`Rule ${answerable[3].rule}`);
    await showScreen(page, 'Settings');
    await expect.poll(() => modelRow(page, shipped.name).textContent(), { timeout: 30_000 }).toMatch(/In use/);
    expect(await searchModels(page).locator('..').textContent()).toContain(`${arctic.name} could not be loaded`);
  });
});
