// Answers from the word index alone, while the search model is still starting: a question asked the moment
// the app opens needs only the stored index and BM25, not the ONNX runtime. The full (hybrid) answer
// follows once the model is up. Runs in the rulebook web worker.

import { DEFAULT_EMBEDDING_MODEL_ID, getEmbeddingModel, type EmbeddingModelInfo } from '../core/embedding-models';
import type { Embedder } from '../core/embedder';
import { AppError } from '../core/errors';
import type { RulebookStore } from '../core/ports';
import { DEFAULT_SEARCH, RulebookService, type AskResult } from '../core/rulebook-service';

/** Stands in for the model: it names the model whose index is read, and never embeds. */
export function createWordsOnlyEmbedder(model: EmbeddingModelInfo): Embedder {
  const refuse = () => new AppError('unknown', 'the word index has no vectors; wait for the search model');
  return {
    model,
    backend: 'wasm',
    countTokens: () => {
      throw refuse();
    },
    embed: () => Promise.reject(refuse()),
  };
}

/** A service over the stored index of the chosen search model (or the shipped one) that searches words only. */
export function createWordSearch(store: RulebookStore, chosenModelId: string | undefined, sha256Hex: (b: Uint8Array) => Promise<string>): RulebookService {
  const model = (chosenModelId && getEmbeddingModel(chosenModelId)) || (getEmbeddingModel(DEFAULT_EMBEDDING_MODEL_ID) as EmbeddingModelInfo);
  return new RulebookService({
    extractor: { extract: () => Promise.reject(new AppError('unknown', 'the word index cannot read PDFs')) },
    embedder: createWordsOnlyEmbedder(model),
    store,
    sha256Hex,
  });
}

export function askWords(service: RulebookService, hash: string, question: string, signal?: AbortSignal): Promise<AskResult> {
  return service.ask(hash, question, { ...DEFAULT_SEARCH, retrieval: 'bm25' }, { signal });
}
