// Rulebook worker: wires the PDF, embedding and storage adapters to the pipeline and exposes it
// as protocol handlers. Runs in the rulebook web worker.

import * as pdfjs from 'pdfjs-dist';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { getEmbeddingModel } from '../core/embedding-models';
import type { Handlers } from '../core/protocol';
import type { EmbeddingFallback, EngineStatus, RulebookOps } from '../core/rulebook-ops';
import { listRulebookSummaries } from '../core/storage-use';
import { RulebookService } from '../core/rulebook-service';
import { exportRulePack, importRulePack } from '../core/rule-pack-transfer';
import { backupFileName, exportEverything, importEverything } from '../core/backup-transfer';
import { diffEditions } from '../core/edition-diff';
import { askActiveBooks } from '../core/local-rules';
import { createGzip } from '../adapters/gzip';
import type { EmbedderDevice } from '../adapters/embedder';
import { configureOnnxForBrowser, pickDevice, readWasmThreads } from '../adapters/onnx-browser-env';
import { createPdfExtractor } from '../adapters/pdf';
import { sha256Hex } from '../adapters/hash';
import { openStore, type Store } from '../adapters/store';
import {
  EMBEDDING_MODEL_SETTING,
  listSearchModels,
  loadChosenSearchModel,
  loadSearchModelForSwitch,
} from './search-model-choice';
import { askWords, createWordSearch } from './word-search';

pdfjs.GlobalWorkerOptions.workerSrc = pdfWorkerUrl;

interface WorkerState {
  service: RulebookService;
  store: Store;
  backend: string;
  device: EmbedderDevice;
  /** Set when the chosen search model could not be loaded at start. */
  embeddingFallback?: EmbeddingFallback;
}

let ready: Promise<WorkerState> | undefined;
/** Set once `ready` has resolved; read without waiting. */
let started = false;
/** The word-only search used until the search model is up (then dropped, to free its copy of the index). */
let words: Promise<{ service: RulebookService; store: Store }> | undefined;

function startWords(): Promise<{ service: RulebookService; store: Store }> {
  words ??= (async () => {
    const store = await openStore({ onClose: () => (words = undefined) });
    const chosen = await store.getSetting<string>(EMBEDDING_MODEL_SETTING).catch(() => undefined);
    return { service: createWordSearch(store, chosen, sha256Hex), store };
  })();
  words.catch(() => (words = undefined));
  return words;
}

function start(onProgress?: (p: { stage: 'load-model'; done: number; total: number }) => void, wasmThreads?: number) {
  ready ??= (async () => {
    configureOnnxForBrowser({ numThreads: wasmThreads });
    const device = await pickDevice();
    onProgress?.({ stage: 'load-model', done: 0, total: 1 });
    // When another tab upgrades the database, this connection closes; the next call opens a fresh one
    // (or reports, in plain words, that this tab must be reloaded).
    const store = await openStore({ onClose: () => ((ready = undefined), (started = false)) });
    const { embedder, fallback } = await loadChosenSearchModel(store, device);
    onProgress?.({ stage: 'load-model', done: 1, total: 1 });
    const service = new RulebookService({
      extractor: createPdfExtractor(pdfjs, { standardFontDataUrl: undefined }),
      embedder,
      store,
      sha256Hex,
    });
    // An early question asked meanwhile may still be reading: it may fail now, and the page then waits for this.
    void words?.then(({ store: wordStore }) => wordStore.close(), () => undefined);
    words = undefined;
    return { service, store, backend: embedder.backend, device, embeddingFallback: fallback };
  })();
  ready.then(
    () => (started = true),
    () => {
      ready = undefined;
      started = false;
    },
  );
  return ready;
}

async function status(): Promise<EngineStatus> {
  const { service, backend, embeddingFallback } = await start();
  const model = getEmbeddingModel(service.modelId);
  return {
    modelId: service.modelId,
    modelName: model?.name ?? service.modelId,
    backend,
    dims: model?.dims ?? 0,
    documentEmbeddings: service.documentEmbeddings,
    queryEmbeddings: service.queryEmbeddings,
    wasmThreads: readWasmThreads(),
    crossOriginIsolated: self.crossOriginIsolated,
    embeddingFallback,
  };
}

export const rulebookHandlers: Handlers<RulebookOps> = {
  async init(payload, ctx) {
    await start(ctx.progress, payload.wasmThreads);
    return status();
  },
  stats: () => status(),
  async list() {
    const { store, service } = await start();
    return listRulebookSummaries(store, (hash) => service.keyFor(hash));
  },
  async add({ name, bytes }, ctx) {
    const { service } = await start();
    return service.addRulebook(name, new Uint8Array(bytes), { signal: ctx.signal, onProgress: ctx.progress });
  },
  async ask({ hash, question, search, keepOutOfRecent }, ctx) {
    const { service, store } = await start();
    if (!(await service.hasIndex(hash))) await service.reindex(hash, { signal: ctx.signal, onProgress: ctx.progress });
    const result = await service.ask(hash, question, search, { signal: ctx.signal });
    if (!keepOutOfRecent) await store.addRecentQuestion(hash, question);
    return result;
  },
  async askWords({ hash, question }, ctx) {
    // Once the search model is up, the full answer costs no more.
    if (ready && started) return (await start()).service.ask(hash, question, undefined, { signal: ctx.signal });
    return askWords((await startWords()).service, hash, question, ctx.signal);
  },
  async rename({ hash, name }) {
    const { store } = await start();
    await store.renameRulebook(hash, name);
  },
  async remove({ hash }) {
    const { service } = await start();
    await service.deleteRulebook(hash);
  },
  async units({ hash }) {
    const { service } = await start();
    return (await service.load(hash)).index.units;
  },
  async embeddingModels() {
    const { service } = await start();
    return listSearchModels(service.modelId);
  },
  async useEmbeddingModel({ modelId }, ctx) {
    const state = await start();
    if (state.service.modelId !== modelId) {
      const embedder = await loadSearchModelForSwitch(modelId, { device: state.device, signal: ctx.signal, onProgress: ctx.progress });
      state.service.setEmbedder(embedder);
      state.backend = embedder.backend;
    }
    state.embeddingFallback = undefined;
    await state.store.setSetting(EMBEDDING_MODEL_SETTING, modelId);
    return status();
  },
  async reindex({ hash }, ctx) {
    const { service } = await start();
    return service.reindex(hash, { signal: ctx.signal, onProgress: ctx.progress });
  },
  async exportPack({ hash }, ctx) {
    const { service, store } = await start();
    const { bytes, fileName } = await exportRulePack({ store, service, sha256Hex, compression: createGzip() }, hash);
    const buffer = bytes.buffer as ArrayBuffer;
    ctx.transfer([buffer]);
    return { bytes: buffer, fileName };
  },
  async importPack({ bytes }, ctx) {
    const { service, store } = await start();
    const deps = { store, service, sha256Hex, compression: createGzip() };
    return importRulePack(deps, new Uint8Array(bytes), { signal: ctx.signal, onProgress: ctx.progress });
  },
  async exportEverything({ pageSettings }, ctx) {
    const { service, store } = await start();
    const bytes = await exportEverything({ store, service, sha256Hex, compression: createGzip() }, pageSettings);
    const buffer = bytes.buffer as ArrayBuffer;
    ctx.transfer([buffer]);
    return { bytes: buffer, fileName: backupFileName(new Date()) };
  },
  async importEverything({ bytes }, ctx) {
    const { service, store } = await start();
    const deps = { store, service, sha256Hex, compression: createGzip() };
    return importEverything(deps, new Uint8Array(bytes), { signal: ctx.signal, onProgress: ctx.progress });
  },
  async compareEditions({ oldHash, newHash }) {
    const { service } = await start();
    const [before, after] = await Promise.all([service.load(oldHash), service.load(newHash)]);
    return diffEditions(before.index.units, after.index.units);
  },
  async askActive({ books, question }, ctx) {
    const { service, store } = await start();
    for (const { hash } of books) if (!(await service.hasIndex(hash))) await service.reindex(hash, { signal: ctx.signal, onProgress: ctx.progress });
    const combined = await askActiveBooks((hash, q) => service.ask(hash, q, undefined, { signal: ctx.signal }), books, question);
    for (const { hash } of books) await store.addRecentQuestion(hash, question);
    return combined;
  },
  async recent({ hash }) {
    const { store } = await start();
    return store.listRecentQuestions(hash);
  },
};
