// The page's one on-device LLM session, shared by the Ask screen, the model manager and the
// evaluation screen. web-llm itself is only imported when a model is first loaded. Main thread.

import type { LlmEngine } from '../llm/engine';
import { createBrowserLlmEngine, readLlmOptionsFromUrl } from '../llm/web-llm-engine';

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
