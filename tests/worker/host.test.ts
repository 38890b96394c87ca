// The worker protocol end to end over a real MessageChannel: results, progress, errors, cancel, crash, and a
// worker that dies without a word.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/core/errors';
import type { Handlers, OpSpec } from '../../src/core/protocol';
import { throttleProgress } from '../../src/core/protocol';
import { createWorkerHost } from '../../src/worker/host';
import { CANCEL_REPLY_TIMEOUT_MS, LIVENESS_CHECK_MS, LIVENESS_TIMEOUT_MS, WorkerClient, type WorkerLike } from '../../src/ui/worker-client';

type Ops = {
  double: OpSpec<{ n: number }, number, { done: number; total: number }>;
  fail: OpSpec<Record<string, never>, void>;
  wait: OpSpec<Record<string, never>, string>;
  bytes: OpSpec<{ size: number }, ArrayBuffer>;
  slow: OpSpec<Record<string, never>, string>;
};

const handlers: Handlers<Ops> = {
  async double({ n }, ctx) {
    for (let i = 1; i <= 3; i++) ctx.progress({ done: i, total: 3 });
    return n * 2;
  },
  async fail() {
    throw new AppError('pdf-password', 'encrypted');
  },
  wait(_p, ctx) {
    return new Promise((resolve, reject) => {
      ctx.signal.addEventListener('abort', () => reject(new AppError('cancelled')));
      setTimeout(() => resolve('finished'), 5_000);
    });
  },
  slow() {
    return new Promise((resolve) => setTimeout(() => resolve('finished'), 3 * LIVENESS_TIMEOUT_MS));
  },
  async bytes({ size }, ctx) {
    const buffer = new ArrayBuffer(size);
    ctx.transfer([buffer]);
    return buffer;
  },
};

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

function connect() {
  const channel = new MessageChannel();
  channels.push(channel);
  const host = createWorkerHost<Ops>(handlers, (msg, transfer) => channel.port2.postMessage(msg, transfer));
  channel.port2.addEventListener('message', (e) => void host((e as MessageEvent).data));
  channel.port2.start();
  channel.port1.start();
  return { client: new WorkerClient<Ops>(channel.port1 as unknown as WorkerLike), port2: channel.port2 };
}

describe('worker protocol', () => {
  it('returns results and forwards progress in order', async () => {
    const { client } = connect();
    const seen: number[] = [];
    await expect(client.call('double', { n: 21 }, { onProgress: (p) => seen.push(p.done) })).resolves.toBe(42);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('rebuilds AppError with its code on the calling side', async () => {
    const { client } = connect();
    const error = await client.call('fail', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('pdf-password');
    expect((error as AppError).detail).toBe('encrypted');
  });

  it('cancels a running call through its AbortSignal', async () => {
    const { client } = connect();
    const controller = new AbortController();
    const pending = client.call('wait', {}, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('transfers buffers instead of copying them', async () => {
    const { client } = connect();
    const result = await client.call('bytes', { size: 1024 });
    expect(result.byteLength).toBe(1024);
  });

  it('ignores messages that are not replies, such as pdf.js fake-worker chatter', async () => {
    const { client, port2 } = connect();
    port2.postMessage({ sourceName: 'worker', targetName: 'main', data: {} });
    await expect(client.call('double', { n: 1 })).resolves.toBe(2);
  });

  it('rejects every pending call when the worker crashes, then starts a fresh worker', async () => {
    const started: { posted: unknown[]; fireError?: (e: Event) => void; terminated: boolean }[] = [];
    const client = new WorkerClient<Ops>(() => {
      const record: (typeof started)[number] = { posted: [], terminated: false };
      started.push(record);
      return {
        postMessage: (message: unknown) => void record.posted.push(message),
        addEventListener: (type: string, listener: (e: never) => void) => {
          if (type === 'error') record.fireError = listener as (e: Event) => void;
        },
        terminate: () => void (record.terminated = true),
      };
    });
    const a = client.call('wait', {});
    const b = client.call('double', { n: 2 });
    started[0].fireError?.({ message: 'out of memory' } as unknown as Event);
    await expect(a).rejects.toMatchObject({ code: 'worker-crashed', detail: 'out of memory' });
    await expect(b).rejects.toMatchObject({ code: 'worker-crashed' });
    expect(started[0].terminated).toBe(true);

    void client.call('double', { n: 3 });
    expect(started).toHaveLength(2);
    expect(started[1].posted).toEqual([{ id: 3, op: 'double', payload: { n: 3 } }]);
  });

  it('with awaitCancel, resolves with a result that beat the cancel', async () => {
    const { client } = connect();
    const controller = new AbortController();
    const pending = client.call('double', { n: 5 }, { signal: controller.signal, awaitCancel: true });
    controller.abort();
    await expect(pending).resolves.toBe(10);
  });

  it('with awaitCancel, replaces a worker that does not answer the cancel', async () => {
    vi.useFakeTimers();
    try {
      let workers = 0;
      let terminated = 0;
      const client = new WorkerClient<Ops>(() => {
        workers++;
        return { postMessage: () => undefined, addEventListener: () => undefined, terminate: () => void terminated++ };
      });
      const controller = new AbortController();
      const pending = client.call('wait', {}, { signal: controller.signal, awaitCancel: true });
      controller.abort();
      vi.advanceTimersByTime(CANCEL_REPLY_TIMEOUT_MS + 1);
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      expect(terminated).toBe(1);
      void client.call('double', { n: 1 });
      expect(workers).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a worker that dies without a word', () => {
  it('the host answers a ping at once, even while a call runs', async () => {
    const posted: unknown[] = [];
    const host = createWorkerHost<Ops>(handlers, (message) => void posted.push(message));
    void host({ id: 1, op: 'wait', payload: {} });
    await host({ id: 0, op: 'ping' });
    expect(posted).toEqual([{ id: 0, type: 'alive' }]);
    await host({ id: 1, op: 'cancel' });
  });

  it('a silent worker is pinged, then replaced, and its calls rejected as a crash', async () => {
    vi.useFakeTimers();
    try {
      const started: { posted: unknown[]; terminated: boolean }[] = [];
      const client = new WorkerClient<Ops>(() => {
        const record = { posted: [] as unknown[], terminated: false };
        started.push(record);
        return {
          postMessage: (message: unknown) => void record.posted.push(message),
          addEventListener: () => undefined,
          terminate: () => void (record.terminated = true),
        };
      });
      const pending = client.call('double', { n: 1 });
      const outcome = pending.catch((e: unknown) => e);
      vi.advanceTimersByTime(LIVENESS_CHECK_MS);
      expect(started[0].posted).toContainEqual({ id: 0, op: 'ping' });
      vi.advanceTimersByTime(LIVENESS_TIMEOUT_MS);
      expect(await outcome).toMatchObject({ code: 'worker-crashed' });
      expect(started[0].terminated).toBe(true);
      void client.call('double', { n: 2 });
      expect(started).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a worker that answers its pings is kept, however long the call takes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const { client } = connect();
      const pending = client.call('slow', {});
      for (let t = 0; t <= 3 * LIVENESS_TIMEOUT_MS; t += LIVENESS_CHECK_MS / 4) {
        await vi.advanceTimersByTimeAsync(LIVENESS_CHECK_MS / 4);
        // Lets the channel deliver the ping and its answer, which fake timers do not drive.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await expect(pending).resolves.toBe('finished');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('throttleProgress', () => {
  it.each([
    { times: [0, 10, 50, 120, 130], done: [1, 2, 3, 4, 5], total: 10, expected: [1, 4] },
    { times: [0, 10, 20], done: [1, 2, 3], total: 3, expected: [1, 3] },
    { times: [0, 100, 200], done: [1, 2, 3], total: 5, expected: [1, 2, 3] },
  ])('emits at most one event per interval and always the last ($expected)', ({ times, done, total, expected }) => {
    let t = 0;
    const emitted: number[] = [];
    const throttled = throttleProgress<{ done: number; total: number }>((p) => emitted.push(p.done), 100, () => t);
    times.forEach((time, i) => {
      t = time;
      throttled({ done: done[i], total });
    });
    expect(emitted).toEqual(expected);
  });
});
