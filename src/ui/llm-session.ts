// The page's one on-device LLM session, shared by the Ask screen, the model manager and the
// evaluation screen: the engine, the WebGPU check, on/off, loading and the last failure. web-llm
// itself is only imported when a model is first loaded. Main thread.

import { AppError } from '../core/errors';
import { chooseDefaultModel, findLlmModel, findSmallerModel, listModelsForDevice, type LlmModelInfo } from '../core/llm-models';
import type { LlmEngine, LlmProgress } from '../llm/engine';
import { toLlmError } from '../llm/llm-errors';
import { createBrowserLlmEngine, readLlmOptionsFromUrl } from '../llm/web-llm-engine';
import { detectWebGpu, type NavigatorLike, type WebGpuSupport } from '../llm/webgpu';

let engine: LlmEngine | undefined;

/** The shared engine; `?llm=scripted` in the address selects the scripted engine (demos and tests). */
export function getLlmEngine(): LlmEngine {
  engine ??= createBrowserLlmEngine(readLlmOptionsFromUrl(location.search));
  return engine;
}

/** True once a model is loaded and can generate. */
export function isLlmReady(): boolean {
  return Boolean(engine?.loadedModel);
}

/** The scripted engine needs no GPU, so it is on by default whatever WebGPU says. */
export function isScriptedLlm(): boolean {
  return readLlmOptionsFromUrl(typeof location === 'undefined' ? '' : location.search).worker === 'scripted';
}

export interface LlmState {
  /** Null while the WebGPU check runs. */
  support: WebGpuSupport | null;
  /** On-device answers are wanted (the default follows the WebGPU check; the user may switch). */
  enabled: boolean;
  loadingModel: string | null;
  loadedModel: string | null;
  /** The last load or generation failure (not cancellations), and the smaller model to try after it. */
  failure: AppError | null;
  suggestion: LlmModelInfo | null;
}

const state: LlmState = { support: null, enabled: false, loadingModel: null, loadedModel: null, failure: null, suggestion: null };
const listeners = new Set<(s: Readonly<LlmState>) => void>();
let detecting: Promise<WebGpuSupport> | undefined;
let userChoseEnabled = false;

function update(patch: Partial<LlmState>): void {
  Object.assign(state, patch);
  for (const listener of listeners) listener(state);
}

export function getLlmState(): Readonly<LlmState> {
  return state;
}

/** Calls `listener` now and after every change; returns the unsubscribe function. */
export function subscribeLlm(listener: (s: Readonly<LlmState>) => void): () => void {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

/** Runs the WebGPU check once; the LLM starts on only with a hardware adapter (or the scripted engine). */
export function startLlmSession(nav: NavigatorLike = navigator as unknown as NavigatorLike): Promise<WebGpuSupport> {
  detecting ??= detectWebGpu(nav).then((support) => {
    const enabled = userChoseEnabled ? state.enabled : support.enabledByDefault || isScriptedLlm();
    update({ support, enabled });
    return support;
  });
  return detecting;
}

export function setLlmEnabled(enabled: boolean): void {
  userChoseEnabled = true;
  if (!enabled) getLlmEngine().interrupt();
  update({ enabled });
}

/** The models this device can run (one variant per name: q4f16 with shader-f16, q4f32 without). */
export function listOfferedModels(): LlmModelInfo[] {
  return listModelsForDevice(state.support?.shaderF16 ?? false);
}

export function getDefaultModel(): LlmModelInfo {
  return chooseDefaultModel({ hasShaderF16: state.support?.shaderF16 ?? false, deviceMemoryGB: state.support?.deviceMemoryGB });
}

/** Downloads (first time) and loads a model, and switches on-device answers on: the user chose it. */
export async function loadLlmModel(
  modelId: string,
  opts: { signal?: AbortSignal; onProgress?: (p: LlmProgress) => void } = {},
): Promise<void> {
  update({ loadingModel: modelId, failure: null, suggestion: null });
  try {
    await getLlmEngine().load(modelId, opts);
    userChoseEnabled = true;
    update({ loadedModel: modelId, enabled: true });
  } catch (error) {
    const appError = toLlmError(error);
    noteLlmFailure(appError, modelId);
    throw appError;
  } finally {
    if (state.loadingModel === modelId) update({ loadingModel: null, loadedModel: engine?.loadedModel ?? null });
  }
}

export async function unloadLlmModel(): Promise<void> {
  await getLlmEngine().unload();
  update({ loadedModel: null });
}

/**
 * Records a failure from loading or generating. A lost GPU device or too little memory leaves no
 * model loaded (the engine starts a fresh worker next time) and suggests the next smaller model.
 */
export function noteLlmFailure(error: AppError, modelId: string | null = state.loadedModel): void {
  if (error.code === 'cancelled') return;
  const gpuTrouble = error.code === 'llm-device-lost' || error.code === 'llm-out-of-memory';
  const smaller = gpuTrouble && modelId ? findSmallerModel(modelId, state.support?.shaderF16 ?? false) : undefined;
  update({ failure: error, suggestion: smaller ?? null, loadedModel: engine?.loadedModel ?? null });
}

export function clearLlmFailure(): void {
  if (state.failure) update({ failure: null, suggestion: null });
}

export function modelName(modelId: string | null): string {
  return (modelId && findLlmModel(modelId)?.displayName) || modelId || '';
}
