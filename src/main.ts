// Page entry: applies the theme and text size, starts the rulebook worker, mounts the interface, and sets
// up the offline service worker and the install prompt. Main thread.

import type { RulebookOps } from './core/rulebook-ops';
import { pageActivity } from './ui/activity';
import { mountApp } from './ui/app';
import { setUpInstall } from './ui/install-hint';
import { setUpOfflineApp } from './ui/pwa';
import { applyTextSize, readTextSize } from './ui/text-size';
import { applyTheme, readThemeChoice } from './ui/theme';
import { WorkerClient } from './ui/worker-client';
import './ui/styles.css';

applyTheme(readThemeChoice());
applyTextSize(readTextSize());
// A factory, so a crashed or stuck rulebook worker is replaced on the next call (its data is in IndexedDB).
const client = new WorkerClient<RulebookOps>(
  () => new Worker(new URL('../workers/rulebook.worker.ts', import.meta.url), { type: 'module' }),
);
const root = document.getElementById('app');
if (root) {
  const app = mountApp({ root, client });
  setUpInstall(app.shell, app.installPlace);
  setUpOfflineApp(app.shell, pageActivity);
  // Exposed for end-to-end measurements: the worker's embedding counters.
  Object.assign(window, { pitchside: { stats: () => client.call('stats', {}), app } });
}
