// Ten rulebooks stored at once, for `npm run bench:browser`: with ten rulebooks on the device, how long
// listing them takes, switching from one to another in Settings, the first answer after a switch (the
// rulebook's index read from storage the first time round) and questions, and the storage each uses.
// Node, driving the built app in headless Chromium.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RulebookSummary } from '../src/core/rulebook-ops';
import { buildRulebookPdf } from '../tests/fixtures/make-pdf';
import { enlargedSampleRulebook } from '../tests/fixtures/sample-rulebook';
import type { PreviewServer } from '../tests/e2e/harness';
import { askThroughUi, openSettledApp, percentile, round, waitForStatus } from './bench-ui';

export const LIBRARY_SIZE = 10;
const LIST_RUNS = 20;
/** Rounds through every rulebook: the first reads each index from storage, the second finds it loaded. */
const SWITCH_ROUNDS = 2;
/** Questions asked on each rulebook per round after the first answer. */
const QUESTIONS_PER_VISIT = 3;

interface BenchWindow {
  pitchside: { app: { library: { books(): RulebookSummary[]; refresh(): Promise<void> } } };
}

/**
 * The rulebooks to store: the given PDFs first, then generated sample rulebooks of growing length (the
 * sample's sections repeated 1, 2, 3… times) until there are `count`.
 */
export async function writeLibraryPdfs(given: string[], count = LIBRARY_SIZE): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pitchside-bench-library-'));
  const paths = given.slice(0, count);
  for (let copies = 1; paths.length < count; copies++) {
    const path = join(dir, `sample-rules-${copies}x.pdf`);
    writeFileSync(path, await buildRulebookPdf({ book: enlargedSampleRulebook(copies) }));
    paths.push(path);
  }
  return paths;
}

/** Chromium's usage figure for the origin's IndexedDB (`usageDetails`, not standard); null elsewhere. */
const indexedDbUsage = (page: Page) =>
  page.evaluate(async () => {
    const estimate = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
    return estimate.usageDetails?.indexedDB ?? null;
  });

const books = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).pitchside.app.library.books());

/** Lists the rulebooks again (the worker reads the store, every view re-renders); milliseconds in the page. */
const timeListing = (page: Page) =>
  page.evaluate(async () => {
    const start = performance.now();
    await (window as unknown as BenchWindow).pitchside.app.library.refresh();
    return performance.now() - start;
  });

/**
 * Chooses a rulebook the way a referee does: its button in Settings' Rulebooks list, then Ask. Resolves
 * once the next frame is drawn with it chosen; milliseconds from the tap.
 */
const timeSwitch = (page: Page, hash: string) =>
  page.evaluate(async (h) => {
    // No named helpers in here: tsx would wrap them in a function the page does not have.
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('nav a'));
    links.find((a) => a.textContent === 'Settings')!.click();
    const button = document.getElementById(`book-${h.slice(0, 12)}`) as HTMLButtonElement;
    const start = performance.now();
    button.click();
    links.find((a) => a.textContent === 'Ask')!.click();
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const chosen = document.getElementById(`book-${h.slice(0, 12)}`)?.getAttribute('aria-pressed') === 'true';
    if (!chosen) throw new Error(`rulebook ${h.slice(0, 12)} was not chosen`);
    return performance.now() - start;
  }, hash);

export interface LibraryOptions {
  server: PreviewServer;
  pdfs: string[];
  questions: string[];
}

export async function measureTenRulebooks(opts: LibraryOptions) {
  const session = await openSettledApp(opts.server);
  try {
    const { page } = session;
    // The browser's own figure for IndexedDB (Chromium), before and after each rulebook: what it takes on disk.
    const diskDeltas = new Map<string, number | null>();
    let addAllMs = 0;
    for (const pdf of opts.pdfs) {
      const before = await indexedDbUsage(page);
      const start = Date.now();
      await page.getByLabel('Add rulebook (PDF)').setInputFiles(pdf);
      await waitForStatus(page, /^Ready — .* indexed/);
      addAllMs += Date.now() - start;
      const after = await indexedDbUsage(page);
      diskDeltas.set(basename(pdf, '.pdf'), before !== null && after !== null ? after - before : null);
    }

    // Opening the app with ten rulebooks stored.
    const reloadStart = Date.now();
    await page.reload();
    await waitForStatus(page, /^Ready/);
    const reloadReadyMs = Date.now() - reloadStart;

    const list: number[] = [];
    for (let i = 0; i < LIST_RUNS; i++) list.push(await timeListing(page));

    const stored = await books(page);
    const switches: number[] = [];
    const firstAnswerCold: number[] = [];
    const firstAnswerWarm: number[] = [];
    const asks: number[] = [];
    let q = 0;
    const next = () => opts.questions[q++ % opts.questions.length];
    for (let round = 0; round < SWITCH_ROUNDS; round++) {
      for (const book of stored) {
        switches.push(await timeSwitch(page, book.hash));
        (round === 0 ? firstAnswerCold : firstAnswerWarm).push(await askThroughUi(page, next(), { paint: true }));
        for (let i = 0; i < QUESTIONS_PER_VISIT; i++) asks.push(await askThroughUi(page, next(), { paint: true }));
      }
    }

    const storage = (await books(page)).map((b) => ({
      name: b.name,
      pages: b.pageCount,
      passages: b.chunkCount ?? 0,
      stored_bytes: b.storedBytes ?? null,
      indexeddb_usage_delta_bytes: diskDeltas.get(b.name) ?? null,
    }));
    const usage = await indexedDbUsage(page);
    return {
      ten_rulebooks: stored.length,
      ten_add_all_ms: addAllMs,
      ten_reload_ready_ms: reloadReadyMs,
      ten_list_runs: LIST_RUNS,
      ten_list_p50_ms: round(percentile(list, 50)),
      ten_list_p95_ms: round(percentile(list, 95)),
      ten_switch_runs: switches.length,
      ten_switch_p50_ms: round(percentile(switches, 50)),
      ten_switch_p95_ms: round(percentile(switches, 95)),
      ten_first_answer_after_switch_cold_p50_ms: round(percentile(firstAnswerCold, 50)),
      ten_first_answer_after_switch_cold_p95_ms: round(percentile(firstAnswerCold, 95)),
      ten_first_answer_after_switch_warm_p50_ms: round(percentile(firstAnswerWarm, 50)),
      ten_first_answer_after_switch_warm_p95_ms: round(percentile(firstAnswerWarm, 95)),
      ten_ask_runs: asks.length,
      ten_ask_p50_ms: round(percentile(asks, 50)),
      ten_ask_p95_ms: round(percentile(asks, 95)),
      ten_stored_bytes_total: storage.reduce((sum, b) => sum + (b.stored_bytes ?? 0), 0),
      ten_indexeddb_usage_bytes: usage,
      ten_storage: storage,
    };
  } finally {
    await session.close();
  }
}
