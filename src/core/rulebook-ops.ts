// The rulebook worker's operations: payload, result and progress types for each.

import type { AddResult, AskResult } from './rulebook-service';
import type { ImportedPack } from './rule-pack-transfer';
import type { ImportedBackup } from './backup-transfer';
import type { EditionDiff } from './edition-diff';
import type { ActiveBook, CombinedAnswer } from './local-rules';
import type { SerializedError } from './errors';
import type { OpSpec } from './protocol';
import type { Progress, Rulebook, RuleUnit, SearchSettings } from './types';

export interface RulebookSummary extends Rulebook {
  /** Embedding model and chunk count of the index in use, when one exists. */
  modelId?: string;
  chunkCount?: number;
  /** Estimated bytes stored for the rulebook: its record, every index of it and its recent questions. */
  storedBytes?: number;
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
  embeddingFallback?: EmbeddingFallback;
}

/** A search (embedding) model as the Models screen lists it. */
export interface EmbeddingModelState {
  id: string;
  name: string;
  sizeMB: number;
  dims: number;
  shipped: boolean;
  /** The model searches and indexes now. */
  active: boolean;
  /** Its files are on this device (always true for the shipped model); absent where the browser cannot tell. */
  cached?: boolean;
}

/** The search model chosen earlier could not be loaded at start, so the shipped one is in use. */
export interface EmbeddingFallback {
  modelId: string;
  error: SerializedError;
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
  /** A rulebook not yet indexed for the current search model is re-indexed first (with progress). */
  ask: OpSpec<{ hash: string; question: string; search?: SearchSettings; keepOutOfRecent?: boolean }, AskResult, Progress>;
  /**
   * Answers from the word index (BM25) without waiting for the search model: for a question asked while the
   * app starts. Kept out of the recent questions; the full `ask` follows.
   */
  askWords: OpSpec<{ hash: string; question: string }, AskResult>;
  rename: OpSpec<{ hash: string; name: string }, void>;
  remove: OpSpec<{ hash: string }, void>;
  units: OpSpec<{ hash: string }, RuleUnit[]>;
  recent: OpSpec<{ hash: string }, string[]>;
  stats: OpSpec<Record<string, never>, EngineStatus>;
  embeddingModels: OpSpec<Record<string, never>, EmbeddingModelState[]>;
  /** Loads (downloading once if needed) and switches to a search model; the choice is kept for next start. */
  useEmbeddingModel: OpSpec<{ modelId: string }, EngineStatus, Progress>;
  /** Indexes a stored rulebook for the current search model from its stored clauses (no PDF needed). */
  reindex: OpSpec<{ hash: string }, AddResult, Progress>;
  /** The rulebook's stored index as a rule pack file (docs/rule-packs.md), transferred. */
  exportPack: OpSpec<{ hash: string }, { bytes: ArrayBuffer; fileName: string }>;
  /** Stores a rule pack as it is, or re-indexes its units for the search model in use (with progress). */
  importPack: OpSpec<{ bytes: ArrayBuffer }, ImportedPack, Progress>;
  /** Every rulebook, the recent questions and the page's settings (passed in) as one backup file, transferred. */
  exportEverything: OpSpec<{ pageSettings: Record<string, string> }, { bytes: ArrayBuffer; fileName: string }>;
  /** Imports a backup; returns the page settings it held for the page to apply. */
  importEverything: OpSpec<{ bytes: ArrayBuffer }, ImportedBackup, Progress>;
  /** What changed from one stored edition of a rulebook to another, clause by clause. */
  compareEditions: OpSpec<{ oldHash: string; newHash: string }, EditionDiff>;
  /** Asks every rulebook in use; a local rule that answers leads, with the law under it (src/core/local-rules.ts). */
  askActive: OpSpec<{ books: ActiveBook[]; question: string }, CombinedAnswer, Progress>;
};
