// Packs that reach the app from outside: files handed over by launchQueue (manifest file_handlers) and packs the
// service worker kept after a share (manifest share_target), each imported once the rulebooks are listed.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHARED_PACK_CACHE, SHARED_PACK_PARAM } from '../../src/core/pack-sharing';
import { receiveIncomingPacks } from '../../src/ui/incoming-packs';

type Consumer = (params: { files?: { getFile(): Promise<File> }[] }) => void;

function fakeCaches(entries: Map<string, Response>) {
  const opened: string[] = [];
  return {
    opened,
    caches: {
      async open(name: string) {
        opened.push(name);
        return {
          keys: async () => [...entries.keys()].map((url) => new Request(url)),
          match: async (request: Request) => entries.get(request.url)?.clone(),
          delete: async (request: Request) => entries.delete(request.url),
        };
      },
    },
  };
}

/** Resolves once `check` holds, giving the promises under test their turns. */
async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 0));
  expect(check()).toBe(true);
}

afterEach(() => vi.unstubAllGlobals());

describe('incoming packs', () => {
  it('imports files opened with the app, after the rulebooks are listed', async () => {
    let consumer: Consumer | undefined;
    vi.stubGlobal('window', { launchQueue: { setConsumer: (c: Consumer) => (consumer = c) } });
    vi.stubGlobal('location', new URL('https://app.example/'));
    const imported: string[] = [];
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    receiveIncomingPacks(async (file) => void imported.push(await file.text()), started);
    consumer!({ files: [{ getFile: async () => new File(['first'], 'a.rulepack') }, { getFile: async () => new File(['second'], 'b.rulepack') }] });
    await new Promise((r) => setTimeout(r, 0));
    expect(imported).toEqual([]);
    markStarted();
    await until(() => imported.length === 2);
    expect(imported).toEqual(['first', 'second']);
  });

  it('imports a shared pack from the cache once, and takes the marker out of the address', async () => {
    const entries = new Map([[`https://app.example/${SHARED_PACK_CACHE}/1`, new Response('shared pack')]]);
    const { caches, opened } = fakeCaches(entries);
    const replaced: string[] = [];
    vi.stubGlobal('window', {});
    vi.stubGlobal('location', new URL(`https://app.example/?${SHARED_PACK_PARAM}`));
    vi.stubGlobal('history', { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) });
    vi.stubGlobal('caches', caches);
    const imported: string[] = [];
    receiveIncomingPacks(async (file) => void imported.push(await file.text()), Promise.resolve());
    await until(() => imported.length === 1);
    expect(imported).toEqual(['shared pack']);
    expect(opened).toEqual([SHARED_PACK_CACHE]);
    expect(entries.size).toBe(0);
    expect(replaced).toEqual(['https://app.example/']);
  });

  it('reads no cache on an ordinary start', async () => {
    const { caches, opened } = fakeCaches(new Map([['https://app.example/x', new Response('left over')]]));
    vi.stubGlobal('window', {});
    vi.stubGlobal('location', new URL('https://app.example/'));
    vi.stubGlobal('caches', caches);
    const imported: string[] = [];
    receiveIncomingPacks(async (file) => void imported.push(await file.text()), Promise.resolve());
    await new Promise((r) => setTimeout(r, 0));
    expect(opened).toEqual([]);
    expect(imported).toEqual([]);
  });
});
