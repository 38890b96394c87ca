// The scripted engine behind web-llm's real worker protocol: WebWorkerMLCEngineHandler on one side,
// WebWorkerMLCEngine on the other, joined by an in-memory message channel, with our adapter on top.
import { WebWorkerMLCEngine, WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { checkGrounding } from '../../src/core/grounding';
import { buildAnswerMessages, formatCitation } from '../../src/core/prompt';
import { createLlmEngine } from '../../src/llm/engine';
import {
  SCRIPTED_CONFIG_KIND,
  ScriptedEngine,
  installScriptedEngine,
  type ScriptedEngineConfig,
} from '../../src/llm/scripted-engine';

const MODEL = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
const CLAUSES = [
  { ref: '15.2', text: 'At a Tap, all defenders must retire a distance of ten (10) metres from the Mark.' },
  { ref: '15.1', text: 'At a Rollball, all defenders must retire a distance of seven (7) metres.' },
];
const promptClauses = CLAUSES.map((c) => ({ ...c, citation: formatCitation(c.ref) }));

/** A worker in memory: messages cross asynchronously and are structured-cloned, like postMessage. */
function startScriptedWorker(config: ScriptedEngineConfig) {
  const page = { onmessage: null as null | ((e: MessageEvent) => void) };
  const handler = new WebWorkerMLCEngineHandler();
  handler.postMessage = (msg: unknown) => {
    const data = structuredClone(msg);
    setTimeout(() => page.onmessage?.(new MessageEvent('message', { data })));
  };
  const listener = installScriptedEngine(handler, new ScriptedEngine());
  let terminated = false;
  const worker = {
    set onmessage(f: (e: MessageEvent) => void) {
      page.onmessage = f;
    },
    postMessage(msg: unknown) {
      const data = structuredClone(msg);
      setTimeout(() => !terminated && listener(new MessageEvent('message', { data })));
    },
    terminate() {
      terminated = true;
    },
  };
  worker.postMessage({ kind: SCRIPTED_CONFIG_KIND, uuid: '', content: config });
  return { worker, isTerminated: () => terminated };
}

function setup(config: ScriptedEngineConfig = { tokenDelayMs: 2, loadDelayMs: 8 }) {
  const workers: ReturnType<typeof startScriptedWorker>[] = [];
  const llm = createLlmEngine(() => {
    const w = startScriptedWorker(config);
    workers.push(w);
    return { engine: new WebWorkerMLCEngine(w.worker), dispose: () => w.worker.terminate() };
  });
  return { llm, workers };
}

const ask = (question: string) => buildAnswerMessages(question, promptClauses).messages;

describe('scripted engine through the web-llm worker protocol', () => {
  it('loads with progress and streams a grounded answer', async () => {
    const { llm } = setup();
    const fractions: number[] = [];
    await llm.load(MODEL, { onProgress: (p) => fractions.push(p.fraction) });
    expect(fractions).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const pieces: string[] = [];
    const answer = await llm.generate(ask('How far back at a Tap?'), { onToken: (d) => pieces.push(d) });
    expect(pieces.length).toBeGreaterThan(3);
    expect(answer).toMatch(/ten \(10\) metres.*— Rule 15\.2$/);
    expect(checkGrounding(answer, CLAUSES).grounded).toBe(true);
  });

  it.each([
    ['[ungrounded] How far back at a Tap?', /"seven"/],
    ['[uncited] How far back at a Tap?', /cites no rule/],
  ])('%s is flagged by the grounding check', async (question, problem) => {
    const { llm } = setup();
    await llm.load(MODEL);
    const result = checkGrounding(await llm.generate(ask(question)), CLAUSES);
    expect(result.grounded).toBe(false);
    expect(result.problems.join(' ')).toMatch(problem);
  });

  it('answers "Not covered by the rules" when asked to', async () => {
    const { llm } = setup();
    await llm.load(MODEL);
    const answer = await llm.generate(ask('[not-covered] Can I wear boots?'));
    expect(checkGrounding(answer, CLAUSES)).toMatchObject({ grounded: true, abstained: true });
  });

  it('Stop interrupts, and a new question then streams normally', async () => {
    const { llm } = setup({ tokenDelayMs: 15 });
    await llm.load(MODEL);
    const stopped = llm.generate(ask('How far back at a Tap?'), { onToken: () => llm.interrupt() });
    await expect(stopped).rejects.toMatchObject({ code: 'cancelled' });
    await expect(llm.generate(ask('How far back at a Rollball?'))).resolves.toMatch(/Rule 15\.2$/);
  });

  it('a new question cancels the old one', async () => {
    const { llm } = setup({ tokenDelayMs: 15 });
    await llm.load(MODEL);
    let second: Promise<string> | undefined;
    const first = llm.generate(ask('[slow] first'), { onToken: () => (second ??= llm.generate(ask('second'))) });
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    await expect(second).resolves.toMatch(/— Rule 15\.2$/);
  });

  it('offline: the worker rejects with the plain string and the adapter says llm-offline', async () => {
    const { llm } = setup({ reloadFailure: 'offline' });
    const error = await llm.load(MODEL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'llm-offline', detail: 'TypeError: Failed to fetch' });
  });

  it('device lost mid-answer: llm-device-lost, then a fresh worker loads and answers', async () => {
    const { llm, workers } = setup();
    await llm.load(MODEL);
    await expect(llm.generate(ask('[device-lost] How far?'))).rejects.toMatchObject({ code: 'llm-device-lost' });
    expect(workers[0].isTerminated()).toBe(true);
    await llm.load(MODEL);
    expect(workers).toHaveLength(2);
    await expect(llm.generate(ask('How far back at a Tap?'))).resolves.toMatch(/Rule 15\.2$/);
  });

  it('out of GPU memory: llm-out-of-memory', async () => {
    const { llm } = setup();
    await llm.load(MODEL);
    await expect(llm.generate(ask('[oom] How far?'))).rejects.toMatchObject({ code: 'llm-out-of-memory' });
  });
});
