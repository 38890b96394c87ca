// Index keys: readable, stable, and distinct for every part that changes the embeddings.

import { describe, expect, it } from 'vitest';
import { indexKey } from '../../src/core/index-key';
import type { IndexKeyParts } from '../../src/core/types';

const HASH = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const BASE: IndexKeyParts = {
  hash: HASH,
  modelId: 'Snowflake/snowflake-arctic-embed-xs',
  chunking: { strategy: 'structured', maxTokens: 256, overlapTokens: 32 },
};

describe('indexKey', () => {
  it.each([
    [BASE, `${HASH}|Snowflake/snowflake-arctic-embed-xs|structured:256:32`],
    [
      { hash: 'abc', modelId: 'pitchside-glove', chunking: { strategy: 'window', maxTokens: 100, overlapTokens: 50 } },
      'abc|pitchside-glove|window:100:50',
    ],
    [{ ...BASE, modelId: 'odd|model', chunking: { ...BASE.chunking, overlapTokens: 0 } }, `${HASH}|odd|model|structured:256:0`],
  ] satisfies [IndexKeyParts, string][])('%# reads as hash|model|strategy:max:overlap', (parts, expected) => {
    expect(indexKey(parts)).toBe(expected);
  });

  it('does not depend on property order', () => {
    const reordered = {
      chunking: { overlapTokens: 32, maxTokens: 256, strategy: 'structured' as const },
      modelId: BASE.modelId,
      hash: HASH,
    };
    expect(indexKey(reordered)).toBe(indexKey(BASE));
  });

  it('gives a different key whenever one part changes', () => {
    const variants: IndexKeyParts[] = [
      BASE,
      { ...BASE, hash: HASH.replace(/^b/, 'c') },
      { ...BASE, modelId: 'Xenova/bge-small-en-v1.5' },
      { ...BASE, chunking: { ...BASE.chunking, strategy: 'window' } },
      { ...BASE, chunking: { ...BASE.chunking, maxTokens: 25 } },
      { ...BASE, chunking: { ...BASE.chunking, maxTokens: 25, overlapTokens: 632 } },
      { ...BASE, chunking: { ...BASE.chunking, overlapTokens: 33 } },
    ];
    const keys = new Set(variants.map(indexKey));
    expect(keys.size).toBe(variants.length);
  });

  it.each([
    ['empty hash', { ...BASE, hash: '' }],
    ['hash with separator', { ...BASE, hash: 'a|b' }],
    ['empty model id', { ...BASE, modelId: '' }],
    ['zero maxTokens', { ...BASE, chunking: { ...BASE.chunking, maxTokens: 0 } }],
    ['fractional maxTokens', { ...BASE, chunking: { ...BASE.chunking, maxTokens: 12.5 } }],
    ['negative overlap', { ...BASE, chunking: { ...BASE.chunking, overlapTokens: -1 } }],
    ['NaN overlap', { ...BASE, chunking: { ...BASE.chunking, overlapTokens: Number.NaN } }],
  ] satisfies [string, IndexKeyParts][])('rejects %s', (_label, parts) => {
    expect(() => indexKey(parts)).toThrow(RangeError);
  });
});
