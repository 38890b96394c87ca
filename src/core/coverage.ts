// Abstention and confidence: is the question covered by the rulebook, and is the lead answer sure? Judges
// the reranked top clause (idf-weighted share of the question's terms it holds, terms the rulebook never
// uses, what the question asks for) and the best dense similarity against a model-specific band, and maps
// the resulting confidence to three states. Pure; runs in the rulebook worker and in Node.

import { coveredProbability, type AbstainModel } from './abstain';
import { documentFrequency } from './bm25';
import { saidFor, type ClauseIndex } from './clauses';
import type { QuestionAnalysis } from './question';
import { NO_LIMIT, numberFollowedBy, unitContext } from './quantity';
import type { RankedClause } from './rerank';
import { shareOf, termShare, termWeights } from './term-share';
import { containsRun, tokenize } from './text';
import type { Similarity } from './types';

/** Dense similarity at `floor` or below reads as unrelated, at `ceiling` or above as clearly related. */
export interface DenseBand {
  floor: number;
  ceiling: number;
}

export interface CoverageTuning {
  /** Confidence (0..1) at or above which the lead answer is shown as sure. */
  sureConfidence: number;
  /** A sure lead also stands this far (share of its score) above the runner-up clause. */
  sureMargin: number;
  /**
   * A sure lead also holds this idf-weighted share of the question's terms itself, every term the rulebook
   * never uses counting in full ("appeal", "fee"): a question about something the rules do not name is never sure.
   */
  sureLeadShare: number;
  /**
   * A sure lead also answers a question of at least this many words of its own: one word ("subs?") names a
   * topic, not which of its rules is meant. A question asking what a term means is exempt ("onside meaning?").
   */
  sureMinTerms: number;
  /** Confidence below which the answer is "not covered by this rulebook"; between the two, "unsure". */
  minConfidence: number;
  /** Share of the confidence given to the dense signal when a band is known; the rest is term coverage. */
  denseWeight: number;
  /** How many top clauses are candidates for the best clause. */
  topClauses: number;
  /** Factor when the noun a "what X" question asks for is used by the rulebook, but not in the best clause. */
  missingFocusFactor: number;
  /** Factor when a number is asked of a defined term the question names and no top clause names. */
  unnamedTermFactor: number;
  /** Weight of a question term the rulebook never uses, relative to its (highest) idf. */
  unknownTermWeight: number;
  /**
   * A question word the rulebook never uses is still not a word it lacks when the referees' vocabulary says it
   * for what one of the top clauses states (ClauseIndex.said), through an entry reaching at most this many units.
   */
  saidUnits: number;
  /** Factor for a quantity question when no candidate clause states any number. */
  noNumberFactor: number;
  /**
   * Factor for a count asked in a unit of time ("how many seconds to take the tap?") that no top clause states
   * of anything the question names: the rulebook's times are of other things.
   */
  unstatedUnitFactor: number;
  /** The share of the question's term weight said next to a number of the unit asked that counts as stating it. */
  unitContextShare: number;
  /** Factor for a count in a unit the rulebook never uses ("how many days", "how many dollars"; FOREIGN_UNITS). */
  foreignUnitFactor: number;
  /** Factor for a question about another sport or variant that this rulebook names in fewer than `ownCodeUnits` units. */
  otherCodeFactor: number;
  ownCodeUnits: number;
  /** Factor for a question about an off-field matter (fees, the ladder, tactics) this rulebook names in fewer than `ownCodeUnits` units. */
  offFieldFactor: number;
  /** Dense bands by model id fragment (lower case) and similarity; the first fragment found in the id wins. */
  denseBands: { match: string; similarity: Similarity; band: DenseBand }[];
  /** Band for cosine with a model not listed; dot products have no model-free scale, so no fallback. */
  defaultCosineBand: DenseBand;
  /**
   * The learned coverage model (abstain.ts). When set, the confidence is its probability that the rulebook
   * covers the question, in place of the hand-weighted share and dense mix above.
   */
  abstain?: AbstainModel;
}

export type AnswerState = 'sure' | 'unsure' | 'not-covered';

export interface Coverage {
  covered: boolean;
  state: AnswerState;
  /** 0..1; compared with minConfidence and sureConfidence. */
  confidence: number;
  /** Plain account of the signals, for the evaluation screen and logs. */
  reason: string;
  /** The signals as numbers, for the learned model and its training. */
  signals?: CoverageSignals;
  /** What the question asks about that this rulebook is not about: another sport, or a matter off the field. */
  outOfScope?: OutOfScope;
}

export interface OutOfScope {
  kind: 'other-code' | 'off-field';
  /** The question's own words for it ("rugby league", "rego fees"). */
  topic: string;
}

/** What the learned coverage model reads (abstain.ts), and `npm run train:abstain` learns from. */
export interface CoverageSignals {
  /** Best idf-weighted share of the question's terms held by one of the top clauses. */
  share: number;
  /** Best dense similarity scaled into the model's band (NaN without a band). */
  denseScaled: number;
  /** The lead's rerank score above the next clause's, as a share of the lead's. */
  margin: number;
  /** Share of the question's terms (unknown ones in full) held by the lead clause. */
  leadShare: number;
  /**
   * Share of the question's term weight in its own words that the rulebook never uses and no vocabulary entry
   * explains, other than another code it only compares with ("like league").
   */
  unknownShare: number;
  /** The question's terms this rulebook uses. */
  knownTerms: number;
  /** The factor for what the question asks for and the top clauses lack (missingFocusFactor, noNumberFactor). */
  factor: number;
}

const TIME_UNITS = new Set(tokenize('minutes seconds'));
const TIME_WORDS = new Set(tokenize('time'));

export function denseBandFor(modelId: string | undefined, similarity: Similarity, t: CoverageTuning): DenseBand | undefined {
  const id = (modelId ?? '').toLowerCase();
  const entry = t.denseBands.find((e) => e.similarity === similarity && id.includes(e.match));
  if (entry) return entry.band;
  return similarity === 'cosine' ? t.defaultCosineBand : undefined;
}

/** The share of the question's terms found in one clause, unknown terms weighing `unknownWeight` (see termShare). */
export function clauseTermShare(q: QuestionAnalysis, terms: ReadonlySet<string>, index: ClauseIndex, unknownWeight: number): number {
  return termShare(q, terms, index, unknownWeight);
}

export interface CoverageInput {
  analysis: QuestionAnalysis;
  clauses: readonly RankedClause[];
  index: ClauseIndex;
  similarity: Similarity;
  modelId: string;
}

export function assessCoverage({ analysis: q, clauses, index, similarity, modelId }: CoverageInput, t: CoverageTuning): Coverage {
  // A rule asked for by its number, and the rulebook has it (withNamedRules put it first): that is the answer.
  const named = clauses[0] && q.ruleRefs.some((ref) => clauses[0].ref === ref || clauses[0].ref.startsWith(`${ref}.`));
  if (named) return { covered: true, state: 'sure', confidence: 1, reason: `asks for ${clauses[0].citation} by its number` };
  if (clauses.length === 0 || q.terms.length === 0) {
    return { covered: false, state: 'not-covered', confidence: 0, reason: clauses.length ? 'no search terms in the question' : 'nothing was retrieved' };
  }
  const top = clauses.slice(0, t.topClauses);
  // The terms each top clause states, worked out once: the best share reads them all, the lead's share the first.
  const found = top.map((c) => termsStated(q, index, c.unit));
  // Each term's weight once per question: with unknown terms at unknownTermWeight (the best share), and in
  // full (the lead's share and the unknown words' share).
  const weighted = termWeights(q, index, t.unknownTermWeight);
  const weightedInFull = termWeights(q, index, 1);
  const shares = found.map((terms) => shareOf(weighted, terms));
  // The top clauses' best share: the answer may lead with any of them.
  const bestAt = shares.indexOf(Math.max(...shares));
  const share = shares[bestAt];
  const parts = [`terms ${(share * 100).toFixed(0)}% found in ${top[bestAt].citation}`];
  let confidence = share;
  const band = denseBandFor(modelId, similarity, t);
  const bestDense = Math.max(...clauses.map((c) => (Number.isFinite(c.dense) ? c.dense : -Infinity)));
  let denseScaled = NaN;
  if (band && Number.isFinite(bestDense)) {
    const span = band.ceiling - band.floor;
    const dense = span > 0 ? clamp01((bestDense - band.floor) / span) : bestDense >= band.ceiling ? 1 : 0;
    denseScaled = dense;
    confidence = t.denseWeight * dense + (1 - t.denseWeight) * share;
    parts.push(`best similarity ${bestDense.toFixed(3)} in band ${band.floor}-${band.ceiling} (${(dense * 100).toFixed(0)}%)`);
  } else {
    parts.push('no dense signal');
  }
  // What the question asks for and the top clauses lack: a factor on either confidence.
  let factor = 1;
  // "What position is the Link?" asks what the Link is: the definition of its subject answers it. Tuning halves
  // and eight blind sets (1,126 covered; 2026-12-04): lead rule 869 → 870, covered questions refused 34 → 33.
  const definesAsked = q.asks.meaning && clauses[0].features.definesSubject;
  if (q.answerType && !definesAsked && !index.terms[top[bestAt].unit].has(q.answerType)) {
    const known = documentFrequency(index.bm25, q.answerType) > 0;
    factor *= known ? t.missingFocusFactor : 0;
    parts.push(`asks for "${q.answerType}", ${known ? 'not in the best clause' : 'which the rulebook never mentions'}`);
  }
  if (q.asks.number && !top.some((c) => [...index.ownTerms[c.unit]].some((term) => /^\d/.test(term)) || NO_LIMIT.test(c.text))) {
    factor *= t.noNumberFactor;
    parts.push('asks for a number, none in the top clauses');
  }
  // "After a forced interchange, how long before he comes back?": a number asked of a defined term the question
  // names in its own words, which no top clause names (the sin bin's time answers another term). Asked in any
  // unit ("how many possessions"), not only in minutes or seconds: see unnamedTermFactor.
  if (q.asks.number && t.unnamedTermFactor < 1) {
    // A term that names a time ("Full Time") is when the time asked runs from, not what it measures.
    const named = index.termWords.find(
      (words) => new Set(words).size >= 2 && !words.some((w) => TIME_WORDS.has(w)) && containsRun(q.tokens, words) && !top.some((c) => words.every((w) => index.terms[c.unit].has(w))),
    );
    if (named) {
      factor *= t.unnamedTermFactor;
      parts.push(`asks a number of "${named.join(' ')}", which no top clause names`);
    }
  }
  if (q.countedUnit && TIME_UNITS.has(q.countedUnit) && t.unstatedUnitFactor < 1) {
    const unit = q.countedUnit;
    const context = Math.max(...top.map((c) => unitContext(tokenize(c.text), unit, weighted)));
    parts.push(`unit context ${(context * 100).toFixed(0)}%`);
    if (context < t.unitContextShare) {
      factor *= t.unstatedUnitFactor;
      parts.push(`asks how many ${unit}s, which no top clause states of what it names`);
    }
  }
  // "How many days before he can play again?": a count in a unit this rulebook never uses.
  const unit = q.asks.number ? q.quantityTargets.find((target) => FOREIGN_UNITS.has(target) && documentFrequency(index.bm25, target) === 0) : undefined;
  if (unit) {
    factor *= t.foreignUnitFactor;
    parts.push(`counts in ${FOREIGN_UNITS.get(unit)}, which the rulebook never uses`);
  }
  let outOfScope: OutOfScope | undefined;
  if (q.otherCode && !namesCode(index, q.otherCode, t.ownCodeUnits)) {
    factor *= t.otherCodeFactor;
    parts.push(`asks about ${q.otherCode}, which this rulebook does not cover`);
    outOfScope = { kind: 'other-code', topic: q.otherCode };
  }
  if (q.offField && !namesCode(index, q.offField, t.ownCodeUnits)) {
    factor *= t.offFieldFactor;
    parts.push(`asks about ${q.offField}, a matter for the competition rather than the laws of the game`);
    outOfScope ??= { kind: 'off-field', topic: q.offField };
  }
  const margin = clauses.length > 1 && clauses[0].score > 0 ? (clauses[0].score - clauses[1].score) / clauses[0].score : 1;
  parts.push(`lead ${(margin * 100).toFixed(0)}% above the next clause`);
  const leadShare = shareOf(weightedInFull, found[0]);
  parts.push(`lead holds ${(leadShare * 100).toFixed(0)}% of the question's terms`);
  const known = new Set(q.terms.filter((term) => documentFrequency(index.bm25, term.term) > 0).map((term) => term.term));
  // A number the rulebook never states ("number 100") is a value the question gives, not a topic it lacks.
  // ... nor is a word referees say for what one of the top clauses states ("dawdling" for "without delay").
  const saidForTop = (term: string) => top.some((c) => saidFor(index, c.unit, term, t.saidUnits));
  // Another code named only to compare ("10 mins like league?") is not a topic the rulebook lacks. Tuning half,
  // first and third blind sets (2026-12-03): covered questions refused 16 → 14 of 406, lead rule 278 → 280,
  // near misses refused 109 → 108 of 124.
  const compared = new Set(q.otherCode ? [] : q.codeTerms);
  const unknownTerms = new Set(
    q.terms.filter((term) => term.source === 'question' && !known.has(term.term) && !/^\d/.test(term.term) && !saidForTop(term.term) && !compared.has(term.term)).map((term) => term.term),
  );
  const signals: CoverageSignals = {
    share, denseScaled, margin, leadShare, unknownShare: shareOf(weightedInFull, unknownTerms), knownTerms: known.size, factor,
  };
  if (t.abstain) {
    const p = coveredProbability(signals, t.abstain);
    parts.push(`learned: covered with probability ${p.toFixed(2)}`);
    confidence = p * factor;
  } else {
    confidence *= factor;
  }
  const ownTerms = q.terms.filter((term) => term.source === 'question').length;
  const isSure =
    confidence >= Math.max(t.sureConfidence, t.minConfidence) &&
    margin >= t.sureMargin &&
    leadShare >= t.sureLeadShare &&
    (ownTerms >= t.sureMinTerms || q.asks.meaning);
  const state: AnswerState = isSure ? 'sure' : confidence >= t.minConfidence ? 'unsure' : 'not-covered';
  parts.push(`confidence ${confidence.toFixed(2)}: ${state}`);
  return { covered: state !== 'not-covered', state, confidence, reason: parts.join('; '), signals, ...(outOfScope ? { outOfScope } : {}) };
}

/**
 * A clause's terms as they answer the question: a number the question counts something with ("5 players")
 * is only there if the clause states that number of that thing, not the number of something else ("five (5)
 * metres").
 */
function termsStated(q: QuestionAnalysis, index: ClauseIndex, unit: number): ReadonlySet<string> {
  const terms = index.terms[unit];
  const numbers = Object.entries(q.countedNumbers).filter(([n]) => terms.has(n));
  // A number the question gives without saying what it counts ("with only 5?") is not found in a clause
  // where it is a measure the question never names ("five (5) metres").
  const bare = q.tokens.filter((t) => /^\d+$/.test(t) && terms.has(t) && !Object.hasOwn(q.countedNumbers, t));
  if (numbers.length === 0 && bare.length === 0) return terms;
  const text = tokenize(index.units[unit].text);
  const out = new Set(terms);
  for (const [n, things] of numbers) if (!numberFollowedBy(text, (term) => term === n, things, 3)) out.delete(n);
  const asked = new Set(q.terms.map((t) => t.term));
  for (const n of new Set(bare)) {
    const measures = text.flatMap((t, i) => (t === n ? [text.slice(i + 1).find((next) => next !== n) ?? ''] : []));
    if (measures.every((m) => MEASURES.has(m) && !asked.has(m))) out.delete(n);
  }
  return out;
}

/** Units a count may be asked in that a rulebook of a game's laws may never use: days, money, age, weight. */
const FOREIGN_UNITS = new Map('days weeks months years hours dollars bucks cents euros pounds kilos kilograms'.split(' ').map((word) => [tokenize(word)[0], word]));

/** What a rulebook measures in: a number followed by one of these is that measure. */
const MEASURES = new Set(tokenize('metres centimetres minutes seconds'));

/**
 * Whether the rulebook itself names a code or matter: its search terms, in order and next to each other, in
 * at least `minUnits` units. Words of it scattered across clauses do not count ("competition points": the
 * FIT rules speak of competitions and of points, never of competition points); a phrase of stop words
 * alone names nothing. Only the units holding its first term are read.
 */
function namesCode(index: ClauseIndex, code: string, minUnits: number): boolean {
  const phrase = tokenize(code);
  if (phrase.length === 0 || phrase.some((term) => documentFrequency(index.bm25, term) < minUnits)) return false;
  const postings = index.bm25.postings[phrase[0]] ?? [];
  let units = 0;
  for (let i = 0; i < postings.length; i += 2) {
    const u = index.units[postings[i]];
    if ([u.sectionTitle, u.term ?? '', u.text].some((text) => containsRun(tokenize(text), phrase)) && ++units >= minUnits) return true;
  }
  return false;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
