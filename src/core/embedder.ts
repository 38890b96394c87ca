// The embedding port: turns questions and chunk texts into vectors with one registered model.
// Declared here so core and tests depend on the shape only; src/adapters/embedder.ts implements it.

import type { EmbeddingModelInfo } from './embedding-models';
import type { TokenCounter } from './types';

export type EmbedKind = 'query' | 'document';

export interface EmbedOptions {
  /** Chooses the model's query or document prefix. */
  kind: EmbedKind;
  /** Checked between batches; an abort rejects with AppError('cancelled'). */
  signal?: AbortSignal;
  batchSize?: number;
  /** Called after each batch with texts embedded so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface Embedder extends TokenCounter {
  readonly model: EmbeddingModelInfo;
  readonly backend: 'wasm' | 'webgpu' | 'cpu';
  /**
   * One vector of `model.dims` floats per text, in order. Vectors are the model's raw pooled output
   * (its own pooling, NOT L2-normalised), so a search can score them by dot product or by cosine and the
   * two can be compared; normalise at search time when the similarity is cosine.
   */
  embed(texts: string[], opts: EmbedOptions): Promise<Float32Array[]>;
  /**
   * True when the model's vocabulary holds the word whole (a common word, not a typo): a question word the
   * rulebook never uses is only corrected towards the rulebook's words when this says false. Optional.
   */
  isKnownWord?(word: string): boolean;
  /**
   * True for a real word of the model's wider word list that has no vector of its own ("shoves", "stinking"):
   * never corrected as a typo, though it may still be split into two rulebook words ("tryline"). Optional.
   */
  isEnglishWord?(word: string): boolean;
}
