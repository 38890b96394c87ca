// The list of added rulebooks: name, pages, passages and the model each was indexed with; pick one, rename
// it in place, or delete it after confirmation. Main thread.

import { getEmbeddingModel } from '../core/embedding-models';
import type { RulebookSummary } from '../core/rulebook-ops';
import { clear, h } from './dom';
import { TEXT, UI_TEXT } from './messages';

export interface RulebooksViewOptions {
  onSelect(hash: string): void;
  onRename?(hash: string, name: string): void;
  onDelete?(hash: string): void;
}

export interface RulebooksView {
  element: HTMLElement;
  render(books: RulebookSummary[], current: string | undefined): void;
}

export function createRulebooksView(opts: RulebooksViewOptions): RulebooksView {
  const list = h('ul', { class: 'rulebooks', 'aria-label': 'Rulebooks' });

  function renameForm(book: RulebookSummary, item: HTMLElement, restore: () => void) {
    const inputId = `rename-${book.hash.slice(0, 12)}`;
    const input = h('input', { type: 'text', id: inputId, value: book.name, autocomplete: 'off' });
    const form = h(
      'form',
      { class: 'rename' },
      h('label', { for: inputId }, UI_TEXT.renameLabel),
      input,
      h('button', { type: 'submit' }, UI_TEXT.save),
      h('button', { type: 'button', class: 'secondary', onclick: restore }, UI_TEXT.cancel),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (name && name !== book.name) opts.onRename?.(book.hash, name);
      else restore();
    });
    item.replaceChildren(form);
    input.focus();
    input.select();
  }

  function renderItem(book: RulebookSummary, selected: boolean): HTMLElement {
    const nameId = `book-${book.hash.slice(0, 12)}`;
    const model = book.modelId ? (getEmbeddingModel(book.modelId)?.name ?? book.modelId) : undefined;
    const item = h('li', { class: selected ? 'selected' : '' });
    const fill = () => {
      item.replaceChildren(
        h('button', { type: 'button', id: nameId, class: 'book', 'aria-pressed': String(selected), onclick: () => opts.onSelect(book.hash) }, book.name),
        h(
          'span',
          { class: 'meta' },
          `${book.pageCount} pages · ${book.chunkCount ?? 0} passages`,
          model ? ` · ${UI_TEXT.indexedWith(model)}` : '',
        ),
        h(
          'span',
          { class: 'book-actions' },
          // Short visible names; the rulebook's name comes through aria-describedby.
          opts.onRename
            ? h('button', { type: 'button', class: 'link', 'aria-describedby': nameId, onclick: () => renameForm(book, item, fill) }, 'Rename')
            : null,
          opts.onDelete
            ? h('button', {
                type: 'button',
                class: 'link danger',
                'aria-describedby': nameId,
                onclick: () => {
                  if (confirm(TEXT.confirmDelete(book.name))) opts.onDelete?.(book.hash);
                },
              }, 'Delete')
            : null,
        ),
      );
    };
    fill();
    return item;
  }

  return {
    element: list,
    render(books, current) {
      clear(list);
      for (const book of books) list.append(renderItem(book, book.hash === current));
    },
  };
}
