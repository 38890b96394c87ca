// Watches the first install of the service worker (saving the offline copy of the app): when it fails, says
// why ("This device could not keep an offline copy: …") and offers to try again. Main thread.

import { classifyOfflineCopyFailure, isOfflineCopyFailedMessage, type OfflineCopyFailedMessage } from '../core/offline-copy';
import { h } from './dom';
import { OFFLINE_COPY_TEXT } from './messages';

/** Roughly what the offline copy takes (README "Install and offline": about 44 MB); below this free, it cannot fit. */
const OFFLINE_COPY_BYTES = 48 * 1024 * 1024;

export interface OfflineCopyWatchOptions {
  notify(note: HTMLElement): void;
  /** Tries again: a fresh page load registers the service worker anew, once no job is running. */
  retry(): void;
}

export function watchOfflineCopy(registration: ServiceWorkerRegistration, opts: OfflineCopyWatchOptions): void {
  let lastError: OfflineCopyFailedMessage | undefined;
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (isOfflineCopyFailedMessage(event.data)) lastError = event.data;
  });
  navigator.serviceWorker.startMessages();

  let isReported = false;
  const report = async () => {
    // An update that fails leaves the working copy in place: only a missing copy is worth a word.
    if (isReported || registration.active || registration.waiting) return;
    isReported = true;
    const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
    const failure = classifyOfflineCopyFailure(lastError, estimate, OFFLINE_COPY_BYTES);
    const retry = h('button', { type: 'button', class: 'secondary' }, OFFLINE_COPY_TEXT.retry);
    const note = h('p', { class: 'offline-copy-failed', role: 'alert' }, `${OFFLINE_COPY_TEXT.failed(failure)} `, retry);
    retry.addEventListener('click', () => {
      retry.disabled = true;
      opts.retry();
    });
    opts.notify(note);
  };
  const watch = (worker: ServiceWorker | null) => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'redundant') void report();
    });
  };
  if (!registration.installing && !registration.waiting && !registration.active) void report();
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
}
