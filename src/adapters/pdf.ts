// PDF adapter: reads a PDF's text items page by page with pdf.js and hands them to core layout recovery.
// Runs in the ingest worker (or Node); the pdf.js build is injected, since Node and browsers need different ones.
import { AppError, throwIfAborted, yieldToEventLoop } from '../core/errors';
import { buildPageLines } from '../core/layout';
import type { PageItems, TextItem } from '../core/layout';
import type { ExtractedDocument, Progress } from '../core/types';

type PdfJs = typeof import('pdfjs-dist');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

export interface PdfExtractorOptions {
  /** Where pdf.js finds its standard font data (Node needs a file path ending in "/"). */
  standardFontDataUrl?: string;
}

export interface ExtractOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface PdfExtractor {
  extract(bytes: Uint8Array, opts?: ExtractOptions): Promise<ExtractedDocument>;
}

/** The PDF header may follow a little junk, but must appear within the first 1024 bytes (PDF 1.7, H.3). */
const HEADER_SEARCH_BYTES = 1024;
/** A page with fewer visible characters than this is checked for images (a scan with a stray caption). */
const SPARSE_PAGE_CHARS = 20;
/** Pages requested from pdf.js before they are needed. */
const PAGES_AHEAD = 4;
/** Pages read between two yields to the event loop (where a cancel is noticed). */
const PAGES_PER_YIELD = 4;

export function createPdfExtractor(pdfjs: PdfJs, options: PdfExtractorOptions = {}): PdfExtractor {
  const imageOps = new Set(
    [
      pdfjs.OPS.paintImageXObject,
      pdfjs.OPS.paintInlineImageXObject,
      pdfjs.OPS.paintImageMaskXObject,
      pdfjs.OPS.paintImageXObjectRepeat,
      pdfjs.OPS.paintImageMaskXObjectRepeat,
      pdfjs.OPS.paintInlineImageXObjectGroup,
      pdfjs.OPS.paintImageMaskXObjectGroup,
      pdfjs.OPS.paintSolidColorImageMask,
    ].filter((op) => typeof op === 'number'),
  );

  async function extract(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<ExtractedDocument> {
    const { signal, onProgress } = opts;
    throwIfAborted(signal);
    if (!hasPdfHeader(bytes)) throw new AppError('not-pdf', 'no %PDF- header');

    // pdf.js may transfer (detach) the buffer it is given; the caller keeps its own bytes.
    const task = pdfjs.getDocument({
      data: bytes.slice(),
      standardFontDataUrl: options.standardFontDataUrl,
      isEvalSupported: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    });
    const onAbort = () => void task.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const doc = await task.promise.catch((error: unknown) => {
        throw toAppError(error, signal, 'open');
      });
      const pageCount = doc.numPages;
      if (pageCount === 0) throw new AppError('pdf-empty', 'the document has no pages');

      const pages: PageItems[] = [];
      let textChars = 0;
      let hasImages = false;
      const readPage = async (n: number) => {
        const page = await doc.getPage(n).catch((error: unknown) => {
          throw toAppError(error, signal, `page ${n}`);
        });
        const items = await readItems(page).catch((error: unknown) => {
          throw toAppError(error, signal, `text of page ${n}`);
        });
        return { page, items };
      };
      // A few pages are requested ahead, so pdf.js's worker never waits for this thread between pages.
      const inFlight = new Map<number, ReturnType<typeof readPage>>();
      const request = (n: number) => {
        if (n > pageCount || inFlight.has(n)) return;
        const pending = readPage(n);
        pending.catch(() => undefined);
        inFlight.set(n, pending);
      };
      for (let n = 1; n <= pageCount; n++) {
        for (let ahead = n; ahead < n + PAGES_AHEAD; ahead++) request(ahead);
        if (n % PAGES_PER_YIELD === 0) await yieldToEventLoop();
        throwIfAborted(signal);
        const { page, items } = await inFlight.get(n)!;
        inFlight.delete(n);
        const chars = items.reduce((sum, it) => sum + it.str.replace(/\s/g, '').length, 0);
        textChars += chars;
        if (!hasImages && chars < SPARSE_PAGE_CHARS) hasImages = await hasImageOps(page);
        page.cleanup();
        pages.push({ page: n, items });
        onProgress?.({ stage: 'parse', done: n, total: pageCount });
      }
      throwIfAborted(signal);

      const lines = buildPageLines(pages);
      if (lines.length === 0 || textChars === 0) {
        if (hasImages) throw new AppError('pdf-no-text', `${pageCount} page(s) with images but no text layer`);
        throw new AppError('pdf-empty', `${pageCount} page(s) with neither text nor images`);
      }
      const title = await readTitle(doc);
      return { pageCount, lines, ...(title ? { title } : {}) };
    } catch (error) {
      throw toAppError(error, signal, 'read');
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await task.destroy().catch(() => undefined);
    }
  }

  async function hasImageOps(page: PdfPage): Promise<boolean> {
    const list = await page.getOperatorList();
    return list.fnArray.some((op) => imageOps.has(op));
  }

  return { extract };
}

async function readItems(page: PdfPage): Promise<TextItem[]> {
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue; // marked-content markers carry no text
    items.push({
      str: item.str,
      x: item.transform[4],
      y: item.transform[5],
      width: item.width,
      height: item.height,
      hasEOL: item.hasEOL,
    });
  }
  return items;
}

async function readTitle(doc: PdfDocument): Promise<string | undefined> {
  try {
    const meta = await doc.getMetadata();
    const title = (meta.info as { Title?: unknown } | undefined)?.Title;
    if (typeof title !== 'string' || isPlaceholderTitle(title.trim())) return undefined;
    return title.trim();
  } catch {
    return undefined; // a broken info dictionary is no reason to reject the rulebook
  }
}

/** Titles that printing tools write when the document had none ("about:blank", "Untitled", "notes.docx"). */
function isPlaceholderTitle(title: string): boolean {
  return title === '' || /^(about:|https?:|file:)|^untitled\b|\.(docx?|pdf|html?|txt)$/i.test(title);
}

export function hasPdfHeader(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, HEADER_SEARCH_BYTES) - 5;
  for (let i = 0; i <= limit; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) {
      return true; // "%PDF-"
    }
  }
  return false;
}

/** pdf.js errors cross its worker boundary as plain objects, so they are told apart by name. */
function toAppError(error: unknown, signal: AbortSignal | undefined, during: string): AppError {
  if (error instanceof AppError) return error;
  if (signal?.aborted) return new AppError('cancelled');
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String((error as { message?: unknown } | null)?.message ?? error);
  if (name === 'PasswordException') return new AppError('pdf-password', message);
  return new AppError('pdf-corrupt', `${during}: ${String(name ?? 'Error')}: ${message}`);
}
