// On-device store: rulebooks, their indexes (units, chunks, Float32Array vectors), recent questions
// and settings, in IndexedDB via idb. Thin: no retrieval logic. Runs in the rulebook worker.

import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { AppError } from '../core/errors';
import { indexKey } from '../core/index-key';
import type { RulebookStore } from '../core/ports';
import { estimateIndexBytes } from '../core/storage-use';
import type { Rulebook, StoredIndex } from '../core/types';
import { DEFAULT_DB_NAME, openDatabase, type IndexInfo, type PitchsideDB } from './store-schema';

export { DB_VERSION, type IndexInfo } from './store-schema';

export const MAX_RECENT_QUESTIONS = 20;

export interface StoreOptions {
  name?: string;
  /** Defaults to the global indexedDB. */
  indexedDB?: IDBFactory;
  /**
   * The connection was closed under us: 'version-change' when another tab opened a newer version
   * (we close at once so its upgrade is not blocked; this tab should offer a reload), 'terminated'
   * when the browser dropped it. Every later call rejects with 'storage-failed'.
   */
  onClose?: (reason: 'version-change' | 'terminated') => void;
  /** An older tab keeps the database open; opening waits until it closes. */
  onBlocked?: () => void;
}

export interface Store extends RulebookStore {
  /** Metadata only; never reads vectors, chunks or units. Newest first. */
  listIndexes(hash: string): Promise<IndexInfo[]>;
  getSetting<T>(key: string): Promise<T | undefined>;
  setSetting(key: string, value: unknown): Promise<void>;
  close(): void;
}

type StoreName = StoreNames<PitchsideDB>;
type WriteTx = IDBPTransaction<PitchsideDB, StoreName[], 'readwrite'>;
/** `track` registers a request's promise so that, after an abort, its AbortError is not left unhandled. */
type WriteWork<T> = (tx: WriteTx, track: <P>(request: Promise<P>) => Promise<P>) => Promise<T>;

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const factory = opts.indexedDB ?? globalThis.indexedDB;
  if (!factory) throw new AppError('storage-failed', 'IndexedDB is not available in this browser');
  let closedReason: string | undefined;
  let db: IDBPDatabase<PitchsideDB>;
  try {
    db = await openDatabase({
      name: opts.name ?? DEFAULT_DB_NAME,
      factory,
      onBlocked: opts.onBlocked,
      // Holding on would block the other tab's upgrade forever; this tab must reload instead.
      onVersionChange: () => {
        closedReason = 'a newer version of the app opened the database in another tab; reload this tab';
        db.close();
        opts.onClose?.('version-change');
      },
      onTerminated: () => {
        closedReason = 'the browser closed the database connection; reload the app';
        opts.onClose?.('terminated');
      },
    });
  } catch (error) {
    throw await toStorageError(error, 'opening the database');
  }

  const open = (): IDBPDatabase<PitchsideDB> => {
    if (closedReason) throw new AppError('storage-failed', closedReason);
    return db;
  };
  const write = <T>(stores: StoreName[], work: WriteWork<T>) =>
    runWrite(open().transaction(stores, 'readwrite'), work);

  return {
    listRulebooks: () =>
      attempt('listing rulebooks', async () => {
        const books = await open().getAll('rulebooks');
        return books.sort((a, b) => b.addedAt - a.addedAt || a.name.localeCompare(b.name));
      }),

    getRulebook: (hash) => attempt('reading a rulebook', () => open().get('rulebooks', hash)),

    renameRulebook: (hash, name) =>
      attempt('renaming a rulebook', () =>
        write(['rulebooks'], async (tx) => {
          const book = await tx.objectStore('rulebooks').get(hash);
          if (!book) throw new AppError('no-rulebook', `no rulebook with hash ${hash.slice(0, 12)}`);
          await tx.objectStore('rulebooks').put({ ...book, name });
        }),
      ),

    deleteRulebook: (hash) =>
      attempt('deleting a rulebook', () =>
        write(['rulebooks', 'indexes', 'indexData', 'recentQuestions'], async (tx) => {
          const keys = await tx.objectStore('indexes').index('by-hash').getAllKeys(hash);
          await Promise.all([
            tx.objectStore('rulebooks').delete(hash),
            tx.objectStore('recentQuestions').delete(hash),
            ...keys.flatMap((key) => [tx.objectStore('indexes').delete(key), tx.objectStore('indexData').delete(key)]),
          ]);
        }),
      ),

    saveIndexedRulebook: (rulebook, index) =>
      attempt(
        `saving the index of "${rulebook.name}" (${index.chunks.length} chunks × ${index.dims} dimensions)`,
        () => {
          checkConsistent(rulebook, index);
          const { units, chunks, vectors, ...rest } = index;
          const info: IndexInfo = { ...rest, chunkCount: chunks.length, storedBytes: estimateIndexBytes(index) };
          // The metadata record is the "complete" marker: it and the data land in one transaction or not at all.
          return write(['rulebooks', 'indexes', 'indexData'], (tx, track) =>
            Promise.all([
              track(tx.objectStore('rulebooks').put(rulebook)),
              track(tx.objectStore('indexData').put({ key: index.key, units, chunks, vectors: compactVectors(vectors) })),
              track(tx.objectStore('indexes').put(info)),
            ]),
          ).then(() => undefined);
        },
        () => approximateBytes(rulebook, index),
      ),

    getIndex: (key) =>
      attempt('reading an index', async () => {
        const tx = open().transaction(['indexes', 'indexData'], 'readonly');
        const [info, data] = await Promise.all([tx.objectStore('indexes').get(key), tx.objectStore('indexData').get(key)]);
        if (!info || !data) return undefined;
        const { chunkCount, storedBytes: _size, ...meta } = info;
        const isComplete =
          data.vectors instanceof Float32Array &&
          data.chunks.length === chunkCount &&
          data.vectors.length === chunkCount * info.dims;
        if (!isComplete) return undefined;
        return { ...meta, units: data.units, chunks: data.chunks, vectors: data.vectors } satisfies StoredIndex;
      }),

    hasIndex: (key) =>
      attempt('reading an index', async () => {
        const tx = open().transaction(['indexes', 'indexData'], 'readonly');
        const keys = await Promise.all([tx.objectStore('indexes').getKey(key), tx.objectStore('indexData').getKey(key)]);
        return keys.every((k) => k !== undefined);
      }),

    listIndexes: (hash) =>
      attempt('listing indexes', async () => {
        const infos = await open().getAllFromIndex('indexes', 'by-hash', hash);
        return infos.sort((a, b) => b.createdAt - a.createdAt);
      }),

    measureIndex: (key) =>
      attempt('measuring an index', () =>
        write(['indexes', 'indexData'], async (tx) => {
          const [info, data] = await Promise.all([tx.objectStore('indexes').get(key), tx.objectStore('indexData').get(key)]);
          if (!info || !data) return 0;
          const { chunkCount: _count, storedBytes: _old, ...meta } = info;
          const storedBytes = estimateIndexBytes({ ...meta, units: data.units, chunks: data.chunks, vectors: data.vectors });
          await tx.objectStore('indexes').put({ ...info, storedBytes });
          return storedBytes;
        }),
      ),

    addRecentQuestion: (hash, question) => {
      const text = question.trim().replace(/\s+/g, ' ');
      if (!text) return Promise.resolve();
      return attempt(
        'saving a recent question',
        () =>
          write(['rulebooks', 'recentQuestions'], async (tx) => {
            // A tab that still shows a rulebook deleted in another tab must not bring its record back.
            if (!(await tx.objectStore('rulebooks').get(hash))) return;
            const previous = (await tx.objectStore('recentQuestions').get(hash))?.questions ?? [];
            const same = text.toLowerCase();
            const others = previous.filter((q) => q.toLowerCase() !== same);
            const questions = [text, ...others].slice(0, MAX_RECENT_QUESTIONS);
            await tx.objectStore('recentQuestions').put({ hash, questions });
          }),
        () => text.length * 2,
      );
    },

    listRecentQuestions: (hash) =>
      attempt('reading recent questions', async () => (await open().get('recentQuestions', hash))?.questions ?? []),

    getSetting: <T>(key: string) =>
      attempt(`reading setting "${key}"`, async () => (await open().get('settings', key)) as T | undefined),

    setSetting: (key, value) =>
      attempt(`saving setting "${key}"`, () =>
        write(['settings'], (tx) => tx.objectStore('settings').put(value, key)).then(() => undefined),
      ),

    close: () => {
      closedReason ??= 'the store was closed';
      db.close();
    },
  };
}

/**
 * Runs `work` in a readwrite transaction and resolves once it has committed. If anything fails,
 * including a put that throws synchronously (DataCloneError) after earlier puts were queued, the
 * transaction is aborted so none of its writes land, and the more telling error is rethrown.
 */
async function runWrite<T>(tx: WriteTx, work: WriteWork<T>): Promise<T> {
  const pending: Promise<unknown>[] = [tx.done];
  const track = <P>(request: Promise<P>) => {
    pending.push(request);
    return request;
  };
  try {
    const result = await work(tx, track);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished (aborted by the failed request, or committed).
    }
    await Promise.allSettled(pending);
    // A quota failure often shows up only as the transaction's error, with AbortErrors on its requests.
    throw isQuotaError(tx.error) ? tx.error : error;
  }
}

async function attempt<T>(action: string, run: () => Promise<T>, bytes?: () => number): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw await toStorageError(error, action, bytes);
  }
}

function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  // Legacy: Firefox's NS_ERROR_DOM_QUOTA_REACHED and the numeric DOMException code 22.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}

async function toStorageError(error: unknown, action: string, bytes?: () => number): Promise<AppError> {
  if (error instanceof AppError) return error;
  if (isQuotaError(error)) {
    const size = bytes ? `about ${formatBytes(bytes())} ` : '';
    return new AppError('quota-exceeded', `${action}: ${size}did not fit in the browser's storage${await describeUsage()}`);
  }
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new AppError('storage-failed', `${action}: ${reason}`);
}

async function describeUsage(): Promise<string> {
  try {
    const estimate = typeof navigator === 'undefined' ? undefined : await navigator.storage?.estimate?.();
    if (estimate?.quota) return ` (${formatBytes(estimate.usage ?? 0)} of ${formatBytes(estimate.quota)} in use)`;
  } catch {
    // The estimate is a nicety; the error is what matters.
  }
  return '';
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

function approximateBytes(rulebook: Rulebook, index: StoredIndex): number {
  return index.vectors.byteLength + JSON.stringify([rulebook, index.units, index.chunks]).length;
}

function checkConsistent(rulebook: Rulebook, index: StoredIndex): void {
  const problem =
    index.hash !== rulebook.hash
      ? 'the index belongs to another rulebook'
      : index.key !== indexKey(index)
        ? `index key ${index.key} does not match its hash, model and chunk settings`
        : index.vectors.length !== index.chunks.length * index.dims
          ? `${index.vectors.length} floats for ${index.chunks.length} chunks × ${index.dims} dimensions`
          : undefined;
  if (problem) throw new AppError('storage-failed', `refusing to store an inconsistent index: ${problem}`);
}

/**
 * Structured clone copies a typed array's whole buffer, so a view into a larger (or shared) buffer
 * is copied out first; a plain full-buffer array is stored as it is.
 */
function compactVectors(vectors: Float32Array): Float32Array {
  const isWholeBuffer =
    vectors.buffer instanceof ArrayBuffer && vectors.byteOffset === 0 && vectors.byteLength === vectors.buffer.byteLength;
  return isWholeBuffer ? vectors : vectors.slice();
}
