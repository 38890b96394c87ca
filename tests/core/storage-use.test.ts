// The storage estimate against V8's own serialiser (Node's v8.serialize writes the structured-clone format
// Chromium's IndexedDB stores): values of each kind, and an index shaped like a real one.

import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { estimateIndexBytes, estimateRulebookBytes, estimateStoredBytes } from '../../src/core/storage-use';
import type { StoredIndex } from '../../src/core/types';

/** v8.serialize's bytes less its 2-byte version header; Node writes typed arrays as host objects (8 bytes of framing). */
const v8Bytes = (value: unknown) => serialize(value).length - 2;

function makeIndex(chunks: number, dims: number, text: (i: number) => string): StoredIndex {
  return {
    key: `hash-${chunks}|model|structured-256-32`,
    hash: `hash-${chunks}`,
    modelId: 'pitchside-glove-100d',
    chunking: { strategy: 'structured', maxTokens: 256, overlapTokens: 32 },
    dims,
    units: Array.from({ length: chunks }, (_, i) => ({
      kind: 'clause' as const,
      ref: `13.${i + 1}`,
      number: `13.${i + 1}`,
      sectionNumber: '13',
      sectionTitle: 'The Rollball',
      text: text(i),
      pages: [9 + (i % 3)],
    })),
    chunks: Array.from({ length: chunks }, (_, i) => ({
      index: i,
      refs: [`13.${i + 1}`],
      spans: [{ unit: i, start: 0, end: text(i).length + 6 }],
      sectionNumber: '13',
      sectionTitle: 'The Rollball',
      text: `13.${i + 1} ${text(i)}`,
      pages: [9 + (i % 3)],
      tokenCount: 40 + i,
    })),
    vectors: new Float32Array(chunks * dims).map((_, i) => Math.sin(i) / 7),
    createdAt: 1_765_000_000_000,
  };
}

describe('estimateStoredBytes', () => {
  it.each([
    ['a Latin-1 string', 'Ten metres (10 m) from the mark - café'],
    ['a string with an en dash (two bytes a character)', 'Rule 15.2 – ten metres'],
    ['an empty string', ''],
    ['a long string (two-byte varint length)', 'x'.repeat(300)],
    ['small integers', [0, 1, -1, 63, 64, -64, -65, 8191, 8192]],
    ['integers past 31 bits and fractions', [2 ** 30, -(2 ** 30) - 1, 1_765_000_000_000, 0.25, -3.5]],
    ['booleans, null and undefined', [true, false, null, undefined]],
    ['a nested object', { hash: 'abc', pages: [1, 2, 3], spans: [{ unit: 0, start: 0, end: 12 }], term: undefined }],
    ['a Float32Array', new Float32Array(400).fill(0.5)],
  ])('matches V8 for %s', (_name, value) => {
    // Node frames a typed array as a host object (8 bytes) where Chromium writes buffer + view tags (~7).
    const slack = ArrayBuffer.isView(value) ? 8 : 0;
    expect(Math.abs(estimateStoredBytes(value) - v8Bytes(value))).toBeLessThanOrEqual(slack);
  });

  it('counts a two-byte string twice the size of a one-byte one', () => {
    expect(estimateStoredBytes('a'.repeat(100) + '—') - 3).toBeGreaterThanOrEqual(2 * (estimateStoredBytes('a'.repeat(101)) - 3));
  });
});

describe('estimateIndexBytes', () => {
  it('is within 1 % of V8 for the records of an index, and never below its vectors', () => {
    for (const [chunks, dims] of [
      [5, 4],
      [120, 100],
      [800, 100],
    ]) {
      const index = makeIndex(chunks, dims, (i) => `A player who ${i % 2 ? 'is in touch' : 'performs a rollball'} – Rule ${i}.`);
      const { units, chunks: cs, vectors, ...meta } = index;
      // The records, their keys (twice: record and metadata) and the metadata's entry in the by-rulebook index.
      const keys = 2 * v8Bytes(index.key) + v8Bytes(index.hash);
      const exact = v8Bytes({ key: index.key, units, chunks: cs, vectors }) + v8Bytes({ ...meta, chunkCount: cs.length }) + keys;
      const estimate = estimateIndexBytes(index);
      expect(estimate).toBeGreaterThan(vectors.byteLength);
      expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.01);
    }
  });

  it('grows with the number of passages', () => {
    const text = (i: number) => `Clause ${i} text`;
    const sizes = [10, 20, 40].map((n) => estimateIndexBytes(makeIndex(n, 100, text)));
    expect(sizes[1]).toBeGreaterThan(sizes[0] * 1.9);
    expect(sizes[2]).toBeGreaterThan(sizes[1] * 1.9);
  });
});

describe('estimateRulebookBytes', () => {
  const book = { hash: 'h', name: 'FIT 5th edition', pageCount: 17, addedAt: 1 };
  it('adds every index and the recent questions to the rulebook record', () => {
    const record = estimateRulebookBytes(book, [], []);
    expect(record).toBeGreaterThan(estimateStoredBytes(book));
    expect(estimateRulebookBytes(book, [1000, 2000], [])).toBe(record + 3000);
    expect(estimateRulebookBytes(book, [], ['How far back on a penalty?'])).toBeGreaterThan(record + 26);
  });
});
