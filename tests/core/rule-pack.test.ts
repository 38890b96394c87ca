// The rule pack file format: a byte-for-byte round trip, and each kind of bad file refused with its own code.

import { describe, expect, it } from 'vitest';
import { createGzip } from '../../src/adapters/gzip';
import { sha256Hex } from '../../src/adapters/hash';
import { indexKey } from '../../src/core/index-key';
import { decodeRulePack, encodeRulePack, RULE_PACK_HEADER_BYTES, RULE_PACK_SCHEMA_VERSION, type RulePack } from '../../src/core/rule-pack';
import { guessEdition, packFileName } from '../../src/core/rule-pack-transfer';
import type { Chunk, ChunkSettings, StoredIndex } from '../../src/core/types';
import { clause, definition } from '../fixtures/units';

const gzip = createGzip()!;
const deps = { sha256Hex, compression: gzip };
const HASH = 'ab'.repeat(32);
const CHUNKING: ChunkSettings = { strategy: 'structured', maxTokens: 256, overlapTokens: 32 };
const DIMS = 4;

function samplePack(): RulePack {
  const units = [
    clause('15.2', 'Penalty', 'The defending team retires ten metres — “10 m” — from the mark.'),
    definition('Advantage', 'Play continues after an infringement when that benefits the other team.'),
  ];
  const chunks: Chunk[] = units.map((u, i) => {
    const text = `${u.number ?? u.term} ${u.text}`;
    return { index: i, refs: [u.ref], spans: [{ unit: i, start: 0, end: text.length }], sectionNumber: u.sectionNumber, sectionTitle: u.sectionTitle, text, pages: u.pages, tokenCount: 12 };
  });
  // Values whose bits a lossy or text encoding would change: subnormal, negative zero, long fractions.
  const vectors = new Float32Array([0.1, -0, 1e-40, 3.4e38, -0.333333, 2 ** -20, 7, -7.25]);
  const index: StoredIndex = {
    key: indexKey({ hash: HASH, modelId: 'pitchside-glove-100d', chunking: CHUNKING }),
    hash: HASH,
    modelId: 'pitchside-glove-100d',
    chunking: CHUNKING,
    dims: DIMS,
    units,
    chunks,
    vectors,
    createdAt: 1_764_000_000_000,
  };
  return { rulebook: { hash: HASH, name: 'FIT Playing Rules 5th edition', pageCount: 17, addedAt: 1_763_000_000_000 }, edition: '5th edition', index };
}

const bytesOf = (v: Float32Array) => Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));

/** Replaces the (decompressed) payload but keeps the header's checksum, as an edited pack would. */
async function withPayload(file: Uint8Array, edit: (payload: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  const payload = edit(await gzip.gunzip(file.subarray(RULE_PACK_HEADER_BYTES)));
  const body = await gzip.gzip(payload);
  const out = new Uint8Array(RULE_PACK_HEADER_BYTES + body.length);
  out.set(file.subarray(0, RULE_PACK_HEADER_BYTES));
  new DataView(out.buffer).setUint32(40, body.length, true);
  out.set(body, RULE_PACK_HEADER_BYTES);
  return out;
}

describe('rule pack round trip', () => {
  it.each([
    ['gzip', deps],
    ['uncompressed', { sha256Hex }],
  ])('gives back the same rulebook, units, chunks and vector bytes (%s)', async (_name, codec) => {
    const pack = samplePack();
    const file = await encodeRulePack(pack, codec);
    const back = await decodeRulePack(file, codec);
    expect(back.rulebook).toEqual(pack.rulebook);
    expect(back.edition).toBe('5th edition');
    expect(JSON.stringify(back.index.units)).toBe(JSON.stringify(pack.index.units));
    expect(JSON.stringify(back.index.chunks)).toBe(JSON.stringify(pack.index.chunks));
    expect(bytesOf(back.index.vectors)).toEqual(bytesOf(pack.index.vectors));
    const { units: _u, chunks: _c, vectors: _v, ...meta } = back.index;
    const { units: _u2, chunks: _c2, vectors: _v2, ...expected } = pack.index;
    expect(meta).toEqual(expected);
    expect(back.index.vectors.byteOffset).toBe(0);
  });

  it('writes the schema version and a gzip flag in the header', async () => {
    const file = await encodeRulePack(samplePack(), deps);
    const view = new DataView(file.buffer);
    expect(new TextDecoder().decode(file.subarray(0, 4))).toBe('PSRP');
    expect(view.getUint16(4, true)).toBe(RULE_PACK_SCHEMA_VERSION);
    expect(view.getUint16(6, true)).toBe(1);
    expect(view.getUint32(40, true)).toBe(file.length - RULE_PACK_HEADER_BYTES);
  });

  it('reads vectors from a pack inside a larger buffer (a view at an odd offset)', async () => {
    const file = await encodeRulePack(samplePack(), deps);
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    const back = await decodeRulePack(padded.subarray(3), deps);
    expect(bytesOf(back.index.vectors)).toEqual(bytesOf(samplePack().index.vectors));
  });
});

describe('rule pack refusals', () => {
  const cases: [string, (file: Uint8Array) => Promise<Uint8Array> | Uint8Array, string][] = [
    ['a PDF', () => new TextEncoder().encode('%PDF-1.7\n1 0 obj'), 'pack-not-pack'],
    ['an empty file', () => new Uint8Array(0), 'pack-not-pack'],
    ['a newer schema', (f) => (new DataView(f.buffer).setUint16(4, RULE_PACK_SCHEMA_VERSION + 1, true), f), 'pack-newer'],
    ['a newer schema with an unreadable body', (f) => {
      const cut = f.slice(0, RULE_PACK_HEADER_BYTES + 5);
      new DataView(cut.buffer).setUint16(4, RULE_PACK_SCHEMA_VERSION + 1, true);
      return cut;
    }, 'pack-newer'],
    ['a header cut short', (f) => f.slice(0, 20), 'pack-damaged'],
    ['a body cut short', (f) => f.slice(0, f.length - 10), 'pack-damaged'],
    ['bytes appended', (f) => new Uint8Array([...f, 1, 2, 3]), 'pack-damaged'],
    ['a corrupted gzip body', (f) => {
      const out = f.slice();
      for (let i = RULE_PACK_HEADER_BYTES + 20; i < out.length - 8; i += 7) out[i] ^= 0xff;
      return out;
    }, 'pack-damaged'],
    ['an edited clause (checksum kept)', (f) => withPayload(f, (p) => {
      const text = new TextDecoder().decode(p);
      const at = text.indexOf('ten metres');
      const out = p.slice();
      out.set(new TextEncoder().encode('two metres'), at);
      return out;
    }), 'pack-tampered'],
    ['an edited vector (checksum kept)', (f) => withPayload(f, (p) => {
      const out = p.slice();
      out[out.length - 1] ^= 0x01;
      return out;
    }), 'pack-tampered'],
    ['an edited checksum', (f) => {
      const out = f.slice();
      out[8] ^= 0xff;
      return out;
    }, 'pack-tampered'],
  ];

  it.each(cases)('refuses %s', async (_name, spoil, code) => {
    const file = await encodeRulePack(samplePack(), deps);
    await expect(decodeRulePack(await spoil(file), deps)).rejects.toMatchObject({ name: 'AppError', code });
  });

  it('refuses a well-formed file whose vectors do not fit its chunks', async () => {
    const pack = samplePack();
    pack.index.vectors = pack.index.vectors.slice(0, 6);
    const file = await encodeRulePack(pack, deps);
    await expect(decodeRulePack(file, deps)).rejects.toMatchObject({ code: 'pack-damaged', detail: expect.stringContaining('vectors') });
  });

  it.each([
    ['a span past its chunk', (p: RulePack) => (p.index.chunks[0].spans[0].end = 10_000)],
    ['a span to a missing unit', (p: RulePack) => (p.index.chunks[1].spans[0].unit = 9)],
    ['a unit without text', (p: RulePack) => ((p.index.units[0] as { text?: string }).text = undefined)],
    ['bad chunk settings', (p: RulePack) => (p.index.chunking = { ...CHUNKING, maxTokens: 0 })],
    ['a rulebook hash that is not SHA-256', (p: RulePack) => (p.rulebook.hash = 'not-a-hash')],
  ])('refuses a checksummed pack with %s', async (_name, spoil) => {
    const pack = samplePack();
    spoil(pack);
    const file = await encodeRulePack(pack, deps);
    await expect(decodeRulePack(file, deps)).rejects.toMatchObject({ code: 'pack-damaged' });
  });

  it('refuses a compressed pack where nothing can decompress it', async () => {
    const file = await encodeRulePack(samplePack(), deps);
    await expect(decodeRulePack(file, { sha256Hex })).rejects.toMatchObject({ code: 'pack-damaged' });
  });
});

describe('pack names and editions', () => {
  it.each([
    ["FIT Playing Rules 5th Edition", [], "5th edition"],
    ['Touch Rules', [clause('1', 'Preface', 'This is the 21st edition of the rules.')], '21st edition'],
    ['Summer League by-laws, Edition 2', [], '2nd edition'],
    ['Rules 2023', [], undefined],
    ['11th edition', [], '11th edition'],
  ])('%s → %s', (name, units, edition) => {
    expect(guessEdition(name, units)).toBe(edition);
  });

  it.each([
    ['FIT 5th edition', 'FIT 5th edition.rulepack'],
    ['a/b:c*?', 'a b c.rulepack'],
    ['   ', 'rulebook.rulepack'],
  ])('file name for %j', (name, file) => {
    expect(packFileName(name)).toBe(file);
  });
});
