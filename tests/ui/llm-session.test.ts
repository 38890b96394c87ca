// The shared LLM session's state in Node: the WebGPU check sets the default, the user may switch,
// and a GPU failure suggests the next smaller model. The engine itself is never started here.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/core/errors';
import type { NavigatorLike } from '../../src/llm/webgpu';

type Session = typeof import('../../src/ui/llm-session');
let session: Session;

beforeEach(async () => {
  vi.resetModules();
  session = await import('../../src/ui/llm-session');
});

const noGpu: NavigatorLike = {};
const fallbackGpu: NavigatorLike = {
  gpu: { requestAdapter: async () => ({ features: new Set<string>(), info: { isFallbackAdapter: true } }) },
};
const hardwareGpu = (features: string[]): NavigatorLike => ({
  gpu: { requestAdapter: async () => ({ features: new Set(features), info: { vendor: 'acme' } }) },
});

describe('llm session', () => {
  it.each<[string, NavigatorLike, boolean, RegExp | null]>([
    ['no WebGPU', noGpu, false, /no WebGPU/],
    ['software fallback adapter', fallbackGpu, false, /software GPU/],
    ['hardware adapter', hardwareGpu(['shader-f16']), true, null],
  ])('%s: on by default as the check says, with the reason', async (_name, nav, enabled, reason) => {
    const seen: boolean[] = [];
    session.subscribeLlm((s) => seen.push(s.enabled));
    const support = await session.startLlmSession(nav);
    expect(session.getLlmState().enabled).toBe(enabled);
    expect(session.getLlmState().support).toBe(support);
    if (reason) expect(support.reason).toMatch(reason);
    else expect(support.reason).toBeUndefined();
    expect(seen.at(-1)).toBe(enabled);
    expect(session.isLlmReady()).toBe(false);
  });

  it('lets the user switch on-device answers on without a usable GPU', async () => {
    await session.startLlmSession(noGpu);
    session.setLlmEnabled(true);
    expect(session.getLlmState().enabled).toBe(true);
  });

  it.each<[NavigatorLike, string[]]>([
    [hardwareGpu(['shader-f16']), ['q4f16_1', 'q4f16_1', 'q4f16_1']],
    [hardwareGpu([]), ['q4f32_1', 'q4f32_1', 'q4f32_1']],
  ])('offers one variant per model for the GPU', async (nav, quantizations) => {
    await session.startLlmSession(nav);
    expect(session.listOfferedModels().map((m) => m.quantization)).toEqual(quantizations);
  });

  it.each<[AppError['code'], string, string | null]>([
    ['llm-device-lost', 'Llama-3.2-1B-Instruct-q4f16_1-MLC', 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC'],
    ['llm-out-of-memory', 'Llama-3.2-3B-Instruct-q4f16_1-MLC', 'Llama-3.2-1B-Instruct-q4f16_1-MLC'],
    ['llm-out-of-memory', 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', null],
    ['llm-offline', 'Llama-3.2-1B-Instruct-q4f16_1-MLC', null],
  ])('%s with %s suggests %s', async (code, modelId, suggestion) => {
    await session.startLlmSession(hardwareGpu(['shader-f16']));
    session.noteLlmFailure(new AppError(code), modelId);
    expect(session.getLlmState().failure?.code).toBe(code);
    expect(session.getLlmState().suggestion?.id ?? null).toBe(suggestion);
    session.clearLlmFailure();
    expect(session.getLlmState().failure).toBeNull();
  });

  it('ignores cancellations', async () => {
    await session.startLlmSession(noGpu);
    session.noteLlmFailure(new AppError('cancelled'), 'Llama-3.2-1B-Instruct-q4f16_1-MLC');
    expect(session.getLlmState().failure).toBeNull();
  });
});
