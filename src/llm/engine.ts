// Our LLM engine interface and its adapter over web-llm's engine interface: one generation at a
// time, Stop and newer questions cancel, failures become AppError codes. Page thread.

import type { ChatCompletionChunk, ChatCompletionRequestStreaming, InitProgressReport } from '@mlc-ai/web-llm';
import { AppError, isAbortError } from '../core/errors';
import type { ChatMessage, AnswerSettings } from '../core/prompt';
import { ANSWER_SETTINGS } from '../core/prompt';
import type { Progress } from '../core/types';
import { toLlmError } from './llm-errors';

export { toLlmError };

export interface LlmProgress extends Progress {
  /** web-llm's own line ("Fetching param cache[3/22]: 120MB fetched. 15% completed, …"). */
  text: string;
  /** 0..1 */
  fraction: number;
}

export interface LlmLoadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: LlmProgress) => void;
}

export interface LlmGenerateOptions {
  signal?: AbortSignal;
  /** Called with each new piece of text and the answer so far. */
  onToken?: (delta: string, textSoFar: string) => void;
  settings?: Partial<AnswerSettings>;
}

export interface LlmEngine {
  /** The model ready to generate, or null (none, loading, or lost with the GPU device). */
  readonly loadedModel: string | null;
  /** Downloads (first time) and loads a model; a second call cancels a load still running. */
  load(modelId: string, opts?: LlmLoadOptions): Promise<void>;
  /** Streams an answer; rejects with AppError('cancelled') when stopped or replaced by a newer call. */
  generate(messages: ChatMessage[], opts?: LlmGenerateOptions): Promise<string>;
  /** Stops the running generation, if any (the Stop button). */
  interrupt(): void;
  unload(): Promise<void>;
}

/** The part of web-llm's MLCEngineInterface we use; WebWorkerMLCEngine and MLCEngine satisfy it. */
export interface WebLlmEngineLike {
  reload(modelId: string): Promise<void>;
  unload(): Promise<void>;
  interruptGenerate(): void;
  setInitProgressCallback(callback: (report: InitProgressReport) => void): void;
  chat: {
    completions: {
      create(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>>;
    };
  };
}

/** An engine plus a way to throw it away (for a worker engine: terminate the worker). */
export interface EngineHost {
  engine: WebLlmEngineLike;
  dispose(): void;
  /** Rejects (AppError 'worker-crashed') if the engine's worker dies; web-llm would wait forever. */
  crashed?: Promise<never>;
}

/** How long a cancelled generation may take to release the engine before a new one starts anyway. */
export const CANCEL_SETTLE_TIMEOUT_MS = 2000;

/** Reads web-llm's progress text into our progress shape. */
export function toLlmProgress(report: InitProgressReport): LlmProgress {
  const fraction = Math.max(0, Math.min(1, report.progress));
  const shards = /\[(\d+)\/(\d+)\]/.exec(report.text);
  const mb = /(\d+)MB (?:fetched|loaded)/.exec(report.text);
  const stage = /^Fetching|Start to fetch/.test(report.text) ? 'download' : 'load-model';
  const progress: LlmProgress = {
    stage,
    done: shards ? Number(shards[1]) : Math.round(fraction * 100),
    total: shards ? Number(shards[2]) : 100,
    text: report.text,
    fraction,
  };
  if (mb && stage === 'download') {
    progress.bytes = Number(mb[1]) * 1024 * 1024;
    if (fraction > 0) progress.totalBytes = Math.round(progress.bytes / fraction);
  }
  return progress;
}

/** Resolves with `promise`, or rejects with AppError('cancelled') as soon as `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new AppError('cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AppError('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** `promise`, or the host's crash, whichever comes first. */
function guard<T>(host: EngineHost, promise: Promise<T>): Promise<T> {
  return host.crashed ? Promise.race([promise, host.crashed]) : promise;
}

function linkSignal(outer: AbortSignal | undefined, inner: AbortController): void {
  if (!outer) return;
  if (outer.aborted) inner.abort();
  else outer.addEventListener('abort', () => inner.abort(), { once: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Run {
  controller: AbortController;
  settled: Promise<void>;
}

class WebLlmAdapter implements LlmEngine {
  private host: EngineHost | null = null;
  private loaded: string | null = null;
  private loading: AbortController | null = null;
  private current: Run | null = null;

  constructor(private readonly createHost: () => Promise<EngineHost> | EngineHost) {}

  get loadedModel(): string | null {
    return this.loaded;
  }

  private async getHost(): Promise<EngineHost> {
    if (!this.host) this.host = await this.createHost();
    return this.host;
  }

  /** Throws the engine away so the next load starts afresh (GPU device lost, load cancelled). */
  private discardHost(): void {
    const host = this.host;
    this.host = null;
    this.loaded = null;
    try {
      host?.dispose();
    } catch {
      // Already gone.
    }
  }

  private async cancelCurrent(): Promise<void> {
    const run = this.current;
    if (!run) return;
    run.controller.abort();
    await Promise.race([run.settled, sleep(CANCEL_SETTLE_TIMEOUT_MS)]);
  }

  async load(modelId: string, opts: LlmLoadOptions = {}): Promise<void> {
    this.loading?.abort();
    if (this.loaded === modelId) return;
    await this.cancelCurrent();
    const controller = new AbortController();
    this.loading = controller;
    linkSignal(opts.signal, controller);
    this.loaded = null;
    try {
      const host = await raceAbort(Promise.resolve(this.getHost()), controller.signal);
      host.engine.setInitProgressCallback((report) => {
        if (!controller.signal.aborted) opts.onProgress?.(toLlmProgress(report));
      });
      await raceAbort(guard(host, host.engine.reload(modelId)), controller.signal);
      this.loaded = modelId;
    } catch (error) {
      const appError = controller.signal.aborted ? new AppError('cancelled') : toLlmError(error);
      // A cancelled load is still downloading in the engine: dropping the engine stops it; the
      // shards already stored are kept, so the next attempt resumes from them.
      if (appError.code !== 'llm-offline' && appError.code !== 'llm-failed') this.discardHost();
      throw appError;
    } finally {
      if (this.loading === controller) this.loading = null;
    }
  }

  async generate(messages: ChatMessage[], opts: LlmGenerateOptions = {}): Promise<string> {
    await this.cancelCurrent();
    if (opts.signal?.aborted) throw new AppError('cancelled');
    const host = this.host;
    if (!host || this.loaded === null) throw new AppError('llm-failed', 'No model is loaded.');

    const controller = new AbortController();
    linkSignal(opts.signal, controller);
    let markSettled!: () => void;
    const run: Run = { controller, settled: new Promise<void>((r) => (markSettled = r)) };
    this.current = run;
    let iterator: AsyncIterator<ChatCompletionChunk> | null = null;
    let text = '';
    try {
      const request: ChatCompletionRequestStreaming = {
        messages,
        stream: true,
        ...ANSWER_SETTINGS,
        ...opts.settings,
      };
      const stream = await raceAbort(guard(host, host.engine.chat.completions.create(request)), controller.signal);
      iterator = stream[Symbol.asyncIterator]();
      for (;;) {
        const step = await raceAbort(guard(host, iterator.next()), controller.signal);
        if (step.done) break;
        const choice = step.value.choices[0];
        const delta = choice?.delta?.content ?? '';
        if (delta) {
          text += delta;
          opts.onToken?.(delta, text);
        }
        if (choice?.finish_reason === 'abort') throw new AppError('cancelled');
      }
      return text;
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) {
        this.stopEngine(host, iterator);
        throw new AppError('cancelled');
      }
      const appError = toLlmError(error);
      if (['llm-device-lost', 'llm-out-of-memory', 'worker-crashed'].includes(appError.code)) this.discardHost();
      throw appError;
    } finally {
      if (this.current === run) this.current = null;
      markSettled();
    }
  }

  /** Interrupts decoding in the engine and closes the stream so its lock is released. */
  private stopEngine(host: EngineHost, iterator: AsyncIterator<ChatCompletionChunk> | null): void {
    try {
      host.engine.interruptGenerate();
    } catch {
      // The engine is gone; nothing to stop.
    }
    iterator?.return?.().catch(() => undefined);
  }

  interrupt(): void {
    this.current?.controller.abort();
  }

  async unload(): Promise<void> {
    this.loading?.abort();
    await this.cancelCurrent();
    const host = this.host;
    this.loaded = null;
    if (!host) return;
    try {
      await host.engine.unload();
    } catch {
      // An engine that cannot unload (device lost) is thrown away instead.
      this.discardHost();
    }
  }
}

/** Wraps a web-llm engine (made lazily, remade after a lost GPU device) in our interface. */
export function createLlmEngine(createHost: () => Promise<EngineHost> | EngineHost): LlmEngine {
  return new WebLlmAdapter(createHost);
}
