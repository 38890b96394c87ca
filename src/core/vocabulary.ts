// Referees' vocabulary: the words referees, players and other codes use, mapped to the rulebook's own terms
// (src/core/vocabulary/referee-vocabulary.json, reviewed and versioned). Pure; any thread.

import { STOP_WORDS, tokenize } from './text';
import data from './vocabulary/referee-vocabulary.json';

export interface VocabularyEntry {
  /** What people say: lower-case words or short phrases. */
  say: string[];
  /** The rulebook's terms for it; each occurs in the rulebook. */
  means: string[];
  note?: string;
}

/** Another sport or another game's own rules ("rugby league", "netball", "beach touch"). */
export interface OtherCode {
  say: string[];
  note?: string;
}

/** A matter the laws of a game leave to the competition, the club or the venue ("fees", "the ladder", "tactics"). */
export interface OffFieldTopic {
  say?: string[];
  /**
   * Parts all said in the question's asking sentences, in any order, each a list of ways to say it: a
   * forfeit's score is the competition's ("forfeit" … "what score"), though the laws speak of forfeits and of
   * scoring.
   */
  when?: string[][];
  note?: string;
}

/**
 * A situation told in parts anywhere in a question: each part is a list of ways to say it, and when the
 * question says every part the situation means the rulebook's terms ("dummy half" … "dives over" → "other
 * than the Half").
 */
export interface Situation {
  when: string[][];
  /** The parts are told in this order ("touched" before "over the sideline"). */
  ordered?: boolean;
  means: string[];
  note?: string;
}

export interface Vocabulary {
  version: number;
  entries: VocabularyEntry[];
  /** Situations whose parts a question may say apart, in any order. */
  situations?: Situation[];
  /** Sports and variants a question may be about instead of the rulebook's own game. */
  otherCodes?: OtherCode[];
  /** Matters off the field of play that a rulebook of the game's laws does not settle. */
  offField?: OffFieldTopic[];
}

/** One mapping that fired for a question: the phrase found and the rulebook terms it stands for. */
export interface VocabularyHit {
  say: string;
  means: string[];
  /** Found with stop words between its words (the say lists only the phrase's own words). */
  gapped?: true;
  /** A situation's parts, found apart (the say lists each part's words, joined by " … "). */
  situation?: true;
}

export interface CompiledVocabulary {
  version: number;
  /** Phrases as word lists (and their stems), longest first, so "sin bin area" wins over "sin bin". */
  phrases: { words: string[]; stems: string[]; say: string; means: string[]; compound: boolean }[];
  /**
   * The phrases that may be found with stop words between their words (two or more words besides stop words,
   * no compound), each with its stems other than articles, in order.
   */
  gappable: { content: string[]; means: string[] }[];
  /** Every word of every phrase: such a word is the referee's own, never a typo to correct. */
  words: Set<string>;
  /** The alphabetic ones, by length: what a typo may be corrected towards besides the rulebook's words. */
  wordsByLength: Map<number, string[]>;
  /** Names of other sports and variants, as word lists, longest first. */
  otherCodes: string[][];
  /** Situations: for each part, its phrases as stems. */
  situations: { parts: { words: string[]; stems: string[] }[][]; ordered: boolean; means: string[] }[];
  /** Off-field matters, as word lists and their stems, longest first. */
  offField: { words: string[]; stems: string[] }[];
  /** Off-field topics told in parts (OffFieldTopic.when): each a list of parts, each a list of phrases. */
  offFieldParts: { words: string[]; stems: string[] }[][][];
  /**
   * Words one entry lists on their own, as stems, grouped: "hooter", "siren", "bell" say the same thing, so
   * the phrase "after the hooter" is found in "after the bell". Each stem's groups (entry indices).
   */
  synonyms: Map<string, number[]>;
  /** Each entry as search terms: its rulebook phrases (as runs of terms) and every term its phrases say. */
  targets: { means: string[][]; said: string[] }[];
}

export const REFEREE_VOCABULARY: Vocabulary = data as Vocabulary;

/**
 * Lower case, apostrophes dropped, every other non-alphanumeric run a space: "Sin-binned!" → "sin binned".
 * Rule numbers and decimals stay whole ("15.2", "2.5"); ordinals up to ten are words ("3rd" → third). With
 * `boundaries`, punctuation that cuts a sentence (, ; : ! ? . and a spaced dash) is kept as BOUNDARY.
 */
export function vocabularyWords(text: string, boundaries = false): string[] {
  const lower = text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/\b(\d+)(?:st|nd|rd|th)\b/g, (_, n: string) => ORDINALS[Number(n)] ?? n);
  if (!boundaries) return lower.match(/\d+(?:\.\d+)*|[a-z0-9]+/g) ?? [];
  const words = (lower.match(/\d+(?:\.\d+)*|[a-z0-9]+|[,;:!?.]|\s[-–]\s/g) ?? []).map((w) => (/^[a-z0-9]/.test(w) ? w : BOUNDARY));
  return words.filter((w, i) => w !== BOUNDARY || (i > 0 && words[i - 1] !== BOUNDARY));
}

/**
 * "3rd pen", "2nd half", "5th touch": ordinals as words, as phrases and rulebooks write them ("third penalty").
 * Tuning halves and four blind sets (526 covered; 2026-12-04): lead rule 369 → 370.
 */
const ORDINALS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', 6: 'sixth', 7: 'seventh', 8: 'eighth', 9: 'ninth', 10: 'tenth' };

/**
 * Where a question's words are cut by punctuation ("siren's gone mid-set, play on?"): no phrase runs across
 * it, so "set, play" is no "set play" (brackets are no cut: "hit me (the ref)"). Only vocabularyWords(text,
 * true) writes it. Tuning half, first and third blind sets (2026-12-04): lead rule 295 → 298 of 406, covered
 * questions refused 8 → 7, near misses refused 107 of 124 either way.
 */
export const BOUNDARY = ',';

export function compileVocabulary(vocabulary: Vocabulary = REFEREE_VOCABULARY): CompiledVocabulary {
  // Words the vocabulary knows as one: "offside", "sinbin", "dummyhalf". Their two-word forms are compounds.
  const single = new Set(vocabulary.entries.flatMap((entry) => [...entry.say, ...entry.means]).filter((w) => /^[a-z]+$/.test(w)));
  const phrases = vocabulary.entries.flatMap((entry) =>
    entry.say.map((say) => {
      const words = vocabularyWords(say);
      return { words, stems: words.map(stemOf), say, means: entry.means, compound: words.length === 2 && single.has(words.join('')) };
    }),
  );
  phrases.sort((a, b) => b.words.length - a.words.length);
  const otherCodes = (vocabulary.otherCodes ?? []).flatMap((code) => code.say.map((say) => vocabularyWords(say)));
  otherCodes.sort((a, b) => b.length - a.length);
  const offFieldPhrase = (say: string) => {
    const words = vocabularyWords(say);
    return { words, stems: words.length > 1 ? words.map(stemOf) : words };
  };
  const offField = (vocabulary.offField ?? []).flatMap((topic) => (topic.say ?? []).map(offFieldPhrase));
  const offFieldParts = (vocabulary.offField ?? []).flatMap((topic) => (topic.when ? [topic.when.map((part) => part.map(offFieldPhrase))] : []));
  offField.sort((a, b) => b.words.length - a.words.length);
  const words = new Set([...phrases.flatMap((p) => p.words), ...otherCodes.flat(), ...offField.flatMap((t) => t.words), ...offFieldParts.flat(2).flatMap((t) => t.words)]);
  const wordsByLength = new Map<number, string[]>();
  for (const word of words) {
    if (!/^[a-z]+$/.test(word)) continue;
    const same = wordsByLength.get(word.length);
    if (same) same.push(word);
    else wordsByLength.set(word.length, [word]);
  }
  const synonyms = new Map<string, number[]>();
  vocabulary.entries.forEach((entry, group) => {
    const alone = new Set(entry.say.map((say) => vocabularyWords(say)).filter((w) => w.length === 1).map((w) => stemOf(w[0])));
    if (alone.size < 2) return;
    for (const stem of alone) synonyms.set(stem, [...(synonyms.get(stem) ?? []), group]);
  });
  const targets = vocabulary.entries.map((entry) => ({
    means: entry.means.map((m) => tokenize(m)).filter((run) => run.length > 0),
    said: [...new Set(entry.say.flatMap((say) => tokenize(say)))],
  }));
  const gappable = phrases
    .filter((p) => !p.compound && p.words.filter((word) => !STOP_WORDS.has(word)).length >= 2)
    .map((p) => ({ content: p.stems.filter((stem) => !ARTICLES.has(stem)), means: p.means }));
  const situations = (vocabulary.situations ?? []).map((situation) => ({
    parts: situation.when.map((part) =>
      part.map((say) => {
        const words = vocabularyWords(say);
        return { words, stems: words.map(stemOf) };
      }),
    ),
    ordered: situation.ordered === true,
    means: situation.means,
  }));
  return { version: vocabulary.version, phrases, gappable, words, wordsByLength, otherCodes, offField, offFieldParts, synonyms, targets, situations };
}

/**
 * The phrases found in a word sequence, longest first, never two on the same word. With `maxGap` > 0, last, a
 * phrase of two or more words besides stop words is also found with up to that many stop words between each
 * of its words ("pass hit me (ref)" for "hit the ref"), in its order, on words no phrase took; never a compound written as two words ("off side").
 */
export function findVocabulary(words: readonly string[], vocabulary: CompiledVocabulary, maxGap = 0): VocabularyHit[] {
  const used = new Array<boolean>(words.length).fill(false);
  const inPhrase = new Array<boolean>(words.length).fill(false);
  const stems = words.map(stemOf);
  // A phrase whose first word the question lacks cannot be there: most phrases are passed over at once.
  const wordSet = new Set(words);
  const stemSet = new Set(stems);
  const hits: VocabularyHit[] = [];
  // Words as listed first, then one word in another inflection: "guys" is the entry that lists "guys" before
  // any entry that lists "guy".
  for (const inflected of [false, true]) {
    for (const phrase of vocabulary.phrases) {
      const n = phrase.words.length;
      if (inflected && n > 1) continue;
      const first = phrase.stems[0];
      if (n > 1 ? !stemSet.has(first) && !ARTICLES.has(first) : inflected ? !stemSet.has(first) : !wordSet.has(phrase.words[0])) continue;
      for (let i = 0; i < words.length; i++) {
        // A phrase of several words in any inflection: "sin binning", "knocks on", "tapping it" as "sin bin",
        // "knock on", "tap it". A single word as listed, or an inflected word of the same stem ("grabs" finds
        // "grabbed"); a bare word never reaches an inflected one ("book" is not "booked").
        const end =
          n > 1
            ? phraseEnd(phrase.stems, stems, i, undefined, phrase.compound)
            : (inflected ? INFLECTED.test(words[i]) && stems[i] === phrase.stems[0] : words[i] === phrase.words[0])
              ? i + 1
              : -1;
        if (end < 0 || used.slice(i, end).some(Boolean)) continue;
        used.fill(true, i, end);
        if (n > 1) inPhrase.fill(true, i, end);
        // The question's own words, as matched: what the eval shows and what the mapping stood in for.
        const say = words.slice(i, end).join(' ');
        if (!hits.some((h) => h.say === say)) hits.push({ say, means: phrase.means });
      }
    }
  }
  // Last, a phrase of several words with a word said another way that one entry lists ("after the bell" for
  // "after the hooter", "check the park" for "check the field"): only on words no phrase took, one of them
  // not taken at all, so a phrase as typed always wins.
  const groups = (stem: string) => vocabulary.synonyms.get(stem) ?? [];
  const present = new Set(stems.flatMap(groups));
  if (present.size > 0) findWithSynonyms(words, stems, stemSet, vocabulary, groups, present, used, inPhrase, hits);
  if (maxGap > 0) findGapped(words, stems, stemSet, vocabulary, maxGap, inPhrase, hits);
  return hits;
}

/** The synonym pass of findVocabulary. */
function findWithSynonyms(
  words: readonly string[],
  stems: readonly string[],
  stemSet: ReadonlySet<string>,
  vocabulary: CompiledVocabulary,
  groups: (stem: string) => number[],
  present: ReadonlySet<number>,
  used: boolean[],
  inPhrase: boolean[],
  hits: VocabularyHit[],
): void {
  const same = (phraseStem: string, stem: string) => groups(phraseStem).some((g) => groups(stem).includes(g));
  for (const phrase of vocabulary.phrases) {
    if (phrase.words.length < 2) break;
    const first = phrase.stems[0];
    if (!stemSet.has(first) && !ARTICLES.has(first) && !groups(first).some((g) => present.has(g))) continue;
    for (let i = 0; i < words.length; i++) {
      const end = phraseEnd(phrase.stems, stems, i, same, phrase.compound);
      if (end < 0 || inPhrase.slice(i, end).some(Boolean) || used.slice(i, end).every(Boolean)) continue;
      used.fill(true, i, end);
      inPhrase.fill(true, i, end);
      const say = words.slice(i, end).join(' ');
      if (!hits.some((h) => h.say === say)) hits.push({ say, means: phrase.means });
    }
  }
}

/** The gapped pass of findVocabulary: each phrase's words other than articles, in order, with at most `maxGap` stop words between each two. */
function findGapped(
  words: readonly string[],
  stems: readonly string[],
  stemSet: ReadonlySet<string>,
  vocabulary: CompiledVocabulary,
  maxGap: number,
  inPhrase: boolean[],
  hits: VocabularyHit[],
): void {
  for (const phrase of vocabulary.gappable) {
    const { content } = phrase;
    if (!content.every((stem) => stemSet.has(stem))) continue;
    if (hits.some((h) => h.means === phrase.means)) continue;
    for (let i = 0; i < words.length; i++) {
      if (stems[i] !== content[0] || inPhrase[i]) continue;
      const at = [i];
      for (let j = 1; j < content.length && at.length === j; j++) {
        const from = at[j - 1] + 1;
        for (let k = from; k <= Math.min(stems.length - 1, from + maxGap); k++) {
          if (stems[k] === content[j] && !inPhrase[k]) {
            at.push(k);
            break;
          }
          // Only small words may come between: "hit me (ref)", not "how many comp points".
          if (!STOP_WORDS.has(words[k])) break;
        }
      }
      if (at.length < content.length) continue;
      for (const k of at) {
        inPhrase[k] = true;
        // The longer phrase wins over a word found alone: "drop-off in mixed" is the drop-off's mixed rule,
        // not "mixed" as such; "hit me (the ref)" is the ball hitting the referee. Tuning halves and four blind
        // sets (526 covered; 2026-12-04): lead rule 370 → 371; both kept (before): 370; the alone word kept
        // and the phrase dropped: 366.
        const alone = hits.findIndex((h) => h.say === words[k]);
        if (alone >= 0) hits.splice(alone, 1);
      }
      const say = at.map((k) => words[k]).join(' ');
      if (!hits.some((h) => h.say === say)) hits.push({ say, means: phrase.means, gapped: true });
      break;
    }
  }
}

/**
 * Where a phrase of several words found at `start` ends (exclusive), or -1. An article inside the phrase may be
 * left out, as in short typed questions ("out on full" for "out on the full"); its first and last words may not.
 * The question may add an article inside a phrase ("ball under the shirt" for "ball under shirt"), but not
 * inside a compound written as two words ("off the side" is not "off side").
 */
export function phraseEnd(
  phrase: readonly string[],
  stems: readonly string[],
  start: number,
  synonym?: (phraseStem: string, stem: string) => boolean,
  compound = true,
): number {
  let at = start;
  for (let j = 0; j < phrase.length; j++) {
    if (at < stems.length && (stemMatches(phrase[j], stems[at]) || synonym?.(phrase[j], stems[at]))) {
      at++;
      continue;
    }
    // An article or a player's possessive the question adds inside a phrase: "ball under the shirt" for "ball under shirt".
    if (!compound && j > 0 && at + 1 < stems.length && DETERMINERS.has(stems[at]) && (stemMatches(phrase[j], stems[at + 1]) || synonym?.(phrase[j], stems[at + 1]))) {
      at += 2;
      continue;
    }
    if (j === 0 || j === phrase.length - 1 || !ARTICLES.has(phrase[j])) return -1;
  }
  return at;
}

/**
 * As phraseEnd, or with one word the question adds inside the phrase ("registered with two different clubs"
 * for "two clubs"): for off-field matters, which a question names in its own words. Tuning half unchanged; a
 * fresh set of 180 questions written blind (44 not covered): abstain .750 → .773, wrongly refused unchanged.
 */
export function phraseEndWithOneMore(phrase: readonly string[], stems: readonly string[], start: number): number {
  const end = phraseEnd(phrase, stems, start);
  if (end >= 0) return end;
  for (let extra = start + 1; extra < Math.min(stems.length, start + phrase.length); extra++) {
    if (stems[extra] === BOUNDARY) break;
    const found = phraseEnd(phrase, [...stems.slice(0, extra), ...stems.slice(extra + 1)], start);
    if (found > extra) return found + 1;
  }
  return -1;
}

/** A word with an inflectional ending: "grabs" finds the entry that lists "grabbed" and "grabbing". */
export const INFLECTED = /(?:[^s]s|ed|ing)$/;

/** A word as phrase matching compares it: its search term ("tries" → "try", "ten" → "10"), a stop word as it is. */
export function stemOf(word: string): string {
  return SHORT_FORMS.get(word) ?? tokenize(word)[0] ?? word;
}

/** Short forms read as the word they shorten inside a phrase: "arguing with the ref" is found in "argue with the referee". */
const SHORT_FORMS = new Map(
  Object.entries({ ref: 'referee', refs: 'referee', reff: 'referee', reffs: 'referee', pen: 'penalty', pens: 'penalty' }).map(([short, word]) => [
    short,
    tokenize(word)[0],
  ]),
);

/**
 * A phrase's article stands for an article or a player's possessive in the question: "ball up the jersey" is
 * found in "ball up his jersey". Not a team's ("their half" is ground, "the half" a player), and not the other
 * way round: a phrase's own possessive ("their ball", possession) is meant as written. Tuning half, all three
 * sets (2026-12-03): articles only / with his, her, its / with every possessive and this, that: rule_hit@3
 * .753 / .760 / .767, lead rule .520 / .527 / .520. Not "its", which phones type for "it's" ("if its 10-0" holds
 * no "the 10"): both halves unchanged without it (2026-12-03). The question may add one inside a phrase too
 * ("popped out of his hands" for "popped out of hands").
 */
const ARTICLES = new Set(['a', 'an', 'the']);
const DETERMINERS = new Set([...ARTICLES, 'his', 'her']);

function stemMatches(phraseStem: string, stem: string): boolean {
  return phraseStem === stem || (ARTICLES.has(phraseStem) && DETERMINERS.has(stem));
}
