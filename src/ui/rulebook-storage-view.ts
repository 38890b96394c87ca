// Storage use per rulebook under Settings: each stored rulebook with the bytes it keeps on this device
// (estimated in the rulebook worker, src/core/storage-use.ts), and their sum. Main thread.

import type { RulebookSummary } from '../core/rulebook-ops';
import { h } from './dom';
import { formatBytes, UI_TEXT } from './messages';

export interface RulebookStorageView {
  element: HTMLElement;
  render(books: readonly RulebookSummary[]): void;
}

export function createRulebookStorageView(): RulebookStorageView {
  const headingId = 'rulebook-storage-title';
  const list = h('ul', { class: 'rulebook-storage', 'aria-labelledby': headingId });
  const total = h('p', { class: 'muted' });
  const element = h(
    'div',
    { class: 'rulebook-storage-group', hidden: true },
    h('h3', { id: headingId }, UI_TEXT.storageByRulebook),
    h('p', { class: 'muted' }, UI_TEXT.storageByRulebookNote),
    list,
    total,
  );
  return {
    element,
    render(books) {
      const measured = books.filter((b) => b.storedBytes !== undefined);
      element.hidden = measured.length === 0;
      list.replaceChildren(...measured.map((b) => h('li', {}, UI_TEXT.rulebookStorage(b.name, formatBytes(b.storedBytes!)))));
      total.textContent = UI_TEXT.rulebooksStorageTotal(formatBytes(measured.reduce((sum, b) => sum + b.storedBytes!, 0)));
    },
  };
}
