// The whole pipeline in Node with the real pieces: pdf.js on a generated rulebook PDF, the shipped ONNX
// model through transformers.js, and the store on fake-indexeddb. Checks caching, atomicity and refusals.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/adapters/hash';
import { openStore } from '../../src/adapters/store';
import type { Embedder } from '../../src/core/embedder';
import { AppError } from '../../src/core/errors';
import { RulebookService } from '../../src/core/rulebook-service';
import { STUDY_CHUNKING } from '../../src/core/chunking';
import { createNodeEmbedder, createNodeExtractor } from '../../src/node/pipeline';
import {
  buildEmptyPdf,
  buildPasswordPdf,
  buildPlainPdf,
  buildProsePdf,
  buildRulebookPdf,
  buildScannedPdf,
  corruptPdfBytes,
  notPdfBytes,
} from '../fixtures/make-pdf';

let embedder: Embedder;
let pdf: Uint8Array;

/** Counts document embeddings actually computed by the model. */
function countingEmbedder(inner: Embedder) {
  const counter = { documents: 0 };
  const wrapped: Embedder = {
    model: inner.model,
    backend: inner.backend,
    countTokens: (t) => inner.countTokens(t),
    async embed(texts, opts) {
      if (opts.kind === 'document') counter.documents += texts.length;
      return inner.embed(texts, opts);
    },
  };
  return { wrapped, counter };
}

async function makeService(factory: IDBFactory, inner = embedder) {
  const { wrapped, counter } = countingEmbedder(inner);
  const store = await openStore({ name: 'pitchside', indexedDB: factory });
  const service = new RulebookService({ extractor: createNodeExtractor(), embedder: wrapped, store, sha256Hex });
  return { service, store, counter };
}

beforeAll(async () => {
  embedder = await createNodeEmbedder();
  pdf = await buildRulebookPdf();
});

describe('rulebook pipeline in Node', () => {
  it('indexes once: the same bytes again, or a restarted app, compute zero embeddings', async () => {
    const factory = new IDBFactory();
    const first = await makeService(factory);
    const added = await first.service.addRulebook('Sample', pdf);
    expect(added.reused).toBe(false);
    expect(added.embedded).toBeGreaterThan(5);
    expect(first.counter.documents).toBe(added.chunkCount);

    const again = await first.service.addRulebook('Sample copy', pdf.slice());
    expect(again.reused).toBe(true);
    expect(first.counter.documents).toBe(added.chunkCount);

    // A new service over the same database stands for a reload of the app.
    first.store.close();
    const reopened = await makeService(factory);
    const result = await reopened.service.ask(added.rulebook.hash, 'How long is a player sin binned for?');
    expect(result.results.length).toBeGreaterThan(0);
    expect(reopened.counter.documents).toBe(0);
    expect(reopened.service.documentEmbeddings).toBe(0);
  });

  it('keys the index by chunk settings: another preset builds a second index', async () => {
    const { service, store, counter } = await makeService(new IDBFactory());
    const { rulebook } = await service.addRulebook('Sample', pdf);
    const before = counter.documents;
    service.chunking = STUDY_CHUNKING;
    const second = await service.addRulebook('Sample', pdf);
    expect(second.reused).toBe(false);
    expect(counter.documents).toBeGreaterThan(before);
    expect((await store.listIndexes(rulebook.hash)).length).toBe(2);
  });

  it.each([
    ['not a PDF', () => notPdfBytes(), 'not-pdf'],
    ['a corrupt PDF', () => corruptPdfBytes(), 'pdf-corrupt'],
    ['a password-protected PDF', () => buildPasswordPdf(), 'pdf-password'],
    ['a scanned PDF without text', () => buildScannedPdf(), 'pdf-no-text'],
    ['an empty PDF', () => buildEmptyPdf(), 'pdf-empty'],
    ['a prose PDF with no numbered rule', () => buildProsePdf(), 'no-rules-found'],
  ])('refuses %s with its code and leaves the stored rulebook as it was', async (_name, make, code) => {
    const { service, store } = await makeService(new IDBFactory());
    const { rulebook } = await service.addRulebook('Sample', pdf);
    const error = await service.addRulebook('bad', await make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((await store.listRulebooks()).map((b) => b.hash)).toEqual([rulebook.hash]);
    const answer = await service.ask(rulebook.hash, 'How many touches does a team get?');
    expect(answer.results.length).toBeGreaterThan(0);
  });

  it('accepts a rulebook numbered "RULE 5 – THE BALL" and cites its rules', async () => {
    const { service } = await makeService(new IDBFactory());
    const book = await buildPlainPdf('Beach Touch Rules', [
      { heading: 'RULE 1 – THE BALL', paragraph: 'The ball is oval and is inflated to the pressure printed on it.' },
      { heading: 'RULE 2 – SCORING', paragraph: 'A Try is worth one point and is scored by placing the ball on the Score Line.' },
      { heading: 'RULE 3 – PLAYERS', paragraph: 'A team has five players on the sand and may name three substitutes.' },
    ]);
    const { chunkCount, rulebook } = await service.addRulebook('Beach', book);
    expect(chunkCount).toBeGreaterThan(0);
    const result = await service.ask(rulebook.hash, 'How many players on the sand?');
    expect(result.clauses[0]).toMatchObject({ ref: '3', citation: 'Rule 3', sectionTitle: 'PLAYERS' });
  });

  it('a rulebook deleted by another tab is never answered from, nor its recent questions brought back', async () => {
    const factory = new IDBFactory();
    const tabA = await makeService(factory);
    const tabB = await makeService(factory);
    const { rulebook } = await tabA.service.addRulebook('Sample', pdf);
    expect((await tabB.service.ask(rulebook.hash, 'How many touches does a team get?')).results.length).toBeGreaterThan(0);
    await tabA.service.deleteRulebook(rulebook.hash);
    await expect(tabB.service.ask(rulebook.hash, 'How many touches does a team get?')).rejects.toMatchObject({ code: 'rulebook-deleted' });
    await tabB.store.addRecentQuestion(rulebook.hash, 'How many touches does a team get?');
    expect(await tabB.store.listRecentQuestions(rulebook.hash)).toEqual([]);
  });

  it.each(['???', 'preface', 'mode of play', 'What is the object of the game?'])(
    'every passage shown for %j is a rule, a definition or a section',
    async (question) => {
      const { service } = await makeService(new IDBFactory());
      const { rulebook } = await service.addRulebook('Sample', pdf);
      const { answer } = await service.ask(rulebook.hash, question);
      for (const clause of answer.clauses) expect(clause.citation).toMatch(/^(Rule \d|Definition: \S|Section: [A-Z][a-z])/);
    },
  );

  it('stores nothing when indexing is cancelled part-way', async () => {
    const { service, store } = await makeService(new IDBFactory());
    const controller = new AbortController();
    const pending = service.addRulebook('Sample', pdf, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'embed') controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(await store.listRulebooks()).toEqual([]);
  });

  it('reports progress through every slow stage', async () => {
    const { service } = await makeService(new IDBFactory());
    const stages = new Set<string>();
    await service.addRulebook('Sample', pdf, { onProgress: (p) => stages.add(p.stage) });
    expect([...stages]).toEqual(expect.arrayContaining(['parse', 'chunk', 'embed', 'save']));
  });
});
