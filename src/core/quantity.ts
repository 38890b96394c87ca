// What a clause states of a quantity: a number of the thing asked ("six (6) Touches"), no limit at all, or a
// number said next to the question's words ("five (5) minute Half Time"). Read by the reranker, the coverage
// check and the clause answer. Pure; any thread.

import { tokenize } from './text';

/** True when a number in the text is followed, within two terms, by one of the targets ("six (6) touches"). */
export function statesQuantityOf(text: string, targets: readonly string[]): boolean {
  return targets.length > 0 && statesQuantityIn(tokenize(text), targets);
}

/** `statesQuantityOf` for text already read into search terms. */
export function statesQuantityIn(textTerms: readonly string[], targets: readonly string[]): boolean {
  if (targets.length === 0) return false;
  // "The seven (7) metre line", "the ten (10) metre zone": the name of a place, not a quantity.
  const terms = textTerms
    .filter((t, i, all) => t !== all[i - 1]) // "seven (7)" reads 7 7
    .filter((t, i, all) => !(/^\d/.test(t) && targets.includes(all[i + 1] ?? '') && PLACE.has(all[i + 2] ?? '')));
  return numberFollowedBy(terms, (t) => /^\d/.test(t), targets, 2);
}

const PLACE = new Set(tokenize('line zone'));

/** Whether a number term (as `isNumber` picks it) is followed, within `within` terms, by one of `things`. */
export function numberFollowedBy(terms: readonly string[], isNumber: (term: string) => boolean, things: readonly string[], within: number): boolean {
  return terms.some((t, i) => isNumber(t) && terms.slice(i + 1, i + 1 + within).some((next) => things.includes(next)));
}

/**
 * A clause that answers "how many" without a number: "There is no limit to the number of times…" (for the
 * reranker's statesNumber and coverage's noNumberFactor). Tuning half, first and third blind sets
 * (2026-12-04): a question on how many times players may interchange is no longer refused; lead rule 292 → 293.
 */
export const NO_LIMIT = /\b(?:no limits?|no limitation|unlimited|any number of|no maximum|no restriction on the number)\b/i;

/** Words either side of a number that say what it is about ("five (5) minute Half Time"). */
const NUMBER_CONTEXT_WORDS = 3;

/**
 * The most of the question's term weight (of `total`) said within a few words of one number in a clause's
 * terms, units left out: "how long is half time?" finds "five (5) minute Half Time", not "40 minutes in duration".
 */
export function numberContext(terms: readonly string[], weights: readonly { term: string; weight: number }[], total: number, units: readonly string[]): number {
  if (total <= 0) return 0;
  let best = 0;
  terms.forEach((term, i) => {
    if (!/^\d/.test(term)) return;
    const near = new Set(terms.slice(Math.max(0, i - NUMBER_CONTEXT_WORDS), i + NUMBER_CONTEXT_WORDS + 1).filter((w) => !/^\d/.test(w) && !units.includes(w)));
    best = Math.max(best, weights.reduce((sum, w) => sum + (near.has(w.term) ? w.weight : 0), 0) / total);
  });
  return best;
}

/**
 * The most of the question's term weight (`unit` left out) said within a few words of a number of `unit` in a
 * clause's terms: "five (5) minute Half Time" states minutes of half time; "within 60 seconds take up a
 * position" states seconds of taking up a position, not of a tap.
 */
export function unitContext(terms: readonly string[], unit: string, weights: readonly { term: string; weight: number }[]): number {
  const asked = weights.filter((w) => w.term !== unit);
  const total = asked.reduce((sum, w) => sum + w.weight, 0);
  let best = 0;
  terms.forEach((term, i) => {
    if (!/^\d/.test(term) || !terms.slice(i + 1, i + 3).includes(unit)) return;
    const near = new Set(terms.slice(Math.max(0, i - NUMBER_CONTEXT_WORDS), i + NUMBER_CONTEXT_WORDS + 2));
    best = Math.max(best, total > 0 ? asked.reduce((sum, w) => sum + (near.has(w.term) ? w.weight : 0), 0) / total : 0);
  });
  return best;
}
