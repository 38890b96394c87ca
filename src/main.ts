// Page entry: starts the rulebook worker and mounts the interface.

import type { RulebookOps } from './core/rulebook-ops';
import { mountApp } from './ui/app';
import { WorkerClient } from './ui/worker-client';
import './ui/styles.css';

const worker = new Worker(new URL('../workers/rulebook.worker.ts', import.meta.url), { type: 'module' });
const client = new WorkerClient<RulebookOps>(worker);
const root = document.getElementById('app');
if (root) {
  const app = mountApp({ root, client });
  // Exposed for end-to-end measurements: the worker's embedding counters.
  Object.assign(window, { pitchside: { stats: () => client.call('stats', {}), app } });
}
