// What the model manager needs from the browser's storage: whether a model is fully cached, a delete
// that works offline, storage used and free, and persistent storage. Page thread.

import type { AppConfig } from '@mlc-ai/web-llm';
import { AppError } from '../core/errors';

/** The web-llm functions used here; tests pass fakes, the app loads web-llm lazily. */
export interface WebLlmCacheApi {
  hasModelInCache(modelId: string, appConfig?: AppConfig): Promise<boolean>;
  deleteModelAllInfoInCache(modelId: string, appConfig?: AppConfig): Promise<void>;
  prebuiltAppConfig: AppConfig;
}

export interface CacheLike {
  keys(): Promise<readonly { url: string }[]>;
  match(request: string): Promise<unknown>;
  delete(request: string | { url: string }): Promise<boolean>;
}
export interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
}

export interface ModelCacheDeps {
  webllm?: WebLlmCacheApi;
  /** Cache Storage (`caches`); web-llm's default backend keeps models there. */
  caches?: CacheStorageLike;
}

/** Cache Storage names web-llm 0.2.86 uses with its default `cacheBackend: 'cache'`. */
export const WEBLLM_CACHES = { model: 'webllm/model', config: 'webllm/config', wasm: 'webllm/wasm' } as const;

async function loadWebLlm(): Promise<WebLlmCacheApi> {
  const m = await import('@mlc-ai/web-llm');
  return { hasModelInCache: m.hasModelInCache, deleteModelAllInfoInCache: m.deleteModelAllInfoInCache, prebuiltAppConfig: m.prebuiltAppConfig };
}

function defaultCaches(): CacheStorageLike | undefined {
  return typeof caches === 'undefined' ? undefined : (caches as unknown as CacheStorageLike);
}

/** Same as web-llm's cleanModelUrl: the prefix every file of the model is fetched (and cached) under. */
export function modelBaseUrl(model: string): string {
  let url = model.endsWith('/') ? model : model + '/';
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url).href;
}

/**
 * True only when the whole model is stored. web-llm's hasModelInCache needs tensor-cache.json and
 * every weight shard it lists; each shard is stored with Cache.add(), which stores nothing when the
 * fetch fails, so a download cut off part way is never reported as cached. The model library (wasm),
 * which hasModelInCache does not look at, is checked too. Never throws and needs no network.
 */
export async function isModelCached(modelId: string, deps: ModelCacheDeps = {}): Promise<boolean> {
  try {
    const webllm = deps.webllm ?? (await loadWebLlm());
    if (!(await webllm.hasModelInCache(modelId))) return false;
    const record = webllm.prebuiltAppConfig.model_list.find((m) => m.model_id === modelId);
    const store = deps.caches ?? defaultCaches();
    if (!record || !store) return true;
    const wasm = await store.open(WEBLLM_CACHES.wasm);
    return (await wasm.match(record.model_lib)) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Deletes a model, whole or partly downloaded, without touching the network. web-llm's delete
 * functions read tensor-cache.json through fetch-with-cache and so throw offline when it is not
 * cached: they are called only for a fully cached model, and the Cache Storage entries under the
 * model's URL (shards of a cut-off download included) are then removed directly.
 */
export async function deleteCachedModel(
  modelId: string,
  deps: ModelCacheDeps = {},
): Promise<{ wasCached: boolean; removedEntries: number }> {
  const webllm = deps.webllm ?? (await loadWebLlm());
  const record = webllm.prebuiltAppConfig.model_list.find((m) => m.model_id === modelId);
  if (!record) throw new AppError('model-missing', `Unknown model ${modelId}`);
  const wasCached = await isModelCached(modelId, { ...deps, webllm });
  if (wasCached) {
    try {
      await webllm.deleteModelAllInfoInCache(modelId);
    } catch {
      // The sweep below removes what is left.
    }
  }
  let removedEntries = 0;
  const store = deps.caches ?? defaultCaches();
  if (store) {
    try {
      const prefix = modelBaseUrl(record.model);
      for (const name of [WEBLLM_CACHES.model, WEBLLM_CACHES.config]) {
        const cache = await store.open(name);
        for (const request of await cache.keys()) {
          if (request.url.startsWith(prefix) && (await cache.delete(request))) removedEntries++;
        }
      }
      const wasm = await store.open(WEBLLM_CACHES.wasm);
      if (await wasm.delete(record.model_lib)) removedEntries++;
    } catch (error) {
      throw new AppError('storage-failed', error instanceof Error ? error.message : String(error));
    }
  }
  return { wasCached, removedEntries };
}

export interface StorageLike {
  estimate?(): Promise<{ usage?: number; quota?: number }>;
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
}

export interface StorageEstimateInfo {
  usedBytes: number;
  quotaBytes: number;
  freeBytes: number;
}

function defaultStorage(): StorageLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Storage used and free for this site, or null where the browser does not say. */
export async function getStorageEstimate(storage: StorageLike | undefined = defaultStorage()): Promise<StorageEstimateInfo | null> {
  if (!storage?.estimate) return null;
  try {
    const { usage = 0, quota } = await storage.estimate();
    if (quota === undefined) return null;
    return { usedBytes: usage, quotaBytes: quota, freeBytes: Math.max(0, quota - usage) };
  } catch {
    return null;
  }
}

export type PersistResult = 'already-persisted' | 'granted' | 'denied' | 'unsupported';

/** Asks the browser not to evict this site's storage (a 700 MB model), and says what it answered. */
export async function requestPersistentStorage(storage: StorageLike | undefined = defaultStorage()): Promise<PersistResult> {
  if (!storage?.persist) return 'unsupported';
  try {
    if (storage.persisted && (await storage.persisted())) return 'already-persisted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

/** Whether the site's storage is already persistent (false where unknown). */
export async function isStoragePersisted(storage: StorageLike | undefined = defaultStorage()): Promise<boolean> {
  try {
    return (await storage?.persisted?.()) === true;
  } catch {
    return false;
  }
}
