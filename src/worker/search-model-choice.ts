// The user's choice of search (embedding) model: loaded at start with a fall-back to the shipped model,
// listed with cached state, and switched on request. Runs in the rulebook web worker.

import { DEFAULT_EMBEDDING_MODEL_ID, EMBEDDING_MODELS, getEmbeddingModel } from '../core/embedding-models';
import type { Embedder } from '../core/embedder';
import { AppError, serializeError } from '../core/errors';
import type { EmbeddingFallback, EmbeddingModelState } from '../core/rulebook-ops';
import type { Progress } from '../core/types';
import { isSearchModelCached, loadSearchModel } from '../adapters/embedding-downloads';
import type { EmbedderDevice } from '../adapters/embedder';
import type { Store } from '../adapters/store';

/** Settings key of the chosen search model's id. */
export const EMBEDDING_MODEL_SETTING = 'embeddingModel';

/**
 * Loads the search model chosen earlier, or the shipped one. A chosen model that cannot be loaded (offline
 * and evicted from the cache, say) leaves the shipped model in use and is reported, never fatal.
 */
export async function loadChosenSearchModel(
  store: Store,
  device: EmbedderDevice,
): Promise<{ embedder: Embedder; fallback?: EmbeddingFallback }> {
  const shipped = getEmbeddingModel(DEFAULT_EMBEDDING_MODEL_ID) as NonNullable<ReturnType<typeof getEmbeddingModel>>;
  const chosenId = await store.getSetting<string>(EMBEDDING_MODEL_SETTING).catch(() => undefined);
  const chosen = chosenId ? getEmbeddingModel(chosenId) : undefined;
  if (chosen && !chosen.shipped) {
    try {
      return { embedder: await loadSearchModel(chosen, { device }) };
    } catch (error) {
      const fallback = { modelId: chosen.id, error: serializeError(error) };
      return { embedder: await loadSearchModel(shipped, { device }), fallback };
    }
  }
  return { embedder: await loadSearchModel(shipped, { device }) };
}

export async function listSearchModels(activeId: string): Promise<EmbeddingModelState[]> {
  return Promise.all(
    EMBEDDING_MODELS.map(async (m) => ({
      id: m.id,
      name: m.name,
      sizeMB: m.sizeMB,
      dims: m.dims,
      shipped: m.shipped,
      active: m.id === activeId,
      cached: await isSearchModelCached(m),
    })),
  );
}

/**
 * Loads a search model for a switch. A cancel answers at once; a download already under way cannot be
 * stopped in transformers.js, so it finishes in the background (into the cache) and is then dropped.
 */
export async function loadSearchModelForSwitch(
  modelId: string,
  opts: { device: EmbedderDevice; signal: AbortSignal; onProgress: (p: Progress) => void },
): Promise<Embedder> {
  const model = getEmbeddingModel(modelId);
  if (!model) throw new AppError('model-missing', `unknown search model "${modelId}"`);
  if (opts.signal.aborted) throw new AppError('cancelled');
  return new Promise<Embedder>((resolve, reject) => {
    const onAbort = () => reject(new AppError('cancelled'));
    opts.signal.addEventListener('abort', onAbort, { once: true });
    loadSearchModel(model, { device: opts.device, onProgress: opts.onProgress })
      .then(resolve, reject)
      .finally(() => opts.signal.removeEventListener('abort', onAbort));
  });
}
