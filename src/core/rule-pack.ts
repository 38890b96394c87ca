// The rule pack file: one stored rulebook index (name, edition, source PDF hash, model id, chunk settings,
// units with their structure, chunks and the float32 vectors) in one checksummed binary file, and back.
// Pure: hashing and gzip come in as ports. Layout: docs/rule-packs.md. Runs in the worker and in Node.

import { AppError } from './errors';
import { indexKey } from './index-key';
import type { Chunk, ChunkSettings, Rulebook, RuleUnit, StoredIndex } from './types';

/** Raised when the pack's layout or its manifest changes shape; older apps refuse newer packs. */
export const RULE_PACK_SCHEMA_VERSION = 1;
export { RULE_PACK_EXTENSION, RULE_PACK_MIME } from './pack-sharing';

/** "PSRP": Pitchside rule pack. */
const MAGIC = [0x50, 0x53, 0x52, 0x50];
/** magic 4 · schema u16 · flags u16 · SHA-256 of the payload 32 · payload length u32. */
export const RULE_PACK_HEADER_BYTES = 44;
const FLAG_GZIP = 1;
const FORMAT = 'pitchside-rule-pack';
const SHA256_BYTES = 32;

/** gzip and gunzip; CompressionStream in browsers and Node (src/adapters/gzip.ts). */
export interface PackCompression {
  gzip(bytes: Uint8Array): Promise<Uint8Array>;
  gunzip(bytes: Uint8Array): Promise<Uint8Array>;
}

export interface PackDeps {
  sha256Hex(bytes: Uint8Array): Promise<string>;
  /** Without it the payload is stored uncompressed (flag bit 0 clear). */
  compression?: PackCompression;
}

export interface RulePack {
  rulebook: Rulebook;
  /** "5th edition", when the rulebook says which. */
  edition?: string;
  /** The stored index, key included (rebuilt from hash, model and chunk settings on reading). */
  index: StoredIndex;
}

/** The JSON part of the payload. */
interface PackManifest {
  format: typeof FORMAT;
  rulebook: { name: string; edition?: string; sourceSha256: string; pageCount: number; addedAt: number };
  index: { modelId: string; dims: number; chunking: ChunkSettings; createdAt: number; chunkCount: number; vectors: 'float32-le' };
  units: RuleUnit[];
  chunks: Chunk[];
}

const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export async function encodeRulePack(pack: RulePack, deps: PackDeps): Promise<Uint8Array> {
  const { rulebook, index, edition } = pack;
  const manifest: PackManifest = {
    format: FORMAT,
    rulebook: { name: rulebook.name, edition, sourceSha256: rulebook.hash, pageCount: rulebook.pageCount, addedAt: rulebook.addedAt },
    index: {
      modelId: index.modelId,
      dims: index.dims,
      chunking: index.chunking,
      createdAt: index.createdAt,
      chunkCount: index.chunks.length,
      vectors: 'float32-le',
    },
    units: index.units,
    chunks: index.chunks,
  };
  const json = new TextEncoder().encode(JSON.stringify(manifest));
  const vectorsAt = align4(4 + json.length);
  const payload = new Uint8Array(vectorsAt + index.vectors.byteLength);
  new DataView(payload.buffer).setUint32(0, json.length, true);
  payload.set(json, 4);
  payload.set(float32Bytes(index.vectors), vectorsAt);

  const checksum = hexToBytes(await deps.sha256Hex(payload));
  const body = deps.compression ? await deps.compression.gzip(payload) : payload;
  const file = new Uint8Array(RULE_PACK_HEADER_BYTES + body.length);
  const view = new DataView(file.buffer);
  file.set(MAGIC, 0);
  view.setUint16(4, RULE_PACK_SCHEMA_VERSION, true);
  view.setUint16(6, deps.compression ? FLAG_GZIP : 0, true);
  file.set(checksum, 8);
  view.setUint32(8 + SHA256_BYTES, body.length, true);
  file.set(body, RULE_PACK_HEADER_BYTES);
  return file;
}

/**
 * Reads a pack, checking in order: is it a pack at all (`pack-not-pack`), from a newer schema
 * (`pack-newer`), whole (`pack-damaged`: truncated, gzip or manifest unreadable), unchanged since it was
 * written (`pack-tampered`: the payload's SHA-256 differs), and consistent (`pack-damaged`).
 */
export async function decodeRulePack(file: Uint8Array, deps: PackDeps): Promise<RulePack> {
  if (file.length < MAGIC.length || MAGIC.some((b, i) => file[i] !== b)) {
    throw new AppError('pack-not-pack', `${file.length} bytes, no rule pack signature`);
  }
  if (file.length < RULE_PACK_HEADER_BYTES) throw damaged(`header cut short at ${file.length} bytes`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const schema = view.getUint16(4, true);
  if (schema > RULE_PACK_SCHEMA_VERSION) {
    throw new AppError('pack-newer', `pack schema ${schema}; this app reads up to ${RULE_PACK_SCHEMA_VERSION}`);
  }
  if (schema < 1) throw damaged(`schema ${schema}`);
  const flags = view.getUint16(6, true);
  const checksum = bytesToHex(file.subarray(8, 8 + SHA256_BYTES));
  const bodyLength = view.getUint32(8 + SHA256_BYTES, true);
  const body = file.subarray(RULE_PACK_HEADER_BYTES);
  if (body.length !== bodyLength) throw damaged(`payload is ${body.length} bytes, the header says ${bodyLength}`);

  let payload = body;
  if (flags & FLAG_GZIP) {
    if (!deps.compression) throw damaged('the pack is compressed and this browser cannot decompress it');
    try {
      payload = await deps.compression.gunzip(body);
    } catch (error) {
      throw damaged(`gzip: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if ((await deps.sha256Hex(payload)) !== checksum) throw new AppError('pack-tampered', 'the payload does not match its SHA-256');
  return readPayload(payload);
}

function readPayload(payload: Uint8Array): RulePack {
  if (payload.length < 4) throw damaged('empty payload');
  const jsonLength = new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(0, true);
  if (4 + jsonLength > payload.length) throw damaged('manifest cut short');
  let manifest: PackManifest;
  try {
    manifest = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload.subarray(4, 4 + jsonLength)));
  } catch (error) {
    throw damaged(`manifest: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problem = manifestProblem(manifest);
  if (problem) throw damaged(problem);
  const { rulebook: book, index: meta, units, chunks } = manifest;
  const vectorsAt = align4(4 + jsonLength);
  const vectorBytes = meta.chunkCount * meta.dims * 4;
  if (payload.length !== vectorsAt + vectorBytes) {
    throw damaged(`${payload.length - vectorsAt} bytes of vectors for ${meta.chunkCount} chunks × ${meta.dims} dimensions`);
  }
  const vectors = bytesToFloat32(payload.subarray(vectorsAt));
  const rulebook: Rulebook = { hash: book.sourceSha256, name: book.name, pageCount: book.pageCount, addedAt: book.addedAt };
  const index: StoredIndex = {
    key: indexKey({ hash: book.sourceSha256, modelId: meta.modelId, chunking: meta.chunking }),
    hash: book.sourceSha256,
    modelId: meta.modelId,
    chunking: meta.chunking,
    dims: meta.dims,
    units,
    chunks,
    vectors,
    createdAt: meta.createdAt,
  };
  return { rulebook, edition: book.edition, index };
}

/** Why a manifest that passed its checksum still cannot be a stored index; undefined when it can. */
function manifestProblem(m: PackManifest): string | undefined {
  if (!isRecord(m) || m.format !== FORMAT) return 'not a rule pack manifest';
  const { rulebook: b, index: ix, units, chunks } = m;
  if (!isRecord(b) || typeof b.name !== 'string' || !/^[0-9a-f]{64}$/.test(String(b.sourceSha256))) return 'rulebook name or hash';
  if (!isCount(b.pageCount) || typeof b.addedAt !== 'number' || (b.edition !== undefined && typeof b.edition !== 'string')) {
    return 'rulebook page count, date or edition';
  }
  if (!isRecord(ix) || typeof ix.modelId !== 'string' || !ix.modelId || !isCount(ix.dims) || ix.dims === 0) return 'model id or dimensions';
  if (ix.vectors !== 'float32-le' || !isCount(ix.chunkCount) || typeof ix.createdAt !== 'number') return 'vector encoding or count';
  const c = ix.chunking;
  if (!isRecord(c) || (c.strategy !== 'structured' && c.strategy !== 'window') || !isCount(c.maxTokens) || c.maxTokens === 0 || !isCount(c.overlapTokens)) {
    return 'chunk settings';
  }
  if (!Array.isArray(units) || !units.every(isUnit)) return 'units';
  if (!Array.isArray(chunks) || chunks.length !== ix.chunkCount) return `${Array.isArray(chunks) ? chunks.length : 'no'} chunks, ${ix.chunkCount} declared`;
  if (!chunks.every((chunk, i) => isChunk(chunk, i, units.length))) return 'chunks';
  return undefined;
}

function isUnit(u: unknown): u is RuleUnit {
  if (!isRecord(u)) return false;
  return (
    (u.kind === 'clause' || u.kind === 'definition' || u.kind === 'text') &&
    typeof u.ref === 'string' &&
    typeof u.text === 'string' &&
    typeof u.sectionTitle === 'string' &&
    isCountList(u.pages)
  );
}

function isChunk(c: unknown, position: number, unitCount: number): c is Chunk {
  if (!isRecord(c) || c.index !== position || typeof c.text !== 'string' || typeof c.sectionTitle !== 'string') return false;
  if (!isCount(c.tokenCount) || !isCountList(c.pages) || !Array.isArray(c.refs) || !c.refs.every((r) => typeof r === 'string')) return false;
  const text = c.text;
  return (
    Array.isArray(c.spans) &&
    c.spans.every((s) => isRecord(s) && isCount(s.unit) && s.unit < unitCount && isCount(s.start) && isCount(s.end) && s.start <= s.end && s.end <= text.length)
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isCountList = (v: unknown): v is number[] => Array.isArray(v) && v.every(isCount);
const damaged = (detail: string) => new AppError('pack-damaged', detail);
const align4 = (n: number) => (n + 3) & ~3;

/** The vectors' bytes in little-endian order (a copy only on a big-endian host). */
function float32Bytes(vectors: Float32Array): Uint8Array {
  const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  return isLittleEndian ? bytes : swapEvery4(bytes.slice());
}

/** A fresh Float32Array (its own, aligned buffer) from little-endian bytes. */
function bytesToFloat32(bytes: Uint8Array): Float32Array {
  const copy = bytes.slice();
  return new Float32Array((isLittleEndian ? copy : swapEvery4(copy)).buffer);
}

function swapEvery4(bytes: Uint8Array): Uint8Array {
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]] = [bytes[i + 3], bytes[i + 2], bytes[i + 1], bytes[i]];
  }
  return bytes;
}

function hexToBytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new RangeError(`expected a SHA-256 in hex, got ${JSON.stringify(hex)}`);
  const out = new Uint8Array(SHA256_BYTES);
  for (let i = 0; i < SHA256_BYTES; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
