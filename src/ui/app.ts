// Composition root of the interface: the shell and its screens. Main thread.

import { deserializeError } from '../core/errors';
import type { RulebookOps } from '../core/rulebook-ops';
import { createAskScreen } from './screens/ask-screen';
import { createEvalScreen } from './screens/eval-screen';
import { createModelsScreen } from './screens/models-screen';
import { createLlmAnswerer } from './llm-answer';
import { startLlmSession } from './llm-session';
import { createLlmStatusBar } from './llm-status-bar';
import { createShell } from './shell';
import type { WorkerClient } from './worker-client';

export interface AppOptions {
  root: HTMLElement;
  client: WorkerClient<RulebookOps>;
}

export function mountApp({ root, client }: AppOptions) {
  const shell = createShell(root);
  const askScreen = createAskScreen({ shell, client, onAnswer: createLlmAnswerer({ shell }) });
  shell.addScreen(askScreen.screen);
  // On-device answers: their status line on the Ask screen, and the model manager.
  askScreen.screen.element.prepend(createLlmStatusBar({ shell, openModels: () => shell.show('models') }).element);
  shell.addScreen(createModelsScreen({ shell, client, currentRulebook: askScreen.currentRulebook }).screen);
  void startLlmSession();
  shell.addScreen(createEvalScreen({ shell, client, currentRulebook: askScreen.currentRulebook }).screen);
  // `?threads=N` fixes the search model's WASM threads (the browser benchmark compares 1 with several).
  const wasmThreads = Number(new URLSearchParams(location.search).get('threads'));
  // A chosen search model that could not be loaded at start (offline, evicted) left the built-in one in use.
  void askScreen.start(wasmThreads > 0 ? { wasmThreads } : {}).then((status) => {
    if (status?.embeddingFallback) shell.showError(deserializeError(status.embeddingFallback.error));
  });
  return { shell, askScreen };
}
