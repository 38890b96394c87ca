import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import vocabulary from '../../src/core/vocabulary/referee-vocabulary.json';

// The reviewed vocabulary that maps referees', players' and other codes' words to the rulebook's own terms.
// Its "means" phrases must be real terms of the FIT Touch rulebook, so the file is checked against the text.

interface Entry {
  say: string[];
  means: string[];
  note: string;
}

const entries: Entry[] = vocabulary.entries;
const RULEBOOK = new URL('../../../shared/rulebooks/fit-touch-5th-edition.txt', import.meta.url);

/** Lower case, hyphens and punctuation to spaces, spaces collapsed: "In-Goal Area" → "in goal area". */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A clean phrase: lower case, trimmed, single spaces, letters, digits, hyphens and apostrophes only. */
const CLEAN_PHRASE = /^[a-z0-9](?:[a-z0-9' -]*[a-z0-9])?$/;

function badPhrases(phrases: string[]): string[] {
  return phrases.filter((p) => typeof p !== 'string' || !CLEAN_PHRASE.test(p) || p.includes('  ') || p !== p.trim().toLowerCase());
}

describe('referee vocabulary', () => {
  it('has a positive integer version, a description and entries', () => {
    expect(Number.isInteger(vocabulary.version) && vocabulary.version > 0).toBe(true);
    expect(vocabulary.description.trim().length).toBeGreaterThan(0);
    expect(entries.length).toBeGreaterThan(0);
  });

  it('gives every entry non-empty, clean, lower-case "say" and "means" lists and a note', () => {
    const problems: string[] = [];
    entries.forEach((entry, i) => {
      const label = `entry ${i} (${entry.say?.[0] ?? '?'})`;
      if (!Array.isArray(entry.say) || entry.say.length === 0) problems.push(`${label}: empty say`);
      if (!Array.isArray(entry.means) || entry.means.length === 0) problems.push(`${label}: empty means`);
      if (typeof entry.note !== 'string' || entry.note.trim() === '') problems.push(`${label}: no note`);
      for (const p of badPhrases([...(entry.say ?? []), ...(entry.means ?? [])])) problems.push(`${label}: bad phrase ${JSON.stringify(p)}`);
      for (const p of entry.say ?? []) {
        const words = p.split(' ').length;
        if (words < 1 || words > 4) problems.push(`${label}: "${p}" has ${words} words (1-4 allowed)`);
      }
      if (new Set(entry.means).size !== entry.means.length) problems.push(`${label}: repeated means`);
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('never lists a "say" phrase twice, nor in two entries once normalised', () => {
    const seen = new Map<string, number>();
    const normalisedOwner = new Map<string, number>();
    const problems: string[] = [];
    entries.forEach((entry, i) => {
      for (const phrase of entry.say) {
        if (seen.has(phrase)) problems.push(`"${phrase}" in entries ${seen.get(phrase)} and ${i}`);
        seen.set(phrase, i);
        // Spelling variants ("sin-binned", "sin binned") belong together in one entry.
        const key = normalise(phrase);
        const owner = normalisedOwner.get(key);
        if (owner !== undefined && owner !== i) problems.push(`"${phrase}" (as "${key}") in entries ${owner} and ${i}`);
        normalisedOwner.set(key, i);
      }
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('never maps a "say" phrase to itself', () => {
    const problems: string[] = [];
    entries.forEach((entry, i) => {
      const means = new Set(entry.means.map(normalise));
      for (const phrase of entry.say) {
        if (entry.means.includes(phrase) || means.has(normalise(phrase))) problems.push(`entry ${i}: "${phrase}"`);
      }
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('maps only to terms that occur in the rulebook, as whole words', () => {
    const book = ` ${normalise(readFileSync(RULEBOOK, 'utf8'))} `;
    const missing = [...new Set(entries.flatMap((entry) => entry.means))].filter(
      (term) => !book.includes(` ${normalise(term)} `),
    );
    expect(missing, `"means" phrases not in the rulebook: ${missing.join(', ')}`).toEqual([]);
  });

  it('tells situations in two or more parts of clean phrases, each mapping to terms of the rulebook', () => {
    const situations: { when: string[][]; means: string[]; note: string; ordered?: boolean }[] = vocabulary.situations;
    expect(situations.length).toBeGreaterThan(0);
    const book = ` ${normalise(readFileSync(RULEBOOK, 'utf8'))} `;
    const problems: string[] = [];
    for (const situation of situations) {
      const label = situation.when[0]?.[0] ?? '?';
      if (!situation.note?.trim()) problems.push(`${label}: no note`);
      if (situation.when.length < 2) problems.push(`${label}: fewer than two parts`);
      if (situation.when.some((part) => part.length === 0)) problems.push(`${label}: an empty part`);
      if (situation.means.length === 0) problems.push(`${label}: empty means`);
      for (const p of badPhrases([...situation.when.flat(), ...situation.means])) problems.push(`${label}: bad phrase ${JSON.stringify(p)}`);
      for (const term of situation.means) if (!book.includes(` ${normalise(term)} `)) problems.push(`${label}: "${term}" is not in the rulebook`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('lists other sports and variants as clean phrases, none of them a word of the rulebook\'s own game', () => {
    const codes: { say: string[]; note: string }[] = vocabulary.otherCodes;
    expect(codes.length).toBeGreaterThan(0);
    const problems: string[] = [];
    const everySay = new Set(entries.flatMap((e) => e.say.map(normalise)));
    for (const code of codes) {
      if (!code.note?.trim()) problems.push(`${code.say[0]}: no note`);
      for (const p of badPhrases(code.say)) problems.push(`${code.say[0]}: bad phrase ${JSON.stringify(p)}`);
      for (const p of code.say) {
        // "touch" or "touch football" would make every question look like one about another game.
        if (/^touch( football| rugby)?$/.test(normalise(p))) problems.push(`"${p}" names the rulebook's own game`);
        if (everySay.has(normalise(p))) problems.push(`"${p}" is also a vocabulary phrase`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('lists off-field matters as clean phrases the rulebook never uses and no other list repeats', () => {
    const topics: { say?: string[]; when?: string[][]; note: string }[] = vocabulary.offField;
    expect(topics.length).toBeGreaterThan(0);
    const book = ` ${normalise(readFileSync(RULEBOOK, 'utf8'))} `;
    const elsewhere = new Set([...entries, ...vocabulary.otherCodes].flatMap((e: { say: string[] }) => e.say.map(normalise)));
    const problems: string[] = [];
    for (const topic of topics.filter((t) => t.say)) {
      const say = topic.say!;
      if (!topic.note?.trim()) problems.push(`${say[0]}: no note`);
      for (const p of badPhrases(say)) problems.push(`${say[0]}: bad phrase ${JSON.stringify(p)}`);
      for (const p of say) {
        // A phrase the laws themselves use would doubt questions they answer.
        if (book.includes(` ${normalise(p)} `)) problems.push(`"${p}" occurs in the rulebook`);
        if (elsewhere.has(normalise(p))) problems.push(`"${p}" is also in another list`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('tells off-field matters in parts that no sentence of the rulebook says together', () => {
    const topics: { say?: string[]; when?: string[][]; note: string }[] = vocabulary.offField.filter((t: { when?: unknown }) => t.when);
    expect(topics.length).toBeGreaterThan(0);
    // Each sentence of the laws, as words: a topic whose every part one sentence says would doubt what it answers.
    const sentences = readFileSync(RULEBOOK, 'utf8').split(/[.;:?!]\s|\n/).map((s) => ` ${normalise(s)} `);
    const problems: string[] = [];
    for (const topic of topics) {
      const parts = topic.when!;
      const label = parts.map((part) => part[0]).join(' … ');
      if (!topic.note?.trim()) problems.push(`${label}: no note`);
      if (topic.say?.length) problems.push(`${label}: both say and when`);
      if (parts.length < 2 || parts.some((part) => part.length === 0)) problems.push(`${label}: fewer than two parts, or an empty one`);
      for (const p of badPhrases(parts.flat())) problems.push(`${label}: bad phrase ${JSON.stringify(p)}`);
      const together = sentences.find((sentence) => parts.every((part) => part.some((p) => sentence.includes(` ${normalise(p)} `))));
      if (together) problems.push(`${label}: the rulebook says every part in "${together.trim()}"`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
