import { describe, expect, it } from 'vitest';
import { chunkSettingsKey, chunkUnits, DEFAULT_CHUNKING, STUDY_CHUNKING } from '../../src/core/chunking';
import type { ChunkSettings, RuleUnit, TokenCounter } from '../../src/core/types';

/** One token per whitespace-separated word. */
const words: TokenCounter = { countTokens: (t) => t.split(/\s+/).filter(Boolean).length };
/** Like a BERT tokenizer: [CLS] and [SEP] on every call. */
const withSpecials: TokenCounter = { countTokens: (t) => words.countTokens(t) + 2 };

function clause(number: string, text: string, section = number.split('.')[0], title = 'Ball', pages = [1]): RuleUnit {
  return { kind: 'clause', ref: number, number, sectionNumber: section, sectionTitle: title, text, pages };
}
const definition = (term: string, text: string): RuleUnit => ({
  kind: 'definition', ref: `Definition: ${term}`, term, sectionTitle: 'DEFINITIONS', text, pages: [9],
});
const filler = (n: number, word = 'w'): string => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

const structured = (maxTokens: number, overlapTokens = 0): ChunkSettings => ({ strategy: 'structured', maxTokens, overlapTokens });

describe('structured chunking', () => {
  it.each([
    // [budget, expected refs per chunk] for clauses of 4 words each (+1 label) under a 2-word heading ("1 Ball")
    [12, [['1.1', '1.2'], ['1.3']]],
    [17, [['1.1', '1.2', '1.3']]],
    [7, [['1.1'], ['1.2'], ['1.3']]],
  ])('packs whole clauses up to %i tokens', (budget, expected) => {
    const units = [clause('1.1', 'a b c d.'), clause('1.2', 'e f g h.'), clause('1.3', 'i j k l.')];
    const chunks = chunkUnits(units, structured(budget), words);
    expect(chunks.map((c) => c.refs)).toEqual(expected);
    for (const c of chunks) expect(c.tokenCount).toBeLessThanOrEqual(budget);
  });

  it('prefixes the section title once and starts each unit on its own line with its label', () => {
    const units = [clause('15.1', 'Onside players may play.', '15', 'Offside'), clause('15.2', 'Defenders retire ten metres.', '15', 'Offside')];
    const [chunk] = chunkUnits(units, structured(100), words);
    expect(chunk.text).toBe('15 Offside\n15.1 Onside players may play.\n15.2 Defenders retire ten metres.');
    expect(chunk).toMatchObject({ index: 0, sectionNumber: '15', sectionTitle: 'Offside', refs: ['15.1', '15.2'], tokenCount: 12 });
  });

  it('never mixes two sections, and every definition is a chunk of its own', () => {
    const units = [clause('1.1', 'a.'), clause('2.1', 'b.'), clause('2.2', 'c.'), definition('Advantage', 'A period.'), definition('Try', 'A score.')];
    const chunks = chunkUnits(units, structured(500), words);
    expect(chunks.map((c) => c.refs)).toEqual([['1.1'], ['2.1', '2.2'], ['Definition: Advantage'], ['Definition: Try']]);
    expect(chunks[2].text).toBe('DEFINITIONS\nAdvantage: A period.');
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2, 3]);
  });

  it('records each unit and where its text sits in the chunk', () => {
    const units = [clause('2.1', 'b.'), clause('2.2', 'c c.'), definition('Try', 'A score.')];
    const chunks = chunkUnits(units, structured(500), words);
    expect(chunks[0].spans.map((s) => s.unit)).toEqual([0, 1]);
    expect(chunks[0].spans.map((s) => chunks[0].text.slice(s.start, s.end))).toEqual(['2.1 b.', '2.2 c c.']);
    expect(chunks[1].spans).toEqual([{ unit: 2, start: chunks[1].text.indexOf('Try:'), end: chunks[1].text.length }]);
  });

  it('splits a clause over the budget on sentence ends with overlap, each piece labelled and within budget', () => {
    const text = `${filler(10, 'a')}. ${filler(10, 'b')}. ${filler(10, 'c')}.`;
    const chunks = chunkUnits([clause('4.7', text, '4', 'Uniform', [3, 4])], structured(20, 4), withSpecials);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.refs).toEqual(['4.7']);
      expect(c.pages).toEqual([3, 4]);
      expect(c.text.startsWith('4 Uniform\n4.7 ')).toBe(true);
      expect(c.tokenCount).toBeLessThanOrEqual(20);
    }
    // The first piece ends on the first sentence end; the next one repeats its last words.
    expect(chunks[0].text.endsWith('a9.')).toBe(true);
    expect(chunks[1].text).toContain('a6 a7 a8 a9. b0');
    // Every word survives.
    const joined = chunks.map((c) => c.text).join(' ');
    for (const w of text.replace(/\./g, '').split(' ')) expect(joined).toContain(w);
  });

  it('counts through the given counter only', () => {
    let calls = 0;
    const counting: TokenCounter = { countTokens: (t) => (calls++, words.countTokens(t)) };
    chunkUnits([clause('1.1', 'a b.')], DEFAULT_CHUNKING, counting);
    expect(calls).toBeGreaterThan(0);
  });
});

describe('window chunking (the study preset)', () => {
  it('cuts fixed windows with overlap over the whole text and records the refs inside each', () => {
    const units = [clause('1.1', filler(60, 'a')), clause('1.2', filler(60, 'b')), definition('Try', filler(60, 'c'))];
    const settings: ChunkSettings = { strategy: 'window', maxTokens: 100, overlapTokens: 50 };
    const chunks = chunkUnits(units, settings, words);
    for (const c of chunks) expect(c.tokenCount).toBeLessThanOrEqual(100);
    expect(chunks[0].tokenCount).toBe(100);
    // Consecutive windows share 50 tokens: window 2 starts where window 1's second half starts.
    const first = chunks[0].text.split(/\s+/);
    const second = chunks[1].text.split(/\s+/);
    expect(second.slice(0, 50)).toEqual(first.slice(50));
    expect(chunks[0].refs).toEqual(['1.1', '1.2']);
    expect(chunks.at(-1)!.refs).toContain('Definition: Try');
    expect(chunks.at(-1)!.text.endsWith('c59')).toBe(true);
  });

  it('exports the presets and a stable key', () => {
    expect(STUDY_CHUNKING).toEqual({ strategy: 'window', maxTokens: 100, overlapTokens: 50 });
    expect(DEFAULT_CHUNKING.strategy).toBe('structured');
    expect(chunkSettingsKey(STUDY_CHUNKING)).toBe('window-100-50-v2');
    expect(chunkSettingsKey(DEFAULT_CHUNKING)).not.toBe(chunkSettingsKey(STUDY_CHUNKING));
  });
});
