// Hardening in headless Chromium against `vite preview`: no other site can frame the app (headers from the
// server and from the service worker), and the built `_headers` file says the same.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/core/security-headers';
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

  it('a page of another site cannot show the app in a frame', async () => {
    server = await startPreview();
    const framer = await session.context.newPage();
    await framer.route('http://framer.test/', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<title>framer</title><iframe src="${server.url}"></iframe>` }),
    );
    await framer.goto('http://framer.test/');
    const frame = framer.locator('iframe');
    await frame.waitFor();
    // A refused frame ends on the browser's error page; an allowed one shows the app's title.
    await expect.poll(() => framer.frames().map((f) => f.url()), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/^chrome-error:/));
    const titles = await Promise.all(framer.frames().map((f) => f.title().catch(() => '')));
    expect(titles.join(' ')).not.toMatch(/Pitchside/);
    await framer.close();
  });
});

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
