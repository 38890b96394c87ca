// What a question asks to be counted or measured: the thing after "how many" (with the rulebook's words for it),
// the unit it counts in, the units "how far" or "how long" want, and the numbers it states with what they count.
// Read once by analyzeQuestion. Pure; any thread.

import { tokenize } from './text';

/** A vocabulary mapping that fired: the question's words it found and the rulebook terms they mean, as terms. */
export interface Mapping {
  said: string[];
  meant: string[];
  situation: boolean;
}

/** The quantity fields of a QuestionAnalysis, read from the corrected question, its terms and its mappings. */
export function quantityAsked(corrected: string, tokens: readonly string[], mapped: readonly Mapping[]) {
  return {
    quantityTargets: withMeanings(quantityTargets(corrected), mapped),
    countedThing: withMeanings(countedNoun(corrected), mapped),
    countedUnit: countedUnit(corrected),
    countedNumbers: countedNumbers(tokens, mapped),
  };
}

/** Units a question's form asks for: "how far" wants a distance, "how long" a time or a length. */
const QUANTITY_UNITS: [RegExp, string[]][] = [
  [/\bhow (far|close|deep|wide|big|high)\b|\bwhat distance\b|\bdistance\b/, ['metre', 'centimetre']],
  [/\bhow long\b|\bduration\b/, ['minutes', 'seconds', 'metre']],
  [/\bhow (soon|often)\b/, ['minutes', 'seconds']],
];
const COUNTED = /\b(?:how many|how much|number of|what number of|max|maximum|min|minimum)\s+([a-z-]+)/;

/**
 * Counted words with the rulebook's words for them, where the vocabulary says just them ("tags" → touch): a rule
 * that states a number of touches then counts what "how many tags" asks. Tuning halves and nine blind sets
 * (1,246 covered; 2026-12-04): lead rule 972 → 973, nothing else moved.
 */
function withMeanings(counted: string[], mapped: readonly Mapping[]): string[] {
  if (counted.length === 0) return counted;
  const meant = mapped.filter(({ said, situation }) => !situation && said.length > 0 && said.every((t) => counted.includes(t))).flatMap(({ meant }) => meant);
  return [...new Set([...counted, ...meant])];
}

/** The search terms of the thing a count question counts ("how many touches" → touch), or none; not a unit ("how many mins"). */
function countedNoun(text: string): string[] {
  const counted = COUNTED.exec(text);
  return counted ? tokenize(counted[1]).filter((term) => !UNIT_TERMS.has(term)) : [];
}
/**
 * The unit a question counts in ("how many mins?" → minute), or none. Only "how many" asks: "you sat out a set
 * number of minutes" tells what the asker knew.
 */
function countedUnit(text: string): string | undefined {
  const term = tokenize(/\bhow many ([a-z]+)/.exec(text)?.[1] ?? '')[0];
  return term && UNIT_TERMS.has(term) ? term : undefined;
}
const UNIT_TERMS = new Set(tokenize('minutes minute mins min seconds second secs sec metres metre meters meter m yards yard'));

/** "5 players", "10 metres": a number term and the term right after it (a word), with what that word maps to. */
function countedNumbers(tokens: readonly string[], mapped: readonly Mapping[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (!/^\d+$/.test(t) || !next || /^\d/.test(next) || Object.hasOwn(out, t)) return;
    const means = mapped.filter(({ said }) => said.includes(next)).flatMap(({ meant }) => meant);
    out[t] = [...new Set([next, ...means])];
  });
  return out;
}

function quantityTargets(text: string): string[] {
  const targets = new Set<string>();
  const counted = COUNTED.exec(text);
  if (counted) tokenize(counted[1]).forEach((t) => targets.add(t));
  for (const [pattern, units] of QUANTITY_UNITS) if (pattern.test(text)) units.forEach((u) => targets.add(tokenize(u)[0] ?? u));
  return [...targets];
}
