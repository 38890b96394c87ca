// The one error type that crosses threads: a stable code plus technical detail.
// User-facing wording lives in src/ui/messages.ts, keyed by code.

export type ErrorCode =
  | 'not-pdf'
  | 'pdf-corrupt'
  | 'pdf-password'
  | 'pdf-no-text'
  | 'pdf-empty'
  | 'no-rules-found'
  | 'quota-exceeded'
  | 'storage-failed'
  | 'model-missing'
  | 'model-failed'
  | 'model-download-failed'
  | 'embedding-failed'
  | 'no-rulebook'
  | 'rulebook-deleted'
  | 'cancelled'
  | 'worker-crashed'
  | 'llm-offline'
  | 'llm-device-lost'
  | 'llm-out-of-memory'
  | 'llm-no-webgpu'
  | 'llm-failed'
  | 'bad-question-file'
  | 'pack-not-pack'
  | 'pack-damaged'
  | 'pack-tampered'
  | 'pack-newer'
  | 'pack-unknown-model'
  | 'backup-not-backup'
  | 'backup-damaged'
  | 'backup-newer'
  | 'unknown';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;

  constructor(code: ErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }
}

/** Plain shape that crosses postMessage. */
export interface SerializedError {
  code: ErrorCode;
  detail?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return { code: error.code, detail: error.detail };
  if (isAbortError(error)) return { code: 'cancelled' };
  // web-llm rejects some failures with a plain string rather than an Error.
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'unknown', detail };
}

export function deserializeError(error: SerializedError): AppError {
  return new AppError(error.code, error.detail);
}

export function isAbortError(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'cancelled';
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled');
}

interface MessagePair {
  port1: { onmessage: (() => void) | null; close(): void };
  port2: { postMessage(message: unknown): void };
}

/**
 * Lets the thread's event loop run, so a cancel message posted to a busy worker is handled between
 * steps (awaiting promises alone only runs microtasks, never the worker's message events). A message to
 * itself rather than setTimeout(0): browsers clamp nested timeouts to 4 ms, which, once per page and per
 * batch, added about 3 s to indexing a 534-page book.
 */
export function yieldToEventLoop(): Promise<void> {
  // Core code has no DOM types; every thread it runs on (window, worker, Node) has MessageChannel.
  const Channel = (globalThis as { MessageChannel?: new () => MessagePair }).MessageChannel;
  if (!Channel) return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new Channel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
