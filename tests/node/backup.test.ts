// "Export everything" / "Import everything" in Node with the real pieces: two rulebooks, recent questions
// and page settings moved to a fresh profile (fake-indexeddb) with zero document embeddings; bad backups
// refused whole, changing nothing.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGzip } from '../../src/adapters/gzip';
import { sha256Hex } from '../../src/adapters/hash';
import { openStore, type Store } from '../../src/adapters/store';
import { BACKUP_HEADER_BYTES, BACKUP_SCHEMA_VERSION, decodeBackup, encodeBackup } from '../../src/core/backup';
import { backupFileName, exportEverything, importEverything } from '../../src/core/backup-transfer';
import type { Embedder } from '../../src/core/embedder';
import { indexKey } from '../../src/core/index-key';
import type { PdfExtractor } from '../../src/core/ports';
import { decodeRulePack, encodeRulePack } from '../../src/core/rule-pack';
import { RulebookService } from '../../src/core/rulebook-service';
import { createNodeEmbedder, createNodeExtractor } from '../../src/node/pipeline';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { enlargedSampleRulebook } from '../fixtures/sample-rulebook';

const compression = createGzip()!;
const PAGE_SETTINGS = { 'pitchside-theme': 'dark', 'pitchside-text-size': 'large', 'pitchside-pins': '{"x":[{"ref":"15.2"}]}' };
let shipped: Embedder;
let backup: Uint8Array;
let oldStore: Store;

async function phone(embedder: Embedder, extractor: PdfExtractor = { extract: () => Promise.reject(new Error('no PDF on the new phone')) }) {
  const store = await openStore({ name: 'pitchside', indexedDB: new IDBFactory() });
  const service = new RulebookService({ extractor, embedder, store, sha256Hex });
  return { store, service, deps: { store, service, sha256Hex, compression } };
}

async function snapshot(store: Store) {
  const books = await store.listRulebooks();
  const data = await Promise.all(
    books.map(async (b) => ({
      indexes: await store.listIndexes(b.hash),
      recent: await store.listRecentQuestions(b.hash),
    })),
  );
  return { books, data };
}

/** The shipped model, counting document embeddings. */
function counting(inner: Embedder) {
  const counter = { documents: 0 };
  const embedder: Embedder = {
    model: inner.model,
    backend: inner.backend,
    countTokens: (t) => inner.countTokens(t),
    embed: (texts, opts) => ((counter.documents += opts.kind === 'document' ? texts.length : 0), inner.embed(texts, opts)),
  };
  return { embedder, counter };
}

beforeAll(async () => {
  shipped = await createNodeEmbedder();
  const old = await phone(shipped, createNodeExtractor());
  oldStore = old.store;
  const first = await old.service.addRulebook('Sample rules', await buildRulebookPdf());
  await old.service.addRulebook('Long rules', await buildRulebookPdf({ book: enlargedSampleRulebook(2) }));
  await old.store.addRecentQuestion(first.rulebook.hash, 'How far back on a penalty?');
  await old.store.addRecentQuestion(first.rulebook.hash, 'How many players?');
  backup = await exportEverything(old.deps, PAGE_SETTINGS);
});

describe('moving everything to a new phone', () => {
  it('names the file by date', () => {
    expect(backupFileName(new Date('2026-12-03T10:00:00Z'))).toBe('Pitchside backup 2026-12-03.pitchside-backup');
  });

  it('brings every rulebook, its index byte for byte, the recent questions and the page settings, embedding nothing', async () => {
    const { embedder, counter } = counting(shipped);
    const { store, deps } = await phone(embedder);
    const result = await importEverything(deps, backup);
    expect(result.embedded).toBe(0);
    expect(counter.documents).toBe(0);
    expect(result.pageSettings).toEqual(PAGE_SETTINGS);
    const names = (await store.listRulebooks()).map((b) => b.name).sort();
    expect(names).toEqual(['Long rules', 'Sample rules']);
    for (const book of await oldStore.listRulebooks()) {
      const [info] = await oldStore.listIndexes(book.hash);
      const before = (await oldStore.getIndex(info.key))!;
      const after = (await store.getIndex(info.key))!;
      expect(JSON.stringify(after.units)).toBe(JSON.stringify(before.units));
      expect(Buffer.from(after.vectors.buffer).equals(Buffer.from(before.vectors.buffer))).toBe(true);
      expect(await store.listRecentQuestions(book.hash)).toEqual(await oldStore.listRecentQuestions(book.hash));
    }
  });

  it('imports the same backup twice without duplicating anything', async () => {
    const { store, deps } = await phone(shipped);
    await importEverything(deps, backup);
    const before = await snapshot(store);
    await importEverything(deps, backup);
    expect(await snapshot(store)).toEqual(before);
  });
});

describe('refused backups change nothing', () => {
  const withSchema = (b: Uint8Array, schema: number) => {
    const out = b.slice();
    new DataView(out.buffer).setUint16(4, schema, true);
    return out;
  };
  const flipped = (b: Uint8Array, at: number) => {
    const out = b.slice();
    out[at] ^= 0xff;
    return out;
  };
  /** A well-formed backup holding one good pack and one for a model this app does not have. */
  async function withUnknownModel(): Promise<Uint8Array> {
    const contents = await decodeBackup(backup, sha256Hex);
    const pack = await decodeRulePack(contents.packs[1], { sha256Hex, compression });
    const modelId = 'someone/unknown-model';
    const bad = await encodeRulePack({ ...pack, index: { ...pack.index, modelId, key: indexKey({ ...pack.index, modelId }) } }, { sha256Hex, compression });
    return encodeBackup({ ...contents, packs: [contents.packs[0], bad] }, sha256Hex);
  }

  it.each([
    ['a rule pack, not a backup', async () => (await decodeBackup(backup, sha256Hex)).packs[0], 'backup-not-backup'],
    ['a backup cut short', () => backup.slice(0, backup.length - 50), 'backup-damaged'],
    ['a backup changed after export', () => flipped(backup, BACKUP_HEADER_BYTES + 30), 'backup-damaged'],
    ['a backup from a newer schema', () => withSchema(backup, BACKUP_SCHEMA_VERSION + 1), 'backup-newer'],
    ['a backup holding a pack for an unknown model', withUnknownModel, 'pack-unknown-model'],
  ] as const)('%s', async (_name, spoil, code) => {
    const { store, service, deps } = await phone(shipped);
    await service.importIndex({ hash: 'cd'.repeat(32), name: 'Other rules', pageCount: 2, addedAt: 1 }, {
      ...(await oldStore.getIndex((await oldStore.listIndexes((await oldStore.listRulebooks())[0].hash))[0].key))!,
      hash: 'cd'.repeat(32),
      key: service.keyFor('cd'.repeat(32)),
    });
    const before = await snapshot(store);
    await expect(importEverything(deps, await spoil())).rejects.toMatchObject({ name: 'AppError', code });
    expect(await snapshot(store)).toEqual(before);
  });
});
