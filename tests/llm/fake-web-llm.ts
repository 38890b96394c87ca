// A fake of the web-llm engine surface the adapter uses, behaving like MLCEngine / WebWorkerMLCEngine:
// streamed chunks, an interrupt flag cleared when a generation starts, one generation at a time,
// failures as the plain strings that cross web-llm's worker boundary.
import type { ChatCompletionChunk, ChatCompletionRequestStreaming, InitProgressReport } from '@mlc-ai/web-llm';
import type { WebLlmEngineLike } from '../../src/llm/engine';

export type ReloadBehaviour = 'ok' | 'offline' | 'oom' | 'hang';

export class FakeWebLlmEngine implements WebLlmEngineLike {
  reloadBehaviour: ReloadBehaviour = 'ok';
  /** Pieces streamed for each request, by call order; the last one repeats. */
  replies: string[][] = [['Penalty ', 'to the ', 'defending team ', '— Rule 11.1']];
  pieceDelayMs = 5;
  /** Throw this string instead of the piece at this index. */
  failAt: { index: number; error: string } | null = null;
  requests: ChatCompletionRequestStreaming[] = [];
  interruptCalls = 0;
  unloadCalls = 0;
  returnCalls = 0;
  active = 0;
  maxActive = 0;
  loaded: string | null = null;
  private interruptSignal = false;
  private progress?: (r: InitProgressReport) => void;
  private lock: Promise<void> = Promise.resolve();

  setInitProgressCallback(cb: (r: InitProgressReport) => void): void {
    this.progress = cb;
  }

  async reload(modelId: string): Promise<void> {
    if (this.reloadBehaviour === 'offline') throw 'TypeError: Failed to fetch';
    if (this.reloadBehaviour === 'hang') return new Promise<void>(() => undefined);
    this.progress?.({ progress: 0.5, timeElapsed: 1, text: 'Fetching param cache[1/2]: 350MB fetched. 50% completed, 1 secs elapsed.' });
    if (this.reloadBehaviour === 'oom') throw 'Error: Out of memory while allocating a GPU buffer';
    this.progress?.({ progress: 1, timeElapsed: 2, text: 'Finish loading on WebGPU - fake' });
    this.loaded = modelId;
  }

  async unload(): Promise<void> {
    this.unloadCalls++;
    this.loaded = null;
  }

  interruptGenerate(): void {
    this.interruptCalls++;
    this.interruptSignal = true;
  }

  chat = {
    completions: {
      create: async (request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>> => {
        if (!this.loaded) throw 'Error: ModelNotLoadedError';
        const pieces = this.replies[Math.min(this.requests.length, this.replies.length - 1)];
        this.requests.push(request);
        return this.stream(pieces);
      },
    },
  };

  private async *stream(pieces: string[]): AsyncGenerator<ChatCompletionChunk> {
    let release!: () => void;
    const previous = this.lock;
    this.lock = new Promise<void>((r) => (release = r));
    await previous;
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      this.interruptSignal = false;
      for (let i = 0; i < pieces.length; i++) {
        await new Promise((r) => setTimeout(r, this.pieceDelayMs));
        if (this.failAt && this.failAt.index === i) throw this.failAt.error;
        if (this.interruptSignal) {
          yield makeChunk('', 'abort');
          return;
        }
        yield makeChunk(pieces[i], null);
      }
      yield makeChunk('', 'stop');
    } finally {
      this.returnCalls++;
      this.active--;
      release();
    }
  }
}

function makeChunk(content: string, finish: 'stop' | 'abort' | null): ChatCompletionChunk {
  return {
    id: 'x',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'fake',
    choices: [{ index: 0, delta: finish ? {} : { content, role: 'assistant' }, finish_reason: finish, logprobs: null }],
  } as ChatCompletionChunk;
}
