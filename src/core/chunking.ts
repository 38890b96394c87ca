// Chunking: rule units in, embeddable chunks out, either following the structure (whole clauses packed
// per section) or as the study's fixed token windows. Pure; runs in the rulebook worker and in Node.

import { splitWords } from './text';
import type { Chunk, ChunkSettings, RuleUnit, TokenCounter } from './types';

/**
 * Pitchside's default: whole clauses, at most 128 tokens with the section title. A typical FIT clause is
 * 20-60 tokens, so a chunk holds one to four neighbouring clauses; 128 stays well inside every registry
 * model's 512-token window, and short chunks keep mean-pooled vectors specific to the clause.
 */
export const DEFAULT_CHUNKING: ChunkSettings = { strategy: 'structured', maxTokens: 128, overlapTokens: 24 };

/** The study's retriever: 100-token windows, 50 tokens overlap, no structure. */
export const STUDY_CHUNKING: ChunkSettings = { strategy: 'window', maxTokens: 100, overlapTokens: 50 };

/**
 * Bumped when the same settings would lay chunks out differently (2: definitions stand alone and chunks
 * carry their units' spans), so indexes built the old way are rebuilt from their stored units.
 */
export const CHUNK_LAYOUT_VERSION = 2;

export function chunkSettingsKey(settings: ChunkSettings): string {
  return `${settings.strategy}-${settings.maxTokens}-${settings.overlapTokens}-v${CHUNK_LAYOUT_VERSION}`;
}

/** The label a unit starts with in chunk text: "15.2", "Advantage:", nothing for front-matter text. */
export function unitLabel(unit: RuleUnit): string {
  if (unit.kind === 'clause') return unit.number ?? unit.ref;
  if (unit.kind === 'definition') return `${unit.term ?? unit.ref}:`;
  return '';
}

export function labelledUnitText(unit: RuleUnit): string {
  const label = unitLabel(unit);
  return label ? `${label} ${unit.text}` : unit.text;
}

/** The heading line put once at the top of a chunk: "15 Offside", "DEFINITIONS AND TERMINOLOGY", "PREFACE". */
export function sectionHeading(unit: RuleUnit): string {
  const { sectionNumber, sectionTitle } = unit;
  if (!sectionNumber || sectionTitle === `Rule ${sectionNumber}`) return sectionTitle;
  return `${sectionNumber} ${sectionTitle}`;
}

/**
 * Splits units into chunks. Every token count, section heading included, goes through `counter`, and
 * `maxTokens` bounds the whole chunk text as embedded (heading included), because that is what the model
 * truncates. A single word longer than the budget still forms a chunk of its own. Each chunk records the
 * units it holds and their character spans, so later stages never parse chunk text back.
 */
export function chunkUnits(units: readonly RuleUnit[], settings: ChunkSettings, counter: TokenCounter): Chunk[] {
  const ids = new Map(units.map((u, i) => [u, i]));
  const pieces = settings.strategy === 'window' ? windowPieces(units, settings, counter) : structuredPieces(units, settings, counter);
  return pieces.map((piece, index) => {
    const covered = [...new Set(piece.spans.map((s) => s.unit))];
    const pages = [...new Set(covered.flatMap((u) => u.pages))].sort((a, b) => a - b);
    return {
      index,
      refs: covered.map((u) => u.ref),
      spans: piece.spans.map((s) => ({ unit: ids.get(s.unit)!, start: s.start, end: s.end })),
      sectionNumber: covered[0]?.sectionNumber,
      sectionTitle: covered[0]?.sectionTitle ?? '',
      text: piece.text,
      pages,
      tokenCount: counter.countTokens(piece.text),
    };
  });
}

interface PieceSpan {
  unit: RuleUnit;
  start: number;
  end: number;
}

interface Piece {
  text: string;
  spans: PieceSpan[];
}

/** Joins a heading and unit texts into chunk text, recording where each unit's text lands. */
function renderPiece(heading: string, parts: readonly { unit: RuleUnit; text: string }[]): Piece {
  let text = heading;
  const spans: PieceSpan[] = [];
  for (const part of parts) {
    if (text) text += '\n';
    spans.push({ unit: part.unit, start: text.length, end: text.length + part.text.length });
    text += part.text;
  }
  return { text, spans };
}

function structuredPieces(units: readonly RuleUnit[], settings: ChunkSettings, counter: TokenCounter): Piece[] {
  const pieces: Piece[] = [];
  // Counting the whole packed text again for every unit added made chunking quadratic in a section's length
  // (3.6 s of a 534-page book's 10 s). The parts' own counts, plus one token per line break, bound the
  // packed text's count from above for whitespace-splitting tokenizers (WordPiece, Metaspace, word counts),
  // so only a chunk close to the budget is counted whole.
  const countOf = (text: string) => counter.countTokens(text);
  for (const group of groupBySection(units)) {
    const heading = sectionHeading(group[0]);
    const headingTokens = heading ? countOf(heading) : 0;
    const render = (list: readonly RuleUnit[]) => renderPiece(heading, list.map((unit) => ({ unit, text: labelledUnitText(unit) })));
    const fits = (list: readonly RuleUnit[], bound: number) =>
      bound + list.length <= settings.maxTokens || countOf(render(list).text) <= settings.maxTokens;
    let packed: RuleUnit[] = [];
    let packedBound = headingTokens;
    const flush = (): void => {
      if (packed.length) pieces.push(render(packed));
      packed = [];
      packedBound = headingTokens;
    };
    for (const unit of group) {
      const unitTokens = countOf(labelledUnitText(unit));
      // A definition is a unit of its own: a chunk of several definitions matches every question a little.
      const standsAlone = unit.kind === 'definition' || packed.some((u) => u.kind === 'definition');
      if (!standsAlone && fits([...packed, unit], packedBound + unitTokens)) {
        packed.push(unit);
        packedBound += unitTokens;
        continue;
      }
      flush();
      if (fits([unit], headingTokens + unitTokens)) {
        packed = [unit];
        packedBound += unitTokens;
        continue;
      }
      const label = unitLabel(unit);
      const words = splitWords(unit.text);
      const renderRange = (start: number, end: number): Piece =>
        renderPiece(heading, [{ unit, text: [label, ...words.slice(start, end)].filter(Boolean).join(' ') }]);
      for (const [start, end] of splitRange(words, (s, e) => renderRange(s, e).text, settings, counter, true)) {
        pieces.push(renderRange(start, end));
      }
    }
    flush();
  }
  return pieces;
}

/** Consecutive units of one section; a glossary is a section of its own. */
function groupBySection(units: readonly RuleUnit[]): RuleUnit[][] {
  const groups: RuleUnit[][] = [];
  let key: string | undefined;
  for (const unit of units) {
    const unitKey = `${unit.sectionNumber ?? ''}|${unit.sectionTitle}`;
    if (unitKey !== key || groups.length === 0) groups.push([]);
    groups[groups.length - 1].push(unit);
    key = unitKey;
  }
  return groups;
}

/**
 * Word ranges [start, end) covering `words`, each rendering within the budget, ending on a sentence
 * end when one falls in the second half of the range (when asked), consecutive ranges sharing about
 * overlapTokens tokens of words.
 */
function splitRange(
  words: readonly string[],
  render: (start: number, end: number) => string,
  settings: ChunkSettings,
  counter: TokenCounter,
  preferSentenceEnds: boolean,
): [number, number][] {
  const ranges: [number, number][] = [];
  // Heading, label and special tokens repeat in every piece, so the overlap counts words only.
  const fixedTokens = counter.countTokens(render(0, 0));
  let start = 0;
  while (start < words.length) {
    let end = largestFit(start + 1, words.length, (e) => counter.countTokens(render(start, e)) <= settings.maxTokens);
    if (preferSentenceEnds && end < words.length) {
      for (let e = end; e > start + (end - start) / 2; e--) {
        if (/[.!?;:]["')]?$/.test(words[e - 1])) {
          end = e;
          break;
        }
      }
    }
    ranges.push([start, end]);
    if (end >= words.length) break;
    const overlapStart = smallestFit(start + 1, end, (s) => counter.countTokens(render(s, end)) <= settings.overlapTokens + fixedTokens);
    start = Math.max(start + 1, overlapStart);
  }
  return ranges;
}

/** Largest e in [low, high] with fits(e), assuming fits is monotone decreasing; `low` when none fits. */
function largestFit(low: number, high: number, fits: (e: number) => boolean): number {
  let lo = low;
  let hi = high;
  if (!fits(lo)) return lo;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Smallest s in [low, high] with fits(s), assuming fits is monotone increasing; `high` when none fits. */
function smallestFit(low: number, high: number, fits: (s: number) => boolean): number {
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface WindowWord {
  word: string;
  unit: RuleUnit | undefined;
  breakBefore: boolean;
}

/** The study's windows over the plain text; a chunk still records the units whose words it holds. */
function windowPieces(units: readonly RuleUnit[], settings: ChunkSettings, counter: TokenCounter): Piece[] {
  const stream: WindowWord[] = [];
  let heading: string | undefined;
  for (const unit of units) {
    const unitHeading = sectionHeading(unit);
    if (unitHeading !== heading) {
      splitWords(unitHeading).forEach((word, i) => stream.push({ word, unit: undefined, breakBefore: i === 0 }));
      heading = unitHeading;
    }
    splitWords(labelledUnitText(unit)).forEach((word, i) => stream.push({ word, unit, breakBefore: i === 0 }));
  }
  const render = (start: number, end: number): Piece => {
    let text = '';
    const spans: PieceSpan[] = [];
    stream.slice(start, end).forEach((w, i) => {
      if (i > 0) text += w.breakBefore ? '\n' : ' ';
      const last = spans[spans.length - 1];
      if (w.unit && last?.unit === w.unit) last.end = text.length + w.word.length;
      else if (w.unit) spans.push({ unit: w.unit, start: text.length, end: text.length + w.word.length });
      text += w.word;
    });
    return { text, spans };
  };
  const words = stream.map((w) => w.word);
  return splitRange(words, (s, e) => render(s, e).text, settings, counter, false).map(([start, end]) => render(start, end));
}
