// The Ask screen: add and pick rulebooks, ask a question, read the clause answer. The question box sits
// at the bottom within thumb reach. Main thread; heavy work happens in the rulebook worker.

import type { RulebookOps, RulebookSummary } from '../../core/rulebook-ops';
import type { AskResult } from '../../core/rulebook-service';
import { renderClauseAnswer } from '../answer-view';
import { clear, h } from '../dom';
import { describeProgress, TEXT } from '../messages';
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
}

export function createAskScreen({ shell, client, onAnswer }: AskScreenOptions) {
  let books: RulebookSummary[] = [];
  let current: string | undefined;
  let asking: AbortController | undefined;
  let indexing: AbortController | undefined;

  const fileInput = h('input', { type: 'file', id: 'rulebook-file', accept: 'application/pdf,.pdf' });
  const cancelIndexing = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Cancel indexing');
  const rulebooks = createRulebooksView({ onSelect: select });
  const question = h('input', { type: 'text', id: 'question', autocomplete: 'off', enterkeyhint: 'send' });
  const answer = h('section', { 'aria-label': 'Answer', class: 'answer', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'ask', onsubmit: (e: Event) => (e.preventDefault(), void ask()) },
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
    ),
    answer,
    form,
  );

  function currentBook() {
    return books.find((b) => b.hash === current);
  }

  function select(hash: string) {
    current = hash;
    rulebooks.render(books, current);
    const book = currentBook();
    if (book) shell.setStatus(TEXT.readyWithBook(book.name));
  }

  async function refreshBooks() {
    books = await client.call('list', {});
    if (!current || !books.some((b) => b.hash === current)) current = books[0]?.hash;
    rulebooks.render(books, current);
  }

  async function addFile(file: File) {
    shell.clearError();
    indexing?.abort();
    indexing = new AbortController();
    cancelIndexing.hidden = false;
    try {
      shell.setStatus(describeProgress({ stage: 'read', done: 0, total: 1 }));
      const bytes = await file.arrayBuffer();
      const name = file.name.replace(/\.pdf$/i, '');
      const result = await client.call(
        'add',
        { name, bytes },
        { signal: indexing.signal, onProgress: (p) => shell.setStatus(describeProgress(p)), transfer: [bytes] },
      );
      current = result.rulebook.hash;
      await refreshBooks();
      shell.setStatus(TEXT.indexed(result.rulebook.name, result.chunkCount, result.reused));
    } catch (error) {
      shell.showError(error);
      const book = currentBook();
      shell.setStatus(book ? TEXT.readyWithBook(book.name) : TEXT.noRulebook);
    } finally {
      cancelIndexing.hidden = true;
      fileInput.value = '';
    }
  }

  async function ask() {
    const text = question.value.trim();
    if (!text) return shell.showError(new Error(TEXT.emptyQuestion));
    if (!current) return shell.showError(new Error(TEXT.askFirst));
    shell.clearError();
    asking?.abort();
    const controller = new AbortController();
    asking = controller;
    try {
      const result = await client.call('ask', { hash: current, question: text }, { signal: controller.signal });
      clear(answer);
      answer.append(h('h2', { class: 'visually-hidden' }, 'Answer'), renderClauseAnswer(result.answer));
      onAnswer?.({ question: text, result, container: answer, signal: controller.signal });
    } catch (error) {
      shell.showError(error);
    }
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void addFile(file);
  });
  cancelIndexing.addEventListener('click', () => indexing?.abort());

  async function start() {
    try {
      await client.call('init', {}, { onProgress: (p) => shell.setStatus(describeProgress(p)) });
      await refreshBooks();
      const book = currentBook();
      shell.setStatus(book ? TEXT.readyWithBook(book.name) : TEXT.noRulebook);
    } catch (error) {
      shell.showError(error);
      shell.setStatus(TEXT.noRulebook);
    }
  }

  const screen: Screen = { id: 'ask', label: 'Rules', element };
  return { screen, start, ask, addFile, currentRulebook: () => current };
}
