// `npm run bench:browser -- --pdf <file.pdf> [--json out.json] [--queries N]`: the built app in headless
// Chromium (run `npm run build` first): indexing through the real workers and IndexedDB, reload until the
// app can answer, question-to-answer time through the UI, cold open (cached, offline) to first answer, rule
// pack size and import to first answer, WASM threads, and ten rulebooks stored at once (listing, switching,
// asking, storage per rulebook). Node, driving the browser.

import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { parseQuestionFile } from '../src/core/question-file';
import type { EngineStatus } from '../src/core/rulebook-ops';
import { openBrowser, startPreview, type PreviewServer } from '../tests/e2e/harness';
import { measureTenRulebooks, writeLibraryPdfs } from './bench-library';
import { measureScale } from './bench-scale';
import { askThroughUi, openSettledApp, percentile, READY_TIMEOUT_MS, round, waitForStatus } from './bench-ui';

const DEFAULT_QUESTIONS = new URL('../eval/questions/fit-touch-5th.jsonl', import.meta.url);
const DEFAULT_QUERY_RUNS = 40;
const WARMUP_RUNS = 3;
const USAGE =
  'Usage: npm run build && npm run bench:browser -- --pdf <file.pdf> [--json out.json] [--queries N] [--qa questions.jsonl] [--scale-pdf <big.pdf> [--soak-questions N]]';

const statusText = (page: Page) => page.locator('header [role=status]').textContent();
const stats = (page: Page) =>
  page.evaluate(() => (window as unknown as { pitchside: { stats(): Promise<EngineStatus> } }).pitchside.stats());

/** Fresh profile: opens the app (with `query`), waits for the model, adds the PDF and times it until Ready. */
async function measureIndexing(server: PreviewServer, pdfPath: string, query: string) {
  // The service worker precaches the app meanwhile; the settling pause keeps that out of the indexing time.
  const session = await openSettledApp(server, query);
  const { page } = session;
  const start = Date.now();
  await page.getByLabel('Add rulebook (PDF)').setInputFiles(pdfPath);
  await waitForStatus(page, /^Ready/);
  const indexMs = Date.now() - start;
  const status = await statusText(page);
  const engine = await stats(page);
  const pageIsolated = await page.evaluate(() => crossOriginIsolated);
  return { session, page, indexMs, status, engine, pageIsolated };
}

// ---- Cold open to first answer (cached, offline) ------------------------------------------------------
// The pitchside path: the app is installed (service worker in control, rulebook stored), the phone is
// offline, the referee opens the app and asks at once. Each run reloads with the network cut; the question is
// typed and Ask pressed the moment the page is there (DOMContentLoaded), and times are read in the page from
// the start of the navigation: until the first answer is on screen (the word-index answer while the search
// model starts, or the full one), and until the full answer is in place.

const COLD_OPEN_RUNS = 5;

interface ColdOpenRun {
  asked_at_ms: number;
  first_answer_at_ms: number;
  first_answer_stage: string;
  full_answer_at_ms: number;
}

async function measureColdOpen(page: Page, question: string, runs = COLD_OPEN_RUNS) {
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), undefined, { timeout: READY_TIMEOUT_MS });
  await page.addInitScript((q) => {
    if (sessionStorage.getItem('bench-cold-open') !== q) return;
    sessionStorage.removeItem('bench-cold-open');
    addEventListener('DOMContentLoaded', () => {
      const region = document.querySelector('section[aria-label="Answer"]') as HTMLElement;
      const times: Record<string, number | string> = {};
      const observer = new MutationObserver(() => {
        const stage = region.dataset.stage;
        if (stage && times.first === undefined) Object.assign(times, { first: performance.now(), stage });
        if (stage === 'full' && region.dataset.question === q && region.getAttribute('aria-busy') === 'false') {
          observer.disconnect();
          Object.assign(window, { benchColdOpen: { ...times, full: performance.now() } });
        }
      });
      observer.observe(region, { attributes: true, attributeFilter: ['aria-busy', 'data-question', 'data-stage'] });
      (document.getElementById('question') as HTMLInputElement).value = q;
      times.asked = performance.now();
      (document.querySelector('form.ask button[type=submit]') as HTMLButtonElement).click();
    });
  }, question);
  const results: ColdOpenRun[] = [];
  await page.context().setOffline(true);
  try {
    for (let i = 0; i < runs; i++) {
      await page.evaluate((q) => sessionStorage.setItem('bench-cold-open', q), question);
      await page.reload();
      const handle = await page.waitForFunction(() => (window as unknown as { benchColdOpen?: object }).benchColdOpen, undefined, {
        timeout: READY_TIMEOUT_MS,
        polling: 10,
      });
      const t = (await handle.jsonValue()) as { asked: number; first: number; stage: string; full: number };
      results.push({ asked_at_ms: round(t.asked), first_answer_at_ms: round(t.first), first_answer_stage: t.stage, full_answer_at_ms: round(t.full) });
    }
  } finally {
    await page.context().setOffline(false);
  }
  const first = results.map((r) => r.first_answer_at_ms);
  const full = results.map((r) => r.full_answer_at_ms);
  return {
    cold_open_first_answer_p50_ms: round(percentile(first, 50)),
    cold_open_first_answer_max_ms: Math.max(...first),
    cold_open_full_answer_p50_ms: round(percentile(full, 50)),
    cold_open_runs: results,
  };
}
// ---- end of cold open --------------------------------------------------------------------------------

// ---- Rule pack: size, and import to first answer ----------------------------------------------------
// The rulebook indexed above is exported with "Export rule pack" (its size in bytes); a fresh profile, the
// "new phone", imports it with "Import rule pack": the time from choosing the file until the app is Ready,
// until the first answer is on screen, and the document embeddings that cost (0 with the same search model).

async function measureRulePack(server: PreviewServer, page: Page, question: string) {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Settings', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export rule pack', exact: true }).click(),
  ]);
  const packPath = join(mkdtempSync(join(tmpdir(), 'pitchside-bench-pack-')), download.suggestedFilename());
  await download.saveAs(packPath);
  const phone = await openBrowser();
  try {
    await phone.page.goto(server.url);
    await waitForStatus(phone.page, /Add a rulebook/);
    const start = Date.now();
    await phone.page.getByLabel('Import rule pack', { exact: true }).setInputFiles(packPath);
    await waitForStatus(phone.page, /imported from a rule pack/);
    const readyMs = Date.now() - start;
    await askThroughUi(phone.page, question, { paint: true });
    const firstAnswerMs = Date.now() - start;
    return {
      pack_bytes: statSync(packPath).size,
      pack_import_ready_ms: readyMs,
      pack_import_to_first_answer_ms: firstAnswerMs,
      pack_import_document_embeddings: (await stats(phone.page)).documentEmbeddings,
    };
  } finally {
    await phone.close();
  }
}
// ---- end of rule pack ---------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({
    options: {
      pdf: { type: 'string' },
      json: { type: 'string' },
      queries: { type: 'string' },
      qa: { type: 'string' },
      // A large rulebook (the 534-page one): time to Ready with its stages, latency, and the soak (bench-scale.ts).
      'scale-pdf': { type: 'string' },
      'soak-questions': { type: 'string' },
    },
  });
  if (!values.pdf) {
    console.error(USAGE);
    process.exit(2);
  }
  const queryRuns = Number(values.queries ?? DEFAULT_QUERY_RUNS);
  const questions = parseQuestionFile(readFileSync(values.qa ?? DEFAULT_QUESTIONS, 'utf8')).map((q) => q.question);
  const server = await startPreview();
  try {
    // 1. The app as shipped: index, then reload with the index cached, then questions through the UI.
    const main = await measureIndexing(server, values.pdf, '');
    const { page } = main;
    const reloadStart = Date.now();
    await page.reload();
    await waitForStatus(page, /^Ready/);
    const reloadReadyMs = Date.now() - reloadStart;
    const firstAnswerMs = await askThroughUi(page, questions[0], { paint: true });
    const afterReload = await stats(page);
    for (let i = 0; i < WARMUP_RUNS; i++) await askThroughUi(page, questions[(i + 1) % questions.length], { paint: true });
    const times: number[] = [];
    for (let i = 0; i < queryRuns; i++) times.push(await askThroughUi(page, questions[i % questions.length], { paint: true }));
    const coldOpen = await measureColdOpen(page, questions[0]);
    const rulePack = await measureRulePack(server, page, questions[0]);
    const hardwareConcurrency = await page.evaluate(() => navigator.hardwareConcurrency);
    const browserVersion = main.session.context.browser()?.version() ?? 'chromium';
    await main.session.close();

    // 2. Indexing with the WASM threads fixed: 1, and every core.
    const threadRuns = [{ setting: 'default', wasm_threads: main.engine.wasmThreads ?? null, index_ms: main.indexMs }];
    for (const n of [...new Set([1, hardwareConcurrency])]) {
      const run = await measureIndexing(server, values.pdf, `?threads=${n}`);
      threadRuns.push({ setting: `threads=${n}`, wasm_threads: run.engine.wasmThreads ?? null, index_ms: run.indexMs });
      await run.session.close();
    }
    const single = threadRuns.find((r) => r.setting === 'threads=1')?.index_ms;
    const multi = Math.min(...threadRuns.filter((r) => (r.wasm_threads ?? 1) > 1).map((r) => r.index_ms));

    const result = {
      pdf: basename(values.pdf),
      browser: `headless ${browserVersion}`,
      machine: `${process.platform} ${process.arch}, ${hardwareConcurrency} logical cores`,
      date: new Date().toISOString(),
      model: main.engine.modelId,
      backend: main.engine.backend,
      cross_origin_isolated: main.pageIsolated,
      worker_cross_origin_isolated: main.engine.crossOriginIsolated ?? null,
      wasm_threads: main.engine.wasmThreads ?? null,
      multi_threaded: (main.engine.wasmThreads ?? 1) > 1,
      indexed_status: main.status,
      index_ms: main.indexMs,
      reload_ready_ms: reloadReadyMs,
      reload_first_answer_ms: round(firstAnswerMs),
      reload_document_embeddings: afterReload.documentEmbeddings,
      query_runs: queryRuns,
      query_p50_ms: round(percentile(times, 50)),
      query_p95_ms: round(percentile(times, 95)),
      ...coldOpen,
      ...rulePack,
      index_by_threads: threadRuns,
      multi_thread_index_speedup: single && Number.isFinite(multi) ? round(single / multi, 2) : null,
    };
    // 3. Ten rulebooks stored at once: the two given PDFs and generated ones (bench-library.ts).
    const libraryPdfs = await writeLibraryPdfs([values.pdf, ...(values['scale-pdf'] ? [values['scale-pdf']] : [])]);
    Object.assign(result, await measureTenRulebooks({ server, pdfs: libraryPdfs, questions }));
    if (values['scale-pdf']) {
      Object.assign(
        result,
        await measureScale({
          server,
          bigPdf: values['scale-pdf'],
          otherPdf: values.pdf,
          questions,
          queryRuns: Math.max(queryRuns, 100),
          soakQuestions: Number(values['soak-questions'] ?? 2000),
          soakSwitchEvery: 100,
        }),
      );
    }
    const rows: [string, unknown][] = Object.entries(result).filter(([, v]) => typeof v !== 'object' || v === null);
    const stages = (result as { scale_stages?: Record<string, number> }).scale_stages ?? {};
    for (const [k, v] of Object.entries(stages)) rows.push([`scale ${k}`, v]);
    for (const r of threadRuns) rows.push([`index_ms (${r.setting}, ${r.wasm_threads ?? '?'} threads)`, r.index_ms]);
    const library = (result as { ten_storage?: { name: string; passages: number; stored_bytes: number | null }[] }).ten_storage ?? [];
    for (const b of library) rows.push([`ten_storage ${b.name} (${b.passages} passages)`, b.stored_bytes]);
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${String(v)}`).join('\n'));
    if (values.json) {
      writeFileSync(values.json, JSON.stringify(result, null, 2) + '\n');
      console.log(`\nwrote ${values.json}`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
