// The installable offline app in headless Chromium against `vite preview`: the service worker takes
// control, the manifest and its icons are valid, the page is cross-origin isolated under the CSP, and
// with the network cut and the server stopped the app reloads, answers, and adds and answers a new rulebook.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { SAMPLE_QUESTIONS, SAMPLE_RULEBOOK } from '../fixtures/sample-rulebook';
import { foreignOrigins, openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { addRulebook, askAndReadCitations, rulebookList } from './app-helpers';
import { readStats, recordCspViolations, waitForStatus } from './pwa-helpers';

let server: PreviewServer;
let session: BrowserSession;
let cspViolations: () => Promise<string[]>;
const dir = mkdtempSync(join(tmpdir(), 'pitchside-pwa-'));
const firstPdf = join(dir, 'sample-rules.pdf');
const secondPdf = join(dir, 'second-rules.pdf');
const answerable = SAMPLE_QUESTIONS.filter((q) => q.rule);

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

beforeAll(async () => {
  writeFileSync(firstPdf, await buildRulebookPdf());
  // A different document (another title, so another hash): it must be indexed from scratch, offline.
  writeFileSync(secondPdf, await buildRulebookPdf({ book: { ...SAMPLE_RULEBOOK, title: 'Second Sample Touch Rules' }, hyphenate: false }));
  server = await startPreview();
  session = await openBrowser({ viewport: { width: 360, height: 640 } });
  cspViolations = await recordCspViolations(session.page);
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe('installable offline app', () => {
  it('installs a service worker that takes control and says it is ready offline', async () => {
    const { page } = session;
    await page.goto(server.url);
    await waitForStatus(page, /Add a rulebook/);
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 60_000 }).toBe(true);
    await page.getByText('Ready to work offline.').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  it('serves a valid manifest whose icons load at their stated sizes', async () => {
    const { page } = session;
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href!);
    expect(manifest).toMatchObject({ name: expect.any(String), short_name: 'Pitchside', display: 'standalone' });
    for (const key of ['description', 'start_url', 'scope', 'theme_color', 'background_color']) expect(manifest[key]).toBeTruthy();
    const icons = manifest.icons as ManifestIcon[];
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(icons.some((i) => i.purpose?.split(' ').includes('maskable'))).toBe(true);
    for (const icon of icons) {
      const size = await page.evaluate(async (src) => {
        const res = await fetch(new URL(src, location.href));
        const bitmap = await createImageBitmap(await res.blob());
        return { ok: res.ok, type: res.headers.get('content-type'), size: `${bitmap.width}x${bitmap.height}` };
      }, icon.src);
      expect(size).toEqual({ ok: true, type: 'image/png', size: icon.sizes });
    }
  });

  it('indexes and answers online first', async () => {
    const { page } = session;
    await addRulebook(page, firstPdf);
    await waitForStatus(page, /^Ready — sample-rules indexed/);
    expect(await askAndReadCitations(page, answerable[0].question)).toContain(`Rule ${answerable[0].rule}`);
  });

  it('reloads with the network cut and the server stopped, and answers from the stored rulebook', async () => {
    const { page, context } = session;
    await context.setOffline(true);
    await server.stop();
    await page.reload();
    await waitForStatus(page, /^Ready — sample-rules/);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const q = answerable[1];
    expect(await askAndReadCitations(page, q.question)).toContain(`Rule ${q.rule}`);
    expect((await readStats(page)).documentEmbeddings).toBe(0);
  });

  it('adds, indexes and answers a new rulebook offline', async () => {
    const { page } = session;
    await addRulebook(page, secondPdf);
    await waitForStatus(page, /^Ready — second-rules indexed/);
    expect((await readStats(page)).documentEmbeddings).toBeGreaterThan(0);
    const rulebooks = await rulebookList(page);
    expect(await rulebooks.getByRole('listitem').count()).toBe(2);
    expect(await rulebooks.getByRole('button', { name: 'second-rules', pressed: true }).count()).toBe(1);
    const q = answerable[2];
    expect(await askAndReadCitations(page, q.question)).toContain(`Rule ${q.rule}`);
  });

  it('broke no Content-Security-Policy rule and sent nothing to another origin', async () => {
    expect(await cspViolations()).toEqual([]);
    expect(foreignOrigins(session.requests, server.url)).toEqual([]);
  });
});
