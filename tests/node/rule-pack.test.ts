// Rule packs end to end in Node with the real pieces: a rulebook added from a generated PDF on one "phone"
// (fake-indexeddb), exported, and imported into a fresh profile with the shipped model and with another.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGzip } from '../../src/adapters/gzip';
import { sha256Hex } from '../../src/adapters/hash';
import { openStore, type Store } from '../../src/adapters/store';
import type { Embedder } from '../../src/core/embedder';
import type { PdfExtractor } from '../../src/core/ports';
import { decodeRulePack, encodeRulePack, RULE_PACK_HEADER_BYTES, RULE_PACK_SCHEMA_VERSION } from '../../src/core/rule-pack';
import { exportRulePack, importRulePack } from '../../src/core/rule-pack-transfer';
import { indexKey } from '../../src/core/index-key';
import { RulebookService } from '../../src/core/rulebook-service';
import type { Progress, StoredIndex } from '../../src/core/types';
import { createNodeEmbedder, createNodeExtractor } from '../../src/node/pipeline';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';

const compression = createGzip()!;
let shipped: Embedder;
let pack: Uint8Array;
let original: StoredIndex;

/** The shipped model, optionally under another id, counting document embeddings. */
function countingEmbedder(inner: Embedder, modelId = inner.model.id) {
  const counter = { documents: 0 };
  const embedder: Embedder = {
    model: { ...inner.model, id: modelId },
    backend: inner.backend,
    countTokens: (t) => inner.countTokens(t),
    async embed(texts, opts) {
      if (opts.kind === 'document') counter.documents += texts.length;
      return inner.embed(texts, opts);
    },
  };
  return { embedder, counter };
}

/** A new phone never has the PDF. */
const noPdf: PdfExtractor = { extract: () => Promise.reject(new Error('importing a pack must not read a PDF')) };

async function freshPhone(embedder: Embedder) {
  const store = await openStore({ name: 'pitchside', indexedDB: new IDBFactory() });
  const service = new RulebookService({ extractor: noPdf, embedder, store, sha256Hex });
  return { store, service, deps: { store, service, sha256Hex, compression } };
}

/** Everything the store holds, vectors as bytes, for "nothing changed" checks. */
async function snapshot(store: Store) {
  const books = await store.listRulebooks();
  const indexes = [];
  for (const book of books) {
    for (const info of await store.listIndexes(book.hash)) {
      const index = await store.getIndex(info.key);
      indexes.push({ info, units: index?.units, chunks: index?.chunks, vectors: index && Array.from(new Uint8Array(index.vectors.buffer)) });
    }
  }
  return { books, indexes, recent: await Promise.all(books.map((b) => store.listRecentQuestions(b.hash))) };
}

const vectorBytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

beforeAll(async () => {
  shipped = await createNodeEmbedder();
  const store = await openStore({ name: 'pitchside', indexedDB: new IDBFactory() });
  const service = new RulebookService({ extractor: createNodeExtractor(), embedder: shipped, store, sha256Hex });
  const added = await service.addRulebook('Sample Rules 3rd edition', await buildRulebookPdf());
  original = (await store.getIndex(service.keyFor(added.rulebook.hash)))!;
  const exported = await exportRulePack({ store, service, sha256Hex, compression }, added.rulebook.hash);
  expect(exported.fileName).toBe('Sample Rules 3rd edition.rulepack');
  pack = exported.bytes;
});

describe('importing a rule pack on a new phone', () => {
  it('stores the same units and vectors byte for byte and answers with zero document embeddings', async () => {
    const counting = countingEmbedder(shipped);
    const { store, service, deps } = await freshPhone(counting.embedder);
    const result = await importRulePack(deps, pack);
    expect(result).toMatchObject({ reused: false, embedded: 0, edition: '3rd edition', packModelId: shipped.model.id });
    expect(result.rulebook).toMatchObject({ hash: original.hash, name: 'Sample Rules 3rd edition' });

    const stored = (await store.getIndex(original.key))!;
    expect(JSON.stringify(stored.units)).toBe(JSON.stringify(original.units));
    expect(JSON.stringify(stored.chunks)).toBe(JSON.stringify(original.chunks));
    expect(vectorBytes(stored.vectors).equals(vectorBytes(original.vectors))).toBe(true);

    const { question, rule } = SAMPLE_QUESTIONS.find((q) => q.rule)!;
    const answer = await service.ask(result.rulebook.hash, question);
    expect(answer.results.slice(0, 5).some((r) => r.chunk.refs.includes(rule!))).toBe(true);
    expect(counting.counter.documents).toBe(0);
    expect(service.documentEmbeddings).toBe(0);
  });

  it('imports the same pack again without writing anything', async () => {
    const { store, deps } = await freshPhone(shipped);
    await importRulePack(deps, pack);
    await store.renameRulebook(original.hash, 'Our rules');
    const before = await snapshot(store);
    const again = await importRulePack(deps, pack);
    expect(again).toMatchObject({ reused: true, embedded: 0, rulebook: { name: 'Our rules' } });
    expect(await snapshot(store)).toEqual(before);
  });

  it('re-indexes from the units with progress when the model in use differs, and keeps the pack vectors too', async () => {
    const alt = countingEmbedder(shipped, 'test-alt-model');
    const { store, service, deps } = await freshPhone(alt.embedder);
    const progress: Progress[] = [];
    const result = await importRulePack(deps, pack, { onProgress: (p) => progress.push(p) });
    expect(result.embedded).toBe(result.chunkCount);
    expect(alt.counter.documents).toBe(result.chunkCount);
    expect(progress.filter((p) => p.stage === 'embed').at(-1)).toMatchObject({ done: result.chunkCount, total: result.chunkCount });
    expect((await store.listIndexes(original.hash)).map((ix) => ix.modelId).sort()).toEqual([shipped.model.id, 'test-alt-model'].sort());
    expect(JSON.stringify((await store.getIndex(service.keyFor(original.hash)))!.units)).toBe(JSON.stringify(original.units));
    expect(vectorBytes((await store.getIndex(original.key))!.vectors).equals(vectorBytes(original.vectors))).toBe(true);
    const { question, rule } = SAMPLE_QUESTIONS.find((q) => q.rule)!;
    expect((await service.ask(original.hash, question)).results.slice(0, 5).some((r) => r.chunk.refs.includes(rule!))).toBe(true);
  });

  it('embeds nothing for a rulebook this phone already searches with another model, and keeps the pack vectors', async () => {
    const alt = countingEmbedder(shipped, 'test-alt-model');
    const { store, deps } = await freshPhone(alt.embedder);
    await importRulePack(deps, pack);
    const documents = alt.counter.documents;
    // Only the other model's index remains, as on a phone that indexed the PDF itself with that model.
    const keys = (await store.listIndexes(original.hash)).map((ix) => ix.key);
    expect(keys).toContain(original.key);
    const phone = await freshPhone(alt.embedder);
    const altIndex = (await store.getIndex(keys.find((k) => k !== original.key)!))!;
    await phone.service.importIndex((await store.getRulebook(original.hash))!, altIndex);
    const again = await importRulePack(phone.deps, pack);
    expect(again).toMatchObject({ reused: true, embedded: 0, chunkCount: altIndex.chunks.length });
    expect(alt.counter.documents).toBe(documents);
    expect((await phone.store.listIndexes(original.hash)).map((ix) => ix.modelId).sort()).toEqual([shipped.model.id, 'test-alt-model'].sort());
  });

  it('leaves nothing behind when a re-index is cancelled part-way', async () => {
    const alt = countingEmbedder(shipped, 'test-alt-model');
    const { store, deps } = await freshPhone(alt.embedder);
    const controller = new AbortController();
    const pending = importRulePack(deps, pack, {
      signal: controller.signal,
      onProgress: (p) => p.stage === 'embed' && controller.abort(),
    });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(await store.listRulebooks()).toEqual([]);
  });
});

describe('refused packs change nothing', () => {
  async function unknownModelPack(): Promise<Uint8Array> {
    const decoded = await decodeRulePack(pack, { sha256Hex, compression });
    const modelId = 'someone/unknown-model';
    const index = { ...decoded.index, modelId, key: indexKey({ hash: decoded.index.hash, modelId, chunking: decoded.index.chunking }) };
    return encodeRulePack({ ...decoded, index }, { sha256Hex, compression });
  }

  async function tamperedPack(): Promise<Uint8Array> {
    const payload = await compression.gunzip(pack.subarray(RULE_PACK_HEADER_BYTES));
    const text = new TextDecoder().decode(payload);
    const at = text.search(/metres/);
    const edited = payload.slice();
    edited.set(new TextEncoder().encode('METRES'), at);
    const body = await compression.gzip(edited);
    const out = new Uint8Array(RULE_PACK_HEADER_BYTES + body.length);
    out.set(pack.subarray(0, RULE_PACK_HEADER_BYTES));
    new DataView(out.buffer).setUint32(40, body.length, true);
    out.set(body, RULE_PACK_HEADER_BYTES);
    return out;
  }

  const spoilers: [string, () => Promise<Uint8Array> | Uint8Array, string][] = [
    ['a damaged pack', () => pack.slice(0, Math.floor(pack.length * 0.6)), 'pack-damaged'],
    ['a tampered pack', tamperedPack, 'pack-tampered'],
    ['a pack from a newer schema', () => {
      const out = pack.slice();
      new DataView(out.buffer).setUint16(4, RULE_PACK_SCHEMA_VERSION + 1, true);
      return out;
    }, 'pack-newer'],
    ['a pack for a model this app does not have', unknownModelPack, 'pack-unknown-model'],
    ['a file that is not a pack', buildRulebookPdf, 'pack-not-pack'],
  ];

  it.each(spoilers)('%s', async (_name, spoil, code) => {
    const counting = countingEmbedder(shipped);
    const { store, service, deps } = await freshPhone(counting.embedder);
    await service.importIndex({ hash: 'cd'.repeat(32), name: 'Other rules', pageCount: 2, addedAt: 1 }, { ...original, hash: 'cd'.repeat(32), key: service.keyFor('cd'.repeat(32)) });
    await store.addRecentQuestion('cd'.repeat(32), 'How many players?');
    const before = await snapshot(store);
    await expect(importRulePack(deps, await spoil())).rejects.toMatchObject({ name: 'AppError', code });
    expect(await snapshot(store)).toEqual(before);
    expect(counting.counter.documents).toBe(0);
  });
});
