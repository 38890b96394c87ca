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
}

export type RulebookOps = {
  init: OpSpec<Record<string, never>, EngineStatus, Progress>;
  list: OpSpec<Record<string, never>, RulebookSummary[]>;
  add: OpSpec<{ name: string; bytes: ArrayBuffer }, AddResult, Progress>;
  ask: OpSpec<{ hash: string; question: string; search?: SearchSettings }, AskResult>;
  rename: OpSpec<{ hash: string; name: string }, void>;
  remove: OpSpec<{ hash: string }, void>;
  units: OpSpec<{ hash: string }, RuleUnit[]>;
  recent: OpSpec<{ hash: string }, string[]>;
  stats: OpSpec<Record<string, never>, EngineStatus>;
};
