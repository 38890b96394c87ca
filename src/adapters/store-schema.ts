// IndexedDB schema of the on-device store and the migrations that build it, one step per version.
// Runs wherever the store is opened (the rulebook worker); Node tests use fake-indexeddb.

import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { IndexSummary } from '../core/ports';
import type { ChunkSettings, Chunk, Rulebook, RuleUnit } from '../core/types';

/** What listIndexes returns: everything about an index except its (large) contents. */
export interface IndexInfo extends IndexSummary {
  hash: string;
  chunking: ChunkSettings;
  dims: number;
}

/** The large part of an index, kept apart so listing indexes never reads vectors. */
export interface IndexDataRecord {
  key: string;
  units: RuleUnit[];
  chunks: Chunk[];
  /** chunkCount * dims floats; IndexedDB structured-clones typed arrays as they are. */
  vectors: Float32Array;
}

export interface RecentQuestionsRecord {
  hash: string;
  /** Newest first. */
  questions: string[];
}

export interface PitchsideDB extends DBSchema {
  /** Since v1. Key: content hash. */
  rulebooks: { key: string; value: Rulebook };
  /** Since v1. Index metadata; a record exists only together with its indexData record. */
  indexes: { key: string; value: IndexInfo; indexes: { 'by-hash': string } };
  /** Since v1. Key: the same index key as `indexes`. */
  indexData: { key: string; value: IndexDataRecord };
  /** Since v2. Key: rulebook hash. */
  recentQuestions: { key: string; value: RecentQuestionsRecord };
  /** Since v2. Out-of-line keys: setting name → any structured-cloneable value. */
  settings: { key: string; value: unknown };
}

export type UpgradeTransaction = IDBPTransaction<PitchsideDB, StoreNames<PitchsideDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<PitchsideDB>, tx: UpgradeTransaction) => void;

/**
 * MIGRATIONS[n] takes the database from version n to n + 1. Never edit a released step: add a new one.
 * A step may read and rewrite existing records through `tx`; it must not await anything but `tx`'s requests.
 */
const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: rulebooks and their indexes.
  (db) => {
    db.createObjectStore('rulebooks', { keyPath: 'hash' });
    const indexes = db.createObjectStore('indexes', { keyPath: 'key' });
    indexes.createIndex('by-hash', 'hash');
    db.createObjectStore('indexData', { keyPath: 'key' });
  },
  // 1 → 2: recent questions per rulebook and app settings.
  (db) => {
    db.createObjectStore('recentQuestions', { keyPath: 'hash' });
    db.createObjectStore('settings');
  },
];

export const DB_VERSION = MIGRATIONS.length;
export const DEFAULT_DB_NAME = 'pitchside';

/** Applies every step from `oldVersion` up to `newVersion`, in order, inside the upgrade transaction. */
export function upgradeSchema(
  db: IDBPDatabase<PitchsideDB>,
  oldVersion: number,
  newVersion: number | null,
  tx: UpgradeTransaction,
): void {
  const target = newVersion ?? DB_VERSION;
  if (target > MIGRATIONS.length) throw new RangeError(`no migration to database version ${target}`);
  for (let version = oldVersion; version < target; version++) MIGRATIONS[version](db, tx);
}

export interface OpenDatabaseOptions {
  name: string;
  factory: IDBFactory;
  /** Defaults to DB_VERSION; tests open older versions to exercise migrations. */
  version?: number;
  /** Another tab holds an older connection open; the open waits until it closes. */
  onBlocked?: () => void;
  /** This connection stands in the way of a newer version (another tab upgraded). */
  onVersionChange?: () => void;
  /** The browser closed the connection (storage cleared, disk error). */
  onTerminated?: () => void;
}

/** idb's openDB, but on a given IDBFactory so tests can use a fresh in-memory one each. */
export function openDatabase(opts: OpenDatabaseOptions): Promise<IDBPDatabase<PitchsideDB>> {
  const request = opts.factory.open(opts.name, opts.version ?? DB_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    upgradeSchema(
      wrap(request.result) as IDBPDatabase<PitchsideDB>,
      event.oldVersion,
      event.newVersion,
      wrap(request.transaction!) as unknown as UpgradeTransaction,
    );
  });
  request.addEventListener('blocked', () => opts.onBlocked?.());
  const db = wrap(request) as unknown as Promise<IDBPDatabase<PitchsideDB>>;
  return db.then((opened) => {
    opened.addEventListener('versionchange', () => opts.onVersionChange?.());
    opened.addEventListener('close', () => opts.onTerminated?.());
    return opened;
  });
}
