import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/adapters/embedder';
import type { Embedder } from '../../src/core/embedder';
import { AppError } from '../../src/core/errors';

const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../public/models/');
const MODEL_ID = 'pitchside-glove-100d';

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let embedder: Embedder;
beforeAll(async () => {
  embedder = await createEmbedder({ modelId: MODEL_ID, localModelPath: MODELS_DIR, allowRemote: false, device: 'cpu' });
});

describe('shipped model files', () => {
  it('match the registry entry and stay small', () => {
    const config = JSON.parse(readFileSync(join(MODELS_DIR, MODEL_ID, 'config.json'), 'utf8'));
    expect(config.hidden_size).toBe(embedder.model.dims);
    const files = ['onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json'];
    const totalMB = files.reduce((sum, f) => sum + statSync(join(MODELS_DIR, MODEL_ID, f)).size, 0) / 1e6;
    expect(totalMB).toBeLessThan(5);
    expect(Math.abs(totalMB - embedder.model.sizeMB)).toBeLessThan(0.5);
  });
});

describe('createEmbedder with the shipped model', () => {
  it('loads through transformers.js on the CPU and returns raw 100-d vectors', async () => {
    expect(embedder.backend).toBe('cpu');
    expect(embedder.model.id).toBe(MODEL_ID);
    const [v] = await embedder.embed(['The defending team must retire seven metres.'], { kind: 'document' });
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(100);
    expect(v.every(Number.isFinite)).toBe(true);
    const norm = Math.hypot(...v);
    expect(norm).toBeGreaterThan(0);
    expect(Math.abs(norm - 1)).toBeGreaterThan(1e-3); // not normalised
  });

  it('gives the same vectors in batches as one by one, and reports progress per batch', async () => {
    const texts = ['A Try is worth one point.', 'Rollball', 'Players may Interchange at any time.', '', 'Sin Bin 5 minutes'];
    const progress: [number, number][] = [];
    const batched = await embedder.embed(texts, { kind: 'document', batchSize: 2, onProgress: (d, t) => progress.push([d, t]) });
    expect(progress).toEqual([[2, 5], [4, 5], [5, 5]]);
    for (const [i, text] of texts.entries()) {
      const [single] = await embedder.embed([text], { kind: 'document' });
      for (let d = 0; d < 100; d++) expect(batched[i][d]).toBeCloseTo(single[d], 5);
    }
  });

  it('returns nothing for no texts', async () => {
    expect(await embedder.embed([], { kind: 'query' })).toEqual([]);
  });

  it.each([
    ['', 0],
    ['Defenders must retire ten metres', 5],
    ['Rule 13.2.1', 6], // rule, 13, ., 2, ., 1
    ['Rollball', 2], // roll ##ball
    ['The Half, after the Touch!', 7],
    ['ceases', 2], // cease ##s
  ])('countTokens(%j) = %i (no special tokens)', (text, count) => {
    expect(embedder.countTokens(text)).toBe(count);
  });

  it.each([
    ['how far back do defenders have to go at a penalty', 'defenders must retire ten metres from the mark', 'the ball shall be inflated to the recommended pressure'],
    ['can I wear my ring during a game', 'players must not wear jewellery such as rings or chains', 'a try is worth one point'],
    ['how many players on the field at once', 'a team may have no more than six players on the field', 'the referee blows the whistle to restart play'],
    ['what footwear is allowed', 'boots with moulded soles are permitted but not screw-in studs', 'the half may pass or run with the ball'],
    ['what is the duration of each half of the game', 'a match consists of two halves of twenty minutes each', 'the ball must be oval and inflated'],
    ['what if the ball touches the ground after a pass', 'if the ball is passed and goes to ground possession changes', 'coaches must stay in the interchange area'],
  ])('captures meaning: %j', async (question, related, unrelated) => {
    const [q] = await embedder.embed([question], { kind: 'query' });
    const [near, far] = await embedder.embed([related, unrelated], { kind: 'document' });
    expect(cosine(q, near)).toBeGreaterThan(cosine(q, far) + 0.05);
  });

  it('treats digits like the number words', async () => {
    const [digits, words] = await embedder.embed(['retire 7 metres', 'retire seven metres'], { kind: 'document' });
    expect(cosine(digits, words)).toBeGreaterThan(0.99);
  });

  it('rejects with "cancelled" when aborted before or between batches', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `clause ${i}`);
    expect((await rejection(embedder.embed(texts, { kind: 'document', signal: AbortSignal.abort() }))).code).toBe('cancelled');

    const controller = new AbortController();
    const seen: number[] = [];
    const run = embedder.embed(texts, {
      kind: 'document',
      batchSize: 3,
      signal: controller.signal,
      onProgress: (done) => {
        seen.push(done);
        controller.abort();
      },
    });
    expect((await rejection(run)).code).toBe('cancelled');
    expect(seen).toEqual([3]);
  });
});

describe("the shipped model's wider word list", () => {
  const readModelFile = (id: string, file: string) => Promise.resolve(readFileSync(join(MODELS_DIR, id, file), 'utf8'));

  it('knows real words that have no vector of their own, and no typos', async () => {
    const withList = await createEmbedder({ modelId: MODEL_ID, localModelPath: MODELS_DIR, allowRemote: false, device: 'cpu', readModelFile });
    for (const word of ['shoves', 'stinking', 'chirping']) {
      expect(withList.isKnownWord?.(word)).toBe(false);
      expect(withList.isEnglishWord?.(word)).toBe(true);
    }
    for (const typo of ['ofending', 'subsitute', 'posession']) expect(withList.isEnglishWord?.(typo)).toBe(false);
  });

  it('is left out, and nothing fails, when the file cannot be read', async () => {
    const readModelFile = () => Promise.reject(new Error('offline'));
    const without = await createEmbedder({ modelId: MODEL_ID, localModelPath: MODELS_DIR, allowRemote: false, device: 'cpu', readModelFile });
    expect(without.isEnglishWord?.('shoves')).toBe(false);
    expect((await without.embed(['a tap'], { kind: 'query' }))[0]).toHaveLength(100);
  });
});

describe('createEmbedder errors', () => {
  it('reports an unknown model id as model-missing', async () => {
    const error = await rejection(createEmbedder({ modelId: 'no-such-model', localModelPath: MODELS_DIR, device: 'cpu' }));
    expect(error.code).toBe('model-missing');
  });

  it('reports missing model files as model-missing with a way out', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pitchside-models-'));
    const error = await rejection(createEmbedder({ modelId: MODEL_ID, localModelPath: empty, device: 'cpu' }));
    expect(error.code).toBe('model-missing');
    expect(error.detail).toContain('npm run build:model');
  });

  it('never fetches a registry model unless allowed', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pitchside-models-'));
    const error = await rejection(createEmbedder({ modelId: 'bge-small-en-v1.5', localModelPath: empty, device: 'cpu' }));
    expect(error.code).toBe('model-missing');
    expect(error.detail).toContain('not downloaded');
  });
});
