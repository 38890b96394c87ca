// Settings: which rulebooks a question searches together ("Use <name>") and the role of each (laws or local
// rules); and the answer from several rulebooks on the Ask screen: the local rule first, labelled, with the law
// under it, every citation naming its book. Main thread.

import type { CombinedAnswer, LeadAnswer } from '../core/local-rules';
import type { RulebookOps } from '../core/rulebook-ops';
import type { ActiveBooks } from './active-books';
import { h } from './dom';
import type { Library } from './library';
import { LOCAL_RULES_TEXT } from './messages';
import type { WorkerClient } from './worker-client';
import './editions.css';

export function createLocalRulesSettings({ library, activeBooks }: { library: Library; activeBooks: ActiveBooks }): HTMLElement {
  const list = h('ul', { class: 'books-in-use', 'aria-label': LOCAL_RULES_TEXT.listLabel });
  const status = h('p', { class: 'muted' });
  const render = () => {
    const books = library.books();
    list.replaceChildren(
      ...books.map((book) => {
        const id = `use-${book.hash.slice(0, 12)}`;
        const use = h('input', { type: 'checkbox', id, checked: activeBooks.isActive(book.hash) });
        use.addEventListener('change', () => activeBooks.set(book.hash, { active: use.checked }));
        const role = h(
          'select',
          { 'aria-label': LOCAL_RULES_TEXT.roleLabel(book.name) },
          h('option', { value: 'laws' }, LOCAL_RULES_TEXT.laws),
          h('option', { value: 'local' }, LOCAL_RULES_TEXT.local),
        );
        role.value = activeBooks.roleOf(book.hash);
        role.addEventListener('change', () => activeBooks.set(book.hash, { role: role.value === 'local' ? 'local' : 'laws' }));
        return h('li', { class: 'setting-row' }, h('label', { for: id, class: 'use-book' }, use, ' ', LOCAL_RULES_TEXT.use(book.name)), role);
      }),
    );
    const inUse = activeBooks.inUse(books);
    status.textContent = inUse.length ? LOCAL_RULES_TEXT.together(inUse.map((b) => b.name)) : LOCAL_RULES_TEXT.oneAtATime;
  };
  library.onChange((change) => change !== 'indexing' && render());
  activeBooks.onChange(render);
  render();
  return h('div', { class: 'editions local-rules' }, h('p', { class: 'muted' }, LOCAL_RULES_TEXT.note), list, status);
}

/** The answer from the rulebooks in use. */
export function renderCombinedAnswer(combined: CombinedAnswer): HTMLElement {
  if (!combined.lead) return h('div', { class: 'combined-answer' }, h('p', { class: 'answer-state' }, LOCAL_RULES_TEXT.notCovered));
  return h(
    'div',
    { class: 'combined-answer', 'data-state': combined.state },
    combined.label ? h('p', { class: 'local-label' }, h('strong', {}, combined.label)) : null,
    renderLead(combined.lead, combined.label ? LOCAL_RULES_TEXT.localRule : undefined),
    combined.law ? renderLead(combined.law, LOCAL_RULES_TEXT.theLaw) : null,
    combined.state === 'unsure' ? h('p', { class: 'muted' }, LOCAL_RULES_TEXT.unsure) : null,
  );
}

function renderLead(lead: LeadAnswer, heading: string | undefined): HTMLElement {
  return h(
    'section',
    { class: 'book-answer', 'aria-label': `${heading ?? LOCAL_RULES_TEXT.answer}: ${lead.book.name}` },
    heading ? h('h3', {}, `${heading} — ${lead.book.name}`) : null,
    lead.sentence ? h('p', { class: 'lead' }, lead.sentence.text, ' ', h('cite', {}, lead.citation)) : null,
    lead.clause
      ? // Closed under a lead sentence (one tap away), so the law under a local rule stays on screen.
        h('details', { class: 'clause', open: !lead.sentence }, h('summary', {}, lead.citation), h('p', { class: 'clause-text' }, lead.clause.text))
      : null,
  );
}

/**
 * The Ask screen's path for several rulebooks: the rendered answer when two or more are in use, undefined when
 * the question goes to the chosen rulebook alone.
 */
export function createAskMany({ client, library, activeBooks }: { client: WorkerClient<RulebookOps>; library: Library; activeBooks: ActiveBooks }) {
  return async (question: string, signal: AbortSignal): Promise<HTMLElement | undefined> => {
    const books = activeBooks.inUse(library.books());
    if (books.length === 0) return undefined;
    return renderCombinedAnswer(await client.call('askActive', { books, question }, { signal }));
  };
}
