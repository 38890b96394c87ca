// The on-device store on fake-indexeddb: roundtrip, atomic saves, cascades, recent questions,
// settings, the v1 → v2 migration, quota errors and closing for another tab's upgrade. Also sha256Hex.

import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { wrap } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/core/errors';
import { indexKey } from '../../src/core/index-key';
import { estimateIndexBytes, listRulebookSummaries } from '../../src/core/storage-use';
import type { ChunkSettings, Rulebook, StoredIndex } from '../../src/core/types';
import { sha256Hex } from '../../src/adapters/hash';
import { DB_VERSION, MAX_RECENT_QUESTIONS, openStore, type Store } from '../../src/adapters/store';
import { openDatabase, upgradeSchema } from '../../src/adapters/store-schema';

const STRUCTURED: ChunkSettings = { strategy: 'structured', maxTokens: 256, overlapTokens: 32 };
const WINDOW: ChunkSettings = { strategy: 'window', maxTokens: 100, overlapTokens: 50 };
const NAME = 'pitchside-test';

const open: Store[] = [];
async function freshStore(factory = new IDBFactory()): Promise<{ store: Store; factory: IDBFactory }> {
  const store = await openStore({ name: NAME, indexedDB: factory });
  open.push(store);
  return { store, factory };
}
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  vi.restoreAllMocks();
});

function makeRulebook(hash: string, addedAt = 1000, name = `Rulebook ${hash}`): Rulebook {
  return { hash, name, pageCount: 24, addedAt };
}

function makeIndex(hash: string, opts: { chunking?: ChunkSettings; chunks?: number; dims?: number; createdAt?: number } = {}) {
  const { chunking = STRUCTURED, chunks = 3, dims = 4, createdAt = 2000 } = opts;
  const modelId = 'pitchside-glove';
  const vectors = new Float32Array(chunks * dims).map((_, i) => Math.sin(i + 1) / 3);
  const index: StoredIndex = {
    key: indexKey({ hash, modelId, chunking }),
    hash,
    modelId,
    chunking,
    dims,
    units: [{ kind: 'clause', ref: '13.2', number: '13.2', sectionNumber: '13', sectionTitle: 'The Rollball', text: 'A player…', pages: [9] }],
    chunks: Array.from({ length: chunks }, (_, i) => ({
      index: i,
      refs: [`13.${i + 1}`],
      spans: [{ unit: 0, start: 0, end: `13.${i + 1} Clause text ${i}`.length }],
      sectionNumber: '13',
      sectionTitle: 'The Rollball',
      text: `13.${i + 1} Clause text ${i}`,
      pages: [9, 10],
      tokenCount: 7,
    })),
    vectors,
    createdAt,
  };
  return index;
}

/** Record counts per object store, read through a separate raw connection. */
async function countRecords(factory: IDBFactory): Promise<Record<string, number>> {
  const db = await openDatabase({ name: NAME, factory });
  const counts: Record<string, number> = {};
  for (const name of ['rulebooks', 'indexes', 'indexData', 'recentQuestions', 'settings'] as const) {
    counts[name] = await db.count(name);
  }
  db.close();
  return counts;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('rulebooks and indexes', () => {
  it('round-trips an index with its Float32Array bit for bit', async () => {
    const { store } = await freshStore();
    const index = makeIndex('h1', { chunks: 2, dims: 4 });
    const bits = new Uint32Array(index.vectors.buffer);
    // NaN with a payload, -0, ±Infinity, the smallest subnormal, the largest float.
    bits.set([0x7fc00001, 0x80000000, 0x7f800000, 0xff800000, 0x00000001, 0x7f7fffff]);
    await store.saveIndexedRulebook(makeRulebook('h1'), index);

    const loaded = await store.getIndex(index.key);
    expect(loaded?.vectors).toBeInstanceOf(Float32Array);
    expect(Array.from(new Uint32Array(loaded!.vectors.buffer))).toEqual(Array.from(bits));
    expect(loaded).toEqual({ ...index, vectors: loaded!.vectors });
    expect(await store.getRulebook('h1')).toEqual(makeRulebook('h1'));
  });

  it('stores only the viewed part of a vector subarray', async () => {
    const { store } = await freshStore();
    const index = makeIndex('h1', { chunks: 2, dims: 4 });
    const big = new Float32Array(1000);
    big.set(index.vectors, 100);
    await store.saveIndexedRulebook(makeRulebook('h1'), { ...index, vectors: big.subarray(100, 108) });
    const loaded = await store.getIndex(index.key);
    expect(loaded!.vectors.buffer.byteLength).toBe(8 * 4);
    expect(Array.from(loaded!.vectors)).toEqual(Array.from(index.vectors));
  });

  it('answers hasIndex/getIndex for unknown keys with false/undefined', async () => {
    const { store } = await freshStore();
    expect(await store.hasIndex('nope')).toBe(false);
    expect(await store.getIndex('nope')).toBeUndefined();
    expect(await store.getRulebook('nope')).toBeUndefined();
  });

  it('lists rulebooks newest first and indexes as metadata only, newest first', async () => {
    const { store } = await freshStore();
    await store.saveIndexedRulebook(makeRulebook('old', 1000), makeIndex('old'));
    await store.saveIndexedRulebook(makeRulebook('new', 3000), makeIndex('new', { createdAt: 2000 }));
    await store.saveIndexedRulebook(makeRulebook('new', 3000), makeIndex('new', { chunking: WINDOW, chunks: 5, createdAt: 4000 }));
    expect((await store.listRulebooks()).map((b) => b.hash)).toEqual(['new', 'old']);

    const infos = await store.listIndexes('new');
    expect(infos).toEqual([
      { key: indexKey({ hash: 'new', modelId: 'pitchside-glove', chunking: WINDOW }), hash: 'new', modelId: 'pitchside-glove', chunking: WINDOW, dims: 4, chunkCount: 5, createdAt: 4000, storedBytes: estimateIndexBytes(makeIndex('new', { chunking: WINDOW, chunks: 5, createdAt: 4000 })) },
      { key: indexKey({ hash: 'new', modelId: 'pitchside-glove', chunking: STRUCTURED }), hash: 'new', modelId: 'pitchside-glove', chunking: STRUCTURED, dims: 4, chunkCount: 3, createdAt: 2000, storedBytes: estimateIndexBytes(makeIndex('new', { createdAt: 2000 })) },
    ]);
    for (const info of infos) {
      expect(info).not.toHaveProperty('vectors');
      expect(info).not.toHaveProperty('chunks');
      expect(info).not.toHaveProperty('units');
      expect(await store.hasIndex(info.key)).toBe(true);
    }
  });

  it('measures an index stored without its size once, keeping the figure in its metadata', async () => {
    const { store, factory } = await freshStore();
    const index = makeIndex('h1', { chunks: 6 });
    await store.saveIndexedRulebook(makeRulebook('h1'), index);
    // An index saved before sizes were recorded: its metadata record has no storedBytes.
    const db = await openDatabase({ name: NAME, factory });
    const { storedBytes, ...legacy } = (await db.get('indexes', index.key))!;
    await db.put('indexes', legacy);
    db.close();
    expect(storedBytes).toBe(estimateIndexBytes(index));
    expect((await store.listIndexes('h1'))[0].storedBytes).toBeUndefined();

    const getData = vi.spyOn(IDBObjectStore.prototype, 'get');
    const [summary] = await listRulebookSummaries(store, () => index.key);
    expect(summary.storedBytes).toBeGreaterThan(storedBytes!);
    expect((await store.listIndexes('h1'))[0].storedBytes).toBe(storedBytes);
    expect(await store.getIndex(index.key)).toEqual(index);
    const dataReads = () => getData.mock.instances.filter((s) => (s as IDBObjectStore).name === 'indexData').length;
    const readsAfterFirst = dataReads();
    expect(readsAfterFirst).toBeGreaterThan(0);
    // Listed again: the figure comes from the metadata, and no index contents are read.
    expect(await listRulebookSummaries(store, () => index.key)).toEqual([summary]);
    expect(dataReads()).toBe(readsAfterFirst);
    expect(await store.measureIndex('missing')).toBe(0);
  });

  it("sums each rulebook's indexes and recent questions into its storage use, and lists the index in use", async () => {
    const { store } = await freshStore();
    const small = makeIndex('small', { chunks: 2 });
    const big = makeIndex('big', { chunks: 40, dims: 100 });
    const bigWindow = makeIndex('big', { chunks: 60, dims: 100, chunking: WINDOW });
    await store.saveIndexedRulebook(makeRulebook('small', 1000), small);
    await store.saveIndexedRulebook(makeRulebook('big', 2000), big);
    await store.saveIndexedRulebook(makeRulebook('big', 2000), bigWindow);
    const before = await listRulebookSummaries(store, (hash) => indexKey({ hash, modelId: 'pitchside-glove', chunking: STRUCTURED }));
    expect(before.map((b) => [b.hash, b.chunkCount])).toEqual([
      ['big', 40],
      ['small', 2],
    ]);
    const [bigBytes, smallBytes] = before.map((b) => b.storedBytes!);
    expect(bigBytes).toBeGreaterThan(estimateIndexBytes(big) + estimateIndexBytes(bigWindow));
    expect(bigBytes).toBeLessThan(estimateIndexBytes(big) + estimateIndexBytes(bigWindow) + 200);
    expect(smallBytes).toBeGreaterThan(estimateIndexBytes(small));

    await store.addRecentQuestion('small', 'How far back on a penalty?');
    const after = await listRulebookSummaries(store, () => '');
    expect(after[1].storedBytes! - smallBytes).toBeGreaterThan('How far back on a penalty?'.length);
    expect(after[0].storedBytes).toBe(bigBytes);
  });

  it('renames a rulebook and keeps everything else', async () => {
    const { store } = await freshStore();
    const index = makeIndex('h1');
    await store.saveIndexedRulebook(makeRulebook('h1'), index);
    await store.renameRulebook('h1', 'FIT 5th edition');
    expect(await store.getRulebook('h1')).toEqual({ ...makeRulebook('h1'), name: 'FIT 5th edition' });
    expect(await store.hasIndex(index.key)).toBe(true);
    expect((await rejection(store.renameRulebook('missing', 'x'))).code).toBe('no-rulebook');
  });

  it('deletes a rulebook with all its indexes and recent questions, and nothing else', async () => {
    const { store, factory } = await freshStore();
    await store.saveIndexedRulebook(makeRulebook('gone'), makeIndex('gone'));
    await store.saveIndexedRulebook(makeRulebook('gone'), makeIndex('gone', { chunking: WINDOW }));
    await store.saveIndexedRulebook(makeRulebook('kept'), makeIndex('kept'));
    await store.addRecentQuestion('gone', 'What is a rollball?');
    await store.addRecentQuestion('kept', 'How many players?');

    await store.deleteRulebook('gone');
    expect((await store.listRulebooks()).map((b) => b.hash)).toEqual(['kept']);
    expect(await store.listIndexes('gone')).toEqual([]);
    expect(await store.listRecentQuestions('gone')).toEqual([]);
    expect(await countRecords(factory)).toMatchObject({ rulebooks: 1, indexes: 1, indexData: 1, recentQuestions: 1 });
    expect(await store.getIndex(makeIndex('kept').key)).toBeDefined();
  });
});

describe('failed saves leave nothing behind', () => {
  it('aborts the whole transaction when a value cannot be cloned', async () => {
    const { store, factory } = await freshStore();
    const bad = makeIndex('h1');
    (bad.units[0] as unknown as { extra: unknown }).extra = () => 'functions cannot be stored';
    const error = await rejection(store.saveIndexedRulebook(makeRulebook('h1'), bad));
    expect(error.code).toBe('storage-failed');
    expect(error.detail).toMatch(/DataCloneError/);
    expect(await store.getRulebook('h1')).toBeUndefined();
    expect(await store.hasIndex(bad.key)).toBe(false);
    expect(await countRecords(factory)).toMatchObject({ rulebooks: 0, indexes: 0, indexData: 0 });
  });

  it('rolls back an overwrite of an existing rulebook too', async () => {
    const { store, factory } = await freshStore();
    await store.saveIndexedRulebook(makeRulebook('h1', 1000, 'Original'), makeIndex('h1'));
    const bad = makeIndex('h1', { chunking: WINDOW });
    (bad.chunks[0] as unknown as { extra: unknown }).extra = Symbol('not cloneable');
    await rejection(store.saveIndexedRulebook(makeRulebook('h1', 5000, 'Changed'), bad));
    expect(await store.getRulebook('h1')).toEqual(makeRulebook('h1', 1000, 'Original'));
    expect(await store.hasIndex(bad.key)).toBe(false);
    expect(await countRecords(factory)).toMatchObject({ rulebooks: 1, indexes: 1, indexData: 1 });
  });

  it.each([
    ['vectors of the wrong length', (ix: StoredIndex) => ({ ...ix, vectors: ix.vectors.subarray(1) })],
    ['a key that does not match its parts', (ix: StoredIndex) => ({ ...ix, key: 'h1|other|window:1:0' })],
    ['an index of another rulebook', (ix: StoredIndex) => ({ ...ix, hash: 'h2' })],
  ])('refuses %s', async (_label, spoil) => {
    const { store, factory } = await freshStore();
    const error = await rejection(store.saveIndexedRulebook(makeRulebook('h1'), spoil(makeIndex('h1'))));
    expect(error.code).toBe('storage-failed');
    expect(error.detail).toMatch(/inconsistent index/);
    expect(await countRecords(factory)).toMatchObject({ rulebooks: 0, indexes: 0, indexData: 0 });
  });
});

describe('quota', () => {
  const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  type Put = (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest;
  const realPut = IDBObjectStore.prototype.put as Put;
  type FakeTx = {
    _execRequestAsync(op: { operation: () => never; source: unknown }): IDBRequest;
    _abort(errorName: string): void;
  };
  // Fails puts into one object store the ways browsers do: the request errors with a QuotaExceededError
  // ('request'); the transaction aborts with it while its requests only see AbortErrors ('transaction');
  // or the call throws at once ('sync'). Uses fake-indexeddb internals, pinned at 6.2.
  function failPutsInto(storeName: string, how: 'request' | 'transaction' | 'sync') {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name !== storeName) return realPut.call(this, value, key);
      if (how === 'sync') throw quotaError();
      const tx = this.transaction as unknown as FakeTx;
      if (how === 'transaction') {
        const request = realPut.call(this, value, key);
        tx._abort('QuotaExceededError');
        return request;
      }
      return tx._execRequestAsync({ operation: () => { throw quotaError(); }, source: this });
    } as Put);
  }

  it.each(['request', 'transaction', 'sync'] as const)('maps a QuotaExceededError on the %s to quota-exceeded with the size, and stores nothing', async (how) => {
    const { store, factory } = await freshStore();
    const index = makeIndex('h1', { chunks: 100, dims: 384 });
    failPutsInto('indexData', how);
    const error = await rejection(store.saveIndexedRulebook(makeRulebook('h1', 1000, 'FIT'), index));
    expect(error.code).toBe('quota-exceeded');
    expect(error.detail).toMatch(/saving the index of "FIT" \(100 chunks × 384 dimensions\)/);
    const kb = Number(/about (\d+) KB/.exec(error.detail ?? '')?.[1]);
    // 100 × 384 floats are 150 KB; the chunk text adds a little.
    expect(kb).toBeGreaterThanOrEqual(150);
    expect(kb).toBeLessThan(200);
    vi.restoreAllMocks();
    expect(await countRecords(factory)).toMatchObject({ rulebooks: 0, indexes: 0, indexData: 0 });
  });

  it('maps quota on small writes too', async () => {
    const { store } = await freshStore();
    failPutsInto('settings', 'request');
    const error = await rejection(store.setSetting('theme', 'dark'));
    expect(error.code).toBe('quota-exceeded');
    expect(error.detail).toMatch(/saving setting "theme"/);
  });
});

describe('recent questions', () => {
  it('keeps the newest first, deduplicated ignoring case and spacing, per rulebook', async () => {
    const { store } = await freshStore();
    for (const hash of ['h1', 'h2']) await store.saveIndexedRulebook(makeRulebook(hash), makeIndex(hash));
    await store.addRecentQuestion('h1', 'What is a rollball?');
    await store.addRecentQuestion('h1', 'How many players?');
    await store.addRecentQuestion('h1', '  what IS a   rollball? ');
    await store.addRecentQuestion('h1', '   ');
    await store.addRecentQuestion('h2', 'Other book');
    expect(await store.listRecentQuestions('h1')).toEqual(['what IS a rollball?', 'How many players?']);
    expect(await store.listRecentQuestions('h2')).toEqual(['Other book']);
    expect(await store.listRecentQuestions('h3')).toEqual([]);
  });

  it(`caps the list at ${MAX_RECENT_QUESTIONS}`, async () => {
    const { store } = await freshStore();
    await store.saveIndexedRulebook(makeRulebook('h1'), makeIndex('h1'));
    for (let i = 0; i < MAX_RECENT_QUESTIONS + 5; i++) await store.addRecentQuestion('h1', `Question ${i}`);
    const list = await store.listRecentQuestions('h1');
    expect(list).toHaveLength(MAX_RECENT_QUESTIONS);
    expect(list[0]).toBe(`Question ${MAX_RECENT_QUESTIONS + 4}`);
    expect(list.at(-1)).toBe('Question 5');
  });

  it('keeps none for a rulebook that is not stored (deleted in another tab)', async () => {
    const { store, factory } = await freshStore();
    await store.addRecentQuestion('gone', 'What is a rollball?');
    expect(await store.listRecentQuestions('gone')).toEqual([]);
    expect(await countRecords(factory)).toMatchObject({ recentQuestions: 0 });
  });
});

describe('settings', () => {
  it('stores any cloneable value by name', async () => {
    const { store } = await freshStore();
    expect(await store.getSetting('search')).toBeUndefined();
    await store.setSetting('search', { topK: 5, similarity: 'dot' });
    await store.setSetting('theme', 'dark');
    await store.setSetting('theme', 'light');
    expect(await store.getSetting('search')).toEqual({ topK: 5, similarity: 'dot' });
    expect(await store.getSetting<string>('theme')).toBe('light');
  });
});

describe('schema versions', () => {
  it('migrates a version 1 database to the current version and keeps its data', async () => {
    const factory = new IDBFactory();
    const v1 = await openDatabase({ name: NAME, factory, version: 1 });
    expect([...v1.objectStoreNames].sort()).toEqual(['indexData', 'indexes', 'rulebooks']);
    const { units, chunks, vectors, ...meta } = makeIndex('h1');
    const tx = v1.transaction(['rulebooks', 'indexes', 'indexData'], 'readwrite');
    await Promise.all([
      tx.objectStore('rulebooks').put(makeRulebook('h1')),
      tx.objectStore('indexes').put({ ...meta, chunkCount: chunks.length }),
      tx.objectStore('indexData').put({ key: meta.key, units, chunks, vectors }),
      tx.done,
    ]);
    v1.close();

    const { store } = await freshStore(factory);
    expect(DB_VERSION).toBe(2);
    expect(await store.listRulebooks()).toEqual([makeRulebook('h1')]);
    expect(Array.from((await store.getIndex(meta.key))!.vectors)).toEqual(Array.from(vectors));
    await store.addRecentQuestion('h1', 'Still works?');
    await store.setSetting('theme', 'dark');
    expect(await store.listRecentQuestions('h1')).toEqual(['Still works?']);
    store.close();

    const raw = await openDatabase({ name: NAME, factory });
    expect(raw.version).toBe(DB_VERSION);
    expect([...raw.objectStoreNames].sort()).toEqual(['indexData', 'indexes', 'recentQuestions', 'rulebooks', 'settings']);
    raw.close();
  });

  it('refuses to upgrade to a version it has no migration for', () => {
    expect(() => upgradeSchema({} as never, DB_VERSION, DB_VERSION + 1, {} as never)).toThrow(RangeError);
  });

  it("closes for another tab's upgrade instead of blocking it, then reports why", async () => {
    const factory = new IDBFactory();
    const onClose = vi.fn();
    const onBlocked = vi.fn();
    const store = await openStore({ name: NAME, indexedDB: factory, onClose });
    const request = factory.open(NAME, DB_VERSION + 1);
    request.onblocked = onBlocked;
    const newer = await Promise.race([
      wrap(request),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('upgrade was blocked')), 2000)),
    ]);
    expect(newer?.version).toBe(DB_VERSION + 1);
    expect(onBlocked).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalledWith('version-change');
    const error = await rejection(store.listRulebooks());
    expect(error.code).toBe('storage-failed');
    expect(error.detail).toMatch(/reload/);
    newer?.close();
  });

  it('rejects calls after close()', async () => {
    const { store } = await freshStore();
    store.close();
    expect((await rejection(store.getSetting('x'))).code).toBe('storage-failed');
  });
});

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('hashes %j', async (text, hex) => {
    expect(await sha256Hex(new TextEncoder().encode(text))).toBe(hex);
  });

  it('hashes only the bytes a view covers', async () => {
    const bytes = new TextEncoder().encode('xxabcxx');
    expect(await sha256Hex(bytes.subarray(2, 5))).toBe(await sha256Hex(new TextEncoder().encode('abc')));
  });
});
