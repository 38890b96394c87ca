// Page side of the worker protocol: call(op, payload, {signal, onProgress}) returns a promise,
// replies are matched by id, and every pending call is rejected if the worker dies, also silently.

import { AppError, deserializeError } from '../core/errors';
import { isReplyMessage, type OpMap, type ReplyMessage } from '../core/protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onProgress?: (p: unknown) => void;
}

export interface CallOptions<P> {
  signal?: AbortSignal;
  onProgress?: (p: P) => void;
  transfer?: Transferable[];
  /**
   * On abort, wait for the worker's own answer instead of rejecting at once: a job that finished (and saved)
   * before the cancel reached it resolves with its result, so the page never claims "nothing was saved"
   * when something was. Gives up after CANCEL_REPLY_TIMEOUT_MS.
   */
  awaitCancel?: boolean;
}

export const CANCEL_REPLY_TIMEOUT_MS = 5_000;
/**
 * While calls are pending, a worker quiet for this long is pinged; one that then stays silent for
 * LIVENESS_TIMEOUT_MS has died without a word (killed by the browser, out of memory) and is replaced.
 * The worker yields between pages and batches, so a live one answers a ping within milliseconds.
 */
export const LIVENESS_CHECK_MS = 2_000;
export const LIVENESS_TIMEOUT_MS = 8_000;

/** Minimal worker shape, so tests can pass a MessageChannel port or a fake. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate?(): void;
}

export class WorkerClient<Ops extends OpMap> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private worker: WorkerLike | undefined;
  private readonly start: () => WorkerLike;
  private lastHeard = Date.now();
  private watchdog: ReturnType<typeof setInterval> | undefined;

  /**
   * Give a factory to have a crashed worker, or one that ignores a cancel, replaced by a fresh one on the
   * next call (its state lives in IndexedDB, so nothing is lost); a plain worker is used as it is.
   */
  constructor(worker: WorkerLike | (() => WorkerLike)) {
    this.start = typeof worker === 'function' ? worker : () => worker;
    this.worker = this.connect(this.start());
  }

  private connect(worker: WorkerLike): WorkerLike {
    worker.addEventListener('message', (event: MessageEvent) => {
      if (worker !== this.worker) return;
      this.lastHeard = Date.now();
      this.onReply(event.data);
    });
    worker.addEventListener('error', (event: Event) => {
      if (worker !== this.worker) return;
      const message = (event as ErrorEvent).message ?? 'the worker stopped';
      this.restart(new AppError('worker-crashed', message));
    });
    return worker;
  }

  /** Rejects everything in flight with `reason` and drops the worker; the next call starts a new one. */
  private restart(reason: AppError): void {
    this.worker?.terminate?.();
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(reason);
    this.pending.clear();
    this.stopWatchdog();
  }

  /** Runs while calls are pending: pings a quiet worker and replaces one that stays silent. */
  private startWatchdog(): void {
    if (this.watchdog !== undefined) return;
    this.lastHeard = Date.now();
    this.watchdog = setInterval(() => {
      if (this.pending.size === 0) return this.stopWatchdog();
      const quietMs = Date.now() - this.lastHeard;
      if (quietMs > LIVENESS_TIMEOUT_MS) this.restart(new AppError('worker-crashed', `no answer for ${quietMs} ms`));
      else if (quietMs >= LIVENESS_CHECK_MS) this.worker?.postMessage({ id: 0, op: 'ping' });
    }, LIVENESS_CHECK_MS);
  }

  private stopWatchdog(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  private current(): WorkerLike {
    this.worker ??= this.connect(this.start());
    return this.worker;
  }

  call<K extends keyof Ops & string>(
    op: K,
    payload: Ops[K]['payload'],
    options: CallOptions<Ops[K]['progress']> = {},
  ): Promise<Ops[K]['result']> {
    const { signal, onProgress, transfer = [], awaitCancel = false } = options;
    if (signal?.aborted) return Promise.reject(new AppError('cancelled'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const worker = this.current();
      const onAbort = () => {
        worker.postMessage({ id, op: 'cancel' });
        if (!awaitCancel) {
          this.pending.delete(id);
          reject(new AppError('cancelled'));
          return;
        }
        setTimeout(() => {
          if (!this.pending.has(id) || worker !== this.worker) return;
          // A worker deaf to a cancel is stuck in a long step: replace it rather than wait.
          this.restart(new AppError('cancelled', 'the worker did not answer the cancel'));
        }, CANCEL_REPLY_TIMEOUT_MS);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as Ops[K]['result']);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        onProgress: onProgress as ((p: unknown) => void) | undefined,
      });
      worker.postMessage({ id, op, payload }, transfer);
      this.startWatchdog();
    });
  }

  terminate(): void {
    this.restart(new AppError('cancelled'));
  }

  private onReply(data: unknown): void {
    if (!isReplyMessage(data)) return;
    const reply = data as ReplyMessage<Ops>;
    const pending = this.pending.get(reply.id);
    if (!pending || reply.type === 'alive') return;
    if (reply.type === 'progress') {
      pending.onProgress?.(reply.progress);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === 'result') pending.resolve(reply.result);
    else pending.reject(deserializeError(reply.error));
  }
}
