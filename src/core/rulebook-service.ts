// The retrieval pipeline end to end: PDF bytes → structured units → chunks → vectors → stored index,
// and question → hybrid search → clause answer. Pure orchestration over injected ports; the rulebook
// worker, the evaluation CLI and the benchmarks all run this same code.

import { DEFAULT_TUNING, type AnswerTuning } from './answer-tuning';
import { buildBm25, documentFrequency, inverseDocumentFrequency, type Bm25Index } from './bm25';
import { contentTerms } from './text';
import { l2Normalize } from './vector';
import { chunkUnits, DEFAULT_CHUNKING } from './chunking';
import { buildClauseAnswer, type ClauseAnswer } from './clause-answer';
import { buildClauseIndex, unitSearchText, type ClauseIndex } from './clauses';
import { assessCoverage, type Coverage } from './coverage';
import { linkGlossary } from './glossary';
import { analyzeQuestion, type QuestionAnalysis } from './question';
import { buildWordNeighbours, expandableWords, expandWithNeighbours, neighbourCandidates, type WordNeighbours } from './word-neighbours';
import { clausesInChunkOrder, rerankClauses, withNamedRules, type QuestionWords, type RankedClause } from './rerank';
import { compileVocabulary, type CompiledVocabulary } from './vocabulary';
import { AppError, throwIfAborted, yieldToEventLoop } from './errors';
import { indexKey } from './index-key';
import type { Embedder, PdfExtractor, RulebookStore } from './ports';
import { searchChunks } from './search';
import { parseRulebook } from './structure';
import type { ChunkSettings, Progress, Rulebook, RuleUnit, ScoredChunk, SearchSettings, StoredIndex } from './types';

export const DEFAULT_SEARCH: SearchSettings = { topK: 5, similarity: 'cosine', retrieval: 'hybrid', rerank: true };
export const EMBED_BATCH_SIZE = 16;
/** Results are always ranked at least this deep, so evaluation can report hit@5 whatever top-k is. */
export const RANKED_DEPTH = 5;

export interface ServiceDeps {
  extractor: PdfExtractor;
  embedder: Embedder;
  store: RulebookStore;
  sha256Hex(bytes: Uint8Array): Promise<string>;
  now?: () => number;
  /** Referees' words → the rulebook's; the shipped vocabulary by default. */
  vocabulary?: CompiledVocabulary;
}

export interface AddResult {
  rulebook: Rulebook;
  /** True when an index for these bytes, model and settings was already stored. */
  reused: boolean;
  chunkCount: number;
  /** Document embeddings computed for this call (0 when reused). */
  embedded: number;
}

export interface AskResult {
  answer: ClauseAnswer;
  coverage: Coverage;
  /** The question as read: terms, corrections, vocabulary mappings that fired, what it asks for. */
  analysis: QuestionAnalysis;
  /** Clauses best first (reranked unless the search settings turn it off); the answer is built from these. */
  clauses: RankedClause[];
  /** First-stage chunks, ranked at least RANKED_DEPTH deep. */
  results: ScoredChunk[];
  timings: { embedMs: number; searchMs: number; totalMs: number };
}

export interface LoadedIndex {
  index: StoredIndex;
  bm25: Bm25Index;
  clauses: ClauseIndex;
  /** The rulebook's words with their vectors; made on first use, only when the tuning reads them. */
  neighbours?: Promise<WordNeighbours>;
}

function loadedIndex(index: StoredIndex, vocabulary: CompiledVocabulary): LoadedIndex {
  return { index, bm25: buildBm25(index.chunks.map((c) => c.text)), clauses: buildClauseIndex(index.units, vocabulary) };
}

/** The rulebook's words embedded one by one (one batch of single words), with each unit's words. */
async function wordNeighbours(loaded: LoadedIndex, embedder: Embedder): Promise<WordNeighbours> {
  const { index, clauses } = loaded;
  const words = neighbourCandidates(clauses.lexicon.words.keys(), embedder.isKnownWord?.bind(embedder));
  const vectors = words.length ? await embedder.embed(words, { kind: 'query' }) : [];
  const texts = index.units.map((_, i) => unitSearchText(index.units, i, clauses.byRef));
  return buildWordNeighbours(words, vectors, texts);
}

export class RulebookService {
  /** Document embeddings computed since start; queries are counted separately. */
  documentEmbeddings = 0;
  queryEmbeddings = 0;
  chunking: ChunkSettings = DEFAULT_CHUNKING;
  /** Every constant of analysis, reranking, coverage and the clause answer; the eval CLI swaps it. */
  tuning: AnswerTuning = DEFAULT_TUNING;
  private readonly vocabulary: CompiledVocabulary;
  private readonly loaded = new Map<string, LoadedIndex>();
  private readonly now: () => number;

  constructor(private readonly deps: ServiceDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.vocabulary = deps.vocabulary ?? compileVocabulary();
  }

  get modelId(): string {
    return this.deps.embedder.model.id;
  }

  keyFor(hash: string): string {
    return indexKey({ hash, modelId: this.modelId, chunking: this.chunking });
  }

  /** Parses, chunks, embeds and stores a rulebook; reuses a stored index for identical bytes. */
  async addRulebook(
    name: string,
    bytes: Uint8Array,
    opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
  ): Promise<AddResult> {
    const { signal, onProgress } = opts;
    const hash = await this.deps.sha256Hex(bytes);
    const existing = await this.deps.store.getRulebook(hash);
    if (existing && (await this.deps.store.hasIndex(this.keyFor(hash)))) {
      const loaded = await this.load(hash);
      return { rulebook: existing, reused: true, chunkCount: loaded.index.chunks.length, embedded: 0 };
    }
    const doc = await this.deps.extractor.extract(bytes, { signal, onProgress });
    throwIfAborted(signal);
    const units = parseRulebook(doc.lines);
    // Prose, minutes or a letter is not a rulebook, even when its paragraphs could be indexed.
    if (!units.some((u) => u.kind === 'clause')) {
      throw new AppError('no-rules-found', `${doc.lines.length} lines of text, ${units.length} passages, no numbered rule`);
    }
    const rulebook: Rulebook = {
      hash,
      name: existing?.name ?? name,
      pageCount: doc.pageCount,
      addedAt: existing?.addedAt ?? this.now(),
    };
    return this.indexUnits(rulebook, units, { signal, onProgress });
  }

  /** Loads a stored index into memory (once). */
  async load(hash: string): Promise<LoadedIndex> {
    const cached = this.loaded.get(hash);
    if (cached) return cached;
    const index = await this.deps.store.getIndex(this.keyFor(hash));
    if (!index) throw new AppError('no-rulebook', `no index for ${hash.slice(0, 12)} with ${this.modelId}`);
    const loaded = loadedIndex(index, this.vocabulary);
    this.loaded.set(hash, loaded);
    return loaded;
  }

  async ask(
    hash: string,
    question: string,
    search: SearchSettings = DEFAULT_SEARCH,
    opts: { signal?: AbortSignal; tuning?: AnswerTuning } = {},
  ): Promise<AskResult> {
    const tuning = opts.tuning ?? this.tuning;
    const start = performance.now();
    // A rulebook deleted in another tab may still be loaded here: never answer from it.
    if (!(await this.deps.store.getRulebook(hash))) {
      const wasLoaded = this.loaded.delete(hash);
      throw new AppError(wasLoaded ? 'rulebook-deleted' : 'no-rulebook', `rulebook ${hash.slice(0, 12)} is not stored`);
    }
    const loaded = await this.load(hash);
    const { index, bm25, clauses: clauseIndex } = loaded;
    const embedder = this.deps.embedder;
    const semantic = tuning.neighbours.minSimilarity > 0 || tuning.rerank.maxSimWeight > 0;
    const neighbours = semantic ? await (loaded.neighbours ??= wordNeighbours(loaded, embedder)) : undefined;
    const analyzed = linkGlossary(
      analyzeQuestion(question, {
        lexicon: clauseIndex.lexicon,
        vocabulary: this.vocabulary,
        isKnownWord: embedder.isKnownWord?.bind(embedder),
        isEnglishWord: embedder.isEnglishWord?.bind(embedder),
        tuning: tuning.question,
      }),
      clauseIndex,
      tuning.question,
    );
    // The question's words are embedded with the question (one call): for words near in meaning and MaxSim.
    const words = neighbours?.words.length ? expandableWords(analyzed) : [];
    let vector: Float32Array | undefined;
    let wordVectors: Float32Array[] = [];
    if (search.retrieval !== 'bm25' || words.length) {
      const texts = search.retrieval !== 'bm25' ? [analyzed.embeddingText, ...words] : words;
      const vectors = await embedder.embed(texts, { kind: 'query', signal: opts.signal });
      if (search.retrieval !== 'bm25') vector = vectors.shift();
      wordVectors = vectors.map((v) => l2Normalize(v));
      this.queryEmbeddings++;
    }
    let analysis = analyzed;
    let questionWords: QuestionWords | undefined;
    if (neighbours && words.length) {
      const unknown = words.map((w) => documentFrequency(clauseIndex.bm25, contentTerms(w)[0]) === 0);
      const expand = words.map((_, i) => !tuning.neighbours.unknownOnly || unknown[i]);
      const pick = <T>(list: T[]) => list.filter((_, i) => expand[i]);
      analysis = expandWithNeighbours(analyzed, pick(words), pick(wordVectors), neighbours, tuning.neighbours);
      const weights = words.map((w) => inverseDocumentFrequency(clauseIndex.bm25, contentTerms(w)[0]));
      questionWords = { vectors: wordVectors, weights, neighbours };
    }
    const embedded = performance.now();
    const rerank = search.rerank ?? true;
    const results = searchChunks(
      { chunks: index.chunks, vectors: index.vectors, dims: index.dims, bm25 },
      { text: question, terms: analysis.terms, vector },
      { ...search, topK: Math.max(search.topK, RANKED_DEPTH, rerank ? tuning.rerank.depth : 0) },
    );
    const ranked = withNamedRules(
      analysis,
      rerank ? rerankClauses(analysis, results, clauseIndex, tuning.rerank, questionWords) : clausesInChunkOrder(results.slice(0, search.topK), clauseIndex),
      clauseIndex,
    );
    const coverage = assessCoverage({ analysis, clauses: ranked, index: clauseIndex, similarity: search.similarity, modelId: this.modelId }, tuning.coverage);
    const answer = buildClauseAnswer(analysis, ranked, coverage, clauseIndex, tuning.answer);
    const end = performance.now();
    return {
      answer,
      coverage,
      analysis,
      clauses: ranked,
      results: results.slice(0, Math.max(search.topK, RANKED_DEPTH)),
      timings: { embedMs: embedded - start, searchMs: end - embedded, totalMs: end - start },
    };
  }

  /** Uses another embedding model from now on. Indexes loaded for the previous model are dropped. */
  setEmbedder(embedder: Embedder): void {
    this.deps.embedder = embedder;
    this.loaded.clear();
  }

  /** Whether the rulebook has a stored index for the current model and chunk settings. */
  async hasIndex(hash: string): Promise<boolean> {
    return this.loaded.has(hash) || this.deps.store.hasIndex(this.keyFor(hash));
  }

  /**
   * Indexes a stored rulebook for the current model without its PDF: the structured units of any stored
   * index of it are chunked with this model's tokenizer and embedded, then saved in one transaction.
   * Computes nothing when an index for the current model already exists.
   */
  async reindex(
    hash: string,
    opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
  ): Promise<AddResult> {
    const { signal, onProgress } = opts;
    const rulebook = await this.deps.store.getRulebook(hash);
    if (!rulebook) throw new AppError('no-rulebook', `no rulebook ${hash.slice(0, 12)}`);
    if (await this.hasIndex(hash)) {
      const loaded = await this.load(hash);
      return { rulebook, reused: true, chunkCount: loaded.index.chunks.length, embedded: 0 };
    }
    const units = await this.findStoredUnits(hash);
    if (!units) throw new AppError('no-rulebook', `no stored index of ${hash.slice(0, 12)} to re-index from`);
    return this.indexUnits(rulebook, units, { signal, onProgress });
  }

  /**
   * Stores an index made elsewhere (a rule pack): as it is when it was made with the current model and chunk
   * settings (nothing embedded), otherwise re-indexed from its units for the current model, with progress.
   */
  async importIndex(
    rulebook: Rulebook,
    index: StoredIndex,
    opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
  ): Promise<AddResult> {
    if (index.key !== this.keyFor(rulebook.hash)) return this.indexUnits(rulebook, index.units, opts);
    throwIfAborted(opts.signal);
    opts.onProgress?.({ stage: 'save', done: 0, total: 1 });
    await this.deps.store.saveIndexedRulebook(rulebook, index);
    opts.onProgress?.({ stage: 'save', done: 1, total: 1 });
    this.loaded.set(rulebook.hash, loadedIndex(index, this.vocabulary));
    return { rulebook, reused: false, chunkCount: index.chunks.length, embedded: 0 };
  }

  /** Chunks, embeds and saves units as the rulebook's index for the current model, in one transaction. */
  private async indexUnits(
    rulebook: Rulebook,
    units: RuleUnit[],
    { signal, onProgress }: { signal?: AbortSignal; onProgress?: (p: Progress) => void },
  ): Promise<AddResult> {
    // Captured once, so a model switched mid-way can never mix two models in one index.
    const embedder = this.deps.embedder;
    const chunks = chunkUnits(units, this.chunking, embedder);
    onProgress?.({ stage: 'chunk', done: chunks.length, total: chunks.length });
    const vectors = await this.embedChunks(chunks.map((c) => c.text), signal, onProgress, embedder);
    const index: StoredIndex = {
      key: indexKey({ hash: rulebook.hash, modelId: embedder.model.id, chunking: this.chunking }),
      hash: rulebook.hash,
      modelId: embedder.model.id,
      chunking: this.chunking,
      dims: embedder.model.dims,
      units,
      chunks,
      vectors,
      createdAt: this.now(),
    };
    // Last chance to honour a cancel: once the save transaction starts, the rulebook is kept.
    await yieldToEventLoop();
    throwIfAborted(signal);
    onProgress?.({ stage: 'save', done: 0, total: 1 });
    await this.deps.store.saveIndexedRulebook(rulebook, index);
    onProgress?.({ stage: 'save', done: 1, total: 1 });
    if (this.deps.embedder === embedder) this.loaded.set(rulebook.hash, loadedIndex(index, this.vocabulary));
    return { rulebook, reused: false, chunkCount: chunks.length, embedded: chunks.length };
  }

  private async findStoredUnits(hash: string): Promise<StoredIndex['units'] | undefined> {
    for (const summary of await this.deps.store.listIndexes(hash)) {
      const index = await this.deps.store.getIndex(summary.key);
      if (index && index.units.length > 0) return index.units;
    }
    return undefined;
  }

  async deleteRulebook(hash: string): Promise<void> {
    await this.deps.store.deleteRulebook(hash);
    this.loaded.delete(hash);
  }

  private async embedChunks(
    texts: string[],
    signal: AbortSignal | undefined,
    onProgress: ((p: Progress) => void) | undefined,
    embedder: Embedder = this.deps.embedder,
  ): Promise<Float32Array> {
    const dims = embedder.model.dims;
    const flat = new Float32Array(texts.length * dims);
    onProgress?.({ stage: 'embed', done: 0, total: texts.length });
    const rows = await embedder.embed(texts, {
      kind: 'document',
      signal,
      batchSize: EMBED_BATCH_SIZE,
      onProgress: (done, total) => onProgress?.({ stage: 'embed', done, total }),
    });
    rows.forEach((row, i) => flat.set(row, i * dims));
    this.documentEmbeddings += rows.length;
    return flat;
  }
}
