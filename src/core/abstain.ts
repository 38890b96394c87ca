// The coverage model: how likely the rulebook covers a question at all, learned from questions known to be
// covered or not (logistic regression over the coverage signals, standardised). A question the rules do not
// cover tends to hold words the rulebook never uses that no referees' vocabulary entry explains, to match its
// best clause only in part, and to lead by a thin margin; the model weighs those together. What the question
// asks for and no top clause holds (coverage.ts) still scales the probability, as it did the hand-weighted mix.
// Pure; the weights live in answer-tuning.ts, and `npm run train:abstain` learns them in Node.

/** The signals the model reads, in the order of its weights. */
export const ABSTAIN_FEATURES = [
  'share',
  'denseScaled',
  'margin',
  'leadShare',
  'unknownShare',
  'knownTerms',
] as const;

export type AbstainFeature = (typeof ABSTAIN_FEATURES)[number];
export type AbstainSignals = Record<AbstainFeature, number>;

export interface AbstainModel {
  /** Each feature is standardised with the training mean and spread before it is weighed. */
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
}

/** A missing signal (no dense band for the model) reads as the training mean: it tells nothing either way. */
function standardise(signals: AbstainSignals, model: AbstainModel): number[] {
  return ABSTAIN_FEATURES.map((name, i) => {
    const value = signals[name];
    return Number.isFinite(value) ? (value - model.mean[i]) / (model.scale[i] || 1) : 0;
  });
}

/** Probability (0..1) that the rulebook covers the question. */
export function coveredProbability(signals: AbstainSignals, model: AbstainModel): number {
  const z = standardise(signals, model);
  const logit = model.bias + z.reduce((sum, v, i) => sum + v * (model.weights[i] ?? 0), 0);
  return 1 / (1 + Math.exp(-logit));
}

export interface AbstainExample {
  signals: AbstainSignals;
  covered: boolean;
}

export interface FitOptions {
  l2: number;
  iterations: number;
  learningRate: number;
}

/**
 * Fits the model by batch gradient descent on the class-balanced log loss (covered and not-covered questions
 * weigh the same in total, as a rulebook question set holds far fewer of the latter), L2 on the weights.
 * Deterministic: starts at zero, no sampling.
 */
export function fitAbstainModel(examples: readonly AbstainExample[], opts: FitOptions): AbstainModel {
  const n = ABSTAIN_FEATURES.length;
  const raw = examples.map((e) => ABSTAIN_FEATURES.map((name) => e.signals[name]));
  const mean = ABSTAIN_FEATURES.map((_, i) => average(raw.map((r) => r[i]).filter(Number.isFinite)));
  const scale = ABSTAIN_FEATURES.map((_, i) => {
    const values = raw.map((r) => r[i]).filter(Number.isFinite);
    const spread = Math.sqrt(average(values.map((v) => (v - mean[i]) ** 2)));
    return spread > 1e-12 ? spread : 1;
  });
  const model: AbstainModel = { mean, scale, weights: new Array(n).fill(0), bias: 0 };
  const z = examples.map((e) => standardise(e.signals, model));
  const positives = examples.filter((e) => e.covered).length;
  const negatives = examples.length - positives;
  const classWeight = (covered: boolean) => (covered ? examples.length / (2 * Math.max(1, positives)) : examples.length / (2 * Math.max(1, negatives)));
  const w = new Array<number>(n).fill(0);
  let b = 0;
  for (let it = 0; it < opts.iterations; it++) {
    const grad = new Array<number>(n).fill(0);
    let gradBias = 0;
    examples.forEach((e, k) => {
      const p = 1 / (1 + Math.exp(-(b + z[k].reduce((s, v, i) => s + v * w[i], 0))));
      const err = classWeight(e.covered) * (p - (e.covered ? 1 : 0));
      for (let i = 0; i < n; i++) grad[i] += err * z[k][i];
      gradBias += err;
    });
    for (let i = 0; i < n; i++) w[i] -= opts.learningRate * (grad[i] / examples.length + opts.l2 * w[i]);
    b -= opts.learningRate * (gradBias / examples.length);
  }
  return { mean, scale, weights: w, bias: b };
}

/** Class-balanced mean log loss of a model on examples (lower is better). */
export function abstainLoss(examples: readonly AbstainExample[], model: AbstainModel): number {
  const positives = examples.filter((e) => e.covered).length;
  const negatives = examples.length - positives;
  let loss = 0;
  for (const e of examples) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, coveredProbability(e.signals, model)));
    loss += (e.covered ? -Math.log(p) / Math.max(1, positives) : -Math.log(1 - p) / Math.max(1, negatives)) / 2;
  }
  return loss;
}

function average(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
