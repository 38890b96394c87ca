// Entry of the rulebook worker: PDF parsing, chunking, embeddings, the on-device index and search.

import { createWorkerHost } from '../src/worker/host';
import { rulebookHandlers } from '../src/worker/rulebook-handlers';
import type { RulebookOps } from '../src/core/rulebook-ops';

declare const self: DedicatedWorkerGlobalScope;

const onMessage = createWorkerHost<RulebookOps>(rulebookHandlers, (message, transfer) =>
  self.postMessage(message, transfer),
);
self.addEventListener('message', (event) => void onMessage(event.data));
