// Checks at start whether this device can run the on-device model: a WebGPU adapter, not a software
// fallback, and whether it has shader-f16 (for q4f16 models). Page thread; Node tests pass a fake navigator.

export interface GpuAdapterLike {
  features: { has(name: string): boolean };
  /** Chrome 137+ and the current spec. */
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
  /** Older Chrome and Firefox. */
  isFallbackAdapter?: boolean;
}

export interface NavigatorLike {
  gpu?: { requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<GpuAdapterLike | null> };
  deviceMemory?: number;
}

export type WebGpuReasonCode = 'no-webgpu-api' | 'no-adapter' | 'fallback-adapter' | 'adapter-error';

export interface WebGpuSupport {
  /** A WebGPU adapter exists (possibly a software one). */
  available: boolean;
  /** The adapter is a software fallback (SwiftShader and the like): far too slow for a model. */
  fallback: boolean;
  shaderF16: boolean;
  /** The LLM starts switched on: a hardware adapter. Otherwise the clause answer is the answer. */
  enabledByDefault: boolean;
  reasonCode?: WebGpuReasonCode;
  /** One line saying why the LLM is off by default. */
  reason?: string;
  /** "vendor architecture", for the evaluation screen. */
  adapterName?: string;
  /** navigator.deviceMemory, GB, where the browser tells it. */
  deviceMemoryGB?: number;
}

/** requestAdapter() has been seen to hang on some drivers; after this long we give up. */
export const ADAPTER_TIMEOUT_MS = 5000;

const REASONS: Record<WebGpuReasonCode, string> = {
  'no-webgpu-api': 'This browser has no WebGPU, so answers come straight from the rulebook clauses.',
  'no-adapter': 'No GPU is available to WebGPU, so answers come straight from the rulebook clauses.',
  'fallback-adapter': 'Only a software GPU is available, too slow for the on-device model; answers come from the clauses.',
  'adapter-error': 'WebGPU failed to start, so answers come straight from the rulebook clauses.',
};

function off(code: WebGpuReasonCode, base: Partial<WebGpuSupport> = {}): WebGpuSupport {
  return {
    available: false,
    fallback: false,
    shaderF16: false,
    ...base,
    enabledByDefault: false,
    reasonCode: code,
    reason: REASONS[code],
  };
}

export async function detectWebGpu(nav: NavigatorLike, timeoutMs = ADAPTER_TIMEOUT_MS): Promise<WebGpuSupport> {
  const deviceMemoryGB = typeof nav.deviceMemory === 'number' ? nav.deviceMemory : undefined;
  const memory = deviceMemoryGB === undefined ? {} : { deviceMemoryGB };
  if (!nav.gpu) return off('no-webgpu-api', memory);
  let adapter: GpuAdapterLike | null;
  let timer: unknown;
  try {
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    adapter = await Promise.race([nav.gpu.requestAdapter({ powerPreference: 'high-performance' }), timeout]);
  } catch {
    return off('adapter-error', memory);
  } finally {
    clearTimeout(timer as ReturnType<typeof setTimeout>);
  }
  if (!adapter) return off('no-adapter', memory);

  const fallback = adapter.info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
  const shaderF16 = adapter.features.has('shader-f16');
  const name = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ') || undefined;
  const found = { available: true, fallback, shaderF16, ...memory, ...(name ? { adapterName: name } : {}) };
  if (fallback) return off('fallback-adapter', found);
  return { ...found, enabledByDefault: true };
}
