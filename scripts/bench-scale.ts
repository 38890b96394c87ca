// Scale and soak measurements for `npm run bench:browser -- --scale-pdf <big.pdf>`: a large rulebook to
// Ready with where the time goes (from the status line's stages), question latency on it, and a soak of many
// questions switching rulebooks, with the page's and the worker's heap at its start and end. Node, driving
// the built app in headless Chromium.

import type { Page } from 'playwright-core';
import type { PreviewServer } from '../tests/e2e/harness';
import { askThroughUi, openSettledApp, percentile, round, waitForStatus } from './bench-ui';

const WARMUP_RUNS = 3;
/** Heap measured this often during the soak too, to tell a leak (steady growth) from warm-up (a step). */
const HEAP_SAMPLE_EVERY = 500;

/** What main.ts exposes for measurements: the app's rulebook library. */
interface BenchWindow {
  pitchside: { app: { library: { books(): { hash: string }[]; select(hash: string): void } } };
}

/** The status line's stages in order, each with when it was first shown (ms after the file was chosen). */
const STAGES: [string, RegExp][] = [
  ['read_file_and_hash', /^Reading file/],
  ['pdfjs_pages', /^Reading pages/],
  ['layout_structure_chunking', /^Splitting into clauses/],
  ['embedding', /^Indexing clauses/],
  ['saving_and_loading', /^Saving on this device/],
  ['ready', /^Ready/],
];

async function startTimeline(page: Page): Promise<void> {
  await page.evaluate(() => {
    const status = document.querySelector('header [role=status]')!;
    const log: [number, string][] = [];
    Object.assign(window, { benchTimeline: log, benchTimelineStart: performance.now() });
    new MutationObserver(() => log.push([performance.now(), status.textContent ?? ''])).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}

/**
 * Stage durations from the status timeline. The page shows "Reading pages" while pdf.js reads and the lines
 * are laid out; structure recovery and chunking run before "Splitting into clauses" is shown, so that stage's
 * time is the gap from the last page to it.
 */
async function readTimeline(page: Page): Promise<Record<string, number>> {
  const { log, start } = await page.evaluate(() => {
    const w = window as unknown as { benchTimeline: [number, string][]; benchTimelineStart: number };
    return { log: w.benchTimeline, start: w.benchTimelineStart };
  });
  const first = (pattern: RegExp) => log.find(([, text]) => pattern.test(text))?.[0];
  const last = (pattern: RegExp) => [...log].reverse().find(([, text]) => pattern.test(text))?.[0];
  const at = Object.fromEntries(STAGES.map(([name, pattern]) => [name, first(pattern)]));
  const lastPage = last(/^Reading pages/);
  const embedStart = at.embedding ?? at.layout_structure_chunking;
  const t = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined ? round(b - a) : NaN);
  return {
    read_file_and_hash_ms: t(start, at.pdfjs_pages),
    pdfjs_and_layout_ms: t(at.pdfjs_pages, lastPage),
    structure_and_chunking_ms: t(lastPage, embedStart),
    embedding_ms: t(embedStart, at.saving_and_loading),
    saving_and_loading_ms: t(at.saving_and_loading, at.ready),
    total_ms: t(start, at.ready),
  };
}

/**
 * The page's and the rulebook worker's JS heap, by the browser's own measurement where it has one, after a
 * full collection of the page's heap (the page's heap is ~6 MB, and uncollected garbage alone moves it ±15 %).
 * measureUserAgentSpecificMemory counts what a full mark finds alive, in the worker too, so garbage there
 * is not counted either; performance.memory (the fallback) counts the page alone.
 */
async function measureHeap(page: Page): Promise<{ page_bytes: number | null; worker_bytes: number | null; method: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  return page.evaluate(async () => {
    const perf = performance as Performance & {
      measureUserAgentSpecificMemory?: () => Promise<{ breakdown: { bytes: number; attribution: { scope: string }[] }[] }>;
    };
    if (perf.measureUserAgentSpecificMemory && crossOriginIsolated) {
      const result = await perf.measureUserAgentSpecificMemory();
      let pageBytes = 0;
      let workerBytes = 0;
      for (const entry of result.breakdown) {
        const scopes = entry.attribution.map((a) => a.scope);
        if (scopes.includes('DedicatedWorkerGlobalScope')) workerBytes += entry.bytes;
        else if (scopes.includes('Window')) pageBytes += entry.bytes;
      }
      return { page_bytes: pageBytes, worker_bytes: workerBytes, method: 'measureUserAgentSpecificMemory' };
    }
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return { page_bytes: memory?.usedJSHeapSize ?? null, worker_bytes: null, method: 'performance.memory' };
  });
}

export interface ScaleOptions {
  server: PreviewServer;
  bigPdf: string;
  /** A second rulebook the soak switches to and from. */
  otherPdf: string;
  questions: string[];
  queryRuns: number;
  soakQuestions: number;
  soakSwitchEvery: number;
}

/** The big rulebook to Ready (with its stages), question latency on it, then the soak. */
export async function measureScale(opts: ScaleOptions) {
  const session = await openSettledApp(opts.server);
  try {
    const { page } = session;
    await startTimeline(page);
    await page.getByLabel('Add rulebook (PDF)').setInputFiles(opts.bigPdf);
    await waitForStatus(page, /^Ready/);
    const stages = await readTimeline(page);
    const readyStatus = await page.locator('header [role=status]').textContent();

    for (let i = 0; i < WARMUP_RUNS; i++) await askThroughUi(page, opts.questions[i % opts.questions.length]);
    const times: number[] = [];
    for (let i = 0; i < opts.queryRuns; i++) times.push(await askThroughUi(page, opts.questions[i % opts.questions.length]));

    const soak = await measureSoak(page, opts);
    return {
      scale_pdf_status: readyStatus,
      scale_index_ms: stages.total_ms,
      scale_stages: stages,
      scale_query_runs: opts.queryRuns,
      scale_query_p50_ms: round(percentile(times, 50)),
      scale_query_p95_ms: round(percentile(times, 95)),
      ...soak,
    };
  } finally {
    await session.close();
  }
}

/** Many questions in a row, switching between the two rulebooks every so often; heap at start and end. */
async function measureSoak(page: Page, opts: ScaleOptions) {
  await page.getByLabel('Add rulebook (PDF)').setInputFiles(opts.otherPdf);
  await waitForStatus(page, /^Ready/);
  const hashes = await page.evaluate(() => (window as unknown as BenchWindow).pitchside.app.library.books().map((b) => b.hash));
  const heapStart = await measureHeap(page);
  const samples: { questions: number; page_bytes: number | null; worker_bytes: number | null }[] = [];
  const times: number[] = [];
  const started = Date.now();
  // Growth is reported from the start. A second reading, once every rulebook has been asked about once, tells
  // warm-up (a step in the first cycle) from a leak (growth in every cycle).
  const warmedAt = opts.soakSwitchEvery * hashes.length;
  let heapWarmed = heapStart;
  for (let i = 0; i < opts.soakQuestions; i++) {
    if (i === warmedAt) heapWarmed = await measureHeap(page);
    if (i > 0 && i % HEAP_SAMPLE_EVERY === 0) {
      const heap = await measureHeap(page);
      samples.push({ questions: i, page_bytes: heap.page_bytes, worker_bytes: heap.worker_bytes });
    }
    if (i % opts.soakSwitchEvery === 0) {
      const hash = hashes[(i / opts.soakSwitchEvery) % hashes.length];
      await page.evaluate((h) => (window as unknown as BenchWindow).pitchside.app.library.select(h), hash);
    }
    times.push(await askThroughUi(page, opts.questions[i % opts.questions.length]));
  }
  const soakMs = Date.now() - started;
  const heapEnd = await measureHeap(page);
  const growth = (a: number | null, b: number | null) => (a && b ? round(((b - a) / a) * 100, 1) : null);
  return {
    soak_questions: opts.soakQuestions,
    soak_warmed_after_questions: warmedAt,
    soak_switch_every: opts.soakSwitchEvery,
    soak_rulebooks: hashes.length,
    soak_ms: soakMs,
    soak_query_p50_ms: round(percentile(times, 50)),
    soak_query_p95_ms: round(percentile(times, 95)),
    soak_heap_method: heapEnd.method,
    soak_page_heap_start_bytes: heapStart.page_bytes,
    soak_page_heap_warmed_bytes: heapWarmed.page_bytes,
    soak_page_heap_end_bytes: heapEnd.page_bytes,
    soak_page_heap_growth_pct: growth(heapStart.page_bytes, heapEnd.page_bytes),
    soak_page_heap_growth_from_warmed_pct: growth(heapWarmed.page_bytes, heapEnd.page_bytes),
    soak_worker_heap_start_bytes: heapStart.worker_bytes,
    soak_worker_heap_warmed_bytes: heapWarmed.worker_bytes,
    soak_worker_heap_end_bytes: heapEnd.worker_bytes,
    soak_worker_heap_growth_pct: growth(heapStart.worker_bytes, heapEnd.worker_bytes),
    soak_worker_heap_growth_from_warmed_pct: growth(heapWarmed.worker_bytes, heapEnd.worker_bytes),
    soak_heap_samples: samples,
  };
}
