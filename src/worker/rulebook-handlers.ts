// Rulebook worker: wires the PDF, embedding and storage adapters to the pipeline and exposes it
// as protocol handlers. Runs in the rulebook web worker.

import * as pdfjs from 'pdfjs-dist';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { getEmbeddingModel, DEFAULT_EMBEDDING_MODEL_ID } from '../core/embedding-models';
import type { Handlers } from '../core/protocol';
import type { EngineStatus, RulebookOps, RulebookSummary } from '../core/rulebook-ops';
import { RulebookService } from '../core/rulebook-service';
import { createEmbedder } from '../adapters/embedder';
import { configureOnnxForBrowser, pickDevice, readWasmThreads } from '../adapters/onnx-browser-env';
import { createPdfExtractor } from '../adapters/pdf';
import { sha256Hex } from '../adapters/hash';
import { openStore, type Store } from '../adapters/store';

pdfjs.GlobalWorkerOptions.workerSrc = pdfWorkerUrl;

let ready: Promise<{ service: RulebookService; store: Store; backend: string }> | undefined;

function start(onProgress?: (p: { stage: 'load-model'; done: number; total: number }) => void, wasmThreads?: number) {
  ready ??= (async () => {
    configureOnnxForBrowser({ numThreads: wasmThreads });
    const device = await pickDevice();
    const modelId = DEFAULT_EMBEDDING_MODEL_ID;
    onProgress?.({ stage: 'load-model', done: 0, total: 1 });
    const [embedder, store] = await Promise.all([createEmbedder({ modelId, device }), openStore()]);
    onProgress?.({ stage: 'load-model', done: 1, total: 1 });
    const service = new RulebookService({
      extractor: createPdfExtractor(pdfjs, { standardFontDataUrl: undefined }),
      embedder,
      store,
      sha256Hex,
    });
    return { service, store, backend: embedder.backend };
  })();
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

async function status(): Promise<EngineStatus> {
  const { service, backend } = await start();
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
    const books = await store.listRulebooks();
    return Promise.all(
      books.map(async (book): Promise<RulebookSummary> => {
        const indexes = await store.listIndexes(book.hash);
        const current = indexes.find((ix) => ix.key === service.keyFor(book.hash)) ?? indexes[0];
        return { ...book, modelId: current?.modelId, chunkCount: current?.chunkCount };
      }),
    );
  },
  async add({ name, bytes }, ctx) {
    const { service } = await start();
    return service.addRulebook(name, new Uint8Array(bytes), { signal: ctx.signal, onProgress: ctx.progress });
  },
  async ask({ hash, question, search, keepOutOfRecent }, ctx) {
    const { service, store } = await start();
    const result = await service.ask(hash, question, search, { signal: ctx.signal });
    if (!keepOutOfRecent) await store.addRecentQuestion(hash, question);
    return result;
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
  async recent({ hash }) {
    const { store } = await start();
    return store.listRecentQuestions(hash);
  },
};
