import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, tuningSettingNames, withSetting, type AnswerTuning } from '../../src/core/answer-tuning';

/** Every numeric setting of a tuning object as "section.key" → value. */
function numericSettings(tuning: AnswerTuning): Map<string, number> {
  const out = new Map<string, number>();
  for (const [section, group] of Object.entries(tuning)) {
    for (const [key, value] of Object.entries(group as Record<string, unknown>)) {
      if (typeof value === 'number') out.set(`${section}.${key}`, value);
    }
  }
  return out;
}

describe('tuningSettingNames', () => {
  const names = tuningSettingNames();

  it.each(['rerank.bm25Weight', 'coverage.minConfidence', 'coverage.sureConfidence', 'question.vocabularyWeight', 'answer.maxSentences'])(
    'includes %s',
    (name) => {
      expect(names).toContain(name);
    },
  );

  it('lists every numeric setting once, and nothing that is not a number', () => {
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...numericSettings(DEFAULT_TUNING).keys()].sort());
    expect(names).not.toContain('coverage.denseBands');
    expect(names).not.toContain('coverage.defaultCosineBand');
  });

  it('defaults to DEFAULT_TUNING and reads the object it is given', () => {
    expect(tuningSettingNames(DEFAULT_TUNING)).toEqual(tuningSettingNames());
    const smaller = { ...DEFAULT_TUNING, answer: { maxSentences: 1 } } as unknown as AnswerTuning;
    expect(tuningSettingNames(smaller).filter((n) => n.startsWith('answer.'))).toEqual(['answer.maxSentences']);
  });
});

describe('withSetting', () => {
  const before = structuredClone(DEFAULT_TUNING);

  it.each(tuningSettingNames())('changes %s and nothing else', (name) => {
    const old = numericSettings(DEFAULT_TUNING).get(name)!;
    const value = old + 12.5;
    const changed = withSetting(DEFAULT_TUNING, name, value);
    const after = numericSettings(changed);
    expect(after.get(name)).toBe(value);
    const differing = [...after].filter(([key, v]) => v !== numericSettings(DEFAULT_TUNING).get(key)).map(([key]) => key);
    expect(differing).toEqual([name]);
    // Non-numeric settings are carried over.
    expect(changed.coverage.denseBands).toEqual(DEFAULT_TUNING.coverage.denseBands);
    expect(changed.coverage.defaultCosineBand).toEqual(DEFAULT_TUNING.coverage.defaultCosineBand);
    // The defaults are never modified.
    expect(DEFAULT_TUNING).toEqual(before);
  });

  it('copies only the section it changes', () => {
    const changed = withSetting(DEFAULT_TUNING, 'rerank.bm25Weight', 3);
    expect(changed).not.toBe(DEFAULT_TUNING);
    expect(changed.rerank).not.toBe(DEFAULT_TUNING.rerank);
    expect(changed.coverage).toBe(DEFAULT_TUNING.coverage);
    expect(DEFAULT_TUNING.rerank.bm25Weight).toBe(before.rerank.bm25Weight);
  });

  it('chains: two settings changed one after the other', () => {
    const changed = withSetting(withSetting(DEFAULT_TUNING, 'coverage.minConfidence', 0.1), 'coverage.sureConfidence', 0.2);
    expect([changed.coverage.minConfidence, changed.coverage.sureConfidence]).toEqual([0.1, 0.2]);
    expect(changed.coverage.sureMargin).toBe(DEFAULT_TUNING.coverage.sureMargin);
  });

  it.each([
    'rerank.nope',
    'nope.bm25Weight',
    'bm25Weight',
    'rerank',
    '',
    'coverage.denseBands',
    'coverage.defaultCosineBand',
    'coverage.defaultCosineBand.floor',
    'rerank.bm25Weight.extra',
    '__proto__.x',
  ])('rejects %j, listing the known names', (name) => {
    expect(() => withSetting(DEFAULT_TUNING, name, 1)).toThrow(`unknown tuning setting "${name}"`);
    let message = '';
    try {
      withSetting(DEFAULT_TUNING, name, 1);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const known of tuningSettingNames()) expect(message).toContain(known);
    expect(DEFAULT_TUNING).toEqual(before);
  });
});
