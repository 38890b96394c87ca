import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkUnits, labelledUnitText, unitLabel } from '../../src/core/chunking';
import { buildClauseIndex, chunkUnitIds, conditionOf, MAX_SAID_UNITS, resolveClauses, saidTerms, toResolvedClause } from '../../src/core/clauses';
import { parseRulebook } from '../../src/core/structure';
import { splitWords, tokenize } from '../../src/core/text';
import type { Chunk, ChunkSettings, PageLine, RuleUnit, TokenCounter } from '../../src/core/types';

/** One token per whitespace-separated word. */
const words: TokenCounter = { countTokens: (t) => t.split(/\s+/).filter(Boolean).length };

/** Lines of a flat layout, one per row, all on page 1. */
const lines = (spec: string): PageLine[] =>
  spec
    .trim()
    .split('\n')
    .map((text) => ({ page: 1, x: 0, height: 10, text: text.trim() }));

const clause = (number: string, title: string, text: string, pages = [1]): RuleUnit => ({
  kind: 'clause', ref: number, number, sectionNumber: number.split('.')[0], sectionTitle: title, text, pages,
});
const definition = (term: string, text: string, ref = `Definition: ${term}`): RuleUnit => ({
  kind: 'definition', ref, term, sectionTitle: 'DEFINITIONS', text, pages: [9],
});

/** Whether `part` occurs in `whole` as a run of consecutive items. */
function isRun(part: readonly string[], whole: readonly string[]): boolean {
  if (part.length === 0) return true;
  for (let i = 0; i + part.length <= whole.length; i++) {
    if (part.every((w, j) => whole[i + j] === w)) return true;
  }
  return false;
}

/** A span's text is the unit's label and text, or its label and a run of its words, or (windows) a run of both. */
function isPieceOf(spanText: string, unit: RuleUnit): boolean {
  const piece = splitWords(spanText);
  if (piece.length === 0) return false;
  if (isRun(piece, splitWords(labelledUnitText(unit)))) return true;
  const label = splitWords(unitLabel(unit));
  return label.length > 0 && label.every((w, i) => piece[i] === w) && isRun(piece.slice(label.length), splitWords(unit.text));
}

describe('resolveClauses: a glossary term defined twice', () => {
  const units = parseRulebook(
    lines(`
      1 The Ball
      1.1 The ball is oval.
      DEFINITIONS
      Mark: first meaning.
      Mark: second meaning.
    `),
  );
  const chunks = chunkUnits(units, { strategy: 'structured', maxTokens: 64, overlapTokens: 0 }, words);

  it('parses two definitions with one term and two refs', () => {
    expect(units.map((u) => [u.kind, u.ref, u.term])).toEqual([
      ['clause', '1.1', undefined],
      ['definition', 'Definition: Mark', 'Mark'],
      ['definition', 'Definition: Mark (2)', 'Mark'],
    ]);
  });

  it('gives each definition its own text', () => {
    const clauses = resolveClauses(chunks, units);
    expect(clauses.map((c) => [c.ref, c.term, c.text, c.citation])).toEqual([
      ['1.1', undefined, 'The ball is oval.', 'Rule 1.1'],
      ['Definition: Mark', 'Mark', 'first meaning.', 'Definition: Mark'],
      ['Definition: Mark (2)', 'Mark', 'second meaning.', 'Definition: Mark (2)'],
    ]);
    for (const c of clauses) expect(c.text).not.toBe('');
  });

  it('keeps each definition in a chunk of its own, pointing at its own unit', () => {
    const marks = chunks.filter((c) => c.refs.some((r) => r.startsWith('Definition: Mark')));
    expect(marks.map((c) => c.refs)).toEqual([['Definition: Mark'], ['Definition: Mark (2)']]);
    expect(marks.map((c) => chunkUnitIds(c))).toEqual([[1], [2]]);
    // Both chunks read "Mark: ..." — the spans, not the text, tell them apart.
    expect(marks.map((c) => c.text)).toEqual(['DEFINITIONS\nMark: first meaning.', 'DEFINITIONS\nMark: second meaning.']);
  });

  it('resolves chunks of an older layout (no spans) by their refs', () => {
    const index = buildClauseIndex(units);
    const legacy: Chunk[] = chunks.map((c) => ({ ...c, spans: [] }));
    expect(resolveClauses(legacy, units, index.byRef)).toEqual(resolveClauses(chunks, units));
    expect(index.byRef.get('Definition: Mark (2)')).toBe(2);
    // Both definitions are searched by the term's words.
    expect(index.termWords).toEqual([[], ['mark'], ['mark']]);
  });
});

describe('resolveClauses', () => {
  const units: RuleUnit[] = [
    { kind: 'text', ref: 'MODE OF PLAY', sectionTitle: 'MODE OF PLAY', text: 'The object of the game is to score Tries.', pages: [2] },
    clause('15.1', 'Offside', 'Players are Onside when behind the ball.', [7]),
    clause('15.2', 'Offside', 'Defenders retire ten (10) metres.\nRuling = A Penalty to the Attacking Team.', [7, 8]),
    definition('Advantage', 'The period of time after an Infringement.'),
  ];
  const chunks = chunkUnits(units, { strategy: 'structured', maxTokens: 64, overlapTokens: 0 }, words);

  it('gives each unit once, in the order of the chunks', () => {
    const reversed = [...chunks].reverse();
    expect(resolveClauses(reversed, units).map((c) => c.ref)).toEqual(['Definition: Advantage', '15.1', '15.2', 'MODE OF PLAY']);
    expect(resolveClauses([...chunks, ...chunks], units).map((c) => c.unit)).toEqual([0, 1, 2, 3]);
  });

  it('skips a span of a unit the index does not have, and an unknown ref of an old chunk', () => {
    const stray: Chunk = { ...chunks[0], spans: [{ unit: 99, start: 0, end: 1 }, ...chunks[0].spans] };
    expect(resolveClauses([stray], units).map((c) => c.unit)).toEqual([0]);
    const old: Chunk = { ...chunks[0], spans: [], refs: ['99.9', 'MODE OF PLAY'] };
    expect(resolveClauses([old], units, buildClauseIndex(units).byRef).map((c) => c.unit)).toEqual([0]);
    expect(resolveClauses([old], units).map((c) => c.unit)).toEqual([]);
  });

  it.each([
    [0, { ref: 'MODE OF PLAY', kind: 'text', citation: 'Section: Mode of Play', pages: [2], sectionTitle: 'MODE OF PLAY' }],
    [2, { ref: '15.2', kind: 'clause', citation: 'Rule 15.2', pages: [7, 8], sectionNumber: '15', sectionTitle: 'Offside' }],
    [3, { ref: 'Definition: Advantage', kind: 'definition', term: 'Advantage', citation: 'Definition: Advantage', pages: [9] }],
  ])('toResolvedClause(%i)', (id, expected) => {
    const resolved = toResolvedClause(units, id);
    expect(resolved).toMatchObject({ unit: id, text: units[id].text, ...expected });
  });
});

describe('window chunks resolve to the units they hold', () => {
  const filler = (n: number, word: string): string => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');
  const units: RuleUnit[] = [
    clause('1.1', 'Ball', filler(30, 'a')),
    clause('1.2', 'Ball', `${filler(30, 'b')}.\nRuling = A Penalty.`),
    definition('Try', filler(30, 'c')),
  ];
  const settings: ChunkSettings = { strategy: 'window', maxTokens: 20, overlapTokens: 5 };
  const chunks = chunkUnits(units, settings, words);

  it('records, for each window, the units whose words it holds', () => {
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      const holds = units.map((_, id) => id).filter((id) => splitWords(units[id].text).some((w) => chunk.text.split(/\s+/).includes(w)));
      expect(chunkUnitIds(chunk)).toEqual(holds);
      expect(chunk.refs).toEqual(holds.map((id) => units[id].ref));
    }
  });

  it('gives whole units back for a window that starts in the middle of a clause', () => {
    // "a12 a13 … a29\n1.2 b0": the end of 1.1 and the start of 1.2.
    const middle = chunks.find((c) => /^a\d+ /.test(c.text) && c.text.includes('\n1.2 b0'))!;
    expect(middle).toBeDefined();
    const clauses = resolveClauses([middle], units);
    expect(clauses.map((c) => c.ref)).toEqual(['1.1', '1.2']);
    expect(clauses.map((c) => c.text)).toEqual([units[0].text, units[1].text]);
  });

  it('checks spans strictly: a piece of another unit, or words out of order, is not a piece', () => {
    expect(isPieceOf('1.1 a0 a1', units[0])).toBe(true);
    expect(isPieceOf('a12 a13', units[0])).toBe(true);
    expect(isPieceOf('1.1 a5 a6', units[0])).toBe(true);
    expect(isPieceOf('1.2 a0', units[0])).toBe(false);
    expect(isPieceOf('a13 a12', units[0])).toBe(false);
    expect(isPieceOf('b0 b1', units[0])).toBe(false);
    expect(isPieceOf('', units[0])).toBe(false);
  });

  it('never records the section heading as a unit', () => {
    for (const chunk of chunks) {
      for (const span of chunk.spans) {
        expect(chunk.text.slice(span.start, span.end)).not.toMatch(/^(1 Ball|DEFINITIONS)/);
      }
    }
  });

  it('covers every unit, in document order', () => {
    expect(resolveClauses(chunks, units).map((c) => c.unit)).toEqual([0, 1, 2]);
  });
});

describe('chunks and clauses for any rulebook (property)', () => {
  const word = fc.stringMatching(/^[a-z]{1,8}[.,;]?$/);
  const text = fc.array(word, { minLength: 1, maxLength: 80 }).map((ws) => ws.join(' '));
  const title = fc.array(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
  const rulebook = fc
    .record({
      preface: fc.option(text, { nil: undefined }),
      sections: fc.array(fc.record({ title, clauses: fc.array(fc.record({ text, ruling: fc.boolean() }), { minLength: 1, maxLength: 6 }) }), {
        minLength: 1,
        maxLength: 5,
      }),
      definitions: fc.array(fc.record({ term: title, text }), { maxLength: 4 }),
    })
    .map(({ preface, sections, definitions }): RuleUnit[] => [
      ...(preface ? [{ kind: 'text' as const, ref: 'PREFACE', sectionTitle: 'PREFACE', text: preface, pages: [1] }] : []),
      ...sections.flatMap((s, i) =>
        s.clauses.map((c, j) => clause(`${i + 1}.${j + 1}`, s.title, c.ruling ? `${c.text}\nRuling = A Penalty.` : c.text, [i + 2])),
      ),
      ...definitions.map((d, i) => definition(d.term, d.text, `Definition: ${d.term}${i ? ` (${i + 1})` : ''}`)),
    ]);
  const settings = fc.record({
    strategy: fc.constantFrom('structured' as const, 'window' as const),
    maxTokens: fc.integer({ min: 8, max: 64 }),
    overlapTokens: fc.integer({ min: 0, max: 6 }),
  });

  it('resolves the chunks to exactly the units indexed, each once, in document order', () => {
    fc.assert(
      fc.property(rulebook, settings, (units, s) => {
        const chunks = chunkUnits(units, s, words);
        expect(resolveClauses(chunks, units).map((c) => c.unit)).toEqual(units.map((_, i) => i));
        expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
      }),
      { numRuns: 150 },
    );
  });

  it('records spans that point at the text of their own unit, and refs that match them', () => {
    fc.assert(
      fc.property(rulebook, settings, (units, s) => {
        for (const chunk of chunkUnits(units, s, words)) {
          expect(chunk.spans.length).toBeGreaterThan(0);
          expect(chunk.refs).toEqual(chunkUnitIds(chunk).map((id) => units[id].ref));
          let previousEnd = 0;
          for (const span of chunk.spans) {
            expect(span.start).toBeGreaterThanOrEqual(previousEnd);
            expect(span.end).toBeLessThanOrEqual(chunk.text.length);
            const spanText = chunk.text.slice(span.start, span.end);
            expect(isPieceOf(spanText, units[span.unit]), `${JSON.stringify(spanText)} in unit ${span.unit}`).toBe(true);
            previousEnd = span.end;
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('loses no word of any unit', () => {
    fc.assert(
      fc.property(rulebook, settings, (units, s) => {
        const seen = units.map(() => new Set<string>());
        for (const chunk of chunkUnits(units, s, words)) {
          for (const span of chunk.spans) splitWords(chunk.text.slice(span.start, span.end)).forEach((w) => seen[span.unit].add(w));
        }
        units.forEach((u, id) => {
          for (const w of splitWords(u.text)) expect(seen[id].has(w), `${w} of unit ${id}`).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('keeps every definition alone in its structured chunks, within the budget', () => {
    fc.assert(
      fc.property(rulebook, settings, (units, s) => {
        const structured: ChunkSettings = { ...s, strategy: 'structured' };
        for (const chunk of chunkUnits(units, structured, words)) {
          const ids = chunkUnitIds(chunk);
          const definitions = ids.filter((id) => units[id].kind === 'definition');
          if (definitions.length) expect(ids).toEqual(definitions.slice(0, 1));
          expect(new Set(ids.map((id) => `${units[id].sectionNumber}|${units[id].sectionTitle}`)).size).toBe(1);
          expect(chunk.tokenCount).toBeLessThanOrEqual(s.maxTokens);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('saidTerms', () => {
  const targets = [
    { means: [tokenize('without delay')], said: tokenize('time wasting dawdling') },
    { means: [tokenize('rollball')], said: tokenize('play the ball') },
  ];
  const sequences = ['A player must perform the Rollball without delay.', 'The Rollball is on the Mark.', 'No delay without cause.'].map((t) => tokenize(t));

  it("lends a unit the terms of each entry whose rulebook phrase it holds as a run, with the units that entry reaches", () => {
    const said = saidTerms(sequences, { targets });
    expect([...said[0].keys()].sort()).toEqual([...new Set([...tokenize('time wasting dawdling'), ...tokenize('play the ball')])].sort());
    expect(said[0].get(tokenize('dawdling')[0])).toBe(1);
    // "rollball" is in two units, so its entry's words say less about each.
    expect(said[0].get(tokenize('ball')[0])).toBe(2);
    expect(said[1].get(tokenize('ball')[0])).toBe(2);
    // "delay without": the phrase's words, not in its order, are no run of it.
    expect(said[2].size).toBe(0);
  });

  it('finds a phrase wherever its rarest word is, and lends nothing from an entry reaching more than MAX_SAID_UNITS units', () => {
    const common = Array.from({ length: MAX_SAID_UNITS + 1 }, (_, i) => tokenize(`Clause ${i}: a player retire line.`));
    const rare = [...common, tokenize('Only here a player retire without delay.')];
    const said = saidTerms(rare, { targets: [{ means: [tokenize('player retire')], said: tokenize('get back') }, { means: [tokenize('retire without delay')], said: tokenize('dawdling') }] });
    // "player retire" is in MAX_SAID_UNITS + 2 units: too common to lend "get back" to any.
    expect(said.every((terms) => !terms.has(tokenize('back')[0]))).toBe(true);
    // "retire without delay" starts with a common word but holds a rare one: found, in the last unit only.
    expect(said.map((terms) => terms.has(tokenize('dawdling')[0]))).toEqual([...common.map(() => false), true]);
  });
});

describe('conditionOf', () => {
  it.each([
    ['If a player in Possession is Touched while on or behind their Defending Try Line, the Touch counts.', ' a player in Possession is Touched while on or behind their Defending Try Line'],
    ['At the commencement of the Drop-Off, if there is a player serving time in the Sin Bin, their Team commences one less.', ' there is a player serving time in the Sin Bin'],
    ['Should neither Team be leading at the expiration of two (2) minutes, a signal is given.', ' neither Team be leading at the expiration of two (2) minutes'],
    ['In the case of a male player serving time in the Sin Bin, the Team starts with one male.', ' a male player serving time in the Sin Bin'],
    ['Where a Defending Team player is Offside at a Tap, the Referee allows advantage.', ' a Defending Team player is Offside at a Tap'],
  ])('reads the case %j opens with', (text, condition) => {
    expect(conditionOf(text)).toBe(condition);
  });

  it.each([
    'A player must perform the Rollball on the Mark.',
    'The Half may pass or run with the ball but cannot get Touched while in Possession of the ball.',
    // A condition further in is not what the clause opens with.
    'Players of the Defending Team must not move Forward of the Onside position until the Half has made contact with the ball, unless directed to do so by the Referee.',
  ])('finds none in %j', (text) => {
    expect(conditionOf(text)).toBeUndefined();
  });

  it("is kept per clause in the index, as terms, and never for a definition", () => {
    const index = buildClauseIndex([
      clause('10.9', 'The Touch', 'If a player is Touched behind their Defending Try Line, the Touch counts.'),
      clause('13.2', 'The Rollball', 'A player must perform the Rollball on the Mark.'),
      definition('Mark', 'If anything, the place of a Touch.'),
    ]);
    expect(index.conditionTerms[0]).toEqual(tokenize(' a player is Touched behind their Defending Try Line'));
    expect(index.conditionTerms[1]).toBeUndefined();
    expect(index.conditionTerms[2]).toBeUndefined();
  });
});
