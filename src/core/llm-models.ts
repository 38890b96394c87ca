// The on-device answer models Pitchside offers, with their download size and GPU memory need,
// and the choice of a default for a device. Pure data and logic, any thread.

export type LlmQuantization = 'q4f16_1' | 'q4f32_1';
export type LlmModelRole = 'default' | 'small-phone' | 'laptop';

export interface LlmModelInfo {
  /** web-llm model id, as listed in its prebuiltAppConfig. */
  id: string;
  /** Name shown to people and used in accessible names ("Download Llama-3.2-1B-Instruct"). */
  displayName: string;
  quantization: LlmQuantization;
  /** q4f16 models need the WebGPU adapter feature `shader-f16`. */
  needsShaderF16: boolean;
  role: LlmModelRole;
  /** Weights download, megabytes (10^6 bytes). Estimate, see DOWNLOAD_SIZE_SOURCE. */
  downloadMB: number;
  /** GPU memory the model needs, megabytes: `vram_required_MB` of web-llm 0.2.86's prebuiltAppConfig. */
  vramMB: number;
  /** Parameters, billions. */
  paramsB: number;
}

/**
 * Where downloadMB comes from: web-llm's prebuiltAppConfig has no download size, so it is
 * parameters x bits per weight / 8 (q4f16_1: 4-bit weights + one f16 scale per 32 = 4.5 bits;
 * q4f32_1: one f32 scale per 32 = 5 bits), rounded up. The exact total is the sum of `nbytes` in the
 * model's tensor-cache.json, which web-llm reports in its progress text while downloading.
 */
export const DOWNLOAD_SIZE_SOURCE = 'estimate: parameters × bits per weight (4.5 for q4f16_1, 5 for q4f32_1) / 8';

export const LLM_MODELS: readonly LlmModelInfo[] = [
  {
    id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    displayName: 'Llama-3.2-1B-Instruct',
    quantization: 'q4f16_1',
    needsShaderF16: true,
    role: 'default',
    downloadMB: 700,
    vramMB: 879,
    paramsB: 1.24,
  },
  {
    id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
    displayName: 'Llama-3.2-1B-Instruct',
    quantization: 'q4f32_1',
    needsShaderF16: false,
    role: 'default',
    downloadMB: 775,
    vramMB: 1129,
    paramsB: 1.24,
  },
  {
    id: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    displayName: 'Qwen2.5-0.5B-Instruct',
    quantization: 'q4f16_1',
    needsShaderF16: true,
    role: 'small-phone',
    downloadMB: 280,
    vramMB: 945,
    paramsB: 0.49,
  },
  {
    id: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    displayName: 'Qwen2.5-0.5B-Instruct',
    quantization: 'q4f32_1',
    needsShaderF16: false,
    role: 'small-phone',
    downloadMB: 310,
    vramMB: 1061,
    paramsB: 0.49,
  },
  {
    id: 'Llama-3.2-3B-Instruct-q4f16_1-MLC',
    displayName: 'Llama-3.2-3B-Instruct',
    quantization: 'q4f16_1',
    needsShaderF16: true,
    role: 'laptop',
    downloadMB: 1810,
    vramMB: 2264,
    paramsB: 3.21,
  },
  {
    id: 'Llama-3.2-3B-Instruct-q4f32_1-MLC',
    displayName: 'Llama-3.2-3B-Instruct',
    quantization: 'q4f32_1',
    needsShaderF16: false,
    role: 'laptop',
    downloadMB: 2010,
    vramMB: 2952,
    paramsB: 3.21,
  },
];

/**
 * `navigator.deviceMemory` (GB, rounded to a power of two, capped at 8) at or below which a phone
 * gets the 0.5B model: it downloads in a third of the time and prefills twice as fast.
 */
export const SMALL_DEVICE_MEMORY_GB = 2;

export function findLlmModel(id: string): LlmModelInfo | undefined {
  return LLM_MODELS.find((m) => m.id === id);
}

/** The variants a device can run: q4f16 where the GPU has shader-f16, q4f32 otherwise; one per name. */
export function listModelsForDevice(hasShaderF16: boolean): LlmModelInfo[] {
  const wanted: LlmQuantization = hasShaderF16 ? 'q4f16_1' : 'q4f32_1';
  return LLM_MODELS.filter((m) => m.quantization === wanted);
}

export function chooseDefaultModel(device: { hasShaderF16: boolean; deviceMemoryGB?: number }): LlmModelInfo {
  const candidates = listModelsForDevice(device.hasShaderF16);
  const isSmall = device.deviceMemoryGB !== undefined && device.deviceMemoryGB <= SMALL_DEVICE_MEMORY_GB;
  const role: LlmModelRole = isSmall ? 'small-phone' : 'default';
  const chosen = candidates.find((m) => m.role === role);
  if (!chosen) throw new Error(`No ${role} model in LLM_MODELS`);
  return chosen;
}

/** The next smaller model to suggest after running out of GPU memory, or undefined at the smallest. */
export function findSmallerModel(id: string, hasShaderF16: boolean): LlmModelInfo | undefined {
  const current = findLlmModel(id);
  if (!current) return undefined;
  return listModelsForDevice(hasShaderF16)
    .filter((m) => m.paramsB < current.paramsB)
    .sort((a, b) => b.paramsB - a.paramsB)[0];
}
