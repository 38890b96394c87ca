// transformers.js / ONNX Runtime settings for the app: models from the app's own /models/ folder, the
// runtime's wasm served by the app (never a CDN), WebGPU only on a real GPU. Runs in the rulebook worker.

import { env } from '@huggingface/transformers';
// transformers.js imports onnxruntime-web/webgpu, whose bundle loads the asyncify build (WASM and WebGPU).
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';

export interface OnnxBrowserOptions {
  /**
   * Keep fetched model files in transformers.js's own Cache Storage. Needed for downloaded registry models
   * to work offline; turn off only when the service worker caches them already.
   */
  useBrowserCache?: boolean;
  /** WASM threads; unset leaves the runtime's own choice (half the cores, at most 4, when isolated). */
  numThreads?: number;
}

export function configureOnnxForBrowser(opts: OnnxBrowserOptions = {}): void {
  env.allowLocalModels = true;
  env.localModelPath = `${import.meta.env.BASE_URL}models/`;
  // Off until the user chooses to download a registry model; createEmbedder({allowRemote}) turns it on.
  env.allowRemoteModels = false;
  env.useBrowserCache = opts.useBrowserCache ?? true;
  const onnx = env.backends.onnx;
  if (onnx?.wasm) onnx.wasm.wasmPaths = { mjs: ortMjsUrl, wasm: ortWasmUrl };
  if (onnx?.wasm && opts.numThreads) onnx.wasm.numThreads = opts.numThreads;
}

/** The WASM thread count the ONNX runtime settled on (it fills it in when it starts); undefined before. */
export function readWasmThreads(): number | undefined {
  return env.backends.onnx?.wasm?.numThreads;
}

// Minimal WebGPU shapes: the TypeScript worker lib does not declare navigator.gpu.
interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

/**
 * 'webgpu' only with a hardware adapter: a software fallback adapter (SwiftShader) is slower than WASM.
 */
export async function pickDevice(): Promise<'webgpu' | 'wasm'> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return 'wasm';
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'wasm';
    // Older Chromium exposed the flag on the adapter itself rather than on adapter.info.
    const isFallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
    return isFallback ? 'wasm' : 'webgpu';
  } catch {
    return 'wasm';
  }
}
