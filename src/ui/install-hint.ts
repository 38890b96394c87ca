// Offers installation: an "Install app" button where the browser fires `beforeinstallprompt`, and on iOS
// Safari (which has no prompt) a short "Add to Home Screen" hint, shown until dismissed. Main thread.

import { h } from './dom';
import { UI_TEXT } from './messages';
import type { Shell } from './shell';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const IOS_HINT_KEY = 'pitchside-ios-hint-dismissed';

/** `place` is where the Install button goes (Settings); the iOS hint is a notice. */
export function setUpInstall(shell: Shell, place: HTMLElement): void {
  const button = h('button', { type: 'button', class: 'secondary', hidden: true }, UI_TEXT.install);
  let deferred: InstallPromptEvent | undefined;
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    deferred = event as InstallPromptEvent;
    button.hidden = false;
  });
  window.addEventListener('appinstalled', () => (button.hidden = true));
  button.addEventListener('click', async () => {
    if (!deferred) return;
    await deferred.prompt();
    await deferred.userChoice;
    deferred = undefined;
    button.hidden = true;
  });
  place.append(button);
  if (isIosBrowserTab() && !wasDismissed()) showIosHint(shell);
}

function isIosBrowserTab(): boolean {
  const ios = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
  const standalone = matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone;
  return ios && !standalone;
}

function wasDismissed(): boolean {
  try {
    return localStorage.getItem(IOS_HINT_KEY) === '1';
  } catch {
    return false;
  }
}

function showIosHint(shell: Shell): void {
  const dismiss = h('button', { type: 'button', class: 'secondary' }, UI_TEXT.dismiss);
  const hint = h('p', { class: 'install-hint' }, UI_TEXT.iosInstallHint, ' ', dismiss);
  dismiss.addEventListener('click', () => {
    hint.remove();
    try {
      localStorage.setItem(IOS_HINT_KEY, '1');
    } catch {
      // Shown again next visit.
    }
  });
  shell.notify(hint);
}
