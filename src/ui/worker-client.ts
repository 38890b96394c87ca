// Page side of the worker protocol: call(op, payload, {signal, onProgress}) returns a promise,
// replies are matched by id, and every pending call is rejected if the worker dies.

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
  private dead: AppError | undefined;

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event: MessageEvent) => this.onReply(event.data));
    worker.addEventListener('error', (event: Event) => {
      const message = (event as ErrorEvent).message ?? 'the worker stopped';
      this.failAll(new AppError('worker-crashed', message));
    });
  }

  call<K extends keyof Ops & string>(
    op: K,
    payload: Ops[K]['payload'],
    options: CallOptions<Ops[K]['progress']> = {},
  ): Promise<Ops[K]['result']> {
    if (this.dead) return Promise.reject(this.dead);
    const { signal, onProgress, transfer = [], awaitCancel = false } = options;
    if (signal?.aborted) return Promise.reject(new AppError('cancelled'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.worker.postMessage({ id, op: 'cancel' });
        if (!awaitCancel) {
          this.pending.delete(id);
          reject(new AppError('cancelled'));
          return;
        }
        setTimeout(() => {
          if (!this.pending.delete(id)) return;
          reject(new AppError('cancelled', 'the worker did not answer the cancel'));
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
      this.worker.postMessage({ id, op, payload }, transfer);
    });
  }

  terminate(): void {
    this.worker.terminate?.();
    this.failAll(new AppError('cancelled'));
  }

  private onReply(data: unknown): void {
    if (!isReplyMessage(data)) return;
    const reply = data as ReplyMessage<Ops>;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'progress') {
      pending.onProgress?.(reply.progress);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === 'result') pending.resolve(reply.result);
    else pending.reject(deserializeError(reply.error));
  }

  private failAll(error: AppError): void {
    if (error.code === 'worker-crashed') this.dead = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
