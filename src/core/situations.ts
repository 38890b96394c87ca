// Situations told in parts: a classic case the rulebook settles in one clause, said in pieces anywhere in a
// question ("our dummy half scooped it up and dived over"), found with the referees' vocabulary's
// `situations` list (compiled by compileVocabulary). Pure; any thread.

import { INFLECTED, phraseEnd, stemOf, type CompiledVocabulary, type VocabularyHit } from './vocabulary';

/**
 * The situations a question tells: each whose every part one of its phrases says somewhere in the words (a
 * phrase in any inflection, as phrases are found; never two parts on the same word), in any order unless the
 * situation is ordered.
 */
export function findSituations(words: readonly string[], vocabulary: CompiledVocabulary): VocabularyHit[] {
  const stems = words.map(stemOf);
  const hits: VocabularyHit[] = [];
  for (const situation of vocabulary.situations) {
    const taken = new Array<boolean>(words.length).fill(false);
    const said: string[] = [];
    let from = 0;
    for (const part of situation.parts) {
      const span = partSpan(part, words, stems, taken, from);
      if (!span) break;
      if (situation.ordered) from = span[1];
      taken.fill(true, span[0], span[1]);
      said.push(words.slice(span[0], span[1]).join(' '));
    }
    if (said.length === situation.parts.length) hits.push({ say: said.join(' … '), means: situation.means, situation: true });
  }
  return hits;
}

/** Where the first of a part's phrases is said, from `from` on, on words not yet taken: [start, end), or undefined. */
function partSpan(
  phrases: readonly { words: string[]; stems: string[] }[],
  words: readonly string[],
  stems: readonly string[],
  taken: readonly boolean[],
  from: number,
): [number, number] | undefined {
  for (const phrase of phrases) {
    for (let i = from; i < stems.length; i++) {
      // One word as listed, or the question's inflection of it ("touches" for "touched"), never a bare word for
      // an inflected one ("the touch" is no "touched"): as single-word phrases are found.
      const one = words[i] === phrase.words[0] || (INFLECTED.test(words[i]) && stems[i] === phrase.stems[0]);
      const end = phrase.words.length === 1 ? (one ? i + 1 : -1) : phraseEnd(phrase.stems, stems, i, undefined, false);
      if (end > i && !taken.slice(i, end).some(Boolean)) return [i, end];
    }
  }
  return undefined;
}
