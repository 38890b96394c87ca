// How much of the device's storage each rulebook takes: an estimate of the bytes its records occupy once
// serialised (the structured clone IndexedDB writes), and the per-rulebook sums the Settings screen lists.
// Pure; runs in the rulebook worker and in Node.

import type { RulebookSummary } from './rulebook-ops';
import type { RulebookStore } from './ports';
import type { Rulebook, StoredIndex } from './types';

/** Bytes of an unsigned LEB128 varint, as the serialiser writes lengths and small integers. */
function varintBytes(n: number): number {
  let bytes = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    bytes++;
  }
  return bytes;
}

const SMI_MIN = -(2 ** 30);
const SMI_MAX = 2 ** 30 - 1;
// A string is stored one byte a character when every character is Latin-1, otherwise two. (V8 keeps a
// Latin-1 string cut from a two-byte one in two bytes, so for such text this is a lower bound.)
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

function stringBytes(s: string): number {
  const payload = BEYOND_LATIN1.test(s) ? s.length * 2 : s.length;
  return 1 + varintBytes(payload) + payload;
}

/**
 * The size of `value` in V8's structured-clone format (what Chromium's IndexedDB stores for a record before
 * its own framing): a tag per value, varint lengths, one- or two-byte strings, 31-bit integers as zig-zag
 * varints, other numbers as 8-byte doubles and typed arrays as their bytes. Node's `v8.serialize` writes the
 * same format, which is how the tests check it.
 */
export function estimateStoredBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return stringBytes(value);
    case 'number':
      return Number.isInteger(value) && value >= SMI_MIN && value <= SMI_MAX ? 1 + varintBytes(value < 0 ? -2 * value - 1 : 2 * value) : 9;
    case 'boolean':
    case 'undefined':
      return 1;
    case 'object': {
      if (value === null) return 1;
      if (ArrayBuffer.isView(value)) return value.byteLength + varintBytes(value.byteLength) + 6;
      if (Array.isArray(value)) {
        let bytes = 3 + 2 * varintBytes(value.length);
        for (const item of value) bytes += estimateStoredBytes(item);
        return bytes;
      }
      let bytes = 2;
      let count = 0;
      for (const [key, item] of Object.entries(value)) {
        // Undefined properties are written too (structured clone keeps them).
        bytes += stringBytes(key) + estimateStoredBytes(item);
        count++;
      }
      return bytes + varintBytes(count);
    }
    default:
      return 0;
  }
}

/**
 * The bytes an index takes in the store: its contents record (units, chunks, vectors) and its metadata
 * record, each with its key, and the metadata's entry in the by-rulebook index (src/adapters/store.ts).
 */
export function estimateIndexBytes(index: StoredIndex): number {
  const { units, chunks, vectors, ...meta } = index;
  const data = estimateStoredBytes({ key: index.key, units, chunks, vectors });
  const info = estimateStoredBytes({ ...meta, chunkCount: chunks.length });
  return data + info + 2 * stringBytes(index.key) + stringBytes(index.hash);
}

/** Everything stored for one rulebook: its record, every index of it (any search model) and its recent questions. */
export function estimateRulebookBytes(rulebook: Rulebook, indexBytes: readonly number[], recentQuestions: readonly string[]): number {
  const record = estimateStoredBytes(rulebook) + stringBytes(rulebook.hash);
  const recent = recentQuestions.length ? estimateStoredBytes({ hash: rulebook.hash, questions: recentQuestions }) + stringBytes(rulebook.hash) : 0;
  return record + indexBytes.reduce((sum, b) => sum + b, 0) + recent;
}

/**
 * The rulebook list as the page shows it: each rulebook with the index in use (`currentKey`), its passages,
 * and its storage use. Reads metadata only; an index stored before sizes were recorded is measured once.
 */
export async function listRulebookSummaries(store: RulebookStore, currentKey: (hash: string) => string): Promise<RulebookSummary[]> {
  const books = await store.listRulebooks();
  return Promise.all(
    books.map(async (book): Promise<RulebookSummary> => {
      const [indexes, recent] = await Promise.all([store.listIndexes(book.hash), store.listRecentQuestions(book.hash)]);
      const current = indexes.find((ix) => ix.key === currentKey(book.hash)) ?? indexes[0];
      const indexBytes = await Promise.all(indexes.map((ix) => ix.storedBytes ?? store.measureIndex(ix.key)));
      return {
        ...book,
        modelId: current?.modelId,
        chunkCount: current?.chunkCount,
        storedBytes: estimateRulebookBytes(book, indexBytes, recent),
      };
    }),
  );
}
