// The Ask screen: add, pick, rename and delete rulebooks, browse one by section, ask a question (recent and
// quick questions one tap away), read the clause answer. The question box sits at the bottom within thumb
// reach. Main thread; heavy work happens in the rulebook worker.

import type { EngineStatus, InitPayload, RulebookOps, RulebookSummary } from '../../core/rulebook-ops';
import type { AskResult } from '../../core/rulebook-service';
import type { RuleUnit } from '../../core/types';
import { pageActivity, type Activity } from '../activity';
import { renderClauseAnswer } from '../answer-view';
import { createBrowseView } from '../browse-view';
import { clear, h } from '../dom';
import { describeProgress, TEXT, UI_TEXT, UserHint } from '../messages';
import { createQuestionSuggestions, deriveQuickQuestions } from '../recent-questions';
import { createRulebooksView } from '../rulebooks-view';
import type { Screen, Shell } from '../shell';
import type { WorkerClient } from '../worker-client';

/** Lets other features (the on-device LLM) add to an answer once the clause answer is shown. */
export interface AnswerContext {
  question: string;
  result: AskResult;
  /** The answer region; the clause answer is already inside it. */
  container: HTMLElement;
  /** Aborted when a new question is asked. */
  signal: AbortSignal;
}

export interface AskScreenOptions {
  shell: Shell;
  client: WorkerClient<RulebookOps>;
  onAnswer?: (ctx: AnswerContext) => void;
  /** Slow jobs are tracked here so an app update waits for them (default: the page's tracker). */
  activity?: Activity;
}

export function createAskScreen({ shell, client, onAnswer, activity = pageActivity }: AskScreenOptions) {
  let books: RulebookSummary[] = [];
  let current: string | undefined;
  let asking: AbortController | undefined;
  let indexing: AbortController | undefined;
  const unitsByHash = new Map<string, Promise<RuleUnit[]>>();

  const fileInput = h('input', { type: 'file', id: 'rulebook-file', accept: 'application/pdf,.pdf' });
  const cancelIndexing = h('button', { type: 'button', class: 'secondary', hidden: true }, UI_TEXT.cancelIndexing);
  const rulebooks = createRulebooksView({ onSelect: select, onRename: rename, onDelete: remove });
  const browse = createBrowseView({ loadUnits: () => (current ? loadUnits(current) : Promise.resolve([])) });
  const suggestions = createQuestionSuggestions({ onPick: (q) => ((question.value = q), void trackedAsk()) });
  const question = h('input', { type: 'text', id: 'question', autocomplete: 'off', enterkeyhint: 'send' });
  // aria-busy is "true" from the moment Ask is pressed until the clause answer to that question is in place;
  // then data-question holds the question it answers and data-answer-id counts the answers shown. The
  // on-device answer streams in afterwards with a busy state of its own.
  const answer = h('section', { 'aria-label': 'Answer', class: 'answer', 'aria-live': 'polite', 'aria-busy': 'false' });
  let answersShown = 0;
  const form = h(
    'form',
    { class: 'ask', onsubmit: (e: Event) => (e.preventDefault(), void trackedAsk()) },
    h('label', { for: 'question' }, 'Question'),
    h('div', { class: 'ask-row' }, question, h('button', { type: 'submit' }, 'Ask')),
  );
  const element = h(
    'div',
    { class: 'ask-screen' },
    h(
      'section',
      { class: 'books', 'aria-label': 'Rulebooks section' },
      h('label', { for: 'rulebook-file', class: 'file-label' }, 'Add rulebook (PDF)'),
      fileInput,
      cancelIndexing,
      rulebooks.element,
      browse.element,
    ),
    suggestions.element,
    answer,
    form,
  );

  const trackedAsk = () => activity.track(ask());

  /** Empties the answer region: no answer, nothing pending. */
  function resetAnswer() {
    clear(answer);
    delete answer.dataset.question;
    answer.setAttribute('aria-busy', 'false');
  }

  /** The old answer goes the moment a new question is asked, so it can never pass for the new one. */
  function showPending() {
    answer.setAttribute('aria-busy', 'true');
    delete answer.dataset.question;
    answer.replaceChildren(h('p', { class: 'answer-pending' }, UI_TEXT.searching));
  }

  function showAnswer(question: string, result: AskResult) {
    answer.replaceChildren(h('h2', { class: 'visually-hidden' }, 'Answer'), renderClauseAnswer(result.answer, { loadSection }));
    answer.dataset.question = question;
    answer.dataset.answerId = String(++answersShown);
    answer.setAttribute('aria-busy', 'false');
  }

  function currentBook() {
    return books.find((b) => b.hash === current);
  }

  function loadUnits(hash: string): Promise<RuleUnit[]> {
    let units = unitsByHash.get(hash);
    if (!units) {
      units = client.call('units', { hash });
      units.catch(() => unitsByHash.delete(hash));
      unitsByHash.set(hash, units);
    }
    return units;
  }

  async function loadSection(sectionTitle: string): Promise<RuleUnit[]> {
    return current ? (await loadUnits(current)).filter((u) => u.sectionTitle === sectionTitle) : [];
  }

  async function refreshSuggestions() {
    const hash = current;
    if (!hash) return suggestions.render([], []);
    try {
      const [recent, units] = await Promise.all([client.call('recent', { hash }), loadUnits(hash)]);
      if (hash === current) suggestions.render(recent, deriveQuickQuestions(units));
    } catch {
      // Suggestions are a convenience; the question box still works.
      suggestions.render([], []);
    }
  }

  function showCurrent() {
    rulebooks.render(books, current);
    browse.reset();
    void refreshSuggestions();
  }

  function select(hash: string) {
    if (hash === current) return;
    // An answer still coming belongs to the previous rulebook.
    asking?.abort();
    current = hash;
    resetAnswer();
    showCurrent();
    const book = currentBook();
    if (book) shell.setStatus(TEXT.readyWithBook(book.name));
  }

  async function refreshBooks() {
    books = await client.call('list', {});
    if (!current || !books.some((b) => b.hash === current)) current = books[0]?.hash;
    showCurrent();
  }

  async function rename(hash: string, name: string) {
    try {
      await client.call('rename', { hash, name });
    } catch (error) {
      shell.showError(error);
    }
    await refreshBooks();
    if (hash === current) shell.setStatus(TEXT.readyWithBook(name));
  }

  async function remove(hash: string) {
    const name = books.find((b) => b.hash === hash)?.name ?? '';
    try {
      if (hash === current) asking?.abort();
      await client.call('remove', { hash });
      unitsByHash.delete(hash);
      if (hash === current) resetAnswer();
      await refreshBooks();
      const book = currentBook();
      shell.setStatus(`${UI_TEXT.removed(name)} ${book ? TEXT.readyWithBook(book.name) : TEXT.noRulebook}`);
    } catch (error) {
      shell.showError(error);
    }
  }

  async function addFile(file: File) {
    shell.clearError();
    // One rulebook at a time: the file input stays disabled until this one is indexed or cancelled.
    const controller = new AbortController();
    indexing = controller;
    fileInput.disabled = true;
    cancelIndexing.hidden = false;
    try {
      shell.setStatus(describeProgress({ stage: 'read', done: 0, total: 1 }));
      const bytes = await file.arrayBuffer();
      const name = file.name.replace(/\.pdf$/i, '');
      const result = await client.call(
        'add',
        { name, bytes },
        {
          signal: controller.signal,
          onProgress: (p) => shell.setStatus(describeProgress(p)),
          transfer: [bytes],
          awaitCancel: true,
        },
      );
      current = result.rulebook.hash;
      await refreshBooks();
      shell.setStatus(TEXT.indexed(result.rulebook.name, result.chunkCount, result.reused));
    } catch (error) {
      shell.showError(error);
      const book = currentBook();
      const ready = book ? TEXT.readyWithBook(book.name) : TEXT.noRulebook;
      shell.setStatus(controller.signal.aborted ? `${UI_TEXT.indexingCancelled} ${ready}` : ready);
    } finally {
      if (indexing === controller) indexing = undefined;
      cancelIndexing.hidden = true;
      fileInput.disabled = false;
      fileInput.value = '';
    }
  }

  async function ask() {
    const text = question.value.trim();
    if (!text) return shell.showError(new UserHint(TEXT.emptyQuestion));
    if (!current) return shell.showError(new UserHint(TEXT.askFirst));
    shell.clearError();
    asking?.abort();
    const controller = new AbortController();
    asking = controller;
    const hash = current;
    showPending();
    try {
      // A rulebook not yet indexed for the chosen search model is re-indexed first: show that progress.
      let reindexed = false;
      const result = await client.call(
        'ask',
        { hash, question: text },
        { signal: controller.signal, onProgress: (p) => ((reindexed = true), shell.setStatus(describeProgress(p))) },
      );
      // A newer question (or another rulebook) has taken the answer region over.
      if (controller.signal.aborted) return;
      const book = currentBook();
      if (reindexed && book) shell.setStatus(TEXT.readyWithBook(book.name));
      showAnswer(text, result);
      // On a phone the answer starts below the rulebook list: bring it to the top of the screen.
      answer.scrollIntoView({ block: 'start' });
      onAnswer?.({ question: text, result, container: answer, signal: controller.signal });
      void refreshSuggestions();
    } catch (error) {
      if (asking === controller) resetAnswer();
      shell.showError(error);
    }
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void activity.track(addFile(file));
  });
  cancelIndexing.addEventListener('click', () => indexing?.abort());

  /** Starts the rulebook worker and lists the rulebooks; returns the worker's status, or undefined on failure. */
  async function start(init: InitPayload = {}): Promise<EngineStatus | undefined> {
    try {
      const status = await client.call('init', init, { onProgress: (p) => shell.setStatus(describeProgress(p)) });
      await refreshBooks();
      const book = currentBook();
      shell.setStatus(book ? TEXT.readyWithBook(book.name) : TEXT.noRulebook);
      return status;
    } catch (error) {
      shell.showError(error);
      shell.setStatus(TEXT.noRulebook);
      return undefined;
    }
  }

  const screen: Screen = { id: 'ask', label: 'Rules', element };
  return {
    screen,
    start,
    ask: trackedAsk,
    addFile: (file: File) => activity.track(addFile(file)),
    currentRulebook: () => current,
  };
}
