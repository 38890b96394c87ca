// Layout recovery: positioned text items of PDF pages in, clean lines in reading order out
// (running headers/footers and page numbers dropped, hyphenated words joined). Pure; any thread.
import type { PageLine } from './types';

/** One positioned text run, as pdf.js reports it (x, y = baseline origin in PDF units, y grows upwards). */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

/** A line plus its baseline, which tells a running header (same place on every page) from body text. */
export interface PositionedLine extends PageLine {
  y: number;
}

export interface PageItems {
  page: number; // 1-based
  items: TextItem[];
}

/** Items whose baselines differ by less than this share of the font height are on one line. */
const BASELINE_TOLERANCE_RATIO = 0.45;
/** A horizontal gap wider than this share of the font height is a space (a space is ~0.25 em). */
const SPACE_GAP_RATIO = 0.12;
/** How many lines at the top and at the bottom of a page may be running headers or footers. */
const EDGE_LINE_COUNT = 2;
/** Running lines sit at the same height on every page; baselines are compared in buckets this tall. */
const EDGE_POSITION_BUCKET = 2;
/** A line this much taller than body text is a heading. */
const HEADING_HEIGHT_RATIO = 1.15;
/** A line is a running header/footer when it recurs at a page edge on more than this share of pages. */
const REPEAT_PAGE_SHARE = 0.5;

const PAGE_NUMBER_PATTERNS = [
  /^(page|p\.)?\s*\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i, // "3", "Page 3", "Page 3 of 17", "3 / 17"
  /^[-–—]\s*\d{1,4}\s*[-–—]$/, // "- 3 -"
];

export function isPageNumberLine(text: string): boolean {
  const t = text.trim();
  return PAGE_NUMBER_PATTERNS.some((re) => re.test(t));
}

/** Full pipeline: lines per page, running headers/footers and page numbers removed, hyphens joined. */
export function buildPageLines(pages: PageItems[]): PageLine[] {
  const perPage = pages.map((p) => groupIntoLines(p.page, p.items));
  const cleaned = removeRunningLines(perPage).flat();
  return joinHyphenatedLines(cleaned.map(({ page, text, x, height }) => ({ page, text, x, height })));
}

/** A gap this many font heights wide, crossed by (almost) no text, may be the gutter between two columns. */
const MIN_GUTTER_HEIGHTS = 1.5;
/** The left column of a two-column page spans at least this share of the text's width (a number column does not). */
const MIN_COLUMN_SHARE = 0.3;
/** On a page with at least this many items, one (a full-width title) may cross the gutter. */
const MIN_ITEMS_FOR_CROSSING = 20;

/**
 * Groups one page's items into lines in reading order: a two-column page column by column (full-width lines
 * above and below the columns where they stand), each column top to bottom, each line left to right.
 */
export function groupIntoLines(page: number, items: TextItem[]): PositionedLine[] {
  const visible = items.filter((it) => it.str.length > 0 && it.height > 0);
  const { head, body, foot } = splitEdgeBands(visible);
  const gutter = findGutter(body);
  if (gutter === undefined) return groupRows(page, visible);
  const crosses = (it: TextItem) => it.x < gutter && it.x + it.width > gutter;
  const left = body.filter((it) => !crosses(it) && it.x + it.width <= gutter);
  const right = body.filter((it) => !crosses(it) && it.x >= gutter);
  const spanning = body.filter(crosses);
  const top = Math.max(...[...left, ...right].map((it) => it.y));
  const above = spanning.filter((it) => it.y > top);
  const below = spanning.filter((it) => it.y <= top);
  // The right column's lines get the left column's x frame, so indentation reads the same in both.
  const shift = commonStart(right) - commonStart(left);
  const rightLines = groupRows(page, right).map((line) => ({ ...line, x: line.x - shift }));
  return [
    ...groupRows(page, [...head, ...above]),
    ...groupRows(page, [...left, ...below]),
    ...rightLines,
    ...groupRows(page, foot),
  ];
}

/** Lines this many body heights clear of the text are a page's header or footer band. */
const EDGE_GAP_HEIGHTS = 2.5;

/**
 * A running header or footer stands apart from the text (vertically); it is left out of the column split so
 * that it stays at its page edge in reading order, where running lines are looked for.
 */
function splitEdgeBands(items: TextItem[]): { head: TextItem[]; body: TextItem[]; foot: TextItem[] } {
  if (items.length < 4) return { head: [], body: items, foot: [] };
  const body = [...items.map((it) => it.height)].sort((a, b) => a - b)[Math.floor(items.length / 2)];
  const ys = [...new Set(items.map((it) => it.y))].sort((a, b) => b - a);
  const gap = EDGE_GAP_HEIGHTS * body;
  let headEnd = 0;
  while (headEnd < Math.min(EDGE_LINE_COUNT, ys.length - 1) && ys[headEnd] - ys[headEnd + 1] > gap) headEnd++;
  let footStart = ys.length;
  while (footStart > Math.max(ys.length - EDGE_LINE_COUNT, headEnd + 1) && ys[footStart - 2] - ys[footStart - 1] > gap) footStart--;
  const headY = new Set(ys.slice(0, headEnd));
  const footY = new Set(ys.slice(footStart));
  return {
    head: items.filter((it) => headY.has(it.y)),
    body: items.filter((it) => !headY.has(it.y) && !footY.has(it.y)),
    foot: items.filter((it) => footY.has(it.y)),
  };
}

/**
 * The x of a gutter between two columns of text, or undefined for a one-column page: the widest vertical band
 * that (almost) no text covers, with enough text on either side to be a column.
 */
function findGutter(items: TextItem[]): number | undefined {
  if (items.length < 4) return undefined;
  const minX = Math.min(...items.map((it) => it.x));
  const maxX = Math.max(...items.map((it) => it.x + it.width));
  const span = maxX - minX;
  const body = [...items.map((it) => it.height)].sort((a, b) => a - b)[Math.floor(items.length / 2)];
  // A full-width title may cross the gutter; a band crossed by nothing wins over one crossed by a title.
  const maxCover = items.length >= MIN_ITEMS_FOR_CROSSING ? 1 : 0;
  const edges = [...new Set(items.flatMap((it) => [it.x, it.x + it.width]))].sort((a, b) => a - b);
  type Band = { start: number; end: number; cover: number };
  const better = (a: Band, b: Band | undefined) =>
    !b || a.cover < b.cover || (a.cover === b.cover && a.end - a.start > b.end - b.start);
  let best: Band | undefined;
  let band: Band | undefined;
  for (let k = 0; k < edges.length - 1; k++) {
    const mid = (edges[k] + edges[k + 1]) / 2;
    const cover = items.filter((it) => it.x < mid && it.x + it.width > mid).length;
    if (cover > maxCover) {
      band = undefined;
      continue;
    }
    band = band
      ? { start: band.start, end: edges[k + 1], cover: Math.max(band.cover, cover) }
      : { start: edges[k], end: edges[k + 1], cover };
    if (band.end - band.start >= MIN_GUTTER_HEIGHTS * body && better(band, best)) best = { ...band };
  }
  if (!best || best.end - best.start < MIN_GUTTER_HEIGHTS * body) return undefined;
  const x = (best.start + best.end) / 2;
  // The left column is wide (a column of clause numbers is not); the right one may hold a single short line.
  if (x - minX < MIN_COLUMN_SHARE * span) return undefined;
  const leftCount = items.filter((it) => it.x + it.width <= x).length;
  const rightCount = items.filter((it) => it.x >= x).length;
  return Math.min(leftCount, rightCount) >= 1 ? x : undefined;
}

/** The x most lines of a column start at (their text margin), so both columns' indents can be compared. */
function commonStart(items: TextItem[]): number {
  const counts = new Map<number, number>();
  for (const it of items) counts.set(Math.round(it.x), (counts.get(Math.round(it.x)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

function groupRows(page: number, visible: TextItem[]): PositionedLine[] {
  // Top to bottom, then left to right; the content stream's order is not reading order.
  const sorted = [...visible].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: { y: number; height: number; items: TextItem[] }[] = [];
  for (const item of sorted) {
    const row = rows.find(
      (r) => Math.abs(r.y - item.y) <= BASELINE_TOLERANCE_RATIO * Math.max(r.height, item.height),
    );
    if (row) {
      row.items.push(item);
      row.height = Math.max(row.height, item.height);
    } else {
      rows.push({ y: item.y, height: item.height, items: [item] });
    }
  }
  rows.sort((a, b) => b.y - a.y);
  const lines: PositionedLine[] = [];
  for (const row of rows) {
    const line = joinRow(page, row.items);
    if (line.text.length > 0) lines.push({ ...line, y: row.y });
  }
  return lines;
}

function joinRow(page: number, items: TextItem[]): PageLine {
  const byX = [...items].sort((a, b) => a.x - b.x);
  let text = '';
  let prevEnd = Number.NEGATIVE_INFINITY;
  let x = Number.NaN;
  let height = 0;
  for (const item of byX) {
    const gap = item.x - prevEnd;
    if (text.length > 0 && gap > SPACE_GAP_RATIO * item.height && !/\s$/.test(text) && !/^\s/.test(item.str)) {
      text += ' ';
    }
    text += item.str;
    prevEnd = Math.max(prevEnd, item.x + item.width);
    if (Number.isNaN(x) && item.str.trim().length > 0) x = item.x;
    if (item.str.trim().length > 0) height = Math.max(height, item.height);
  }
  return { page, text: text.replace(/\s+/g, ' ').trim(), x: Number.isNaN(x) ? 0 : x, height };
}

/**
 * Key under which a line counts as "the same" on every page: same height, digits normalised, case and spacing
 * ignored. A heading (taller than body text) keeps its digits: "1 Field" and "2 Field" opening two pages are
 * two sections, not a running header.
 */
function edgeKey(line: PositionedLine, bodyHeight: number): string {
  const isHeading = line.height > bodyHeight * HEADING_HEIGHT_RATIO;
  const text = (isHeading ? line.text : line.text.replace(/\d+/g, '#')).toLowerCase().replace(/\s+/g, ' ').trim();
  return `${Math.round(line.y / EDGE_POSITION_BUCKET)}|${text}`;
}

/**
 * Drops page-number lines at page edges, and lines that recur (same baseline, digits normalised) among
 * the top or bottom EDGE_LINE_COUNT lines of more than REPEAT_PAGE_SHARE of the pages. Needs at least
 * two pages for repetition; a lone page keeps everything but its page number.
 */
export function removeRunningLines(pages: PositionedLine[][]): PositionedLine[][] {
  const heights = pages.flat().map((l) => l.height).sort((a, b) => a - b);
  const bodyHeight = heights[Math.floor(heights.length / 2)] ?? 0;
  const key = (line: PositionedLine) => edgeKey(line, bodyHeight);
  const pagesWithKey = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set(edgeLines(lines).map(key));
    for (const key of keys) pagesWithKey.set(key, (pagesWithKey.get(key) ?? 0) + 1);
  }
  const minPages = Math.max(2, Math.floor(pages.length * REPEAT_PAGE_SHARE) + 1);
  return pages.map((lines) => {
    const edges = new Set(edgeLines(lines));
    return lines.filter((line) => {
      if (!edges.has(line)) return true;
      if (isPageNumberLine(line.text)) return false;
      return (pagesWithKey.get(key(line)) ?? 0) < minPages;
    });
  });
}

function edgeLines(lines: PositionedLine[]): PositionedLine[] {
  if (lines.length <= 2 * EDGE_LINE_COUNT) return lines;
  return [...lines.slice(0, EDGE_LINE_COUNT), ...lines.slice(-EDGE_LINE_COUNT)];
}

/**
 * Joins words broken across lines. When a line ends in letters + "-" and the next line starts with a
 * letter, the next line's first word moves up. The hyphen is dropped ("proce-" + "dure" → "procedure")
 * when the next word starts lowercase, and kept when it starts uppercase, because the capital marks a
 * real compound in rulebooks ("Drop-" + "Off" → "Drop-Off", "In-" + "Goal"). A lowercase pair that the
 * document also prints whole with a hyphen elsewhere ("well-known") keeps its hyphen, and so does a
 * pair that would double a vowel ("re-" + "entering", "co-" + "operate"), which English spells with the
 * hyphen. A soft hyphen (U+00AD) is always dropped. Known miss: a lowercase compound printed only once,
 * split at its hyphen ("six-" + "metre"), loses its hyphen.
 */
export function joinHyphenatedLines(lines: PageLine[]): PageLine[] {
  const compounds = collectHyphenatedWords(lines);
  const out: PageLine[] = lines.map((l) => ({ ...l }));
  for (let i = 0; i < out.length - 1; i++) {
    const line = out[i];
    const next = out[i + 1];
    const end = /(\p{L}+)([-\u00AD])$/u.exec(line.text);
    const start = /^(\p{L}[\p{L}\p{M}'’]*)([,.;:!?)]*)(\s+|$)/u.exec(next.text);
    if (!end || !start) continue;
    const [, head, mark] = end;
    const [whole, tail, punct] = start;
    const isSoft = mark === '\u00AD';
    const keepHyphen =
      !isSoft &&
      (/^\p{Lu}/u.test(tail) || isDoubledVowel(head, tail) || compounds.has(`${head}-${tail}`.toLowerCase()));
    line.text = line.text.slice(0, -1) + (keepHyphen ? '-' : '') + tail + punct;
    next.text = next.text.slice(whole.length).trim();
  }
  return out.filter((l) => l.text.length > 0);
}

function isDoubledVowel(head: string, tail: string): boolean {
  const last = head.slice(-1).toLowerCase();
  return 'aeiou'.includes(last) && tail[0].toLowerCase() === last;
}

function collectHyphenatedWords(lines: PageLine[]): Set<string> {
  const found = new Set<string>();
  for (const line of lines) {
    for (const m of line.text.matchAll(/\p{L}+-\p{L}+/gu)) found.add(m[0].toLowerCase());
  }
  return found;
}
