// Referees' vocabulary: the words referees, players and other codes use, mapped to the rulebook's own terms
// (src/core/vocabulary/referee-vocabulary.json, reviewed and versioned). Pure; any thread.

import data from './vocabulary/referee-vocabulary.json';

export interface VocabularyEntry {
  /** What people say: lower-case words or short phrases. */
  say: string[];
  /** The rulebook's terms for it; each occurs in the rulebook. */
  means: string[];
  note?: string;
}

export interface Vocabulary {
  version: number;
  entries: VocabularyEntry[];
}

/** One mapping that fired for a question: the phrase found and the rulebook terms it stands for. */
export interface VocabularyHit {
  say: string;
  means: string[];
}

export interface CompiledVocabulary {
  version: number;
  /** Phrases as word lists, longest first, so "sin bin area" wins over "sin bin". */
  phrases: { words: string[]; say: string; means: string[] }[];
  /** Every word of every phrase: such a word is the referee's own, never a typo to correct. */
  words: Set<string>;
}

export const REFEREE_VOCABULARY: Vocabulary = data as Vocabulary;

/**
 * Lower case, apostrophes dropped, every other non-alphanumeric run a space: "Sin-binned!" → "sin binned".
 * Rule numbers and decimals stay whole ("15.2", "2.5").
 */
export function vocabularyWords(text: string): string[] {
  return text.toLowerCase().replace(/['’]/g, '').match(/\d+(?:\.\d+)*|[a-z0-9]+/g) ?? [];
}

export function compileVocabulary(vocabulary: Vocabulary = REFEREE_VOCABULARY): CompiledVocabulary {
  const phrases = vocabulary.entries.flatMap((entry) =>
    entry.say.map((say) => ({ words: vocabularyWords(say), say, means: entry.means })),
  );
  phrases.sort((a, b) => b.words.length - a.words.length);
  return { version: vocabulary.version, phrases, words: new Set(phrases.flatMap((p) => p.words)) };
}

/** The phrases found in a word sequence, longest first, never two on the same word. */
export function findVocabulary(words: readonly string[], vocabulary: CompiledVocabulary): VocabularyHit[] {
  const used = new Array<boolean>(words.length).fill(false);
  const hits: VocabularyHit[] = [];
  for (const phrase of vocabulary.phrases) {
    const n = phrase.words.length;
    for (let i = 0; i + n <= words.length; i++) {
      if (used.slice(i, i + n).some(Boolean)) continue;
      if (!phrase.words.every((w, j) => words[i + j] === w)) continue;
      used.fill(true, i, i + n);
      if (!hits.some((h) => h.say === phrase.say)) hits.push({ say: phrase.say, means: phrase.means });
    }
  }
  return hits;
}
