import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import {
  deleteCachedModel,
  getStorageEstimate,
  isModelCached,
  modelBaseUrl,
  requestPersistentStorage,
  type CacheLike,
  type CacheStorageLike,
  type WebLlmCacheApi,
} from '../../src/llm/model-cache';

const MODEL = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
const record = prebuiltAppConfig.model_list.find((m) => m.model_id === MODEL)!;
const base = modelBaseUrl(record.model);

class MemoryCaches implements CacheStorageLike {
  stores = new Map<string, Set<string>>();
  async open(name: string): Promise<CacheLike> {
    const urls = this.stores.get(name) ?? new Set<string>();
    this.stores.set(name, urls);
    return {
      keys: async () => [...urls].map((url) => ({ url })),
      match: async (url: string) => (urls.has(url) ? { url } : undefined),
      delete: async (r) => urls.delete(typeof r === 'string' ? r : r.url),
    };
  }
  put(name: string, url: string) {
    if (!this.stores.has(name)) this.stores.set(name, new Set());
    this.stores.get(name)!.add(url);
  }
}

/** web-llm's cache functions as they behave offline: delete reads tensor-cache.json via fetch-with-cache. */
function offlineWebLlm(caches: MemoryCaches, shards: number): WebLlmCacheApi & { deleteCalls: number } {
  const api = {
    deleteCalls: 0,
    prebuiltAppConfig,
    async hasModelInCache(id: string) {
      const urls = caches.stores.get('webllm/model') ?? new Set();
      const prefix = id === MODEL ? base : 'none';
      if (!urls.has(prefix + 'tensor-cache.json')) return false;
      return Array.from({ length: shards }, (_, i) => `${prefix}params_shard_${i}.bin`).every((u) => urls.has(u));
    },
    async deleteModelAllInfoInCache(id: string) {
      api.deleteCalls++;
      if (!(await api.hasModelInCache(id))) throw 'TypeError: Failed to fetch';
      caches.stores.get('webllm/model')!.clear();
    },
  };
  return api;
}

function fill(caches: MemoryCaches, shardsPresent: number) {
  caches.put('webllm/model', base + 'tensor-cache.json');
  for (let i = 0; i < shardsPresent; i++) caches.put('webllm/model', `${base}params_shard_${i}.bin`);
  caches.put('webllm/config', base + 'mlc-chat-config.json');
  caches.put('webllm/wasm', record.model_lib);
  caches.put('webllm/model', 'https://huggingface.co/mlc-ai/Other-MLC/resolve/main/params_shard_0.bin');
}

describe('model cache', () => {
  it('a complete download is cached; a cut-off one is not', async () => {
    const full = new MemoryCaches();
    fill(full, 4);
    expect(await isModelCached(MODEL, { webllm: offlineWebLlm(full, 4), caches: full })).toBe(true);
    const partial = new MemoryCaches();
    fill(partial, 2);
    expect(await isModelCached(MODEL, { webllm: offlineWebLlm(partial, 4), caches: partial })).toBe(false);
  });

  it('a model whose library (wasm) is missing is not cached', async () => {
    const c = new MemoryCaches();
    fill(c, 4);
    c.stores.get('webllm/wasm')!.clear();
    expect(await isModelCached(MODEL, { webllm: offlineWebLlm(c, 4), caches: c })).toBe(false);
  });

  it('never throws: a failing lookup reads as not cached', async () => {
    const broken = { ...offlineWebLlm(new MemoryCaches(), 1), hasModelInCache: () => Promise.reject(new Error('no caches')) };
    expect(await isModelCached(MODEL, { webllm: broken })).toBe(false);
  });

  it('deletes a partial download offline without calling web-llm delete, other models untouched', async () => {
    const c = new MemoryCaches();
    fill(c, 2);
    const webllm = offlineWebLlm(c, 4);
    const result = await deleteCachedModel(MODEL, { webllm, caches: c });
    expect(result).toEqual({ wasCached: false, removedEntries: 5 });
    expect(webllm.deleteCalls).toBe(0);
    expect([...c.stores.get('webllm/model')!]).toEqual(['https://huggingface.co/mlc-ai/Other-MLC/resolve/main/params_shard_0.bin']);
    expect(c.stores.get('webllm/wasm')!.size).toBe(0);
  });

  it('deletes a full model through web-llm, then sweeps what is left', async () => {
    const c = new MemoryCaches();
    fill(c, 4);
    const webllm = offlineWebLlm(c, 4);
    const result = await deleteCachedModel(MODEL, { webllm, caches: c });
    expect(result.wasCached).toBe(true);
    expect(webllm.deleteCalls).toBe(1);
    expect(await isModelCached(MODEL, { webllm, caches: c })).toBe(false);
  });

  it('estimates storage and requests persistence', async () => {
    expect(await getStorageEstimate({ estimate: async () => ({ usage: 300, quota: 1000 }) })).toEqual({ usedBytes: 300, quotaBytes: 1000, freeBytes: 700 });
    expect(await getStorageEstimate({})).toBeNull();
    expect(await requestPersistentStorage({ persist: async () => true, persisted: async () => false })).toBe('granted');
    expect(await requestPersistentStorage({ persist: async () => false })).toBe('denied');
    expect(await requestPersistentStorage({ persist: async () => false, persisted: async () => true })).toBe('already-persisted');
    expect(await requestPersistentStorage({})).toBe('unsupported');
  });

  it('builds the same base URL as web-llm', () => {
    expect(modelBaseUrl('https://huggingface.co/mlc-ai/X-MLC')).toBe('https://huggingface.co/mlc-ai/X-MLC/resolve/main/');
    expect(modelBaseUrl('https://huggingface.co/mlc-ai/X-MLC/resolve/v2/')).toBe('https://huggingface.co/mlc-ai/X-MLC/resolve/v2/');
  });
});
