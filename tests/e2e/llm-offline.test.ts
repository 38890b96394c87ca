// End to end in headless Chromium with the real web-llm worker and no internet (every request off the
// app's own origin is refused): the WebGPU reason shows, the model manager shows sizes and cached state,
// choosing a model says it must be downloaded once while online, and clause answers keep working.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModelsForDevice } from '../../src/core/llm-models';
import { SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';
import { openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { addRulebook, appStatus, askAndReadCitations, showScreen, writeSamplePdf } from './app-helpers';

let server: PreviewServer;
let session: BrowserSession;
let pdfPath: string;
const refused: string[] = [];
const answerable = SAMPLE_QUESTIONS.filter((q) => q.rule);
// Headless Chromium here has no GPU adapter with shader-f16, so the q4f32 variants are offered.
const offered = listModelsForDevice(false);


beforeAll(async () => {
  pdfPath = await writeSamplePdf('pitchside-llm-offline-');
  server = await startPreview();
  session = await openBrowser();
  const own = new URL(server.url).origin;
  // No internet: the model hub and the model library host are unreachable, as on a pitch with no signal.
  await session.context.route(
    (url) => url.origin !== own && url.protocol.startsWith('http'),
    (route) => {
      refused.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe('on-device answers without a network', () => {
  it('starts with on-device answers off and says why, and answers from the clauses', async () => {
    const { page } = session;
    await page.goto(server.url);
    await expect.poll(() => appStatus(page).textContent(), { timeout: 60_000 }).toMatch(/Add a rulebook/);
    await expect.poll(() => page.locator('.llm-line').textContent(), { timeout: 20_000 }).toMatch(/answers come .*clauses/);
    // Not on the Ask screen: the reason lives in Settings with the models.
    expect(await page.getByRole('button', { name: 'On-device answers' }).count()).toBe(0);
    await showScreen(page, 'Settings');
    expect(await page.getByRole('button', { name: 'On-device answers' }).getAttribute('aria-pressed')).toBe('false');
    await addRulebook(page, pdfPath);
    await expect.poll(() => appStatus(page).textContent(), { timeout: 120_000 }).toMatch(/^Ready/);
    expect(await askAndReadCitations(page, answerable[0].question)).toContain(`Rule ${answerable[0].rule}`);
  });

  it('lists the answer models with size, memory need and "not downloaded", and the search models', async () => {
    const { page } = session;
    await showScreen(page, 'Settings');
    const models = page.getByRole('region', { name: 'Models' });
    const list = models.getByRole('list', { name: 'Answer models' });
    await expect.poll(() => list.getByText('Not downloaded', { exact: true }).count(), { timeout: 30_000 }).toBe(offered.length);
    for (const model of offered) {
      const row = list.getByRole('listitem').filter({ hasText: `${model.displayName} (` });
      expect(await row.textContent()).toContain(`Download ${model.downloadMB} MB`);
      expect(await row.textContent()).toMatch(/needs \d+\.\d GB of GPU memory/);
      expect(await row.getByRole('button', { name: `Download ${model.displayName}` }).count()).toBe(1);
      // Nothing is cached, so there is nothing to delete.
      expect(await row.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    }
    const search = models.getByRole('list', { name: 'Search models' });
    expect(await search.textContent()).toMatch(/built in/);
    expect(await search.textContent()).toMatch(/requires being online/);
    expect(await models.textContent()).toMatch(/Storage used: .* free: /);
  });

  it('says the model must be downloaded once while online, twice in a row, and reports nothing cached', async () => {
    const { page } = session;
    const models = page.getByRole('region', { name: 'Models' });
    const defaultModel = offered.find((m) => m.role === 'default')!;
    for (let attempt = 0; attempt < 2; attempt++) {
      await models.getByRole('button', { name: `Download ${defaultModel.displayName}` }).click();
      await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(/once while online/);
      await expect.poll(() => models.getByRole('button', { name: `Download ${defaultModel.displayName}` }).isEnabled()).toBe(true);
    }
    expect(refused.length).toBeGreaterThan(0);
    expect(await models.getByRole('list', { name: 'Answer models' }).getByText('Not downloaded', { exact: true }).count()).toBe(offered.length);
  });

  it('keeps answering from the clauses after the failed download, fully offline', async () => {
    const { page } = session;
    await showScreen(page, 'Ask');
    // Fully offline now, the app's own server included: the rulebook worker needs nothing from it.
    await session.context.setOffline(true);
    expect(await askAndReadCitations(page, answerable[1].question)).toContain(`Rule ${answerable[1].rule}`);
    expect(await page.getByRole('group', { name: 'On-device answer' }).count()).toBe(0);
  });
});
