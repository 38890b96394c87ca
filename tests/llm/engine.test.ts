import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { ANSWER_SETTINGS, type ChatMessage } from '../../src/core/prompt';
import { createLlmEngine, toLlmError, toLlmProgress, type EngineHost } from '../../src/llm/engine';
import { FakeWebLlmEngine } from './fake-web-llm';

const MODEL = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'sys' },
  { role: 'user', content: 'Rules:\n[Rule 11.1] A Penalty.\n\nQuestion: What now?' },
];

function setup() {
  const engines: FakeWebLlmEngine[] = [];
  let disposed = 0;
  let next = () => new FakeWebLlmEngine();
  const llm = createLlmEngine((): EngineHost => {
    const engine = next();
    engines.push(engine);
    return { engine, dispose: () => disposed++ };
  });
  return {
    llm,
    engines,
    disposed: () => disposed,
    setNext: (f: () => FakeWebLlmEngine) => (next = f),
    last: () => engines[engines.length - 1],
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (e) {
    return e instanceof AppError ? e.code : `not an AppError: ${String(e)}`;
  }
}

describe('LlmEngine over web-llm', () => {
  it('loads with progress, then streams an answer piece by piece', async () => {
    const { llm, last } = setup();
    const progress: string[] = [];
    await llm.load(MODEL, { onProgress: (p) => progress.push(`${p.stage} ${p.done}/${p.total}`) });
    expect(llm.loadedModel).toBe(MODEL);
    expect(progress).toEqual(['download 1/2', 'load-model 100/100']);

    const tokens: string[] = [];
    const answer = await llm.generate(MESSAGES, { onToken: (delta, soFar) => tokens.push(`${delta}|${soFar.length}`) });
    expect(answer).toBe('Penalty to the defending team — Rule 11.1');
    expect(tokens).toEqual(['Penalty |8', 'to the |15', 'defending team |30', '— Rule 11.1|41']);
    const request = last().requests[0];
    expect(request.stream).toBe(true);
    expect(request.messages).toEqual(MESSAGES);
    expect(request.temperature).toBe(ANSWER_SETTINGS.temperature);
  });

  it('a second load of the same model is a no-op', async () => {
    const { llm, engines } = setup();
    await llm.load(MODEL);
    await llm.load(MODEL);
    expect(engines).toHaveLength(1);
  });

  it('Stop interrupts the generation and releases the engine', async () => {
    const { llm, last } = setup();
    await llm.load(MODEL);
    last().pieceDelayMs = 30;
    const tokens: string[] = [];
    const running = llm.generate(MESSAGES, {
      onToken: (d) => {
        tokens.push(d);
        llm.interrupt();
      },
    });
    expect(await codeOf(running)).toBe('cancelled');
    expect(tokens).toEqual(['Penalty ']);
    expect(last().interruptCalls).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(last().active).toBe(0); // the stream was closed, so web-llm's lock is free again
  });

  it('an aborted signal cancels like Stop', async () => {
    const { llm, last } = setup();
    await llm.load(MODEL);
    const controller = new AbortController();
    const running = llm.generate(MESSAGES, { signal: controller.signal, onToken: () => controller.abort() });
    expect(await codeOf(running)).toBe('cancelled');
    expect(last().interruptCalls).toBe(1);
  });

  it('a new question cancels the old one; generations never overlap', async () => {
    const { llm, last } = setup();
    await llm.load(MODEL);
    const fake = last();
    fake.pieceDelayMs = 20;
    fake.replies = [['old ', 'answer ', 'that ', 'is ', 'long'], ['new answer — Rule 11.1']];
    let second: Promise<string> | undefined;
    const first = llm.generate(MESSAGES, { onToken: () => (second ??= llm.generate(MESSAGES)) });
    expect(await codeOf(first)).toBe('cancelled');
    expect(await second).toBe('new answer — Rule 11.1');
    expect(fake.maxActive).toBe(1);
  });

  it('offline: the plain string rejection becomes llm-offline, and a later load works', async () => {
    const { llm, last, disposed } = setup();
    await llm.load(MODEL).catch(() => undefined);
    const fake = last();
    fake.reloadBehaviour = 'offline';
    const error = await llm.load('Qwen2.5-0.5B-Instruct-q4f16_1-MLC').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('llm-offline');
    expect((error as AppError).detail).toBe('TypeError: Failed to fetch');
    expect(llm.loadedModel).toBeNull();
    expect(disposed()).toBe(0);
    fake.reloadBehaviour = 'ok';
    await llm.load(MODEL);
    expect(llm.loadedModel).toBe(MODEL);
  });

  it('device lost while generating: llm-device-lost, the engine is replaced, and the next load works', async () => {
    const { llm, engines, disposed, last } = setup();
    await llm.load(MODEL);
    last().failAt = { index: 1, error: 'Error: Device was lost. This can happen due to insufficient memory.' };
    expect(await codeOf(llm.generate(MESSAGES))).toBe('llm-device-lost');
    expect(llm.loadedModel).toBeNull();
    expect(disposed()).toBe(1);
    expect(await codeOf(llm.generate(MESSAGES))).toBe('llm-failed'); // nothing loaded now
    await llm.load(MODEL);
    expect(engines).toHaveLength(2);
    expect(await llm.generate(MESSAGES)).toContain('Rule 11.1');
  });

  it('out of memory while loading: llm-out-of-memory and a fresh engine next time', async () => {
    const { llm, engines, disposed, setNext } = setup();
    setNext(() => Object.assign(new FakeWebLlmEngine(), { reloadBehaviour: 'oom' as const }));
    expect(await codeOf(llm.load(MODEL))).toBe('llm-out-of-memory');
    expect(disposed()).toBe(1);
    setNext(() => new FakeWebLlmEngine());
    await llm.load('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(engines).toHaveLength(2);
  });

  it('cancelling a load drops the engine (stopping its download)', async () => {
    const { llm, disposed, setNext } = setup();
    setNext(() => Object.assign(new FakeWebLlmEngine(), { reloadBehaviour: 'hang' as const }));
    const controller = new AbortController();
    const loading = llm.load(MODEL, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect(await codeOf(loading)).toBe('cancelled');
    expect(disposed()).toBe(1);
    expect(llm.loadedModel).toBeNull();
  });

  it('a crashed worker rejects instead of hanging', async () => {
    let crash!: (e: AppError) => void;
    const crashed = new Promise<never>((_, reject) => (crash = reject));
    crashed.catch(() => undefined);
    const fake = Object.assign(new FakeWebLlmEngine(), { reloadBehaviour: 'hang' as const });
    const llm = createLlmEngine(() => ({ engine: fake, crashed, dispose: () => undefined }));
    const loading = llm.load(MODEL);
    crash(new AppError('worker-crashed', 'boom'));
    expect(await codeOf(loading)).toBe('worker-crashed');
  });

  it('generate without a model fails clearly', async () => {
    const { llm } = setup();
    expect(await codeOf(llm.generate(MESSAGES))).toBe('llm-failed');
  });

  it('unload leaves no model loaded', async () => {
    const { llm, last } = setup();
    await llm.load(MODEL);
    await llm.unload();
    expect(llm.loadedModel).toBeNull();
    expect(last().unloadCalls).toBe(1);
  });
});

describe('toLlmError', () => {
  it.each<[unknown, string]>([
    ['TypeError: Failed to fetch', 'llm-offline'],
    [new TypeError('Failed to fetch'), 'llm-offline'],
    ['TypeError: NetworkError when attempting to fetch resource.', 'llm-offline'],
    ['DeviceLostError: The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).', 'llm-device-lost'],
    ['Error: Device was lost. This can happen due to insufficient memory', 'llm-device-lost'],
    ['Error: Out of memory', 'llm-out-of-memory'],
    ['RangeError: Array buffer allocation failed', 'llm-out-of-memory'],
    ['WebGPUNotAvailableError: WebGPU is not supported in your current environment', 'llm-no-webgpu'],
    [new DOMException('aborted', 'AbortError'), 'cancelled'],
    [new AppError('cancelled'), 'cancelled'],
    ['Error: something else', 'llm-failed'],
    [{ weird: true }, 'llm-failed'],
  ])('%s -> %s', (error, code) => expect(toLlmError(error).code).toBe(code));
});

describe('toLlmProgress', () => {
  it('reads shards and megabytes from the download text', () => {
    const p = toLlmProgress({
      progress: 0.25,
      timeElapsed: 10,
      text: 'Fetching param cache[3/22]: 175MB fetched. 25% completed, 10 secs elapsed. It can take a while.',
    });
    expect(p).toMatchObject({ stage: 'download', done: 3, total: 22, bytes: 175 * 1024 * 1024, totalBytes: 700 * 1024 * 1024, fraction: 0.25 });
  });
  it('reports loading from cache as load-model', () => {
    const p = toLlmProgress({ progress: 0.5, timeElapsed: 1, text: 'Loading model from cache[11/22]: 350MB loaded. 50% completed, 1 secs elapsed.' });
    expect(p).toMatchObject({ stage: 'load-model', done: 11, total: 22 });
    expect(p.bytes).toBeUndefined();
  });
});
