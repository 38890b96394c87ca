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
  addRecentQuestion(hash: string, question: string): Promise<void>;
  listRecentQuestions(hash: string): Promise<string[]>;
}

export type { Embedder };
