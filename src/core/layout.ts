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

/** Groups one page's items into lines by baseline, top to bottom, each line left to right. */
export function groupIntoLines(page: number, items: TextItem[]): PositionedLine[] {
  const visible = items.filter((it) => it.str.length > 0 && it.height > 0);
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

/** Key under which a line counts as "the same" on every page: same height, digits normalised, case and spacing ignored. */
function edgeKey(line: PositionedLine): string {
  const text = line.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
  return `${Math.round(line.y / EDGE_POSITION_BUCKET)}|${text}`;
}

/**
 * Drops page-number lines at page edges, and lines that recur (same baseline, digits normalised) among
 * the top or bottom EDGE_LINE_COUNT lines of more than REPEAT_PAGE_SHARE of the pages. Needs at least
 * two pages for repetition; a lone page keeps everything but its page number.
 */
export function removeRunningLines(pages: PositionedLine[][]): PositionedLine[][] {
  const pagesWithKey = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set(edgeLines(lines).map(edgeKey));
    for (const key of keys) pagesWithKey.set(key, (pagesWithKey.get(key) ?? 0) + 1);
  }
  const minPages = Math.max(2, Math.floor(pages.length * REPEAT_PAGE_SHARE) + 1);
  return pages.map((lines) => {
    const edges = new Set(edgeLines(lines));
    return lines.filter((line) => {
      if (!edges.has(line)) return true;
      if (isPageNumberLine(line.text)) return false;
      return (pagesWithKey.get(edgeKey(line)) ?? 0) < minPages;
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
