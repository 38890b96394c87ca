// Loads a registry search model in the browser: the shipped one from the app's own files, a downloadable
// one from the model hub (once; transformers.js keeps it in Cache Storage). Runs in the rulebook worker.

import { env } from '@huggingface/transformers';
import type { Embedder } from '../core/embedder';
import type { EmbeddingModelInfo } from '../core/embedding-models';
import { AppError } from '../core/errors';
import type { Progress } from '../core/types';
import { createEmbedder, type EmbedderDevice } from './embedder';

/** Download progress is posted to the page at most this often. */
export const DOWNLOAD_PROGRESS_INTERVAL_MS = 100;

/**
 * A downloadable model is looked for only in the hub and transformers.js's cache: the app's own server
 * does not hold it, and a server that answers unknown paths with index.html would pass that off as JSON.
 */
export async function loadSearchModel(
  model: EmbeddingModelInfo,
  opts: { device: EmbedderDevice; onProgress?: (p: Progress) => void },
): Promise<Embedder> {
  env.allowLocalModels = model.shipped;
  try {
    return await createEmbedder({
      modelId: model.id,
      allowRemote: !model.shipped,
      device: opts.device,
      onProgress: opts.onProgress && throttleDownload(opts.onProgress),
    });
  } catch (error) {
    if (model.shipped || !isDownloadFailure(error)) throw error;
    throw new AppError('model-download-failed', `${model.name}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    env.allowLocalModels = true;
  }
}

/** Whether a downloadable model's weights and tokenizer are in transformers.js's Cache Storage. */
export async function isSearchModelCached(model: EmbeddingModelInfo): Promise<boolean | undefined> {
  if (model.shipped) return true;
  if (!model.hubId || typeof caches === 'undefined') return undefined;
  try {
    const cache = await caches.open(env.cacheKey);
    const weights = model.dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
    const hits = await Promise.all(
      ['config.json', 'tokenizer.json', weights].map((file) => cache.match(hubFileUrl(model.hubId as string, file))),
    );
    return hits.every((hit) => hit !== undefined);
  } catch {
    return undefined;
  }
}

// The URL transformers.js files a hub download under in its cache (utils/hub.js buildResourcePaths).
function hubFileUrl(hubId: string, file: string): string {
  const path = env.remotePathTemplate.replaceAll('{model}', hubId).replaceAll('{revision}', 'main');
  return [env.remoteHost, path, file].map((part, i) => (i === 0 ? part.replace(/\/+$/, '') : part.replace(/^\/+|\/+$/g, ''))).join('/');
}

/** A missing file or a failed fetch: what going offline (or a cut connection) looks like while loading. */
function isDownloadFailure(error: unknown): boolean {
  if (error instanceof AppError && error.code === 'model-missing') return true;
  const text = error instanceof Error ? error.message : String(error);
  return /fetch|network|internet|connection|Could not locate|not found/i.test(text);
}

function throttleDownload(onProgress: (p: Progress) => void): (p: Progress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    const isLast = p.stage === 'download' && p.done >= p.total;
    if (p.stage === 'download' && !isLast && now - last < DOWNLOAD_PROGRESS_INTERVAL_MS) return;
    last = now;
    onProgress(p);
  };
}
