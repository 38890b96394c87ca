// The Pitchside screen: add a rulebook, pick one, ask a question, read the cited answer.
// Main thread; all heavy work happens in the rulebook worker behind `client`.

import type { RulebookOps, RulebookSummary } from '../core/rulebook-ops';
import { renderClauseAnswer } from './answer-view';
import { clear, h } from './dom';
import { describeError, describeProgress, TEXT } from './messages';
import type { WorkerClient } from './worker-client';

export interface AppOptions {
  root: HTMLElement;
  client: WorkerClient<RulebookOps>;
}

export function mountApp({ root, client }: AppOptions) {
  let books: RulebookSummary[] = [];
  let current: string | undefined;
  let asking: AbortController | undefined;
  let indexing: AbortController | undefined;

  const status = h('p', { role: 'status', class: 'status', 'aria-live': 'polite' }, TEXT.starting);
  const alert = h('div', { role: 'alert', class: 'alert' });
  const fileInput = h('input', { type: 'file', id: 'rulebook-file', accept: 'application/pdf,.pdf' });
  const cancelIndexing = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Cancel');
  const bookList = h('ul', { class: 'rulebooks', 'aria-label': 'Rulebooks' });
  const question = h('input', { type: 'text', id: 'question', autocomplete: 'off', enterkeyhint: 'send' });
  const askButton = h('button', { type: 'submit' }, 'Ask');
  const answer = h('section', { 'aria-label': 'Answer', class: 'answer', 'aria-live': 'polite' });

  const form = h(
    'form',
    { class: 'ask', onsubmit: (e: Event) => (e.preventDefault(), void ask()) },
    h('label', { for: 'question' }, 'Question'),
    h('div', { class: 'ask-row' }, question, askButton),
  );

  root.append(
    h('header', { class: 'top' }, h('h1', {}, TEXT.appName), status),
    alert,
    h(
      'section',
      { class: 'books', 'aria-label': 'Rulebooks section' },
      h('label', { for: 'rulebook-file', class: 'file-label' }, 'Add rulebook (PDF)'),
      fileInput,
      cancelIndexing,
      bookList,
    ),
    answer,
    form,
  );

  function showError(error: unknown) {
    const { text, detail, silent } = describeError(error);
    if (silent) return;
    clear(alert);
    alert.append(h('p', {}, text));
    if (detail) alert.append(h('details', {}, h('summary', {}, 'Details'), h('p', {}, detail)));
  }

  function setStatus(text: string) {
    status.textContent = text;
  }

  function renderBooks() {
    clear(bookList);
    for (const book of books) {
      const selected = book.hash === current;
      bookList.append(
        h(
          'li',
          { class: selected ? 'selected' : '' },
          h(
            'button',
            { type: 'button', 'aria-pressed': String(selected), onclick: () => select(book.hash) },
            book.name,
          ),
          h('span', { class: 'meta' }, `${book.pageCount} pages · ${book.chunkCount ?? 0} passages`),
        ),
      );
    }
  }

  function select(hash: string) {
    current = hash;
    renderBooks();
    const book = books.find((b) => b.hash === hash);
    if (book) setStatus(TEXT.readyWithBook(book.name));
  }

  async function refreshBooks() {
    books = await client.call('list', {});
    if (!current || !books.some((b) => b.hash === current)) current = books[0]?.hash;
    renderBooks();
  }

  async function addFile(file: File) {
    clear(alert);
    indexing?.abort();
    indexing = new AbortController();
    cancelIndexing.hidden = false;
    try {
      setStatus(describeProgress({ stage: 'read', done: 0, total: 1 }));
      const bytes = await file.arrayBuffer();
      const name = file.name.replace(/\.pdf$/i, '');
      const result = await client.call(
        'add',
        { name, bytes },
        { signal: indexing.signal, onProgress: (p) => setStatus(describeProgress(p)), transfer: [bytes] },
      );
      current = result.rulebook.hash;
      await refreshBooks();
      setStatus(TEXT.indexed(result.rulebook.name, result.chunkCount, result.reused));
    } catch (error) {
      showError(error);
      const book = books.find((b) => b.hash === current);
      setStatus(book ? TEXT.readyWithBook(book.name) : TEXT.noRulebook);
    } finally {
      cancelIndexing.hidden = true;
      fileInput.value = '';
    }
  }

  async function ask() {
    const text = question.value.trim();
    if (!text) return showError(new Error(TEXT.emptyQuestion));
    if (!current) return showError(new Error(TEXT.askFirst));
    clear(alert);
    asking?.abort();
    asking = new AbortController();
    try {
      const result = await client.call('ask', { hash: current, question: text }, { signal: asking.signal });
      clear(answer);
      answer.append(h('h2', { class: 'visually-hidden' }, 'Answer'), renderClauseAnswer(result.answer));
    } catch (error) {
      showError(error);
    }
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void addFile(file);
  });
  cancelIndexing.addEventListener('click', () => indexing?.abort());

  async function start() {
    try {
      await client.call('init', {}, { onProgress: (p) => setStatus(describeProgress(p)) });
      await refreshBooks();
      const book = books.find((b) => b.hash === current);
      setStatus(book ? TEXT.readyWithBook(book.name) : TEXT.noRulebook);
    } catch (error) {
      showError(error);
      setStatus(TEXT.noRulebook);
    }
  }

  void start();
  return { ask, addFile };
}
