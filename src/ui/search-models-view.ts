// The search (embedding) models on the Models screen: size, downloaded or not, the one in use, and a
// "Use <name>" button that downloads once, switches, then re-indexes the current rulebook at once with
// progress and Cancel. Main thread; the work runs in the rulebook worker.

import { AppError } from '../core/errors';
import type { EmbeddingModelState, EngineStatus, RulebookOps } from '../core/rulebook-ops';
import { clear, h } from './dom';
import { describeProgress, LLM_TEXT } from './messages';
import type { Shell } from './shell';
import type { WorkerClient } from './worker-client';

export interface SearchModelsViewOptions {
  shell: Shell;
  client: WorkerClient<RulebookOps>;
  currentRulebook: () => string | undefined;
}

export function createSearchModelsView({ shell, client, currentRulebook }: SearchModelsViewOptions) {
  const list = h('ul', { class: 'model-list', 'aria-label': LLM_TEXT.embeddingTitle });
  const note = h('p', { class: 'model-note' });
  const progress = h('p', { role: 'status', class: 'models-progress', 'aria-label': LLM_TEXT.embeddingProgressLabel });
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, LLM_TEXT.cancelEmbedding);
  const element = h('div', { class: 'search-models' }, list, note, h('div', { class: 'download-row' }, progress, cancel));
  let models: EmbeddingModelState[] = [];
  let running: AbortController | null = null;
  /** What a cancel stops: the model download, or the re-index after the switch. */
  let phase: 'load' | 'index' = 'load';

  function row(model: EmbeddingModelState): HTMLElement {
    const meta = model.shipped
      ? `${LLM_TEXT.builtIn} · ${model.sizeMB} MB`
      : model.cached
        ? LLM_TEXT.embeddingDownloaded(model.sizeMB)
        : LLM_TEXT.embeddingDownload(model.sizeMB);
    return h(
      'li',
      { class: 'model', 'data-model': model.id, 'aria-current': model.active ? 'true' : undefined },
      h('span', { class: 'model-name' }, model.name),
      ' ',
      h('span', { class: 'model-meta' }, meta),
      model.active && h('span', { class: 'model-state' }, LLM_TEXT.embeddingInUse),
      h(
        'span',
        { class: 'model-actions' },
        h('button', { type: 'button', disabled: model.active || running !== null, onclick: () => void use(model) }, LLM_TEXT.use(model.name)),
      ),
    );
  }

  function render() {
    clear(list);
    list.append(...models.map(row));
  }

  async function refresh() {
    try {
      const [states, status] = await Promise.all([client.call('embeddingModels', {}), client.call('stats', {})]);
      models = states;
      showFallback(status);
      render();
    } catch (error) {
      shell.showError(error);
    }
  }

  function showFallback(status: EngineStatus) {
    const failed = status.embeddingFallback && models.find((m) => m.id === status.embeddingFallback?.modelId);
    note.textContent = failed ? LLM_TEXT.embeddingFallback(failed.name) : '';
  }

  async function use(model: EmbeddingModelState) {
    shell.clearError();
    const controller = new AbortController();
    running = controller;
    phase = 'load';
    cancel.hidden = false;
    render();
    progress.textContent = LLM_TEXT.loading(model.name);
    try {
      await client.call('useEmbeddingModel', { modelId: model.id }, {
        signal: controller.signal,
        onProgress: (p) => (progress.textContent = LLM_TEXT.downloading(model.name, describeProgress(p))),
      });
      progress.textContent = LLM_TEXT.embeddingSwitched(model.name);
      phase = 'index';
      await reindexCurrent(model, controller.signal);
    } catch (error) {
      if (error instanceof AppError && error.code === 'cancelled') {
        // A cancelled download changes nothing; a cancelled re-index leaves the new model in use.
        progress.textContent = phase === 'index' ? LLM_TEXT.reindexLater(model.name) : '';
      } else {
        progress.textContent = '';
        shell.showError(error);
      }
    } finally {
      if (running === controller) running = null;
      cancel.hidden = true;
      await refresh();
    }
  }

  async function reindexCurrent(model: EmbeddingModelState, signal: AbortSignal) {
    const hash = currentRulebook();
    if (!hash) return;
    const books = await client.call('list', {});
    const book = books.find((b) => b.hash === hash);
    if (!book) return;
    const done = await client.call('reindex', { hash }, {
      signal,
      awaitCancel: true,
      onProgress: (p) => (progress.textContent = LLM_TEXT.reindexing(book.name, describeProgress(p))),
    });
    progress.textContent = done.reused ? LLM_TEXT.embeddingSwitched(model.name) : LLM_TEXT.reindexed(model.name, book.name);
  }

  cancel.addEventListener('click', () => running?.abort());
  return { element, refresh };
}
