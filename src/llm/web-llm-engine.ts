// Creates the browser's LLM engine: a module worker running web-llm's handler (or the scripted
// engine behind the same protocol), driven through web-llm's WebWorkerMLCEngine. Page thread.

import { AppError } from '../core/errors';
import { createLlmEngine, type EngineHost, type LlmEngine } from './engine';
import { SCRIPTED_CONFIG_KIND, type ScriptedEngineConfig, type ScriptedFailure } from './scripted-engine';

export type LlmWorkerKind = 'web-llm' | 'scripted';

export interface BrowserLlmOptions {
  /** 'web-llm' (default) runs the real model; 'scripted' streams scripted replies (tests, demos). */
  worker?: LlmWorkerKind;
  scripted?: ScriptedEngineConfig;
}

// Each `new Worker(new URL(...))` stays literal so Vite bundles both worker entries.
function startWorker(kind: LlmWorkerKind): Worker {
  return kind === 'scripted'
    ? new Worker(new URL('../../workers/llm-scripted.worker.ts', import.meta.url), { type: 'module' })
    : new Worker(new URL('../../workers/llm.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * `new WebWorkerMLCEngine(worker)` followed by `reload(modelId)` in LlmEngine.load() is what
 * CreateWebWorkerMLCEngine(worker, modelId) does; splitting it lets the engine exist before a model
 * is chosen. web-llm is imported lazily so the page's first load does not carry it.
 */
export async function createWorkerEngineHost(opts: BrowserLlmOptions = {}): Promise<EngineHost> {
  const { WebWorkerMLCEngine } = await import('@mlc-ai/web-llm');
  const kind = opts.worker ?? 'web-llm';
  const worker = startWorker(kind);
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      reject(new AppError('worker-crashed', event.message || 'LLM worker failed to start'));
    });
  });
  crashed.catch(() => undefined);
  if (kind === 'scripted') worker.postMessage({ kind: SCRIPTED_CONFIG_KIND, uuid: '', content: opts.scripted ?? {} });
  const engine = new WebWorkerMLCEngine(worker);
  return { engine, crashed, dispose: () => worker.terminate() };
}

export function createBrowserLlmEngine(opts: BrowserLlmOptions = {}): LlmEngine {
  return createLlmEngine(() => createWorkerEngineHost(opts));
}

const FAILURES: readonly ScriptedFailure[] = ['offline', 'device-lost', 'out-of-memory'];

/**
 * `?llm=scripted` selects the scripted worker; `&llmDelay=40` sets its ms per piece and
 * `&llmFail=offline|device-lost|out-of-memory` makes its model loads fail that way.
 */
export function readLlmOptionsFromUrl(search: string): BrowserLlmOptions {
  const params = new URLSearchParams(search);
  if (params.get('llm') !== 'scripted') return { worker: 'web-llm' };
  const scripted: ScriptedEngineConfig = {};
  const delay = Number(params.get('llmDelay'));
  if (Number.isFinite(delay) && delay > 0) scripted.tokenDelayMs = delay;
  const fail = params.get('llmFail') as ScriptedFailure | null;
  if (fail && FAILURES.includes(fail)) scripted.reloadFailure = fail;
  return { worker: 'scripted', scripted };
}
