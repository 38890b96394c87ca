// The rulebook worker's operations: payload, result and progress types for each.

import type { AddResult, AskResult } from './rulebook-service';
import type { OpSpec } from './protocol';
import type { Progress, Rulebook, RuleUnit, SearchSettings } from './types';

export interface RulebookSummary extends Rulebook {
  /** Embedding model and chunk count of the index in use, when one exists. */
  modelId?: string;
  chunkCount?: number;
}

export interface EngineStatus {
  modelId: string;
  modelName: string;
  backend: string;
  dims: number;
  /** Document embeddings computed since the worker started (a reload that reuses the cache keeps this at 0). */
  documentEmbeddings: number;
  queryEmbeddings: number;
  /** WASM threads the ONNX runtime uses (set once it has started), and whether the worker is cross-origin isolated. */
  wasmThreads?: number;
  crossOriginIsolated?: boolean;
}

/** `wasmThreads` fixes the ONNX runtime's WASM thread count; only the first `init` of a worker counts. */
export interface InitPayload {
  wasmThreads?: number;
}

export type RulebookOps = {
  init: OpSpec<InitPayload, EngineStatus, Progress>;
  list: OpSpec<Record<string, never>, RulebookSummary[]>;
  add: OpSpec<{ name: string; bytes: ArrayBuffer }, AddResult, Progress>;
  /** `keepOutOfRecent`: evaluation runs do not fill the user's recent questions. */
  ask: OpSpec<{ hash: string; question: string; search?: SearchSettings; keepOutOfRecent?: boolean }, AskResult>;
  rename: OpSpec<{ hash: string; name: string }, void>;
  remove: OpSpec<{ hash: string }, void>;
  units: OpSpec<{ hash: string }, RuleUnit[]>;
  recent: OpSpec<{ hash: string }, string[]>;
  stats: OpSpec<Record<string, never>, EngineStatus>;
};
