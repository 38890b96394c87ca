// Composition root of the interface: the shell and its screens. Main thread.

import type { RulebookOps } from '../core/rulebook-ops';
import { createAskScreen } from './screens/ask-screen';
import { createShell } from './shell';
import type { WorkerClient } from './worker-client';

export interface AppOptions {
  root: HTMLElement;
  client: WorkerClient<RulebookOps>;
}

export function mountApp({ root, client }: AppOptions) {
  const shell = createShell(root);
  const askScreen = createAskScreen({ shell, client });
  shell.addScreen(askScreen.screen);
  void askScreen.start();
  return { shell, askScreen };
}
