// Registers the service worker: says "Ready to work offline" after the first install, and offers
// "Update available — reload", applied only once no answer or indexing job is running; says so when the
// offline copy cannot be saved. Main thread.

import { registerSW } from 'virtual:pwa-register';
import type { Activity } from './activity';
import { h } from './dom';
import { UI_TEXT } from './messages';
import { watchOfflineCopy } from './offline-copy-notice';
import type { Shell } from './shell';

/** Long enough to read and be announced; the notice then frees the phone's small screen. */
const OFFLINE_NOTICE_MS = 8000;

export function setUpOfflineApp(shell: Shell, activity: Activity): void {
  if (!('serviceWorker' in navigator)) return;
  const updateServiceWorker = registerSW({
    immediate: true,
    onOfflineReady() {
      const note = h('p', {}, UI_TEXT.offlineReady);
      shell.notify(note);
      setTimeout(() => note.remove(), OFFLINE_NOTICE_MS);
    },
    onNeedRefresh() {
      const note = h('p', { class: 'update' }, `${UI_TEXT.updateAvailable} `);
      const reload = h('button', { type: 'button' }, UI_TEXT.reload);
      reload.addEventListener('click', () => {
        reload.disabled = true;
        if (activity.isBusy()) note.firstChild!.textContent = `${UI_TEXT.reloadAfterJob} `;
        void activity.whenIdle().then(() => updateServiceWorker(true));
      });
      note.append(reload);
      shell.notify(note);
    },
    // Without this, the page reloads as soon as a new version takes control (also when another tab or the
    // installed app pressed Reload), even in the middle of an answer or an indexing job.
    onNeedReload() {
      void activity.whenIdle().then(() => location.reload());
    },
    onRegisteredSW(_url: string, registration: ServiceWorkerRegistration | undefined) {
      if (!registration) return;
      watchOfflineCopy(registration, {
        notify: (note) => shell.notify(note),
        retry: () => void activity.whenIdle().then(() => location.reload()),
      });
    },
    onRegisterError(error: unknown) {
      // The app still works online without a service worker; offline use needs one.
      console.warn('Service worker registration failed', error);
    },
  });
}
