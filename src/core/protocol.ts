// Typed request/reply protocol between the page and a worker. One map per worker from
// operation name to payload, result and progress types; both ends are derived from it.

import type { SerializedError } from './errors';

export interface OpSpec<Payload = unknown, Result = unknown, ProgressT = never> {
  payload: Payload;
  result: Result;
  progress: ProgressT;
}

export type OpMap = Record<string, OpSpec<unknown, unknown, unknown>>;

export type RequestMessage<Ops extends OpMap> =
  | { [K in keyof Ops & string]: { id: number; op: K; payload: Ops[K]['payload'] } }[keyof Ops & string]
  | { id: number; op: 'cancel' }
  /** Asked while calls are pending and the worker has been quiet: a live worker answers "alive" at once. */
  | { id: number; op: 'ping' };

export type ReplyMessage<Ops extends OpMap> =
  | { id: number; type: 'progress'; progress: Ops[keyof Ops]['progress'] }
  | { id: number; type: 'result'; result: Ops[keyof Ops]['result'] }
  | { id: number; type: 'error'; error: SerializedError }
  | { id: number; type: 'alive' };

/** Context given to every handler: cooperative cancel and progress reporting. */
export interface HandlerContext<ProgressT> {
  signal: AbortSignal;
  progress(p: ProgressT): void;
  /** Buffers to transfer (not copy) with the result. */
  transfer(buffers: ArrayBuffer[]): void;
}

export type Handlers<Ops extends OpMap> = {
  [K in keyof Ops]: (payload: Ops[K]['payload'], ctx: HandlerContext<Ops[K]['progress']>) => Promise<Ops[K]['result']>;
};

/** Messages that are not ours (e.g. pdf.js's fake worker posting `{sourceName: 'worker'}`) are ignored. */
export function isRequestMessage(data: unknown): data is { id: number; op: string; payload?: unknown } {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { id?: unknown }).id === 'number' &&
    typeof (data as { op?: unknown }).op === 'string'
  );
}

export function isReplyMessage(data: unknown): data is { id: number; type: 'progress' | 'result' | 'error' | 'alive' } {
  if (typeof data !== 'object' || data === null) return false;
  const { id, type } = data as { id?: unknown; type?: unknown };
  return typeof id === 'number' && (type === 'progress' || type === 'result' || type === 'error' || type === 'alive');
}

/** Limits progress messages to about ten a second, always letting the last one (done === total) through. */
export function throttleProgress<T extends { done: number; total: number }>(
  emit: (p: T) => void,
  intervalMs = 100,
  now: () => number = () => performance.now(),
): (p: T) => void {
  let last = -Infinity;
  return (p) => {
    const t = now();
    if (p.done >= p.total || t - last >= intervalMs) {
      last = t;
      emit(p);
    }
  };
}
