// Rule packs that reach the app from outside: opened with the installed app (manifest file_handlers, read
// through launchQueue) or shared to it (manifest share_target; the service worker keeps the file in a cache
// and opens "?shared-pack"). Each is imported like a picked file once the rulebooks are listed. Main thread.

import { SHARED_PACK_CACHE, SHARED_PACK_PARAM } from '../core/pack-sharing';

interface LaunchParams {
  files?: readonly { getFile(): Promise<File> }[];
}

interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

export function receiveIncomingPacks(importFile: (file: Blob) => Promise<void>, whenStarted: Promise<void>): void {
  const launchQueue = (window as { launchQueue?: LaunchQueue }).launchQueue;
  launchQueue?.setConsumer((params) => {
    void whenStarted.then(async () => {
      for (const handle of params.files ?? []) await importFile(await handle.getFile());
    });
  });

  const url = new URL(location.href);
  if (!url.searchParams.has(SHARED_PACK_PARAM) || typeof caches === 'undefined') return;
  url.searchParams.delete(SHARED_PACK_PARAM);
  history.replaceState(history.state, '', url.href);
  void whenStarted.then(async () => {
    const cache = await caches.open(SHARED_PACK_CACHE);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      // Taken out first, so a pack that is refused is not offered again at every start.
      await cache.delete(request);
      if (response) await importFile(await response.blob());
    }
  });
}
