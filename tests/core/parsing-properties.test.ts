// Property-based tests for the parsing pipeline: random rulebooks (numbering depths, running headers and
// footers, words hyphenated across lines, two-column pages, a glossary, repeated terms) are laid out as
// positioned text items, and layout plus structure recovery must give back every rule number in order and
// every clause's and definition's text, nothing lost and nothing doubled.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPageLines, type PageItems, type TextItem } from '../../src/core/layout';
import { parseRulebook } from '../../src/core/structure';

const SEED = 20261203;
const RUNS = 60;

const WORDS = [
  'the', 'ball', 'player', 'players', 'team', 'must', 'may', 'not', 'after', 'before', 'touch', 'touches', 'mark',
  'field', 'line', 'referee', 'play', 'restart', 'defending', 'attacking', 'possession', 'interchange',
  'substitution', 'obstruction', 'advantage', 'penalty', 'retire', 'metres', 'onside', 'offside', 'rollball',
  'scrimmage', 'dismissal', 'forward', 'pass', 'score', 'touchdown', 'halfway', 'tap', 'signal',
];
const TITLE_WORDS = ['Field', 'Play', 'Ball', 'Players', 'Scoring', 'Passing', 'Touch', 'Rollball', 'Offside', 'Interchange', 'Dismissal', 'Officials'];
const TERMS = ['Advantage', 'Dead Ball', 'Mark', 'Possession', 'Rollball', 'Scrimmage', 'Tap', 'Try Zone'];

interface GenClause {
  number: string;
  text: string;
}
interface GenSection {
  number: number;
  title: string;
  clauses: GenClause[];
}
interface GenBook {
  sections: GenSection[];
  definitions: { term: string; text: string }[];
}

/** A sentence of 3–14 words, capitalised, ending in a full stop; terms repeat across clauses. */
const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 14 })
  .map((words) => `${words[0][0].toUpperCase()}${words[0].slice(1)} ${words.slice(1).join(' ')}.`);
const clauseText = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));

/** Clause numbers of one section: 2 or 3 levels, in order ("4.1", "4.1.1", "4.1.2", "4.2"). */
const clauseShape = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 });

const book: fc.Arbitrary<GenBook> = fc
  .record({
    sections: fc.array(
      fc.record({
        title: fc.array(fc.constantFrom(...TITLE_WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
        shape: clauseShape,
        texts: fc.array(clauseText, { minLength: 16, maxLength: 16 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    definitions: fc.uniqueArray(fc.record({ term: fc.constantFrom(...TERMS), text: clauseText }), {
      maxLength: 4,
      selector: (d) => d.term,
    }),
  })
  .map(({ sections, definitions }) => ({
    definitions,
    sections: sections.map((s, i) => {
      const n = i + 1;
      const clauses: GenClause[] = [];
      let t = 0;
      s.shape.forEach((subs, j) => {
        clauses.push({ number: `${n}.${j + 1}`, text: s.texts[t++ % 16] });
        for (let k = 1; k <= subs; k++) clauses.push({ number: `${n}.${j + 1}.${k}`, text: s.texts[t++ % 16] });
      });
      return { number: n, title: s.title, clauses };
    }),
  }));

interface LayoutOptions {
  lineChars: number;
  linesPerColumn: number;
  columns: 1 | 2;
  hyphenate: boolean;
}

interface Line {
  label?: string;
  text: string;
  height: number;
  /** Continuation lines hang under the text, not under the number. */
  indent: number;
}

const BODY = 10;
const HEADING = 12;
const CHAR_WIDTH = 5;

/** Breaks a paragraph into lines of at most `chars` characters, hyphenating long lowercase words that do not fit. */
function wrap(text: string, chars: number, hyphenate: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= chars || !line) {
      line = candidate;
      continue;
    }
    const room = chars - line.length - 2;
    const letters = /^[a-z]+/.exec(word)?.[0] ?? '';
    const cut = Math.min(room, letters.length - 4);
    if (hyphenate && letters.length >= 8 && cut >= 4 && !(/[aeiou]/.test(word[cut]) && word[cut] === word[cut - 1])) {
      lines.push(`${line} ${word.slice(0, cut)}-`);
      line = word.slice(cut);
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function bookLines(b: GenBook, o: LayoutOptions): Line[] {
  const lines: Line[] = [];
  const paragraph = (text: string, label?: string) =>
    wrap(text, o.lineChars, o.hyphenate).forEach((t, i) => lines.push({ label: i === 0 ? label : undefined, text: t, height: BODY, indent: 1 }));
  for (const s of b.sections) {
    lines.push({ text: `${s.number} ${s.title}`, height: HEADING, indent: 0 });
    for (const c of s.clauses) paragraph(c.text, c.number);
  }
  if (b.definitions.length) {
    lines.push({ text: 'DEFINITIONS', height: HEADING, indent: 0 });
    for (const d of b.definitions) paragraph(`${d.term}: ${d.text}`);
  }
  return lines;
}

/** Pages of positioned items: a running header and a page footer on every page, one or two columns. */
function layOut(lines: Line[], o: LayoutOptions): PageItems[] {
  const perPage = o.linesPerColumn * o.columns;
  const pageCount = Math.ceil(lines.length / perPage);
  const columnWidth = (o.lineChars + 10) * CHAR_WIDTH;
  const item = (str: string, x: number, y: number, height: number): TextItem => ({ str, x, y, width: str.length * CHAR_WIDTH, height, hasEOL: false });
  return Array.from({ length: pageCount }, (_, p) => {
    const items: TextItem[] = [item('Generated Touch Rules — Edition 1', 56, 810, 8), item(`Page ${p + 1} of ${pageCount}`, 260, 30, 8)];
    lines.slice(p * perPage, (p + 1) * perPage).forEach((line, i) => {
      const column = Math.floor(i / o.linesPerColumn);
      const left = 56 + column * (columnWidth + 30);
      const y = 780 - (i % o.linesPerColumn) * 16;
      if (line.label) items.push(item(line.label, left, y, line.height));
      items.push(item(line.text, left + (line.indent ? 36 : 0), y, line.height));
    });
    return { page: p + 1, items };
  });
}

const layoutOptions = (columns: 1 | 2): fc.Arbitrary<LayoutOptions> =>
  fc.record({
    lineChars: fc.integer({ min: 28, max: 70 }),
    linesPerColumn: fc.integer({ min: 6, max: 30 }),
    columns: fc.constant(columns),
    hyphenate: fc.boolean(),
  });

function recover(b: GenBook, o: LayoutOptions) {
  return parseRulebook(buildPageLines(layOut(bookLines(b, o), o)));
}

function checkRecovered(b: GenBook, o: LayoutOptions): void {
  const units = recover(b, o);
  const clauses = units.filter((u) => u.kind === 'clause');
  const expected = b.sections.flatMap((s) => s.clauses);
  expect(clauses.map((u) => u.ref)).toEqual(expected.map((c) => c.number));
  expect(clauses.map((u) => u.text)).toEqual(expected.map((c) => c.text));
  expect(units.filter((u) => u.kind === 'definition').map((u) => [u.term, u.text])).toEqual(b.definitions.map((d) => [d.term, d.text]));
  const titles = new Map(b.sections.map((s) => [String(s.number), s.title]));
  for (const u of clauses) expect(u.sectionTitle).toBe(titles.get(u.sectionNumber!));
}

describe('parsing pipeline properties', () => {
  it('one column: every rule number in order, every clause and definition text back whole', () => {
    fc.assert(
      fc.property(book, layoutOptions(1), (b, o) => checkRecovered(b, o)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('two-column pages read column by column', () => {
    fc.assert(
      fc.property(book, layoutOptions(2), (b, o) => checkRecovered(b, o)),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
