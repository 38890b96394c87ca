import { describe, expect, it } from 'vitest';
import { readLlmOptionsFromUrl } from '../../src/llm/web-llm-engine';

describe('readLlmOptionsFromUrl', () => {
  it.each<[string, unknown]>([
    ['', { worker: 'web-llm' }],
    ['?llm=web-llm', { worker: 'web-llm' }],
    ['?llm=scripted', { worker: 'scripted', scripted: {} }],
    ['?llm=scripted&llmDelay=40', { worker: 'scripted', scripted: { tokenDelayMs: 40 } }],
    ['?llm=scripted&llmFail=offline', { worker: 'scripted', scripted: { reloadFailure: 'offline' } }],
    ['?llm=scripted&llmFail=bogus&llmDelay=-3', { worker: 'scripted', scripted: {} }],
  ])('%s', (search, expected) => expect(readLlmOptionsFromUrl(search)).toEqual(expected));
});
