// Shared data shapes of the retrieval pipeline: rulebook structure, chunks, indexes, search results.
// Pure types, used on every thread and in Node.

/** One line of text on a page, after layout recovery (reading order, headers/footers removed). */
export interface PageLine {
  page: number; // 1-based
  text: string;
  /** Left edge in PDF units, used to tell a clause number at the margin from a number inside a sentence. */
  x: number;
  /** Font height in PDF units; headings are usually taller. */
  height: number;
}

/** What the PDF adapter returns: clean lines in reading order plus document facts. */
export interface ExtractedDocument {
  pageCount: number;
  lines: PageLine[];
  title?: string;
}

export type UnitKind = 'clause' | 'definition' | 'text';

/**
 * A structural unit of the rulebook: a numbered clause (with its "Ruling" lines attached),
 * a glossary definition, or unnumbered text (preface, mode of play).
 */
export interface RuleUnit {
  kind: UnitKind;
  /** Canonical reference: "13.2.1" for clauses, "Definition: Advantage" for definitions, the heading for text. */
  ref: string;
  /** Clause number, for clauses only ("13.2.1"). */
  number?: string;
  /** Defined term, for definitions only. */
  term?: string;
  /** Section number ("13") and title ("The Rollball"); definitions use the glossary heading. */
  sectionNumber?: string;
  sectionTitle: string;
  /** Clause text, including attached "Ruling = ..." sentences, without the leading number. */
  text: string;
  pages: number[];
}

export type ChunkStrategy = 'structured' | 'window';

export interface ChunkSettings {
  strategy: ChunkStrategy;
  /** Token budget per chunk, counted with the embedding model's tokenizer. */
  maxTokens: number;
  /** Tokens repeated between consecutive pieces of a split clause (or windows). */
  overlapTokens: number;
}

/** Where one unit's words sit in a chunk: which unit (its position in the index's units) and which characters. */
export interface ChunkSpan {
  /** Index into the stored index's `units`. */
  unit: number;
  /** [start, end) in the chunk's text, label included ("15.2 ..."); a split clause's span covers its piece. */
  start: number;
  end: number;
}

export interface Chunk {
  /** Position in the index; also its id within one index. */
  index: number;
  /** Canonical references of the units it covers, in order ("15.1", "15.2", "Definition: Offside"). */
  refs: string[];
  /** The units it covers, in order, with their character spans: the chunk's structure, never re-parsed from text. */
  spans: ChunkSpan[];
  sectionNumber?: string;
  sectionTitle: string;
  /** Text as embedded and shown; each unit starts on its own line with its number. */
  text: string;
  pages: number[];
  tokenCount: number;
}

/** Counts tokens with the embedding model's own tokenizer. */
export interface TokenCounter {
  countTokens(text: string): number;
}

export type Similarity = 'dot' | 'cosine';
export type RetrievalMode = 'hybrid' | 'dense' | 'bm25';

export interface SearchSettings {
  topK: number;
  similarity: Similarity;
  retrieval: RetrievalMode;
  /** Rerank the first stage's clauses (default); off, clauses keep their chunks' order (the study's retriever). */
  rerank?: boolean;
}

export interface ScoredChunk {
  chunk: Chunk;
  /** Fused (or single-retriever) score used for ranking. */
  score: number;
  /** Dense similarity with the question (cosine or dot, as configured); NaN when dense was not run. */
  dense: number;
  /** BM25 score; 0 when no query term matches. */
  bm25: number;
}

/** A rulebook the user added. `hash` is the SHA-256 of the PDF bytes, hex. */
export interface Rulebook {
  hash: string;
  name: string;
  pageCount: number;
  addedAt: number;
}

/** Key of a stored index: the same PDF, model and chunk settings never compute embeddings twice. */
export interface IndexKeyParts {
  hash: string;
  modelId: string;
  chunking: ChunkSettings;
}

export interface StoredIndex {
  key: string;
  hash: string;
  modelId: string;
  chunking: ChunkSettings;
  dims: number;
  units: RuleUnit[];
  chunks: Chunk[];
  /** chunks.length * dims floats, row i is chunk i's embedding. */
  vectors: Float32Array;
  createdAt: number;
}

/** One progress shape for every slow step. */
export interface Progress {
  stage: 'read' | 'parse' | 'chunk' | 'embed' | 'save' | 'load-model' | 'download';
  done: number;
  total: number;
  bytes?: number;
  totalBytes?: number;
}
