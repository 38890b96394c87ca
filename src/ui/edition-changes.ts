// "What changed" between two editions of a rulebook, in Settings: picked by the referee, or shown on its own when
// a rulebook is added whose name is another edition of a stored one. Clauses added, removed, changed and
// renumbered, each with its words marked; then keep both editions or replace the old one. Main thread.

import { isLikelyNewEdition, type ClauseChange, type EditionDiff, type WordDiffPart } from '../core/edition-diff';
import type { RulebookOps, RulebookSummary } from '../core/rulebook-ops';
import { clear, h } from './dom';
import type { Library } from './library';
import { EDITION_TEXT } from './messages';
import type { Shell } from './shell';
import type { WorkerClient } from './worker-client';
import './editions.css';

export function createEditionChanges({ shell, client, library }: { shell: Shell; client: WorkerClient<RulebookOps>; library: Library }) {
  const oldSelect = h('select', { id: 'edition-old' });
  const newSelect = h('select', { id: 'edition-new' });
  const show = h('button', { type: 'button', class: 'secondary', onclick: () => void compare(oldSelect.value, newSelect.value) }, EDITION_TEXT.show);
  const result = h('div', { role: 'region', 'aria-label': EDITION_TEXT.region, class: 'edition-changes', hidden: true });
  const element = h(
    'div',
    { class: 'editions' },
    h('p', { class: 'muted' }, EDITION_TEXT.note),
    h('div', { class: 'setting-row' }, h('label', { for: 'edition-old' }, EDITION_TEXT.oldLabel), oldSelect),
    h('div', { class: 'setting-row' }, h('label', { for: 'edition-new' }, EDITION_TEXT.newLabel), newSelect),
    h('div', { class: 'setting-row' }, show),
    result,
  );

  let known: Set<string> | undefined;
  library.onChange((change) => {
    if (change === 'indexing') return;
    const books = library.books();
    fillSelect(oldSelect, books, oldSelect.value || books[1]?.hash);
    fillSelect(newSelect, books, newSelect.value || books[0]?.hash);
    show.disabled = books.length < 2;
    if (change !== 'books') return;
    // A rulebook just added that is another edition of a stored one: show what changed at once.
    const before = known;
    known = new Set(books.map((b) => b.hash));
    if (!before) return;
    for (const added of books.filter((b) => !before.has(b.hash))) {
      const previous = books.find((b) => before.has(b.hash) && isLikelyNewEdition(b.name, added.name));
      if (previous) {
        oldSelect.value = previous.hash;
        newSelect.value = added.hash;
        void compare(previous.hash, added.hash);
        break;
      }
    }
  });

  async function compare(oldHash: string, newHash: string) {
    const [before, after] = [library.books().find((b) => b.hash === oldHash), library.books().find((b) => b.hash === newHash)];
    if (!before || !after || oldHash === newHash) return;
    try {
      render(before, after, await client.call('compareEditions', { oldHash, newHash }));
    } catch (error) {
      shell.showError(error);
    }
  }

  function render(before: RulebookSummary, after: RulebookSummary, diff: EditionDiff) {
    const count = (kind: ClauseChange['kind']) => diff.changes.filter((c) => c.kind === kind).length;
    const summary = EDITION_TEXT.summary(before.name, after.name, {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      renumbered: count('renumbered'),
    });
    const keep = h('button', { type: 'button', class: 'secondary', onclick: () => ((result.hidden = true), clear(result)) }, EDITION_TEXT.keepBoth);
    const replace = h('button', {
      type: 'button',
      class: 'secondary danger',
      onclick: () => {
        if (!confirm(EDITION_TEXT.confirmReplace(before.name, after.name))) return;
        result.hidden = true;
        clear(result);
        void library.remove(before.hash).then(() => library.select(after.hash));
      },
    }, EDITION_TEXT.replace(before.name));
    result.replaceChildren(
      h('h3', {}, summary),
      diff.changes.length ? h('ul', { class: 'edition-change-list' }, diff.changes.map(renderChange)) : h('p', {}, EDITION_TEXT.noChanges),
      h('div', { class: 'setting-row' }, keep, replace),
    );
    result.hidden = false;
  }

  return { element, compare };
}

function renderChange(change: ClauseChange): HTMLElement {
  switch (change.kind) {
    case 'added':
      return h('li', { 'data-change': 'added' }, h('strong', {}, EDITION_TEXT.added(change.after.ref)), h('p', {}, h('ins', {}, change.after.text)));
    case 'removed':
      return h('li', { 'data-change': 'removed' }, h('strong', {}, EDITION_TEXT.removed(change.before.ref)), h('p', {}, h('del', {}, change.before.text)));
    case 'changed':
      return h('li', { 'data-change': 'changed' }, h('strong', {}, EDITION_TEXT.changed(change.after.ref)), h('p', {}, renderWords(change.diff)));
    case 'renumbered': {
      const sameWords = change.diff.every((p) => p.op === 'same');
      return h(
        'li',
        { 'data-change': 'renumbered' },
        h('strong', {}, EDITION_TEXT.renumbered(change.before.ref, change.after.ref)),
        h('p', {}, sameWords ? EDITION_TEXT.sameWords : renderWords(change.diff)),
      );
    }
  }
}

function renderWords(parts: WordDiffPart[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(' ');
    out.push(part.op === 'same' ? part.text : h(part.op === 'added' ? 'ins' : 'del', {}, part.text));
  });
  return out;
}

/** Refills a select in place, keeping `selected` when it is still there. */
function fillSelect(select: HTMLSelectElement, books: RulebookSummary[], selected: string | undefined): void {
  select.replaceChildren(...books.map((b) => h('option', { value: b.hash }, b.name)));
  if (selected && books.some((b) => b.hash === selected)) select.value = selected;
}
