// Renders a clause answer: the best sentence(s) first, each followed by its rule number, then the retrieved
// clauses in full; a citation opens its clause in place, and the whole section is shown on demand. Main thread.

import type { ClauseAnswer } from '../core/clause-answer';
import type { RuleUnit } from '../core/types';
import { renderUnitList } from './browse-view';
import { h } from './dom';
import { describeError, TEXT, UI_TEXT } from './messages';

export interface ClauseAnswerViewOptions {
  /** The units of a section, for "Show all of <section>"; without it the button is left out. */
  loadSection?(sectionTitle: string): Promise<RuleUnit[]>;
}

export function renderClauseAnswer(answer: ClauseAnswer, opts: ClauseAnswerViewOptions = {}): HTMLElement {
  const clauseList = h('ol', { class: 'clauses', 'aria-label': answer.covered ? TEXT.clauses : TEXT.nearest });
  const clauseById = new Map<string, HTMLDetailsElement>();
  answer.clauses.forEach((clause, i) => {
    const id = `clause-${slug(clause.ref)}`;
    const more = opts.loadSection ? sectionButton(clause.sectionTitle, clause.ref, opts.loadSection) : null;
    const details = h(
      'details',
      { id, class: 'clause', open: answer.covered && i === 0 },
      h('summary', {}, h('span', { class: 'citation' }, clause.citation), ' ', h('span', { class: 'section' }, clause.sectionTitle)),
      h('p', { class: 'clause-text' }, clause.text),
      h('p', { class: 'pages' }, formatPages(clause.pages)),
      more,
    );
    clauseById.set(clause.ref, details);
    clauseList.append(h('li', {}, details));
  });

  const openClause = (ref: string) => {
    const details = clauseById.get(ref);
    if (!details) return;
    details.open = true;
    details.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    details.querySelector('summary')?.focus();
  };

  const cite = (ref: string, citation: string) =>
    h('button', { type: 'button', class: 'cite', onclick: () => openClause(ref) }, citation);
  const sentences = answer.sentences.map((s) => h('p', { class: 'answer-sentence' }, h('span', {}, s.text), ' ', cite(s.ref, s.citation)));
  let lead: HTMLElement;
  if (!answer.covered) {
    lead = h('p', { class: 'not-covered', 'data-state': 'not-covered' }, TEXT.notCovered);
  } else if (answer.state === 'unsure') {
    // No bold lead: the closest clauses, for the referee to check.
    lead = h('div', { class: 'clause-answer unsure', 'data-state': 'unsure' }, h('p', { class: 'state-label' }, TEXT.unsure), sentences);
  } else {
    const first = answer.sentences[0];
    const short =
      answer.short && first
        ? h('p', { class: 'short-answer' }, h('strong', {}, answer.short), ' — ', cite(first.ref, first.citation))
        : null;
    lead = h('div', { class: 'clause-answer sure', 'data-state': 'sure' }, short, sentences);
  }

  return h(
    'div',
    {},
    lead,
    h('h3', { class: 'clauses-heading' }, answer.covered ? TEXT.clauses : TEXT.nearest),
    clauseList,
  );
}

function sectionButton(sectionTitle: string, ref: string, load: (title: string) => Promise<RuleUnit[]>): HTMLElement {
  const box = h('div', { class: 'section-context' });
  const button = h('button', { type: 'button', class: 'secondary' }, UI_TEXT.showSection(sectionTitle));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      box.replaceChildren(renderUnitList(await load(sectionTitle), ref));
    } catch (error) {
      button.disabled = false;
      box.append(h('p', {}, describeError(error).text));
    }
  });
  box.append(button);
  return box;
}

function formatPages(pages: number[]): string {
  if (pages.length === 0) return '';
  return pages.length === 1 ? `Page ${pages[0]}` : `Pages ${pages[0]}–${pages[pages.length - 1]}`;
}

function slug(ref: string): string {
  return ref.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
