// Shared steps for the installable-app end-to-end tests: wait for the status line, read the worker's
// counters, record CSP violations. Asking a question is in app-helpers.ts. Node side of the e2e tests.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The shell's status line (screens may hold status elements of their own). */
export async function waitForStatus(page: Page, pattern: RegExp, timeout = 60_000): Promise<void> {
  await expect.poll(() => page.locator('header [role="status"]').textContent(), { timeout }).toMatch(pattern);
}

export function readStats(page: Page): Promise<{ documentEmbeddings: number; queryEmbeddings: number }> {
  return page.evaluate(() =>
    (window as unknown as { pitchside: { stats(): Promise<{ documentEmbeddings: number; queryEmbeddings: number }> } }).pitchside.stats(),
  );
}

/** Records Content-Security-Policy violations from the first script on. */
export async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations ?? []);
}
