// Exporting a stored rulebook as a rule pack and importing one: nothing is embedded when the pack was made
// with the model and chunk settings in use; otherwise its units are re-indexed (no PDF needed). Every
// refusal happens before anything is written. Pure orchestration over ports; runs in the rulebook worker.

import { getEmbeddingModel } from './embedding-models';
import { AppError, throwIfAborted } from './errors';
import type { RulebookStore } from './ports';
import { decodeRulePack, encodeRulePack, RULE_PACK_EXTENSION, type PackDeps } from './rule-pack';
import type { AddResult, RulebookService } from './rulebook-service';
import type { Progress, Rulebook, RuleUnit } from './types';

export interface RulePackTransferDeps extends PackDeps {
  store: RulebookStore;
  service: RulebookService;
  now?: () => number;
  /** Whether this app has the model a pack was made with; the model registry by default. */
  isKnownModel?: (modelId: string, dims: number) => boolean;
}

export interface ExportedPack {
  bytes: Uint8Array;
  /** "FIT 5th edition.rulepack" */
  fileName: string;
  rulebook: Rulebook;
}

export interface ImportedPack extends AddResult {
  edition?: string;
  /** The model the pack was made with; `embedded > 0` when it differs from the one in use. */
  packModelId: string;
}

export const isKnownToRegistry = (modelId: string, dims: number): boolean => getEmbeddingModel(modelId)?.dims === dims;

/** Packs the rulebook's index for the model in use (or, failing that, its newest stored index). */
export async function exportRulePack(deps: RulePackTransferDeps, hash: string): Promise<ExportedPack> {
  const { store, service } = deps;
  const rulebook = await store.getRulebook(hash);
  if (!rulebook) throw new AppError('no-rulebook', `no rulebook ${hash.slice(0, 12)}`);
  let index = await store.getIndex(service.keyFor(hash));
  for (const summary of index ? [] : await store.listIndexes(hash)) {
    index = await store.getIndex(summary.key);
    if (index) break;
  }
  if (!index) throw new AppError('no-rulebook', `no stored index of ${hash.slice(0, 12)} to export`);
  const bytes = await encodeRulePack({ rulebook, edition: guessEdition(rulebook.name, index.units), index }, deps);
  return { bytes, fileName: packFileName(rulebook.name), rulebook };
}

/**
 * Reads, checks and stores a pack. Refused without writing anything: not a pack, damaged, tampered, newer
 * schema (see decodeRulePack) and a model this app does not have (`pack-unknown-model`).
 */
export async function importRulePack(
  deps: RulePackTransferDeps,
  bytes: Uint8Array,
  opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Promise<ImportedPack> {
  const { store, service } = deps;
  opts.onProgress?.({ stage: 'read', done: 0, total: 1 });
  const pack = await decodeRulePack(bytes, deps);
  const { index } = pack;
  if (!(deps.isKnownModel ?? isKnownToRegistry)(index.modelId, index.dims)) {
    throw new AppError('pack-unknown-model', `${index.modelId} (${index.dims} dimensions)`);
  }
  opts.onProgress?.({ stage: 'read', done: 1, total: 1 });
  throwIfAborted(opts.signal);
  const existing = await store.getRulebook(index.hash);
  const common = { edition: pack.edition, packModelId: index.modelId };
  const currentKey = service.keyFor(index.hash);
  // The same rulebook, already searchable with the model in use: nothing is embedded, and the user's name for it
  // is kept. The pack's vectors are kept too when they are for another model and not stored yet.
  if (existing && (await store.hasIndex(currentKey))) {
    if (index.key !== currentKey && !(await store.hasIndex(index.key))) await store.saveIndexedRulebook(existing, index);
    const current = (await store.listIndexes(index.hash)).find((ix) => ix.key === currentKey);
    return { rulebook: existing, reused: true, chunkCount: current?.chunkCount ?? index.chunks.length, embedded: 0, ...common };
  }
  const rulebook: Rulebook = existing ?? { ...pack.rulebook, addedAt: (deps.now ?? Date.now)() };
  const result = await service.importIndex(rulebook, index, opts);
  // Re-indexed for the model in use: the pack's own vectors are kept too, so switching back embeds nothing.
  if (result.embedded > 0 && !(await store.hasIndex(index.key))) await store.saveIndexedRulebook(rulebook, index);
  return { ...result, ...common };
}

const EDITION = /\b(\d{1,2})(?:st|nd|rd|th)\s+edition\b|\bedition\s+(\d{1,2})\b/i;

/** "5th edition" when the rulebook's name or opening text says which edition it is. */
export function guessEdition(name: string, units: readonly RuleUnit[]): string | undefined {
  const texts = [name, ...units.slice(0, 8).map((u) => `${u.sectionTitle} ${u.text.slice(0, 400)}`)];
  for (const text of texts) {
    const match = EDITION.exec(text);
    if (match) return `${ordinal(Number(match[1] ?? match[2]))} edition`;
  }
  return undefined;
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A file name any system accepts: the rulebook's name without path or control characters. */
export function packFileName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `${safe || 'rulebook'}${RULE_PACK_EXTENSION}`;
}
