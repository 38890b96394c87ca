// Table tests for layout recovery: line grouping, running header/footer and page-number removal, hyphen joins.
import { describe, expect, it } from 'vitest';
import {
  buildPageLines,
  groupIntoLines,
  isPageNumberLine,
  joinHyphenatedLines,
  removeRunningLines,
} from '../../src/core/layout';
import type { PositionedLine, TextItem } from '../../src/core/layout';
import type { PageLine } from '../../src/core/types';

function item(str: string, x: number, y: number, opts: Partial<TextItem> = {}): TextItem {
  const height = opts.height ?? 10;
  return { str, x, y, width: opts.width ?? str.length * height * 0.5, height, hasEOL: false, ...opts };
}

function line(text: string, page = 1, x = 50, height = 10): PageLine {
  return { page, text, x, height };
}

/** Lines of one page from top to bottom, 14 units apart. */
function pageLines(page: number, lines: string[], top = 800): PositionedLine[] {
  return lines.map((text, i) => ({ page, text, x: 50, height: 10, y: top - 14 * i }));
}

const texts = (lines: PageLine[]) => lines.map((l) => l.text);

describe('groupIntoLines', () => {
  const cases: { name: string; items: TextItem[]; expected: string[] }[] = [
    {
      name: 'orders lines top to bottom whatever the stream order',
      items: [item('second', 50, 680), item('first', 50, 700), item('third', 50, 660)],
      expected: ['first', 'second', 'third'],
    },
    {
      name: 'joins items on one baseline left to right with a space for a word gap',
      items: [item('clause text', 100, 700, { width: 55 }), item('8.2', 50, 700, { width: 15 })],
      expected: ['8.2 clause text'],
    },
    {
      name: 'tolerates a small baseline shift (mixed fonts) but not a new line',
      items: [item('Term:', 50, 700, { width: 25 }), item('meaning', 78, 701.5, { width: 35 }), item('next', 50, 688)],
      expected: ['Term: meaning', 'next'],
    },
    {
      name: 'adds no space inside a word split into pieces (ligatures)',
      items: [item('o', 50, 700, { width: 5 }), item('ff', 55, 700, { width: 5 }), item('ered', 60, 700, { width: 20 })],
      expected: ['offered'],
    },
    {
      name: 'does not double a space already in the text',
      items: [item('ten ', 50, 700, { width: 20 }), item('(10)', 73, 700, { width: 20 })],
      expected: ['ten (10)'],
    },
    {
      name: 'ignores empty and zero-height items',
      items: [item('', 50, 700, { height: 0, width: 0 }), item('kept', 50, 700), item(' ', 50, 650, { height: 0 })],
      expected: ['kept'],
    },
  ];
  it.each(cases)('$name', ({ items, expected }) => {
    expect(texts(groupIntoLines(1, items))).toEqual(expected);
  });

  it('keeps the left edge and the tallest font height of each line', () => {
    const [heading, body] = groupIntoLines(3, [
      item('8 Penalty', 56, 700, { height: 13 }),
      item('8.1', 56, 680),
      item('text', 100, 680),
    ]);
    expect(heading).toMatchObject({ page: 3, x: 56, height: 13 });
    expect(body).toMatchObject({ page: 3, x: 56, height: 10, text: '8.1 text' });
  });
});

describe('isPageNumberLine', () => {
  it.each([
    ['3', true],
    ['Page 3 of 17', true],
    ['page 12', true],
    ['- 3 -', true],
    ['— 14 —', true],
    ['3 / 17', true],
    ['8 Penalty', false],
    ['8.2', false],
    ['Ruling = A Penalty', false],
  ])('%s → %s', (text, expected) => {
    expect(isPageNumberLine(text)).toBe(expected);
  });
});

describe('removeRunningLines', () => {
  const HEADER = 'Sample Rules — Edition 1';
  const WORDS = ['', 'Tap', 'Mark', 'Rollball', 'Penalty'];
  const bodyOf = (n: number) => [`${n}.1 about the ${WORDS[n]}`, `more on the ${WORDS[n]}`, `Ruling = ${WORDS[n]} again`];

  it('drops a header and a numbered footer that recur on most pages', () => {
    const pages = [1, 2, 3, 4].map((n) => [
      ...pageLines(n, [HEADER, ...bodyOf(n)]),
      { page: n, text: `Page ${n} of 4`, x: 270 + n, height: 8, y: 40 },
    ]);
    expect(texts(removeRunningLines(pages).flat())).toEqual([1, 2, 3, 4].flatMap(bodyOf));
  });

  it('drops bare page numbers even on a single page', () => {
    expect(texts(removeRunningLines([pageLines(1, ['Title', '1.1 text', '- 1 -'])]).flat())).toEqual(['Title', '1.1 text']);
  });

  it('keeps a header that appears on a minority of pages', () => {
    const pages = [1, 2, 3, 4].map((n) => pageLines(n, [...(n === 1 ? [HEADER] : []), ...bodyOf(n), 'e', 'f']));
    expect(texts(removeRunningLines(pages)[0])).toContain(HEADER);
  });

  it('keeps a recurring edge line that moves around the page (body text, not a running line)', () => {
    const ruling = 'Ruling = A Penalty to the Defending Team at the Mark.';
    const pages = [1, 2, 3].map((n) => pageLines(n, [ruling, ...bodyOf(n), 'x', 'y'], 800 - 30 * n));
    expect(texts(removeRunningLines(pages).flat()).filter((t) => t === ruling)).toHaveLength(3);
  });

  it('keeps repeated lines that sit mid-page, not at an edge', () => {
    const ruling = 'Ruling = A Penalty to the Defending Team at the Mark.';
    const pages = [1, 2, 3].map((n) => pageLines(n, ['x one', 'x two', ruling, 'x three', 'x four']));
    expect(texts(removeRunningLines(pages).flat()).filter((t) => t === ruling)).toHaveLength(3);
  });

  it('keeps a lone number that is not at a page edge', () => {
    expect(texts(removeRunningLines([pageLines(1, ['a', 'b', '42', 'c', 'd'])]).flat())).toContain('42');
  });
});

describe('joinHyphenatedLines', () => {
  const cases: { name: string; input: string[]; expected: string[] }[] = [
    { name: 'joins a word split at a syllable', input: ['the usual proce-', 'dure applies.'], expected: ['the usual procedure', 'applies.'] },
    { name: 'keeps a capitalised compound', input: ['except during a Drop-', 'Off period.'], expected: ['except during a Drop-Off', 'period.'] },
    { name: 'keeps In-Goal', input: ['the In-', 'Goal Area'], expected: ['the In-Goal', 'Area'] },
    { name: 'moves trailing punctuation with the word', input: ['in the Inter-', 'change. Next'], expected: ['in the Interchange.', 'Next'] },
    { name: 'removes a line left empty', input: ['a Roll-', 'ball', '6.4 next'], expected: ['a Rollball', '6.4 next'] },
    { name: 'keeps a doubled-vowel prefix', input: ['before re-', 'entering play'], expected: ['before re-entering', 'play'] },
    { name: 'keeps a compound the document prints whole elsewhere', input: ['a well-known rule', 'is well-', 'known'], expected: ['a well-known rule', 'is well-known'] },
    { name: 'drops a soft hyphen', input: ['substi\u00AD', 'tute'], expected: ['substitute'] },
    { name: 'leaves a dash between words alone', input: ['ten metres -', 'then play'], expected: ['ten metres -', 'then play'] },
    { name: 'leaves a line followed by a clause number alone', input: ['Pre-', '8.2 At a Penalty'], expected: ['Pre-', '8.2 At a Penalty'] },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(texts(joinHyphenatedLines(input.map((t) => line(t))))).toEqual(expected);
  });

  it('joins across a page break and keeps each line on its own page', () => {
    const out = joinHyphenatedLines([line('the substi-', 4), line('tute waits', 5)]);
    expect(out).toEqual([line('the substitute', 4), line('waits', 5)]);
  });

  it('does not change its input', () => {
    const input = [line('proce-'), line('dure')];
    joinHyphenatedLines(input);
    expect(texts(input)).toEqual(['proce-', 'dure']);
  });
});

describe('buildPageLines', () => {
  it('runs grouping, header/footer removal and hyphen joins together', () => {
    const pages = [1, 2, 3].map((n) => ({
      page: n,
      items: [
        item('Sample Rules — Edition 1', 56, 800, { height: 8 }),
        item(`${n}.1`, 56, 700),
        item(n === 2 ? 'the proce-' : `text of ${'abc'[n - 1]}`, 100, 700),
        item(n === 2 ? 'dure ends here' : `more of ${'abc'[n - 1]}`, 100, 686),
        item(`${n}`, 290, 40, { height: 8 }),
      ],
    }));
    expect(buildPageLines(pages)).toEqual([
      { page: 1, text: '1.1 text of a', x: 56, height: 10 },
      { page: 1, text: 'more of a', x: 100, height: 10 },
      { page: 2, text: '2.1 the procedure', x: 56, height: 10 },
      { page: 2, text: 'ends here', x: 100, height: 10 },
      { page: 3, text: '3.1 text of c', x: 56, height: 10 },
      { page: 3, text: 'more of c', x: 100, height: 10 },
    ]);
  });
});
