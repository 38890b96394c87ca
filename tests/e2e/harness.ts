// End-to-end harness: serves the built app with `vite preview` and drives Debian's Chromium
// through playwright-core. Every request the page makes is logged for the privacy checks.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = new URL('../..', import.meta.url).pathname;

export interface PreviewServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `vite preview` on a free-ish port and resolves once it answers. */
export async function startPreview(port = 4173 + Math.floor(Math.random() * 500)): Promise<PreviewServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
      // A separate build folder lets several builds be tested side by side.
      ...(process.env.PITCHSIDE_DIST ? ['--outDir', process.env.PITCHSIDE_DIST] : []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`vite preview did not start on ${url}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  requests: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile; `persistent` keeps IndexedDB/SW across reloads. */
export async function openBrowser(opts: { viewport?: { width: number; height: number }; webgpu?: boolean } = {}): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'pitchside-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ];
  if (opts.webgpu) args.push('--enable-unsafe-webgpu');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    viewport: opts.viewport ?? { width: 390, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  context.on('request', (req) => requests.push(req.url()));
  return {
    browser: context.browser() as Browser,
    context,
    page,
    requests,
    // The profile (IndexedDB, caches, the service worker) is ~100 MB after a test: removed with the session, or
    // a run of the suite leaves gigabytes in the temp folder.
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** Origins other than the app's own among logged requests (data:/blob: URLs are local). */
export function foreignOrigins(requests: string[], appUrl: string): string[] {
  const own = new URL(appUrl).origin;
  return [
    ...new Set(
      requests
        .filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && !u.startsWith('chrome-extension:'))
        .map((u) => new URL(u).origin)
        .filter((o) => o !== own),
    ),
  ];
}
