// Node integration: the sample rulebook PDF built by pdfkit, read back with the real pdf.js legacy build.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPdfExtractor, hasPdfHeader } from '../../src/adapters/pdf';
import { AppError } from '../../src/core/errors';
import type { ErrorCode } from '../../src/core/errors';
import type { ExtractedDocument, Progress } from '../../src/core/types';
import {
  FORCED_BREAKS,
  RUNNING_HEADER,
  buildEmptyPdf,
  buildPasswordPdf,
  buildRulebookPdf,
  buildScannedPdf,
  corruptPdfBytes,
  notPdfBytes,
} from '../fixtures/make-pdf';
import { SAMPLE_RULEBOOK, SAMPLE_RULEBOOK_TEXT } from '../fixtures/sample-rulebook';

const require = createRequire(import.meta.url);
const standardFontDataUrl = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';
const extractor = createPdfExtractor(pdfjs, { standardFontDataUrl });
const LEFT_MARGIN = 56; // make-pdf's MARGIN_X

interface RawLine {
  page: number;
  x: number;
  str: string;
}

/** Text items straight from pdf.js, to learn what the PDF really holds without the code under test. */
async function readRawItems(bytes: Uint8Array): Promise<{ pageCount: number; items: RawLine[] }> {
  const task = pdfjs.getDocument({ data: bytes.slice(), standardFontDataUrl });
  try {
    const doc = await task.promise;
    const items: RawLine[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const it of content.items) if ('str' in it && it.str) items.push({ page: n, x: it.transform[4], str: it.str });
    }
    return { pageCount: doc.numPages, items };
  } finally {
    await task.destroy();
  }
}

const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

describe('PDF extraction of the sample rulebook', () => {
  let bytes: Uint8Array;
  let raw: Awaited<ReturnType<typeof readRawItems>>;
  let doc: ExtractedDocument;
  const progress: Progress[] = [];

  beforeAll(async () => {
    bytes = await buildRulebookPdf();
    raw = await readRawItems(bytes);
    doc = await extractor.extract(bytes, { onProgress: (p) => progress.push(p) });
  });

  it('was laid out with a running header, page footers and words hyphenated at line ends', () => {
    expect(raw.pageCount).toBeGreaterThanOrEqual(3);
    expect(raw.items.filter((it) => it.str === RUNNING_HEADER)).toHaveLength(raw.pageCount);
    expect(raw.items.filter((it) => /^Page \d+ of \d+$/.test(it.str))).toHaveLength(raw.pageCount);
    const lineEnds = raw.items.map((it) => /(\p{L}+-)$/u.exec(it.str)?.[1]).filter(Boolean);
    for (const spec of FORCED_BREAKS) expect(lineEnds).toContain(`${spec.split('-')[0]}-`);
  });

  it('returns exactly the rulebook text: no headers, footers or page numbers, hyphenated words rejoined', () => {
    expect(wordsOf(doc.lines.map((l) => l.text).join(' '))).toEqual(wordsOf(SAMPLE_RULEBOOK_TEXT));
  });

  it('joins syllable breaks and keeps the hyphen of a capitalised compound', () => {
    const text = doc.lines.map((l) => l.text).join(' ');
    expect(text).toContain('usual procedure');
    expect(text).toContain('A substitute must');
    expect(text).toContain('An Interchange Area');
    expect(text).toContain('except during a Drop-Off.');
    expect(doc.lines.filter((l) => /\p{L}-$/u.test(l.text))).toEqual([]);
  });

  it('reports page count, title and per-page progress', () => {
    expect(doc.pageCount).toBe(raw.pageCount);
    expect(doc.title).toBe(SAMPLE_RULEBOOK.title);
    expect(progress).toEqual(
      Array.from({ length: raw.pageCount }, (_, i) => ({ stage: 'parse', done: i + 1, total: raw.pageCount })),
    );
  });

  it('starts each clause line with its number at the left margin, on the page where it is printed', () => {
    const clauses = SAMPLE_RULEBOOK.sections.flatMap((s) => s.clauses);
    for (const clause of clauses) {
      const found = doc.lines.filter((l) => l.text.startsWith(`${clause.number} ${wordsOf(clause.text)[0]}`));
      expect(found, clause.number).toHaveLength(1);
      expect(found[0].x).toBeCloseTo(LEFT_MARGIN, 0);
      const printedOn = raw.items.find((it) => it.str === clause.number && Math.abs(it.x - LEFT_MARGIN) < 1)?.page;
      expect(found[0].page, clause.number).toBe(printedOn);
    }
  });

  it('keeps pages in order and headings taller than body text', () => {
    const pages = doc.lines.map((l) => l.page);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(new Set(pages).size).toBe(raw.pageCount);
    const heading = doc.lines.find((l) => l.text === '8 Penalty');
    const body = doc.lines.find((l) => l.text.startsWith('8.1 '));
    expect(heading!.height).toBeGreaterThan(body!.height);
  });

  it('leaves the caller its bytes', () => {
    expect(bytes.byteLength).toBeGreaterThan(1000);
    expect(hasPdfHeader(bytes)).toBe(true);
  });
});

describe('PDF extraction failures', () => {
  const cases: { name: string; make: () => Promise<Uint8Array> | Uint8Array; code: ErrorCode }[] = [
    { name: 'a text file', make: notPdfBytes, code: 'not-pdf' },
    { name: 'zero bytes', make: () => new Uint8Array(0), code: 'not-pdf' },
    { name: 'a truncated, garbled PDF', make: corruptPdfBytes, code: 'pdf-corrupt' },
    { name: 'a password-protected PDF', make: buildPasswordPdf, code: 'pdf-password' },
    { name: 'a scanned PDF with no text layer', make: () => buildScannedPdf(), code: 'pdf-no-text' },
    { name: 'a blank page', make: buildEmptyPdf, code: 'pdf-empty' },
  ];
  it.each(cases)('$name → $code', async ({ make, code }) => {
    const error = await extractor.extract(await make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
  });

  it('stops with "cancelled" when the signal is aborted between pages', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await extractor
      .extract(await buildRulebookPdf(), {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.done);
          if (p.done === 1) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect((error as AppError).code).toBe('cancelled');
    expect(seen).toEqual([1]);
  });

  it('does not start on an already aborted signal', async () => {
    const error = await extractor.extract(await buildRulebookPdf(), { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('cancelled');
  });
});

describe('hasPdfHeader', () => {
  it.each([
    ['%PDF-1.7\n', true],
    ['\n\n%PDF-1.4 after a little junk', true],
    ['%PDF', false],
    ['PDF-1.7', false],
    ['Referee notes', false],
  ])('%j → %s', (text, expected) => {
    expect(hasPdfHeader(new TextEncoder().encode(text))).toBe(expected);
  });
});
