// The word-index answer for a question asked while the search model starts: it reads the stored index of
// the chosen model with BM25 alone, never embeds, and cites the same rule the full search does.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/adapters/hash';
import { openStore, type Store } from '../../src/adapters/store';
import { getEmbeddingModel } from '../../src/core/embedding-models';
import { AppError } from '../../src/core/errors';
import { RulebookService } from '../../src/core/rulebook-service';
import { createNodeEmbedder, createNodeExtractor } from '../../src/node/pipeline';
import { askWords, createWordSearch, createWordsOnlyEmbedder } from '../../src/worker/word-search';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';

let store: Store;
let hash: string;
let full: RulebookService;
const answerable = SAMPLE_QUESTIONS.filter((q) => q.rule);

beforeAll(async () => {
  store = await openStore({ name: `pitchside-words-${Math.random()}`, indexedDB: new IDBFactory() });
  full = new RulebookService({ extractor: createNodeExtractor(), embedder: await createNodeEmbedder(), store, sha256Hex });
  hash = (await full.addRulebook('sample-rules', await buildRulebookPdf())).rulebook.hash;
}, 60_000);

describe('word search while the model starts', () => {
  it('answers from the stored index without embedding anything', async () => {
    const words = createWordSearch(store, undefined, sha256Hex);
    for (const q of answerable.slice(0, 4)) {
      const result = await askWords(words, hash, q.question);
      expect(result.answer.clauses.map((c) => c.ref)).toContain(q.rule);
    }
    // The stand-in embedder throws if asked for a vector, so reaching here means none was asked for.
    expect(words.queryEmbeddings).toBe(0);
  });

  it('reads the index of the chosen search model, falling back to the shipped one for an unknown id', async () => {
    expect(createWordSearch(store, 'no-such-model', sha256Hex).modelId).toBe(full.modelId);
    expect(createWordSearch(store, full.modelId, sha256Hex).keyFor(hash)).toBe(full.keyFor(hash));
  });

  it('says so when asked for vectors, and finds no index for a rulebook that is not stored', async () => {
    const embedder = createWordsOnlyEmbedder(getEmbeddingModel(full.modelId)!);
    await expect(embedder.embed(['x'], { kind: 'query' })).rejects.toBeInstanceOf(AppError);
    await expect(askWords(createWordSearch(store, undefined, sha256Hex), 'f'.repeat(64), 'How far?')).rejects.toMatchObject({ code: 'no-rulebook' });
  });
});
