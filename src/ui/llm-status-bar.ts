// One line on the Ask screen saying whether on-device answers are on and why not (no usable WebGPU),
// with a switch to try them anyway and, after a GPU failure, a button for the smaller model. Main thread.

import { h } from './dom';
import { loadLlmModel, modelName, setLlmEnabled, subscribeLlm, type LlmState } from './llm-session';
import { LLM_TEXT } from './messages';
import type { Shell } from './shell';

function describe(state: Readonly<LlmState>): string {
  if (!state.support) return LLM_TEXT.checking;
  if (!state.enabled) return state.support.reason && !state.support.enabledByDefault ? LLM_TEXT.offReason(state.support.reason) : LLM_TEXT.offByChoice;
  if (state.loadingModel) return LLM_TEXT.loading(modelName(state.loadingModel));
  if (state.loadedModel) return LLM_TEXT.ready(modelName(state.loadedModel));
  return LLM_TEXT.noModel;
}

export function createLlmStatusBar({ shell, openModels }: { shell: Shell; openModels: () => void }) {
  const line = h('p', { class: 'llm-line' });
  const toggle = h('button', { type: 'button', class: 'secondary llm-toggle', 'aria-pressed': 'false' }, LLM_TEXT.toggle);
  const smaller = h('button', { type: 'button', class: 'secondary', hidden: true });
  const models = h('button', { type: 'button', class: 'link', onclick: openModels, hidden: true }, 'Choose a model');
  const element = h('div', { class: 'llm-bar' }, line, h('div', { class: 'llm-bar-actions' }, toggle, smaller, models));
  let suggested: string | null = null;

  toggle.addEventListener('click', () => setLlmEnabled(toggle.getAttribute('aria-pressed') !== 'true'));
  smaller.addEventListener('click', () => {
    if (!suggested) return;
    shell.clearError();
    loadLlmModel(suggested).catch((error: unknown) => shell.showError(error));
  });

  subscribeLlm((state) => {
    line.textContent = describe(state);
    if (state.suggestion) line.textContent += ` ${LLM_TEXT.suggestSmaller(state.suggestion.displayName)}`;
    toggle.disabled = !state.support;
    toggle.setAttribute('aria-pressed', String(state.enabled));
    suggested = state.suggestion?.id ?? null;
    smaller.hidden = !state.suggestion;
    smaller.textContent = state.suggestion ? LLM_TEXT.trySmaller(state.suggestion.displayName) : '';
    models.hidden = !(state.enabled && state.support && !state.loadedModel && !state.loadingModel);
  });

  return { element };
}
