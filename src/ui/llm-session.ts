// The page's one on-device LLM session, shared by the Ask screen, the model manager and the
// evaluation screen. The engine (and web-llm with it) is created only when first needed. Main thread.

import type { LlmEngine } from '../llm/engine';

export interface LlmSession {
  /** Creates the engine on first use. */
  engine(): Promise<LlmEngine>;
  /** True once a model is loaded and can generate. */
  isReady(): boolean;
  /** The loaded model's id, or null. */
  loadedModel(): string | null;
}

let session: LlmSession | undefined;

export function getLlmSession(create: () => Promise<LlmEngine>): LlmSession {
  if (session) return session;
  let engine: Promise<LlmEngine> | undefined;
  let resolved: LlmEngine | undefined;
  session = {
    engine() {
      engine ??= create().then((e) => (resolved = e));
      return engine;
    },
    isReady: () => Boolean(resolved?.loadedModel),
    loadedModel: () => resolved?.loadedModel ?? null,
  };
  return session;
}
