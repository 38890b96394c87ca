// Composition root of the interface: the shell, the rulebooks shared by every screen, and the screens
// (Ask · Rulebook · Settings, and Evaluate under Settings). Main thread.

import { deserializeError } from '../core/errors';
import type { RulebookOps } from '../core/rulebook-ops';
import { trackKeyboardInset } from './keyboard-inset';
import { createLibrary } from './library';
import { createLlmAnswerer } from './llm-answer';
import { startLlmSession } from './llm-session';
import { createLlmStatusBar } from './llm-status-bar';
import { createPins } from './pins';
import { createRulebookPicker } from './rulebook-picker';
import { receiveIncomingPacks } from './incoming-packs';
import { createRulePackControls } from './rule-pack-controls';
import { createEditionChanges } from './edition-changes';
import { createActiveBooks } from './active-books';
import { createAskMany, createLocalRulesSettings } from './local-rules-view';
import { createAskScreen } from './screens/ask-screen';
import { createEvalScreen } from './screens/eval-screen';
import { createModelsScreen } from './screens/models-screen';
import { createRulebookScreen } from './screens/rulebook-screen';
import { createSettingsScreen } from './screens/settings-screen';
import { createShell } from './shell';
import type { WorkerClient } from './worker-client';

export interface AppOptions {
  root: HTMLElement;
  client: WorkerClient<RulebookOps>;
}

export function mountApp({ root, client }: AppOptions) {
  const shell = createShell(root);
  const library = createLibrary({ shell, client });
  const picker = createRulebookPicker((file) => void library.add(file));
  root.append(picker.input);
  library.onChange((change) => change === 'indexing' && picker.setBusy(library.isIndexing()));
  const pins = createPins();
  const createPickButton = () => picker.createButton('big');

  const activeBooks = createActiveBooks();
  const rulebook = createRulebookScreen({ library, pins, createPickButton, show: (id) => shell.show(id) });
  const askScreen = createAskScreen({
    shell,
    client,
    library,
    pins,
    createPickButton,
    openClause: rulebook.openClause,
    onAnswer: createLlmAnswerer({ shell }),
    askMany: createAskMany({ client, library, activeBooks }),
  });
  const models = createModelsScreen({ shell, client, currentRulebook: library.current }).screen;
  const llmBar = createLlmStatusBar({ shell, openModels: () => models.element.scrollIntoView({ block: 'start' }) }).element;
  const rulePacks = createRulePackControls({ shell, client, library });
  receiveIncomingPacks(rulePacks.importFile, library.whenStarted());
  const settings = createSettingsScreen({
    library,
    createPickButton,
    llmBar,
    models,
    openEvaluate: () => shell.show('evaluate'),
    rulePacks: rulePacks.element,
    editions: createEditionChanges({ shell, client, library }).element,
    localRules: createLocalRulesSettings({ library, activeBooks }),
  });
  const evaluate = createEvalScreen({ shell, client, currentRulebook: library.current }).screen;

  shell.addScreen(askScreen.screen);
  shell.addScreen(rulebook.screen);
  shell.addScreen(settings.screen);
  shell.addScreen({ ...evaluate, parent: 'settings' });
  trackKeyboardInset();
  void startLlmSession();

  // `?threads=N` fixes the search model's WASM threads (the browser benchmark compares 1 with several).
  const wasmThreads = Number(new URLSearchParams(location.search).get('threads'));
  // A chosen search model that could not be loaded at start (offline, evicted) left the built-in one in use.
  void library.start(wasmThreads > 0 ? { wasmThreads } : {}).then((status) => {
    if (status?.embeddingFallback) shell.showError(deserializeError(status.embeddingFallback.error));
  });
  return { shell, askScreen, library, rulebook, installPlace: settings.installPlace };
}
