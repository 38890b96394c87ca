// Learning the reranker's weights from questions with known rules. Listwise (softmax cross-entropy over
// each question's candidates: the right clauses should take the probability mass, which weighs the top of
// the list most, as the lead answer does) or pairwise (RankNet: every right clause above every wrong one).
// Linear scorer, batch gradient descent with an L2 penalty towards the current weights; deterministic.
// Pure; used by `npm run train:rerank` in Node.

import type { RankedClause, RerankTuning } from './rerank';

/** The reranker's additive signals, in the order of the weights learned. */
export const RERANK_FEATURES = [
  'bm25Weight',
  'shareWeight',
  'firstStageWeight',
  'denseWeight',
  'maxSimWeight',
  'numberBonus',
  'quantityBonus',
  'rulingBonus',
  'meaningBonus',
  'ownShareWeight',
  'firstClauseBonus',
  'timeBonus',
  'permissionBonus',
  'titleShareWeight',
  'namesTermBonus',
  'saidWeight',
] as const satisfies readonly (keyof RerankTuning)[];

export type RerankFeature = (typeof RERANK_FEATURES)[number];

/**
 * One clause's signals as the reranker adds them, times the factors the reranker then applies (a definition
 * that is not asked about, unnumbered text, a sub-clause that only restates its parent, a case the question does not describe, the narrower of two twin clauses), so that its score is exactly weights · vector.
 */
export function featureVector(c: RankedClause, t: RerankTuning): number[] {
  const f = c.features;
  const factor =
    (c.kind === 'definition' && !f.definesSubject && !f.namesTerm ? t.definitionFactor : c.kind === 'text' ? t.textFactor : 1) *
    (f.restatesParent ? t.restatesParentFactor : 1) *
    (f.unmetCondition ? t.unmetConditionFactor : 1) *
    (f.narrowerTwin ? t.twinFactor : 1);
  const raw = [f.bm25, f.share, f.firstStage, f.dense, f.maxSim, +f.statesNumber, +f.statesQuantity, +f.hasRuling, +f.definesSubject, f.ownShare, +f.firstClause, +f.statesTime, +f.statesPermission, f.titleShare, +f.namesTerm, f.said];
  return raw.map((x) => x * factor);
}

export interface RankingGroup {
  /** One vector per candidate clause. */
  features: number[][];
  /** Whether each candidate is a right answer. */
  relevant: boolean[];
}

export interface LearnOptions {
  /** L2 penalty on the distance from `start`. */
  l2: number;
  iterations: number;
  learningRate: number;
  /** Where the descent starts (and what the penalty pulls towards): the current weights. */
  start: number[];
  /** Weights kept ≥ 0 (a signal may be switched off, never turned against itself). */
  nonNegative?: boolean;
  /** 'listwise' (default) or 'pairwise'. */
  loss?: 'listwise' | 'pairwise';
  /** Listwise: scores are multiplied by this before the softmax (how sharply the top is preferred). */
  temperature?: number;
}

/** Mean listwise loss: -log of the softmax mass the right clauses get, per question. */
export function listwiseLoss(groups: readonly RankingGroup[], w: readonly number[], temperature = 1): number {
  const usable = groups.filter((g) => g.relevant.some(Boolean));
  let loss = 0;
  for (const g of usable) {
    const s = g.features.map((x) => temperature * dot(w, x));
    const max = Math.max(...s);
    const all = s.reduce((a, v) => a + Math.exp(v - max), 0);
    const right = s.reduce((a, v, i) => a + (g.relevant[i] ? Math.exp(v - max) : 0), 0);
    loss -= Math.log(right / all);
  }
  return usable.length ? loss / usable.length : 0;
}

/** Mean pairwise logistic loss of the weights over every (right, wrong) pair of every group. */
export function pairwiseLoss(groups: readonly RankingGroup[], w: readonly number[]): number {
  let loss = 0;
  let pairs = 0;
  for (const g of groups) {
    const s = g.features.map((x) => dot(w, x));
    g.relevant.forEach((rel, i) => {
      if (!rel) return;
      g.relevant.forEach((other, j) => {
        if (other) return;
        loss += Math.log1p(Math.exp(-(s[i] - s[j])));
        pairs++;
      });
    });
  }
  return pairs ? loss / pairs : 0;
}

export function learnWeights(groups: readonly RankingGroup[], o: LearnOptions): number[] {
  const w = [...o.start];
  // Each question weighs the same, however many candidates it has.
  const usable = groups.filter((g) => g.relevant.some(Boolean) && g.relevant.some((r) => !r));
  for (let it = 0; it < o.iterations; it++) {
    const grad = w.map((x, d) => o.l2 * (x - o.start[d]));
    if (o.loss === 'pairwise') addPairwiseGradient(grad, usable, w);
    else addListwiseGradient(grad, usable, w, o.temperature ?? 1);
    for (let d = 0; d < w.length; d++) {
      w[d] -= o.learningRate * grad[d];
      if (o.nonNegative && w[d] < 0) w[d] = 0;
    }
  }
  return w;
}

/** d/dw -log(right / all) = tau Σ_i (p_i - q_i) x_i: p over all candidates, q over the right ones. */
function addListwiseGradient(grad: number[], groups: readonly RankingGroup[], w: readonly number[], tau: number): void {
  for (const g of groups) {
    const s = g.features.map((x) => tau * dot(w, x));
    const max = Math.max(...s);
    const e = s.map((v) => Math.exp(v - max));
    const all = e.reduce((a, v) => a + v, 0);
    const right = e.reduce((a, v, i) => a + (g.relevant[i] ? v : 0), 0);
    g.features.forEach((x, i) => {
      const coef = (tau * (e[i] / all - (g.relevant[i] ? e[i] / right : 0))) / groups.length;
      for (let d = 0; d < grad.length; d++) grad[d] += coef * x[d];
    });
  }
}

/** d/dw log(1 + e^-(s_i - s_j)) = -sigmoid(-(s_i - s_j)) (x_i - x_j), averaged per question. */
function addPairwiseGradient(grad: number[], groups: readonly RankingGroup[], w: readonly number[]): void {
  for (const g of groups) {
    const s = g.features.map((x) => dot(w, x));
    const pos = g.relevant.flatMap((r, i) => (r ? [i] : []));
    const neg = g.relevant.flatMap((r, i) => (r ? [] : [i]));
    const scale = 1 / (pos.length * neg.length * groups.length);
    for (const i of pos) {
      for (const j of neg) {
        const g1 = -1 / (1 + Math.exp(s[i] - s[j]));
        for (let d = 0; d < grad.length; d++) grad[d] += scale * g1 * (g.features[i][d] - g.features[j][d]);
      }
    }
  }
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
