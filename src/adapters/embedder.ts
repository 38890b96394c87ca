// Embedder over transformers.js feature extraction: loads one registered model, embeds in batches with
// progress and cancellation, counts tokens with the model's tokenizer. Runs in the rulebook worker and in Node.

import { env, pipeline, Tensor, type FeatureExtractionPipeline, type ProgressInfo } from '@huggingface/transformers';
import { getEmbeddingModel, type EmbeddingModelInfo } from '../core/embedding-models';
import type { EmbedOptions, Embedder } from '../core/embedder';
import { AppError, throwIfAborted, yieldToEventLoop } from '../core/errors';
import type { Progress } from '../core/types';

export type EmbedderDevice = Embedder['backend'];

export interface CreateEmbedderOptions {
  modelId: string;
  /** Folder holding one sub-folder per model (Node: absolute path of public/models/). Default: as configured in `env`. */
  localModelPath?: string;
  /** May fetch from the Hugging Face hub (only for a registry model the user chose to download). Default false. */
  allowRemote?: boolean;
  /** 'cpu' in Node; 'wasm' or 'webgpu' in a browser. A failed WebGPU load falls back to WASM. */
  device?: EmbedderDevice;
  onProgress?: (p: Progress) => void;
  /**
   * Reads a file of the model's folder as text (Node: from localModelPath). Default: fetched from the
   * app's own model path. Used for the shipped model's known-words.json; a failed read leaves it out.
   */
  readModelFile?: (modelId: string, file: string) => Promise<string>;
}

export const DEFAULT_EMBED_BATCH_SIZE = 32;
/** The shipped model's wider word list (scripts/build-embedding-model.mjs). */
const KNOWN_WORDS_FILE = 'known-words.json';

export async function createEmbedder(opts: CreateEmbedderOptions): Promise<Embedder> {
  const model = getEmbeddingModel(opts.modelId);
  if (!model) throw new AppError('model-missing', `unknown embedding model "${opts.modelId}"`);
  if (opts.localModelPath !== undefined) {
    env.allowLocalModels = true;
    env.localModelPath = opts.localModelPath;
  }
  env.allowRemoteModels = (opts.allowRemote ?? false) && !model.shipped;
  // The service worker already precaches the shipped model; a second copy in transformers.js's cache is waste.
  env.useBrowserCache = !model.shipped && typeof caches !== 'undefined';
  const device = opts.device ?? 'wasm';
  const knownWords = model.shipped ? loadKnownWords(model, opts.readModelFile ?? fetchModelFile) : Promise.resolve(undefined);
  try {
    return new TransformersEmbedder(model, device, await loadPipeline(model, device, opts.onProgress), await knownWords);
  } catch (error) {
    if (device === 'webgpu' && !isMissingFile(error)) {
      try {
        return new TransformersEmbedder(model, 'wasm', await loadPipeline(model, 'wasm', opts.onProgress), await knownWords);
      } catch (fallbackError) {
        throw toLoadError(model, fallbackError);
      }
    }
    throw toLoadError(model, error);
  }
}

async function loadPipeline(
  model: EmbeddingModelInfo,
  device: EmbedderDevice,
  onProgress: ((p: Progress) => void) | undefined,
): Promise<FeatureExtractionPipeline> {
  const files = new Map<string, { loaded: number; total: number }>();
  const progress_callback = (info: ProgressInfo) => {
    if (!onProgress || info.status !== 'progress') return;
    files.set(info.file, { loaded: info.loaded, total: info.total });
    let bytes = 0;
    let totalBytes = 0;
    for (const f of files.values()) {
      bytes += f.loaded;
      totalBytes += f.total;
    }
    onProgress({ stage: 'download', done: bytes, total: totalBytes, bytes, totalBytes });
  };
  // Local folders are named by id for the shipped model and by hub id for downloaded ones.
  const path = model.hubId ?? model.id;
  return pipeline('feature-extraction', path, { device, dtype: model.dtype, progress_callback });
}

/** The app's own copy of a model file, from the path transformers.js loads the shipped model from. */
async function fetchModelFile(modelId: string, file: string): Promise<string> {
  const response = await fetch(`${env.localModelPath}${modelId}/${file}`);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return response.text();
}

/**
 * The model's wider word list, or undefined when it cannot be read: typo correction then trusts the model's
 * own vocabulary alone, as before the list existed. Nothing the referee sees depends on it.
 */
async function loadKnownWords(
  model: EmbeddingModelInfo,
  read: (modelId: string, file: string) => Promise<string>,
): Promise<ReadonlySet<string> | undefined> {
  try {
    const words: unknown = JSON.parse(await read(model.id, KNOWN_WORDS_FILE));
    return Array.isArray(words) ? new Set(words.filter((w): w is string => typeof w === 'string')) : undefined;
  } catch {
    return undefined;
  }
}

function isMissingFile(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | undefined;
  return e?.name === 'ModelFileNotFoundError' || /not found locally|Could not locate file/.test(e?.message ?? '');
}

function toLoadError(model: EmbeddingModelInfo, error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (isMissingFile(error)) {
    const hint = model.shipped
      ? `the built-in model files are missing (run "npm run build:model" to rebuild public/models/${model.id})`
      : `"${model.name}" is not downloaded yet; download it while online`;
    return new AppError('model-missing', `${hint}. ${message}`);
  }
  return new AppError('model-failed', `${model.name}: ${message}`);
}

/** Whitespace as BERT's normalizer and pre-tokenizer see it: tokens never span it. */
const BERT_WHITESPACE = /[\t\n\r\p{Zs}]+/u;
/** Distinct words whose token counts are kept (a 534-page book has about 20,000). */
const MAX_CACHED_WORDS = 200_000;

class TransformersEmbedder implements Embedder {
  /** Token count per word, for tokenizers whose tokens never cross whitespace (BERT's WordPiece). */
  private readonly wordTokens: Map<string, number> | undefined;
  /** Token ids per word, on the same condition: indexing tokenizes each distinct word once. */
  private readonly wordIds: Map<string, number[]> | undefined;
  /** [CLS] and [SEP] as the tokenizer adds them, and the longest input it keeps. */
  private readonly specials: { first: number; last: number; maxLength: number } | undefined;

  constructor(
    readonly model: EmbeddingModelInfo,
    readonly backend: EmbedderDevice,
    private readonly extractor: FeatureExtractionPipeline,
    private readonly knownWords?: ReadonlySet<string>,
  ) {
    const config = (extractor.tokenizer as unknown as { config?: { tokenizer_class?: string } }).config;
    const isWordPiece = /^(Bert|DistilBert)Tokenizer/.test(config?.tokenizer_class ?? '');
    this.wordTokens = isWordPiece ? new Map() : undefined;
    const tokenizer = extractor.tokenizer as unknown as { encode(t: string): number[]; model_max_length?: number };
    const empty = isWordPiece ? tokenizer.encode('') : [];
    const maxLength = tokenizer.model_max_length;
    if (empty.length === 2 && maxLength && maxLength <= 8192) {
      this.specials = { first: empty[0], last: empty[1], maxLength };
      this.wordIds = new Map();
    }
  }

  /** The pipeline's inputs (ids, mask, token types; padded, truncated), built from cached word ids. */
  private tokenizeBatch(batch: string[], wordIds: Map<string, number[]>, specials: { first: number; last: number; maxLength: number }) {
    const rows = batch.map((text) => {
      const ids = [specials.first];
      for (const word of text.split(BERT_WHITESPACE)) {
        if (!word) continue;
        let pieces = wordIds.get(word);
        if (!pieces) {
          pieces = this.extractor.tokenizer.encode(word, { add_special_tokens: false });
          if (wordIds.size < MAX_CACHED_WORDS) wordIds.set(word, pieces);
        }
        for (const id of pieces) ids.push(id);
        if (ids.length >= specials.maxLength - 1) break;
      }
      ids.length = Math.min(ids.length, specials.maxLength - 1);
      ids.push(specials.last);
      return ids;
    });
    const length = Math.max(...rows.map((r) => r.length));
    const ids = new BigInt64Array(rows.length * length);
    const mask = new BigInt64Array(rows.length * length);
    rows.forEach((row, r) =>
      row.forEach((id, t) => {
        ids[r * length + t] = BigInt(id);
        mask[r * length + t] = 1n;
      }),
    );
    const dims = [rows.length, length];
    return {
      input_ids: new Tensor('int64', ids, dims),
      attention_mask: new Tensor('int64', mask, dims),
      token_type_ids: new Tensor('int64', new BigInt64Array(rows.length * length), dims),
    };
  }

  /**
   * Counted word by word where the tokenizer allows it: chunking counts every clause, and a rulebook repeats
   * its words, so most counts are cached (indexing a 534-page book counted ~900,000 words through the
   * tokenizer before).
   */
  countTokens(text: string): number {
    const cache = this.wordTokens;
    if (!cache) return this.extractor.tokenizer.encode(text, { add_special_tokens: false }).length;
    let count = 0;
    for (const word of text.split(BERT_WHITESPACE)) {
      if (!word) continue;
      let n = cache.get(word);
      if (n === undefined) {
        n = this.extractor.tokenizer.encode(word, { add_special_tokens: false }).length;
        if (cache.size < MAX_CACHED_WORDS) cache.set(word, n);
      }
      count += n;
    }
    return count;
  }

  isKnownWord(word: string): boolean {
    return this.extractor.tokenizer.encode(word, { add_special_tokens: false }).length === 1;
  }

  isEnglishWord(word: string): boolean {
    return this.knownWords?.has(word) ?? false;
  }

  /**
   * The pipeline's own mean pooling walks the hidden states element by element through generic tensor code:
   * 1.8 s of 4 s when indexing a 534-page book. Tokenizer and model are the pipeline's; only the pooling is ours.
   */
  private async embedMeanPooled(batch: string[]): Promise<Float32Array> {
    const inputs =
      this.wordIds && this.specials
        ? this.tokenizeBatch(batch, this.wordIds, this.specials)
        : this.extractor.tokenizer(batch, { padding: true, truncation: true });
    const outputs = await this.extractor.model(inputs);
    const hidden = (outputs.last_hidden_state ?? outputs.token_embeddings) as { data: Float32Array; dims: number[] };
    const [rows, length, dims] = hidden.dims;
    // Tensor.data is a getter: read it once.
    const values = hidden.data;
    const mask = (inputs.attention_mask as { data: ArrayLike<bigint | number> }).data;
    const pooled = new Float32Array(rows * dims);
    for (let r = 0; r < rows; r++) {
      const out = pooled.subarray(r * dims, (r + 1) * dims);
      let count = 0;
      for (let t = 0; t < length; t++) {
        if (!Number(mask[r * length + t])) continue;
        count++;
        const base = (r * length + t) * dims;
        for (let d = 0; d < dims; d++) out[d] += values[base + d];
      }
      if (count > 0) for (let d = 0; d < dims; d++) out[d] /= count;
    }
    return pooled;
  }

  async embed(texts: string[], opts: EmbedOptions): Promise<Float32Array[]> {
    const { signal, onProgress } = opts;
    const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_EMBED_BATCH_SIZE);
    const prefix = opts.kind === 'query' ? this.model.queryPrefix : this.model.documentPrefix;
    const dims = this.model.dims;
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      if (start > 0) await yieldToEventLoop();
      throwIfAborted(signal);
      const batch = texts.slice(start, start + batchSize).map((t) => prefix + t);
      let data: Float32Array;
      try {
        data =
          this.model.pooling === 'mean'
            ? await this.embedMeanPooled(batch)
            : ((await this.extractor(batch, { pooling: this.model.pooling, normalize: false })).data as Float32Array);
      } catch (error) {
        throw new AppError('embedding-failed', error instanceof Error ? error.message : String(error));
      }
      if (data.length !== batch.length * dims) {
        throw new AppError('embedding-failed', `expected ${batch.length}x${dims} values, got ${data.length}`);
      }
      for (let i = 0; i < batch.length; i++) out.push(data.slice(i * dims, (i + 1) * dims));
      onProgress?.(out.length, texts.length);
    }
    throwIfAborted(signal);
    return out;
  }
}
