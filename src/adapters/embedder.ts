// Embedder over transformers.js feature extraction: loads one registered model, embeds in batches with
// progress and cancellation, counts tokens with the model's tokenizer. Runs in the rulebook worker and in Node.

import { env, pipeline, type FeatureExtractionPipeline, type ProgressInfo } from '@huggingface/transformers';
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
}

export const DEFAULT_EMBED_BATCH_SIZE = 32;

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
  try {
    return new TransformersEmbedder(model, device, await loadPipeline(model, device, opts.onProgress));
  } catch (error) {
    if (device === 'webgpu' && !isMissingFile(error)) {
      try {
        return new TransformersEmbedder(model, 'wasm', await loadPipeline(model, 'wasm', opts.onProgress));
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

class TransformersEmbedder implements Embedder {
  constructor(
    readonly model: EmbeddingModelInfo,
    readonly backend: EmbedderDevice,
    private readonly extractor: FeatureExtractionPipeline,
  ) {}

  countTokens(text: string): number {
    return this.extractor.tokenizer.encode(text, { add_special_tokens: false }).length;
  }

  isKnownWord(word: string): boolean {
    return this.extractor.tokenizer.encode(word, { add_special_tokens: false }).length === 1;
  }

  /**
   * The pipeline's own mean pooling walks the hidden states element by element through generic tensor code:
   * 1.8 s of 4 s when indexing a 534-page book. Tokenizer and model are the pipeline's; only the pooling is ours.
   */
  private async embedMeanPooled(batch: string[]): Promise<Float32Array> {
    const inputs = this.extractor.tokenizer(batch, { padding: true, truncation: true });
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
