// Typos and split words in a question: a word the rulebook never uses is corrected towards its words (or the
// vocabulary's), and two words typed apart are joined when the rulebook writes them as one. Pure; any thread.

import type { AnalysisContext } from './question';
import { STOP_WORDS } from './text';

/**
 * A word the rulebook never uses, that the vocabulary does not know and the embedding model does not know
 * whole, is taken for a typo: split into two rulebook words ("sinbin" → "sin bin"), or replaced by the
 * nearest rulebook word one edit away (two for long words) or, with the model's word lists, the nearest
 * vocabulary word.
 */
export function correctWord(word: string, ctx: AnalysisContext): string | undefined {
  const lexicon = ctx.lexicon?.words;
  const min = ctx.tuning.minCorrectionLength;
  if (!lexicon || word.length < min || !/^[a-z]+$/.test(word)) return undefined;
  if (lexicon.has(word) || STOP_WORDS.has(word) || ctx.vocabulary?.words.has(word)) return undefined;
  // An inflected form of a known word ("shoves", "dawdling") is a word too, not a typo; one the rulebook
  // writes with a doubled letter is its word misspelt ("droped" → dropped, "stoped" → stopped).
  const base = word.replace(/(?:ing|ed|es|s)$/, '');
  // Not an inflection of a verb in e the rulebook writes ("taping" is tape's, as "taped" says, not "tapping"),
  // nor a word of the model's wider list. The model's own table holds common misspellings ("droped") whole.
  const eVerb = [`${base}e`, `${base}ed`, `${base}es`].some((form) => lexicon.has(form));
  const doubled =
    /(?:ed|ing)$/.test(word) && /[^aeiou][aeiou][bdgmnprt]$/.test(base) && !eVerb && !ctx.isEnglishWord?.(word) ? `${base}${base.at(-1)}${word.slice(base.length)}` : '';
  // ... or, when the model does not know the typed word whole, its word with the letter doubled ("runing" →
  // running, which reads as run; "scared" is known, so it never becomes "scarred").
  if (doubled && (lexicon.has(doubled) || (ctx.isKnownWord?.(doubled) && !ctx.isKnownWord(word)))) return doubled;
  if (ctx.isKnownWord?.(word) || (base.length >= min - 1 && (ctx.isKnownWord?.(base) || ctx.isKnownWord?.(`${base}e`)))) return undefined;
  for (let i = 3; i <= word.length - 3; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (lexicon.has(head) && lexicon.has(tail) && !STOP_WORDS.has(head) && !STOP_WORDS.has(tail)) return `${head} ${tail}`;
  }
  const isEnglish = ctx.isEnglishWord;
  if (isEnglish && (isEnglish(word) || (base.length >= min - 1 && (isEnglish(base) || isEnglish(`${base}e`))))) return undefined;
  const maxEdits = word.length >= 2 * min ? 2 : 1;
  // Towards the rulebook's words and the vocabulary's ("whisle" → whistle, "insurence" → insurance). Among
  // equally near words one the typo only swapped two letters of wins ("tiem": time, not tie), then the one
  // sharing the longer start ("whisle": whistle, not while), then one the
  // typo only dropped letters from ("dumy": dummy, not dump), then the rulebook's more frequent word (the
  // vocabulary's count as 0), then a content word over a stop word.
  let best: Correction | undefined;
  const consider = (candidate: string, count: number) => {
    if (Math.abs(candidate.length - word.length) > maxEdits || candidate.length < min - 1) return;
    const edits = editDistance(word, candidate, maxEdits);
    if (edits > maxEdits) return;
    const found = { word: candidate, edits, swapped: sameLetters(word, candidate), prefix: sharedPrefix(word, candidate), dropped: isSubsequence(word, candidate), count, stop: STOP_WORDS.has(candidate) };
    if (!best || isBetterCorrection(found, best)) best = found;
  };
  for (const [candidate, count] of lexicon) consider(candidate, count);
  // The vocabulary holds everyday words ("man", "seeded"): only with the model's word lists, which keep real
  // words from being corrected at all, is it safe to correct towards them.
  if (ctx.isKnownWord && isEnglish && ctx.vocabulary) {
    for (let length = word.length - maxEdits; length <= word.length + maxEdits; length++) {
      for (const candidate of ctx.vocabulary.wordsByLength.get(length) ?? []) if (!lexicon.has(candidate)) consider(candidate, 0);
    }
  }
  return best?.word;
}

/** What a "how" question measures: "how long", "how far", "how many". */
const HOW_MEASURES = ['long', 'far', 'many', 'much', 'big', 'wide', 'often', 'close', 'deep', 'high', 'tall', 'heavy', 'soon', 'fast', 'old'];

/**
 * A real word typed for a measure straight after "how" ("how log is a game", "how fare back"): the measure
 * one edit away. Spelling alone keeps real words, so only the question's frame can tell "log" was "long";
 * stop words ("how are", "how was") and words two edits from every measure stay as typed.
 */
export function measureAfterHow(previous: string | undefined, word: string): string | undefined {
  if (previous !== 'how' || word.length < 3 || STOP_WORDS.has(word) || HOW_MEASURES.includes(word)) return undefined;
  return HOW_MEASURES.find((measure) => Math.abs(measure.length - word.length) <= 1 && editDistance(word, measure, 1) <= 1);
}

/**
 * Two words typed apart that the rulebook writes as one ("inter change" → interchange, "roll ball" →
 * rollball): the rulebook's word, when neither part is a stop word.
 */
export function joinSplitWords(words: readonly string[], ctx: AnalysisContext, corrections: { from: string; to: string }[]): string[] {
  const lexicon = ctx.lexicon?.words;
  if (!lexicon) return [...words];
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const [a, b] = [words[i], words[i + 1]];
    const joined = b === undefined ? '' : a + b;
    if (joined.length >= 6 && /^[a-z]+$/.test(joined) && lexicon.has(joined) && !STOP_WORDS.has(a) && !STOP_WORDS.has(b) && !STOP_WORDS.has(joined)) {
      corrections.push({ from: `${a} ${b}`, to: joined });
      out.push(joined);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

interface Correction {
  word: string;
  edits: number;
  /** The typo holds the word's letters, two of them swapped ("tiem": time, not tie). */
  swapped: boolean;
  prefix: number;
  dropped: boolean;
  count: number;
  stop: boolean;
}

function isBetterCorrection(a: Correction, b: Correction): boolean {
  if (a.edits !== b.edits) return a.edits < b.edits;
  if (a.swapped !== b.swapped) return a.swapped;
  if (a.prefix !== b.prefix) return a.prefix > b.prefix;
  if (a.dropped !== b.dropped) return a.dropped;
  if (a.count !== b.count) return a.count > b.count;
  return b.stop && !a.stop;
}

/** Whether `typo` is `word` with letters left out ("dumy" in "dummy"). */
function isSubsequence(typo: string, word: string): boolean {
  let i = 0;
  for (const letter of word) if (letter === typo[i]) i++;
  return i === typo.length;
}

function sameLetters(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') === [...b].sort().join('');
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping early above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}
