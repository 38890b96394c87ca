import { describe, expect, it } from 'vitest';
import { detectWebGpu, type GpuAdapterLike, type NavigatorLike } from '../../src/llm/webgpu';

function adapter(features: string[], opts: { infoFallback?: boolean; legacyFallback?: boolean } = {}): GpuAdapterLike {
  return {
    features: new Set(features),
    info: { vendor: 'acme', architecture: 'gen9', isFallbackAdapter: opts.infoFallback },
    isFallbackAdapter: opts.legacyFallback,
  };
}
const nav = (a: GpuAdapterLike | null | Error, deviceMemory?: number): NavigatorLike => ({
  deviceMemory,
  gpu: { requestAdapter: async () => { if (a instanceof Error) throw a; return a; } },
});

describe('detectWebGpu', () => {
  it.each<[string, NavigatorLike, Record<string, unknown>]>([
    ['no navigator.gpu', {}, { available: false, enabledByDefault: false, reasonCode: 'no-webgpu-api' }],
    ['no adapter', nav(null), { available: false, enabledByDefault: false, reasonCode: 'no-adapter' }],
    ['requestAdapter throws', nav(new Error('x')), { available: false, reasonCode: 'adapter-error' }],
    ['fallback adapter (info)', nav(adapter([], { infoFallback: true })), { available: true, fallback: true, enabledByDefault: false, reasonCode: 'fallback-adapter' }],
    ['fallback adapter (legacy flag)', nav(adapter(['shader-f16'], { legacyFallback: true })), { fallback: true, shaderF16: true, enabledByDefault: false }],
    ['hardware with shader-f16', nav(adapter(['shader-f16']), 8), { available: true, fallback: false, shaderF16: true, enabledByDefault: true, adapterName: 'acme gen9', deviceMemoryGB: 8 }],
    ['hardware without shader-f16', nav(adapter([])), { available: true, shaderF16: false, enabledByDefault: true }],
  ])('%s', async (_name, navigator, expected) => {
    const support = await detectWebGpu(navigator);
    expect(support).toMatchObject(expected);
    if (support.enabledByDefault) expect(support.reason).toBeUndefined();
    else expect(support.reason).toMatch(/^[^\n]+\.$/);
  });

  it('gives up on an adapter request that never answers', async () => {
    const hanging: NavigatorLike = { gpu: { requestAdapter: () => new Promise(() => undefined) } };
    await expect(detectWebGpu(hanging, 20)).resolves.toMatchObject({ available: false, reasonCode: 'no-adapter' });
  });
});
