import { describe, expect, it } from 'vitest';
import { ABSTAIN_FEATURES, abstainLoss, coveredProbability, fitAbstainModel, type AbstainExample, type AbstainSignals } from '../../src/core/abstain';
import { DEFAULT_TUNING } from '../../src/core/answer-tuning';

const neutral: AbstainSignals = Object.fromEntries(ABSTAIN_FEATURES.map((f) => [f, 0.5])) as AbstainSignals;
const signals = (overrides: Partial<AbstainSignals>): AbstainSignals => ({ ...neutral, ...overrides });

/** Covered questions match a clause well and hold few words the rulebook never uses; the others the reverse. */
function examples(): AbstainExample[] {
  const out: AbstainExample[] = [];
  for (let i = 0; i < 30; i++) {
    const jitter = ((i * 7) % 10) / 50;
    out.push({ covered: true, signals: signals({ share: 0.6 + jitter, unknownShare: 0.1 + jitter / 2, knownTerms: 6 + (i % 4) }) });
    if (i % 3 === 0) out.push({ covered: false, signals: signals({ share: 0.25 + jitter, unknownShare: 0.5 + jitter, knownTerms: 4 + (i % 3) }) });
  }
  return out;
}

describe('fitAbstainModel', () => {
  it('separates covered from not-covered questions and lowers the loss from knowing nothing', () => {
    const data = examples();
    const model = fitAbstainModel(data, { l2: 0.01, iterations: 2000, learningRate: 0.1 });
    expect(abstainLoss(data, model)).toBeLessThan(Math.log(2) / 2);
    for (const e of data) expect(coveredProbability(e.signals, model) >= 0.5).toBe(e.covered);
    const share = model.weights[ABSTAIN_FEATURES.indexOf('share')];
    const unknown = model.weights[ABSTAIN_FEATURES.indexOf('unknownShare')];
    expect(share).toBeGreaterThan(0);
    expect(unknown).toBeLessThan(0);
  });

  it('is deterministic and shrinks its weights under a stronger L2', () => {
    const data = examples();
    const a = fitAbstainModel(data, { l2: 0.01, iterations: 500, learningRate: 0.1 });
    expect(fitAbstainModel(data, { l2: 0.01, iterations: 500, learningRate: 0.1 })).toEqual(a);
    const strong = fitAbstainModel(data, { l2: 1, iterations: 500, learningRate: 0.1 });
    const norm = (w: readonly number[]) => Math.hypot(...w);
    expect(norm(strong.weights)).toBeLessThan(norm(a.weights));
  });

  it('reads a missing signal (no dense band) as the training mean', () => {
    const model = fitAbstainModel(examples(), { l2: 0.01, iterations: 300, learningRate: 0.1 });
    const at = (denseScaled: number) => coveredProbability(signals({ denseScaled }), model);
    expect(at(Number.NaN)).toBeCloseTo(at(model.mean[ABSTAIN_FEATURES.indexOf('denseScaled')]), 12);
  });
});

describe('the shipped coverage model', () => {
  const model = DEFAULT_TUNING.coverage.abstain!;

  it('has one mean, spread and weight per feature', () => {
    for (const list of [model.mean, model.scale, model.weights]) expect(list).toHaveLength(ABSTAIN_FEATURES.length);
    for (const s of model.scale) expect(s).toBeGreaterThan(0);
  });

  it('rises as the best clause holds more of the question and falls with words the rulebook never uses', () => {
    const base = Object.fromEntries(ABSTAIN_FEATURES.map((f, i) => [f, model.mean[i]])) as AbstainSignals;
    const p = (o: Partial<AbstainSignals>) => coveredProbability({ ...base, ...o }, model);
    expect(p({ share: 0.9 })).toBeGreaterThan(p({ share: 0.3 }));
    expect(p({ unknownShare: 0.7 })).toBeLessThan(p({ unknownShare: 0 }));
  });
});
