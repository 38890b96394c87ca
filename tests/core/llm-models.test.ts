import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { LLM_MODELS, chooseDefaultModel, findSmallerModel, listModelsForDevice } from '../../src/core/llm-models';

describe('LLM models', () => {
  it.each(LLM_MODELS.map((m) => [m.id, m] as const))('%s matches web-llm prebuiltAppConfig', (id, model) => {
    const record = prebuiltAppConfig.model_list.find((r) => r.model_id === id);
    expect(record).toBeDefined();
    expect(Math.abs(model.vramMB - record!.vram_required_MB!)).toBeLessThan(1);
    expect(model.needsShaderF16).toBe(id.includes('q4f16'));
    expect(model.downloadMB).toBeLessThan(model.vramMB);
  });

  it.each<[{ hasShaderF16: boolean; deviceMemoryGB?: number }, string]>([
    [{ hasShaderF16: true }, 'Llama-3.2-1B-Instruct-q4f16_1-MLC'],
    [{ hasShaderF16: false }, 'Llama-3.2-1B-Instruct-q4f32_1-MLC'],
    [{ hasShaderF16: true, deviceMemoryGB: 8 }, 'Llama-3.2-1B-Instruct-q4f16_1-MLC'],
    [{ hasShaderF16: true, deviceMemoryGB: 4 }, 'Llama-3.2-1B-Instruct-q4f16_1-MLC'],
    [{ hasShaderF16: true, deviceMemoryGB: 2 }, 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC'],
    [{ hasShaderF16: false, deviceMemoryGB: 1 }, 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC'],
  ])('chooseDefaultModel(%j) = %s', (device, id) => expect(chooseDefaultModel(device).id).toBe(id));

  it('lists one variant per model for a device', () => {
    expect(listModelsForDevice(true).map((m) => m.displayName)).toEqual(['Llama-3.2-1B-Instruct', 'Qwen2.5-0.5B-Instruct', 'Llama-3.2-3B-Instruct']);
    expect(listModelsForDevice(false).every((m) => !m.needsShaderF16)).toBe(true);
  });

  it('suggests the next smaller model after running out of memory', () => {
    expect(findSmallerModel('Llama-3.2-3B-Instruct-q4f16_1-MLC', true)?.id).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
    expect(findSmallerModel('Llama-3.2-1B-Instruct-q4f32_1-MLC', false)?.id).toBe('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    expect(findSmallerModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', true)).toBeUndefined();
  });
});
