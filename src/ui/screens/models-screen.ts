// The model manager: answer models with size, memory need and cached state; download with byte
// progress and cancel, use, delete; storage used and free; persistent storage; the search models.
// Main thread; downloads run in the LLM worker.

import { AppError } from '../../core/errors';
import type { RulebookOps } from '../../core/rulebook-ops';
import type { LlmModelInfo } from '../../core/llm-models';
import { deleteCachedModel, getStorageEstimate, isModelCached, isStoragePersisted, requestPersistentStorage } from '../../llm/model-cache';
import { clear, h } from '../dom';
import { getLlmState, isScriptedLlm, listOfferedModels, loadLlmModel, startLlmSession, subscribeLlm, unloadLlmModel } from '../llm-session';
import { describeProgress, formatBytes, LLM_TEXT } from '../messages';
import { createSearchModelsView } from '../search-models-view';
import type { Screen, Shell } from '../shell';
import type { WorkerClient } from '../worker-client';

export interface ModelsScreenOptions {
  shell: Shell;
  client: WorkerClient<RulebookOps>;
  currentRulebook: () => string | undefined;
}

export function createModelsScreen({ shell, client, currentRulebook }: ModelsScreenOptions) {
  const progress = h('p', { role: 'status', class: 'models-progress', 'aria-label': 'Download progress' });
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, LLM_TEXT.cancelDownload);
  const storageLine = h('p', { class: 'storage' });
  const persistResult = h('p', { class: 'persist-result' });
  const keep = h('button', { type: 'button', class: 'secondary' }, LLM_TEXT.keep);
  const list = h('ul', { class: 'model-list', 'aria-label': LLM_TEXT.modelsTitle });
  const embeddings = createSearchModelsView({ shell, client, currentRulebook });
  const element = h(
    'section',
    { class: 'models-screen', 'aria-label': 'Models' },
    h('h2', {}, LLM_TEXT.modelsTitle),
    list,
    h('div', { class: 'download-row' }, progress, cancel),
    storageLine,
    h('div', { class: 'persist' }, keep, persistResult),
    h('h2', {}, LLM_TEXT.embeddingTitle),
    embeddings.element,
  );

  let downloading: AbortController | null = null;
  const cached = new Map<string, boolean>();

  async function refreshStorage() {
    const estimate = await getStorageEstimate();
    storageLine.textContent = estimate
      ? LLM_TEXT.storage(formatBytes(estimate.usedBytes), formatBytes(estimate.freeBytes))
      : LLM_TEXT.storageUnknown;
    if (!persistResult.textContent && (await isStoragePersisted())) persistResult.textContent = LLM_TEXT.persist['already-persisted'];
  }

  async function refreshCached() {
    const models = listOfferedModels();
    // The scripted engine stores nothing; asking web-llm would only load it for nothing.
    const states = await Promise.all(models.map((m) => (isScriptedLlm() ? false : isModelCached(m.id))));
    models.forEach((m, i) => cached.set(m.id, states[i]));
    renderList();
  }

  function row(model: LlmModelInfo): HTMLElement {
    const { loadedModel, loadingModel } = getLlmState();
    const isLoaded = loadedModel === model.id;
    const isCached = cached.get(model.id) === true;
    const stateText = isLoaded ? LLM_TEXT.inUse : isCached ? LLM_TEXT.cached : LLM_TEXT.notCached;
    const busy = loadingModel !== null;
    const main = h(
      'button',
      { type: 'button', disabled: busy || isLoaded, onclick: () => void download(model) },
      isCached || isLoaded ? LLM_TEXT.use(model.displayName) : LLM_TEXT.download(model.displayName),
    );
    const remove =
      isCached &&
      h('button', { type: 'button', class: 'secondary', disabled: busy, onclick: () => void removeModel(model) }, LLM_TEXT.remove(model.displayName));
    return h(
      'li',
      { class: 'model', 'data-model': model.id },
      h('span', { class: 'model-name' }, `${model.displayName} (${model.quantization})`),
      h('span', { class: 'model-meta' }, LLM_TEXT.size(model.downloadMB, model.vramMB)),
      h('span', { class: 'model-state' }, stateText),
      h('span', { class: 'model-actions' }, main, remove),
    );
  }

  function renderList() {
    clear(list);
    list.append(...listOfferedModels().map(row));
  }

  async function download(model: LlmModelInfo) {
    shell.clearError();
    downloading?.abort();
    const controller = new AbortController();
    downloading = controller;
    cancel.hidden = false;
    progress.textContent = LLM_TEXT.loading(model.displayName);
    try {
      await loadLlmModel(model.id, {
        signal: controller.signal,
        onProgress: (p) => (progress.textContent = LLM_TEXT.downloading(model.displayName, p.stage === 'download' ? describeProgress(p) : p.text)),
      });
      progress.textContent = LLM_TEXT.loaded(model.displayName);
    } catch (error) {
      progress.textContent = '';
      if (!(error instanceof AppError && error.code === 'cancelled')) shell.showError(error);
    } finally {
      if (downloading === controller) downloading = null;
      cancel.hidden = true;
      await refreshCached();
      await refreshStorage();
    }
  }

  async function removeModel(model: LlmModelInfo) {
    if (!confirm(LLM_TEXT.confirmDeleteModel(model.displayName))) return;
    shell.clearError();
    try {
      if (getLlmState().loadedModel === model.id) await unloadLlmModel();
      await deleteCachedModel(model.id);
      progress.textContent = LLM_TEXT.deleted(model.displayName);
    } catch (error) {
      shell.showError(error);
    } finally {
      await refreshCached();
      await refreshStorage();
    }
  }

  cancel.addEventListener('click', () => downloading?.abort());
  keep.addEventListener('click', async () => {
    persistResult.textContent = LLM_TEXT.persist[await requestPersistentStorage()];
    await refreshStorage();
  });
  subscribeLlm(() => renderList());

  const screen: Screen = {
    id: 'models',
    label: 'Models',
    element,
    onShow: () => {
      void embeddings.refresh();
      void startLlmSession().then(() => Promise.all([refreshCached(), refreshStorage()]));
    },
  };
  return { screen };
}
