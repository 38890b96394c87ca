// Interfaces the pipeline needs from the outside world (PDF parsing, embeddings, storage).
// Adapters implement them; core and tests depend only on these shapes.

import type { Embedder } from './embedder';
import type { ExtractedDocument, Progress, Rulebook, StoredIndex } from './types';

export interface PdfExtractor {
  extract(
    bytes: Uint8Array,
    opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void },
  ): Promise<ExtractedDocument>;
}

export interface IndexSummary {
  key: string;
  modelId: string;
  chunkCount: number;
  createdAt: number;
  /** Estimated bytes of the index's records (src/core/storage-use.ts); absent on indexes stored before it was recorded. */
  storedBytes?: number;
}

export interface RulebookStore {
  listRulebooks(): Promise<Rulebook[]>;
  getRulebook(hash: string): Promise<Rulebook | undefined>;
  renameRulebook(hash: string, name: string): Promise<void>;
  deleteRulebook(hash: string): Promise<void>;
  saveIndexedRulebook(rulebook: Rulebook, index: StoredIndex): Promise<void>;
  getIndex(key: string): Promise<StoredIndex | undefined>;
  hasIndex(key: string): Promise<boolean>;
  listIndexes(hash: string): Promise<IndexSummary[]>;
  /** Estimates an index's stored bytes from its records and keeps the figure in its metadata; 0 when it is gone. */
  measureIndex(key: string): Promise<number>;
  addRecentQuestion(hash: string, question: string): Promise<void>;
  listRecentQuestions(hash: string): Promise<string[]>;
}

export type { Embedder };
