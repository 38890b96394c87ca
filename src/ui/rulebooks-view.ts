// The list of added rulebooks: shows name, pages and passages, and lets the user pick one. Main thread.

import type { RulebookSummary } from '../core/rulebook-ops';
import { clear, h } from './dom';

export interface RulebooksView {
  element: HTMLElement;
  render(books: RulebookSummary[], current: string | undefined): void;
}

export function createRulebooksView(opts: { onSelect(hash: string): void }): RulebooksView {
  const list = h('ul', { class: 'rulebooks', 'aria-label': 'Rulebooks' });
  return {
    element: list,
    render(books, current) {
      clear(list);
      for (const book of books) {
        const selected = book.hash === current;
        list.append(
          h(
            'li',
            { class: selected ? 'selected' : '' },
            h('button', { type: 'button', 'aria-pressed': String(selected), onclick: () => opts.onSelect(book.hash) }, book.name),
            h('span', { class: 'meta' }, `${book.pageCount} pages · ${book.chunkCount ?? 0} passages`),
          ),
        );
      }
    },
  };
}
