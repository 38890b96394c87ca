// A stand-in for web-llm's MLCEngine that streams scripted replies chosen from the prompt, for
// end-to-end tests and demos on machines without WebGPU. Runs in the LLM worker (or in Node tests).

import type { ChatCompletionChunk, ChatCompletionRequest, InitProgressReport } from '@mlc-ai/web-llm';
import { collectNumberValues } from '../core/number-words';
import { NOT_COVERED } from '../core/prompt';

export type ScriptedFailure = 'offline' | 'device-lost' | 'out-of-memory';

export interface ScriptedEngineConfig {
  /** Delay before each streamed piece, ms. */
  tokenDelayMs?: number;
  /** Time a reload takes, ms, spread over a few progress reports. */
  loadDelayMs?: number;
  /** Make every reload fail this way (offline: the plain string web-llm rejects with). */
  reloadFailure?: ScriptedFailure | null;
  /** Extra replies, tried before the built-in ones: the first whose `match` the question contains. */
  replies?: { match: string; reply: string }[];
}

/** Message kind the scripted worker accepts, before web-llm's own, to set the config. */
export const SCRIPTED_CONFIG_KIND = 'scriptedEngineConfig';

/**
 * Markers a question may carry to pick a built-in behaviour:
 * [ungrounded] a wrong number, [uncited] no citation, [not-covered] the abstention,
 * [slow] ten times the token delay, [device-lost] GPU device lost after a few pieces,
 * [oom] out of GPU memory at the start.
 */
export const SCRIPT_MARKERS = ['[ungrounded]', '[uncited]', '[not-covered]', '[slow]', '[device-lost]', '[oom]'] as const;

export const OFFLINE_REJECTION = 'TypeError: Failed to fetch';
const DEVICE_LOST_MESSAGE =
  'DeviceLostError: The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).';
const OOM_MESSAGE = 'Error: Out of memory: the GPU could not allocate a buffer of 268435456 bytes.';

interface ParsedPrompt {
  question: string;
  clauses: { citation: string; text: string }[];
}

function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === 'object' && 'text' in p ? String(p.text) : '')).join('');
  return '';
}

/** Reads back the clause lines and question that buildAnswerMessages writes. */
export function parsePrompt(request: Pick<ChatCompletionRequest, 'messages'>): ParsedPrompt {
  const user = [...request.messages].reverse().find((m) => m.role === 'user');
  const text = messageText(user?.content);
  const question = /Question:\s*([\s\S]*)$/.exec(text)?.[1].trim() ?? text.trim();
  const clauses = [...text.matchAll(/^\[([^\]]+)\]\s*(.*)$/gm)].map((m) => ({ citation: m[1], text: m[2] }));
  return { question, clauses };
}

function firstWords(text: string, n: number): string {
  const sentence = text.split(/(?<=[.;])\s/)[0].replace(/[.;:,]+$/, '');
  return sentence.split(/\s+/).slice(0, n).join(' ');
}

/** The reply the scripted model gives to a prompt, and how it behaves while giving it. */
export function chooseScriptedReply(
  prompt: ParsedPrompt,
  config: ScriptedEngineConfig = {},
): { reply: string; failure?: ScriptedFailure; failAfterPieces?: number; slow: boolean } {
  const q = prompt.question.toLowerCase();
  const slow = q.includes('[slow]');
  if (q.includes('[oom]')) return { reply: '', failure: 'out-of-memory', failAfterPieces: 0, slow };
  const custom = config.replies?.find((r) => q.includes(r.match.toLowerCase()));
  const first = prompt.clauses[0];
  let reply: string;
  if (custom) reply = custom.reply;
  else if (q.includes('[not-covered]') || !first) reply = NOT_COVERED;
  else if (q.includes('[uncited]')) reply = firstWords(first.text, 10);
  else if (q.includes('[ungrounded]')) {
    const wrong = collectNumberValues(first.text).has(7) ? 'ten' : 'seven';
    reply = `Retire ${wrong} metres — ${first.citation}`;
  } else reply = `${firstWords(first.text, 15)} — ${first.citation}`;
  if (q.includes('[device-lost]')) return { reply, failure: 'device-lost', failAfterPieces: 3, slow };
  return { reply, slow };
}

export function failureError(failure: ScriptedFailure): string | Error {
  if (failure === 'offline') return OFFLINE_REJECTION; // web-llm rejects with this plain string.
  const error = new Error(failure === 'device-lost' ? DEVICE_LOST_MESSAGE : OOM_MESSAGE);
  // toString() is what crosses the worker boundary; keep it exactly the message above.
  error.toString = () => error.message;
  return error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function chunk(id: string, model: string, content: string, finish: 'stop' | 'abort' | null): ChatCompletionChunk {
  return {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta: finish ? {} : { role: 'assistant', content }, finish_reason: finish, logprobs: null }],
  } as ChatCompletionChunk;
}

export class ScriptedEngine {
  private config: ScriptedEngineConfig;
  private progressCallback?: (report: InitProgressReport) => void;
  private loaded: string | null = null;
  private interruptSignal = false;
  private lock: Promise<void> = Promise.resolve();
  readonly chat = { completions: { create: (request: ChatCompletionRequest) => this.chatCompletion(request) } };

  constructor(config: ScriptedEngineConfig = {}) {
    this.config = config;
  }

  get loadedModel(): string | null {
    return this.loaded;
  }

  setConfig(config: ScriptedEngineConfig): void {
    this.config = { ...this.config, ...config };
  }

  setInitProgressCallback(callback: (report: InitProgressReport) => void): void {
    this.progressCallback = callback;
  }

  getInitProgressCallback(): ((report: InitProgressReport) => void) | undefined {
    return this.progressCallback;
  }

  // web-llm's handler forwards these; the scripted model has no use for them.
  setAppConfig(): void {}
  setLogLevel(): void {}
  async resetChat(): Promise<void> {}

  async reload(modelId: string | string[]): Promise<void> {
    const id = Array.isArray(modelId) ? modelId[0] : modelId;
    this.loaded = null;
    const failure = this.config.reloadFailure;
    // Offline with nothing cached, web-llm fails before any progress report.
    if (failure === 'offline') throw failureError('offline');
    const steps = 4;
    const delay = (this.config.loadDelayMs ?? 200) / steps;
    for (let i = 0; i <= steps; i++) {
      if (i > 0) await sleep(delay);
      const mb = i * 100;
      this.progressCallback?.({
        progress: i / steps,
        timeElapsed: (i * delay) / 1000,
        text: `Fetching param cache[${i}/${steps}]: ${mb}MB fetched. ${Math.floor((i * 100) / steps)}% completed, 0 secs elapsed.`,
      });
    }
    if (failure) throw failureError(failure);
    this.loaded = id;
  }

  async unload(): Promise<void> {
    this.loaded = null;
  }

  interruptGenerate(): void {
    this.interruptSignal = true;
  }

  async chatCompletion(request: ChatCompletionRequest): Promise<AsyncIterable<ChatCompletionChunk>> {
    if (this.loaded === null) throw new Error('ModelNotLoadedError: Model not loaded before trying to complete ChatCompletionRequest.');
    if (!request.stream) throw new Error('The scripted engine only streams (stream: true).');
    return this.stream(request, this.loaded);
  }

  private async *stream(request: ChatCompletionRequest, model: string): AsyncGenerator<ChatCompletionChunk> {
    // Like web-llm: one generation at a time per model, interrupt flag cleared when one starts.
    let release!: () => void;
    const previous = this.lock;
    this.lock = new Promise<void>((r) => (release = r));
    await previous;
    try {
      this.interruptSignal = false;
      const id = `scripted-${Date.now()}`;
      const script = chooseScriptedReply(parsePrompt(request), this.config);
      const pieces = script.reply.match(/\S+\s*/g) ?? [];
      const delay = (this.config.tokenDelayMs ?? 30) * (script.slow ? 10 : 1);
      for (let i = 0; i <= pieces.length; i++) {
        if (script.failure && i === script.failAfterPieces) {
          this.loaded = null; // web-llm unloads itself when the device is lost.
          throw failureError(script.failure);
        }
        if (i === pieces.length) break;
        await sleep(delay);
        if (this.interruptSignal) {
          yield chunk(id, model, '', 'abort');
          return;
        }
        yield chunk(id, model, pieces[i], null);
      }
      yield chunk(id, model, '', 'stop');
    } finally {
      release();
    }
  }
}

/** The parts of web-llm's WebWorkerMLCEngineHandler that the scripted worker touches. */
export interface HandlerLike {
  engine: unknown;
  postMessage(message: unknown): void;
  onmessage(event: unknown): void;
}

/**
 * Puts the scripted engine in place of the MLCEngine a WebWorkerMLCEngineHandler built (a public
 * field, used through the same methods), forwards its progress like the handler's constructor
 * does, and returns the worker's message listener, which also takes SCRIPTED_CONFIG_KIND messages.
 */
export function installScriptedEngine(handler: HandlerLike, engine: ScriptedEngine): (event: { data: unknown }) => void {
  handler.engine = engine;
  engine.setInitProgressCallback((report) => handler.postMessage({ kind: 'initProgressCallback', uuid: '', content: report }));
  return (event) => {
    const msg = event.data as { kind?: string; content?: ScriptedEngineConfig } | null;
    if (msg?.kind === SCRIPTED_CONFIG_KIND) {
      engine.setConfig(msg.content ?? {});
      return;
    }
    handler.onmessage(event);
  };
}
