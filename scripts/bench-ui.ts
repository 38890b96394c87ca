// Shared by the browser benchmarks: asking a question through the app's own Ask screen, waiting for the
// status line, and the figures' rounding and percentiles.

import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession, type PreviewServer } from '../tests/e2e/harness';

/** How long indexing or a reload may take before a benchmark gives up (the 534-page book on a slow machine). */
export const READY_TIMEOUT_MS = 300_000;

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** Nearest-rank percentile; NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Lets the service worker finish precaching before a benchmark's clock starts. */
const SETTLE_MS = 3000;

/** A fresh profile with the app open (at `query`), ready for a rulebook, its precaching settled. */
export async function openSettledApp(server: PreviewServer, query = ''): Promise<BrowserSession> {
  const session = await openBrowser();
  await session.page.goto(server.url + query);
  await waitForStatus(session.page, /Add a rulebook/);
  await session.page.waitForTimeout(SETTLE_MS);
  return session;
}

/** Resolves once the header's status line matches. */
export async function waitForStatus(page: Page, pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('header [role=status]')?.textContent ?? ''),
    pattern.source,
    { timeout: READY_TIMEOUT_MS, polling: 10 },
  );
}

/**
 * Types a question and presses Ask inside the page; resolves once the Answer region holds the new answer
 * (with `paint`, also once the next frame is drawn). Returns the milliseconds taken.
 */
export function askThroughUi(page: Page, question: string, opts: { paint?: boolean } = {}): Promise<number> {
  return page.evaluate(
    async ({ q, paint }) => {
      const region = document.querySelector('section[aria-label="Answer"]') as HTMLElement;
      const input = document.getElementById('question') as HTMLInputElement;
      // The Ask screen marks the region busy while it looks the answer up, then counts the answer shown.
      const before = region.dataset.answerId;
      const updated = new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (region.dataset.answerId !== before && region.getAttribute('aria-busy') === 'false') {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(region, { attributes: true, attributeFilter: ['aria-busy', 'data-answer-id'] });
      });
      const start = performance.now();
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      (document.querySelector('form.ask button[type=submit]') as HTMLButtonElement).click();
      await updated;
      if (paint) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      return performance.now() - start;
    },
    { q: question, paint: opts.paint ?? false },
  );
}
