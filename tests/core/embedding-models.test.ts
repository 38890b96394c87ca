import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EMBEDDING_MODEL_ID,
  EMBEDDING_MODELS,
  SHIPPED_EMBEDDING_MODEL_ID,
  getEmbeddingModel,
} from '../../src/core/embedding-models';

describe('EMBEDDING_MODELS', () => {
  it.each(EMBEDDING_MODELS.map((m) => [m.id, m] as const))('%s is complete', (_id, model) => {
    expect(model.dims).toBeGreaterThan(0);
    expect(Number.isInteger(model.dims)).toBe(true);
    expect(typeof model.queryPrefix).toBe('string');
    expect(typeof model.documentPrefix).toBe('string');
    expect(['dot', 'cosine']).toContain(model.similarity);
    expect(['mean', 'cls']).toContain(model.pooling);
    expect(['q8', 'fp32']).toContain(model.dtype);
    expect(model.sizeMB).toBeGreaterThan(0);
    expect(model.license).not.toBe('');
    // A downloadable model needs a hub repository; the shipped one must not reach the network.
    if (model.shipped) expect(model.hubId).toBeUndefined();
    else expect(model.hubId).toMatch(/^[\w.-]+\/[\w.-]+$/);
  });

  it('has unique ids and exactly one shipped model, the default', () => {
    const ids = EMBEDDING_MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(EMBEDDING_MODELS.filter((m) => m.shipped).map((m) => m.id)).toEqual([SHIPPED_EMBEDDING_MODEL_ID]);
    expect(DEFAULT_EMBEDDING_MODEL_ID).toBe(SHIPPED_EMBEDDING_MODEL_ID);
  });

  it.each([
    ['snowflake-arctic-embed-xs', 384, 'cosine', true],
    ['bge-small-en-v1.5', 384, 'cosine', true],
    ['msmarco-distilbert-base-tas-b', 768, 'dot', false],
    ['pitchside-glove-100d', 100, 'cosine', false],
  ] as const)('%s: %i dims, %s, query prefix %s', (id, dims, similarity, hasQueryPrefix) => {
    const model = getEmbeddingModel(id);
    expect(model?.dims).toBe(dims);
    expect(model?.similarity).toBe(similarity);
    expect(model!.queryPrefix.length > 0).toBe(hasQueryPrefix);
  });
});

describe('getEmbeddingModel', () => {
  it('returns undefined for an unknown id', () => {
    expect(getEmbeddingModel('no-such-model')).toBeUndefined();
  });
});
