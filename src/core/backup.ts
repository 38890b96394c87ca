// The backup file ("Export everything"): every rulebook as a rule pack, the recent questions and the page's
// settings (theme, text size, pinned rules, the chosen rulebook) in one checksummed file, and back. Pure;
// hashing comes in as a port. Layout: docs/rule-packs.md. Runs in the rulebook worker and in Node.

import { AppError } from './errors';

export const BACKUP_SCHEMA_VERSION = 1;
export const BACKUP_EXTENSION = '.pitchside-backup';
export const BACKUP_MIME = 'application/x-pitchside-backup';

/** "PSBK": Pitchside backup. */
const MAGIC = [0x50, 0x53, 0x42, 0x4b];
/** magic 4 · schema u16 · flags u16 (none yet) · SHA-256 of the body 32 · body length u32. */
export const BACKUP_HEADER_BYTES = 44;
const FORMAT = 'pitchside-backup';

export interface BackupContents {
  createdAt: number;
  /** The page's own settings (localStorage entries named "pitchside-…"), as strings. */
  pageSettings: Record<string, string>;
  /** Recent questions per rulebook hash, newest first. */
  recentQuestions: Record<string, string[]>;
  /** Rule pack files (src/core/rule-pack.ts), one per rulebook; each carries its own checksum. */
  packs: Uint8Array[];
}

interface BackupManifest {
  format: typeof FORMAT;
  createdAt: number;
  pageSettings: Record<string, string>;
  recentQuestions: Record<string, string[]>;
  packCount: number;
}

export async function encodeBackup(contents: BackupContents, sha256Hex: (bytes: Uint8Array) => Promise<string>): Promise<Uint8Array> {
  const manifest: BackupManifest = {
    format: FORMAT,
    createdAt: contents.createdAt,
    pageSettings: contents.pageSettings,
    recentQuestions: contents.recentQuestions,
    packCount: contents.packs.length,
  };
  const parts = [new TextEncoder().encode(JSON.stringify(manifest)), ...contents.packs];
  const body = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  const bodyView = new DataView(body.buffer);
  let at = 0;
  for (const part of parts) {
    bodyView.setUint32(at, part.length, true);
    body.set(part, at + 4);
    at += 4 + part.length;
  }
  const file = new Uint8Array(BACKUP_HEADER_BYTES + body.length);
  const view = new DataView(file.buffer);
  file.set(MAGIC, 0);
  view.setUint16(4, BACKUP_SCHEMA_VERSION, true);
  view.setUint16(6, 0, true);
  file.set(hexToBytes(await sha256Hex(body)), 8);
  view.setUint32(40, body.length, true);
  file.set(body, BACKUP_HEADER_BYTES);
  return file;
}

/** Refuses a file that is not a backup, one from a newer schema, and one cut short or changed since export. */
export async function decodeBackup(file: Uint8Array, sha256Hex: (bytes: Uint8Array) => Promise<string>): Promise<BackupContents> {
  if (file.length < MAGIC.length || MAGIC.some((b, i) => file[i] !== b)) {
    throw new AppError('backup-not-backup', `${file.length} bytes, no backup signature`);
  }
  if (file.length < BACKUP_HEADER_BYTES) throw damaged(`header cut short at ${file.length} bytes`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const schema = view.getUint16(4, true);
  if (schema > BACKUP_SCHEMA_VERSION) throw new AppError('backup-newer', `backup schema ${schema}; this app reads up to ${BACKUP_SCHEMA_VERSION}`);
  const body = file.subarray(BACKUP_HEADER_BYTES);
  if (schema < 1 || body.length !== view.getUint32(40, true)) throw damaged(`schema ${schema}, ${body.length} bytes of body`);
  let checksum = '';
  for (const byte of file.subarray(8, 40)) checksum += byte.toString(16).padStart(2, '0');
  if ((await sha256Hex(body)) !== checksum) throw damaged('the body does not match its SHA-256');

  const parts: Uint8Array[] = [];
  const bodyView = new DataView(body.buffer, body.byteOffset, body.byteLength);
  for (let at = 0; at < body.length; ) {
    if (at + 4 > body.length) throw damaged('part length cut short');
    const length = bodyView.getUint32(at, true);
    if (at + 4 + length > body.length) throw damaged('part cut short');
    parts.push(body.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(parts[0]));
  } catch (error) {
    throw damaged(`manifest: ${error instanceof Error ? error.message : String(error)}`);
  }
  const isStringMap = (v: unknown, values: (x: unknown) => boolean) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(values);
  const isQuestions = (v: unknown) => Array.isArray(v) && v.every((q) => typeof q === 'string');
  if (
    manifest?.format !== FORMAT ||
    typeof manifest.createdAt !== 'number' ||
    !isStringMap(manifest.pageSettings, (v) => typeof v === 'string') ||
    !isStringMap(manifest.recentQuestions, isQuestions) ||
    manifest.packCount !== parts.length - 1
  ) {
    throw damaged('manifest fields');
  }
  return { createdAt: manifest.createdAt, pageSettings: manifest.pageSettings, recentQuestions: manifest.recentQuestions, packs: parts.slice(1) };
}

const damaged = (detail: string) => new AppError('backup-damaged', detail);

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
