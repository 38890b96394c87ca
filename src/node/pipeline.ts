// The app's retrieval pipeline wired for Node: the same service, with pdf.js's legacy build, the
// shipped embedding model from public/models, and IndexedDB from fake-indexeddb (in memory).
// Used by the evaluation CLI, the benchmarks and the integration tests.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createEmbedder } from '../adapters/embedder';
import { sha256Hex } from '../adapters/hash';
import { createPdfExtractor } from '../adapters/pdf';
import { openStore } from '../adapters/store';
import { DEFAULT_EMBEDDING_MODEL_ID } from '../core/embedding-models';
import type { Embedder } from '../core/embedder';
import { RulebookService } from '../core/rulebook-service';
import type { ChunkSettings } from '../core/types';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const MODELS_DIR = join(ROOT, 'public/models/');

const require = createRequire(import.meta.url);
const STANDARD_FONTS = pathToFileURL(join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts/')).href;

export function createNodeExtractor() {
  return createPdfExtractor(pdfjs as never, { standardFontDataUrl: STANDARD_FONTS });
}

export async function createNodeEmbedder(modelId = DEFAULT_EMBEDDING_MODEL_ID): Promise<Embedder> {
  return createEmbedder({
    modelId,
    localModelPath: MODELS_DIR,
    allowRemote: false,
    device: 'cpu',
    readModelFile: (id, file) => readFile(join(MODELS_DIR, id, file), 'utf8'),
  });
}

export async function createNodeService(
  opts: { modelId?: string; chunking?: ChunkSettings; embedder?: Embedder } = {},
): Promise<RulebookService> {
  const embedder = opts.embedder ?? (await createNodeEmbedder(opts.modelId));
  const store = await openStore({ name: `pitchside-node-${Math.random()}`, indexedDB: new IDBFactory() });
  const service = new RulebookService({ extractor: createNodeExtractor(), embedder, store, sha256Hex });
  if (opts.chunking) service.chunking = opts.chunking;
  return service;
}
