// Re-indexing a stored rulebook for another search model without its PDF, in Node with the shipped model
// (wrapped to report another model id) and the store on fake-indexeddb.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/adapters/hash';
import { openStore } from '../../src/adapters/store';
import type { Embedder } from '../../src/core/embedder';
import type { PdfExtractor } from '../../src/core/ports';
import { RulebookService } from '../../src/core/rulebook-service';
import { createNodeEmbedder, createNodeExtractor } from '../../src/node/pipeline';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';

const ALT_MODEL_ID = 'test-alt-model';
let shipped: Embedder;
let pdf: Uint8Array;

/** The shipped model under another id (a custom model info, not a registry entry), counting documents. */
function countingEmbedder(inner: Embedder, modelId = inner.model.id) {
  const counter = { documents: 0 };
  const embedder: Embedder = {
    model: { ...inner.model, id: modelId, name: `${inner.model.name} (${modelId})` },
    backend: inner.backend,
    countTokens: (t) => inner.countTokens(t),
    async embed(texts, opts) {
      if (opts.kind === 'document') counter.documents += texts.length;
      return inner.embed(texts, opts);
    },
  };
  return { embedder, counter };
}

/** Re-indexing must never read the PDF again. */
const noPdf: PdfExtractor = {
  extract: () => Promise.reject(new Error('the PDF must not be read when re-indexing')),
};

async function addedRulebook() {
  const factory = new IDBFactory();
  const store = await openStore({ name: 'pitchside', indexedDB: factory });
  const first = new RulebookService({ extractor: createNodeExtractor(), embedder: shipped, store, sha256Hex });
  const added = await first.addRulebook('Sample', pdf);
  const alt = countingEmbedder(shipped, ALT_MODEL_ID);
  const service = new RulebookService({ extractor: noPdf, embedder: shipped, store, sha256Hex });
  return { store, service, added, alt };
}

beforeAll(async () => {
  shipped = await createNodeEmbedder();
  pdf = await buildRulebookPdf();
});

describe('re-indexing for another search model', () => {
  it('embeds once from the stored clauses, stores a second index and keeps the rulebook list', async () => {
    const { store, service, added, alt } = await addedRulebook();
    const booksBefore = await store.listRulebooks();
    service.setEmbedder(alt.embedder);
    expect(service.modelId).toBe(ALT_MODEL_ID);
    expect(await service.hasIndex(added.rulebook.hash)).toBe(false);

    const first = await service.reindex(added.rulebook.hash);
    expect(first.reused).toBe(false);
    expect(first.embedded).toBe(first.chunkCount);
    expect(alt.counter.documents).toBe(first.chunkCount);
    const indexes = await store.listIndexes(added.rulebook.hash);
    expect(indexes.map((ix) => ix.modelId).sort()).toEqual([ALT_MODEL_ID, shipped.model.id].sort());

    const second = await service.reindex(added.rulebook.hash);
    expect(second).toMatchObject({ reused: true, embedded: 0 });
    expect(alt.counter.documents).toBe(first.chunkCount);
    expect(await store.listRulebooks()).toEqual(booksBefore);

    const { question, rule } = SAMPLE_QUESTIONS.find((q) => q.rule)!;
    const answer = await service.ask(added.rulebook.hash, question);
    expect(answer.results.slice(0, 5).some((r) => r.chunk.refs.includes(rule!))).toBe(true);
  });

  it('refuses to answer with a model that has no index yet, until it is re-indexed', async () => {
    const { service, added, alt } = await addedRulebook();
    service.setEmbedder(alt.embedder);
    await expect(service.ask(added.rulebook.hash, 'How many touches?')).rejects.toMatchObject({ code: 'no-rulebook' });
    await service.reindex(added.rulebook.hash);
    expect((await service.ask(added.rulebook.hash, 'How many touches?')).results.length).toBeGreaterThan(0);
  });

  it('switching back to the first model reuses its index: nothing is embedded again', async () => {
    const { service, added, alt } = await addedRulebook();
    service.setEmbedder(alt.embedder);
    await service.reindex(added.rulebook.hash);
    const back = countingEmbedder(shipped);
    service.setEmbedder(back.embedder);
    expect(await service.reindex(added.rulebook.hash)).toMatchObject({ reused: true, embedded: 0 });
    expect(back.counter.documents).toBe(0);
  });

  it('leaves nothing behind when cancelled part-way', async () => {
    const { store, service, added, alt } = await addedRulebook();
    service.setEmbedder(alt.embedder);
    const controller = new AbortController();
    const pending = service.reindex(added.rulebook.hash, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'embed') controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect((await store.listIndexes(added.rulebook.hash)).map((ix) => ix.modelId)).toEqual([shipped.model.id]);
    expect(await service.hasIndex(added.rulebook.hash)).toBe(false);
  });

  it('says the rulebook is gone when it was never added', async () => {
    const { service, alt } = await addedRulebook();
    service.setEmbedder(alt.embedder);
    await expect(service.reindex('0'.repeat(64))).rejects.toMatchObject({ code: 'no-rulebook' });
  });
});
