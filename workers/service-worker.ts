// Service worker: precaches the app shell, workers, pdf.js, the ONNX runtime and the shipped embedding model,
// serves them offline, and adds the app's security headers to what it serves. Service worker thread.

import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { OFFLINE_COPY_FAILED, type OfflineCopyFailedMessage } from '../src/core/offline-copy';
import { SHARE_TARGET_ACTION } from '../src/core/pack-sharing';
import { SECURITY_HEADERS } from '../src/core/security-headers';
import { receiveSharedPack } from '../src/worker/share-target';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<string | { url: string; revision: string | null }>;
};

// Static hosts without header rules (e.g. GitHub Pages) still get the app's security headers: a cross-origin
// isolated page (and so a multi-threaded ONNX runtime) from the first launch the service worker controls, the
// CSP, and no framing by other sites.
function withSecurityHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Tells the app's windows why the offline copy could not be saved (storage full, a download failed). */
async function reportPrecacheFailure(error: Error): Promise<undefined> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const message: OfflineCopyFailedMessage = { type: OFFLINE_COPY_FAILED, errorName: error.name, detail: error.message };
  for (const client of windows) client.postMessage(message);
  return undefined;
}

addPlugins([
  {
    cachedResponseWillBeUsed: async ({ cachedResponse }) => cachedResponse && withSecurityHeaders(cachedResponse),
    // Only failures while installing (saving the offline copy); the install itself still fails.
    handlerDidError: async ({ error, event }) => (event.type === 'install' ? reportPrecacheFailure(error) : undefined),
  },
]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// A rule pack shared to the installed app (manifest share_target) is posted here.
registerRoute(
  ({ url }) => url.pathname === new URL(SHARE_TARGET_ACTION, self.registration.scope).pathname,
  ({ request }) => receiveSharedPack(request, self.registration.scope),
  'POST',
);

// The first install takes control at once ("Ready to work offline"); an update waits for the user's
// "Reload" click, so it never replaces the app in the middle of an answer or an indexing job.
clientsClaim();
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
