// "Export everything" and "Import everything": all rulebooks (as rule packs), recent questions and the page's
// settings to a new phone in one file. Every pack in a backup is checked before the first is stored.
// Pure orchestration over ports; runs in the rulebook worker.

import { BACKUP_EXTENSION, decodeBackup, encodeBackup } from './backup';
import { AppError, throwIfAborted } from './errors';
import { decodeRulePack } from './rule-pack';
import { exportRulePack, importRulePack, isKnownToRegistry, type RulePackTransferDeps } from './rule-pack-transfer';
import type { Progress, Rulebook } from './types';

export interface ImportedBackup {
  rulebooks: Rulebook[];
  /** Document embeddings computed (0 when every pack was made with the search model in use). */
  embedded: number;
  pageSettings: Record<string, string>;
}

export async function exportEverything(deps: RulePackTransferDeps, pageSettings: Record<string, string>): Promise<Uint8Array> {
  const { store } = deps;
  const packs: Uint8Array[] = [];
  const recentQuestions: Record<string, string[]> = {};
  for (const book of await store.listRulebooks()) {
    packs.push((await exportRulePack(deps, book.hash)).bytes);
    const recent = await store.listRecentQuestions(book.hash);
    if (recent.length) recentQuestions[book.hash] = recent;
  }
  return encodeBackup({ createdAt: (deps.now ?? Date.now)(), pageSettings, recentQuestions, packs }, deps.sha256Hex);
}

export async function importEverything(
  deps: RulePackTransferDeps,
  bytes: Uint8Array,
  opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Promise<ImportedBackup> {
  const backup = await decodeBackup(bytes, deps.sha256Hex);
  // Refuse the whole backup, before anything is written, when any pack in it would be refused.
  const isKnown = deps.isKnownModel ?? isKnownToRegistry;
  for (const pack of backup.packs) {
    const { index } = await decodeRulePack(pack, deps);
    if (!isKnown(index.modelId, index.dims)) throw new AppError('pack-unknown-model', `${index.modelId} (${index.dims} dimensions)`);
  }
  const rulebooks: Rulebook[] = [];
  let embedded = 0;
  for (const pack of backup.packs) {
    throwIfAborted(opts.signal);
    const result = await importRulePack(deps, pack, opts);
    rulebooks.push(result.rulebook);
    embedded += result.embedded;
  }
  for (const [hash, questions] of Object.entries(backup.recentQuestions)) {
    if (!rulebooks.some((b) => b.hash === hash)) continue;
    // Oldest first, so the newest ends up first as it was; questions already here are moved, not repeated.
    for (const question of [...questions].reverse()) await deps.store.addRecentQuestion(hash, question);
  }
  return { rulebooks, embedded, pageSettings: backup.pageSettings };
}

/** "Pitchside backup 2026-12-03.pitchside-backup" */
export function backupFileName(now: Date): string {
  return `Pitchside backup ${now.toISOString().slice(0, 10)}${BACKUP_EXTENSION}`;
}
