// Hardening in headless Chromium against `vite preview`: no other site can frame the app (headers from the
// server and from the service worker, and the built `_headers` file), the offline copy's failure is reported,
// tabs stay in step when rulebooks are added or deleted, and a rulebook worker that dies mid-job is replaced.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/core/security-headers';
import type { Page } from 'playwright-core';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { enlargedSampleRulebook } from '../fixtures/sample-rulebook';
import { askQuestion, writeSamplePdf } from './app-helpers';
import { openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { waitForStatus } from './pwa-helpers';

const ROOT = new URL('../..', import.meta.url).pathname;
const DIST = join(ROOT, process.env.PITCHSIDE_DIST ?? 'dist');

let server: PreviewServer;
let session: BrowserSession;

beforeAll(async () => {
  server = await startPreview();
  session = await openBrowser();
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

/** The security headers a response carries, lower-cased names as fetch reports them. */
function pickSecurityHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name, headers[name.toLowerCase()]]));
}

describe('framing and security headers', () => {
  it('vite preview and the built _headers send every security header, framing refused', async () => {
    const response = await fetch(server.url);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    expect(pickSecurityHeaders(headers)).toEqual(SECURITY_HEADERS);
    const file = readFileSync(join(DIST, '_headers'), 'utf8');
    expect(file).toContain('X-Frame-Options: DENY');
    expect(file).toContain("frame-ancestors 'none'");
  });

  it('the service worker adds them to what it serves from its cache', async () => {
    const { page } = session;
    await page.goto(server.url);
    await waitForStatus(page, /Add a rulebook/);
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 60_000 }).toBe(true);
    await page.getByText('Ready to work offline.').waitFor({ timeout: 60_000 });
    // With the server gone, only the service worker can answer.
    await server.stop();
    const served = await page.evaluate(async () => {
      const response = await fetch('./', { cache: 'no-store' });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      return headers;
    });
    expect(pickSecurityHeaders(served)).toEqual(SECURITY_HEADERS);
  });

  it('a page of another origin cannot show the app in a frame, though the same page frames one without the headers', async () => {
    server = await startPreview();
    // Real local servers on other ports: other origins in the same address space, so only the framed page's own
    // headers can refuse the frame (a made-up host would be refused by Chromium's local-network check instead).
    const plain = await serveHtml('<title>framable</title><p>no security headers</p>');
    const framing = (target: string) => serveHtml(`<title>framer</title><iframe src="${target}"></iframe>`);
    const frameTitles = (page: Page) => Promise.all(page.frames().map((f) => f.title().catch(() => ''))).then((t) => t.join(' '));
    const control = await framing(plain.url);
    const framer = await framing(server.url);
    const page = await session.context.newPage();
    try {
      // The control: the same kind of page shows a page without the headers in its frame.
      await page.goto(control.url);
      await expect.poll(() => frameTitles(page), { timeout: 30_000 }).toContain('framable');
      await page.goto(framer.url);
      await page.locator('iframe').waitFor();
      // A refused frame ends on the browser's error page; an allowed one shows the app's title.
      await expect.poll(() => page.frames().map((f) => f.url()), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/^chrome-error:/));
      expect(await frameTitles(page)).not.toMatch(/Pitchside/);
    } finally {
      await page.close();
      await Promise.all([plain, control, framer].map((s) => s.close()));
    }
  });
});

/** A throwaway page on 127.0.0.1 at a free port: another origin than the app's. */
async function serveHtml(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const http = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
}

describe('offline copy', () => {
  it('says when the device cannot keep an offline copy, and keeps it on "Try again" once there is room', async () => {
    const fresh = await openBrowser();
    try {
      const { page, context } = fresh;
      const cdp = await context.newCDPSession(page);
      const origin = new URL(server.url).origin;
      // Room for the app's small records, not for the ~44 MB offline copy.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 4 * 1024 * 1024 });
      await page.goto(server.url);
      const failed = page.getByRole('alert').filter({ hasText: 'This device could not keep an offline copy: its storage is full' });
      await failed.waitFor({ timeout: 60_000 });
      expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(false);

      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      await failed.getByRole('button', { name: 'Try again' }).click();
      await page.getByText('Ready to work offline.').waitFor({ timeout: 60_000 });
      await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 60_000 }).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

/** What main.ts exposes for measurements and tests: the app's rulebook library. */
interface TestWindow {
  pitchside: { app: { library: { books(): { hash: string; name: string }[]; remove(hash: string): Promise<void> } } };
}
const listBooks = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).pitchside.app.library.books().map((b) => b.name));
const recentRecord = (page: Page, hash: string) =>
  page.evaluate(
    (key) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('pitchside');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('recentQuestions').objectStore('recentQuestions').get(key);
          request.onsuccess = () => (open.result.close(), resolve(request.result ?? null));
        };
      }),
    hash,
  );

describe('tabs', () => {
  it('a rulebook added or deleted in one tab is listed or dropped in the others; a tab that missed it says so when asked', async () => {
    const tabs = await openBrowser();
    try {
      const { context } = tabs;
      const [a, b, unsynced] = [tabs.page, await context.newPage(), await context.newPage()];
      // A tab that hears nothing from the others (a browser without BroadcastChannel, or a lost message).
      await unsynced.addInitScript(() => Reflect.deleteProperty(window, 'BroadcastChannel'));
      for (const page of [a, b, unsynced]) {
        await page.goto(server.url);
        await waitForStatus(page, /Add a rulebook/);
      }
      await a.getByLabel('Add rulebook (PDF)').setInputFiles(await writeSamplePdf('pitchside-tabs-'));
      await waitForStatus(a, /^Ready/);
      await waitForStatus(b, /^Ready — sample-rules/);
      expect(await listBooks(b)).toEqual(['sample-rules']);
      await (await askQuestion(b, 'How many players are on the field?')).getByText(/Rule \d/).first().waitFor();
      // The unsynced tab learns of the rulebook only by reloading; it then answers from it too.
      await unsynced.reload();
      await waitForStatus(unsynced, /^Ready — sample-rules/);
      await askQuestion(unsynced, 'How many players are on the field?');
      const hash = await a.evaluate(() => (window as unknown as TestWindow).pitchside.app.library.books()[0].hash);

      await a.evaluate((h) => (window as unknown as TestWindow).pitchside.app.library.remove(h), hash);
      await waitForStatus(b, /Deleted sample-rules/);
      expect(await listBooks(b)).toEqual([]);

      await unsynced.getByRole('textbox', { name: 'Question', exact: true }).fill('How long is a sin bin?');
      await unsynced.getByRole('button', { name: 'Ask', exact: true }).click();
      await unsynced.getByRole('alert').filter({ hasText: 'That rulebook has just been deleted on this device' }).waitFor();
      expect(await recentRecord(unsynced, hash)).toBeNull();
    } finally {
      await tabs.close();
    }
  });
});

/** Closes the rulebook worker from inside, as a crash would: the page's Worker object hears nothing. */
async function killRulebookWorker(page: Page): Promise<void> {
  const worker = page.workers().find((w) => w.url().includes('rulebook.worker'));
  if (!worker) throw new Error('no rulebook worker is running');
  const closed = new Promise((resolve) => worker.once('close', resolve));
  void worker.evaluate(() => (globalThis as unknown as { close(): void }).close()).catch(() => undefined);
  await closed;
}

describe('a rulebook worker that dies', () => {
  it('mid-indexing and mid-question: the app says so, starts a new one, and nothing stored changes', async () => {
    const fresh = await openBrowser();
    try {
      const { page } = fresh;
      await page.goto(server.url);
      await waitForStatus(page, /Add a rulebook/);
      await page.getByLabel('Add rulebook (PDF)').setInputFiles(await writeSamplePdf('pitchside-fault-'));
      await waitForStatus(page, /^Ready/);
      const before = await listBooks(page);
      const crashed = page.getByRole('alert').filter({ hasText: 'Part of the app stopped unexpectedly' });

      const longPdf = join(mkdtempSync(join(tmpdir(), 'pitchside-fault-')), 'long-rules.pdf');
      writeFileSync(longPdf, await buildRulebookPdf({ book: enlargedSampleRulebook(12) }));
      await page.getByLabel('Add rulebook (PDF)').setInputFiles(longPdf);
      await waitForStatus(page, /Reading pages|Indexing/);
      await killRulebookWorker(page);
      await crashed.waitFor({ timeout: 30_000 });
      await waitForStatus(page, /^Ready — sample-rules/);
      expect(await listBooks(page)).toEqual(before);

      // A new worker answers; then it too dies, with the next question on its way to it.
      await askQuestion(page, 'How many players are on the field?');
      await killRulebookWorker(page);
      await page.getByRole('textbox', { name: 'Question', exact: true }).fill('How long is a sin bin?');
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      await crashed.waitFor({ timeout: 30_000 });
      const answer = await askQuestion(page, 'How long is a sin bin?');
      await answer.getByText(/Rule \d/).first().waitFor();
      expect(await listBooks(page)).toEqual(before);
    } finally {
      await fresh.close();
    }
  });
});
