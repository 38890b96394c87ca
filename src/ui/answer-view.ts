// Renders a clause answer: the state at a glance (sure, unsure, not covered), the lead
// in large type with its rule number as large as the answer, then the retrieved clauses in full; a
// citation opens its clause in place, and the whole section opens at the cited clause. Main thread.

import type { ClauseAnswer } from '../core/clause-answer';
import type { RuleUnit } from '../core/types';
import { renderUnitList } from './browse-view';
import { h } from './dom';
import { describeError, TEXT, UI_TEXT } from './messages';

/** Past this many words the lead is a sentence rather than a short answer ("Ten (10) metres"). */
export const LONG_LEAD_WORDS = 12;

export interface ClauseAnswerViewOptions {
  /** The units of a section, for "Show the whole section"; without it the button is left out. */
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
      // A passage without a rule number is cited by its section ("Section: Mode of Play"): no title twice.
      h('summary', {}, h('span', { class: 'citation' }, clause.citation), clause.kind === 'text' ? null : [' ', h('span', { class: 'section' }, clause.sectionTitle)]),
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

  const cite = (ref: string, citation: string, extra = '') =>
    h('button', { type: 'button', class: `cite ${extra}`.trim(), onclick: () => openClause(ref) }, citation);
  const sentences = answer.sentences.map((s) => h('p', { class: 'answer-sentence' }, h('span', {}, s.text), ' ', cite(s.ref, s.citation)));
  let lead: HTMLElement;
  if (!answer.covered) {
    const scope = answer.outOfScope;
    const why = scope ? (scope.kind === 'other-code' ? TEXT.otherCode(scope.topic) : TEXT.offField(scope.topic)) : null;
    lead = h(
      'div',
      { class: 'answer-state not-covered', 'data-state': 'not-covered' },
      h('p', { class: 'state-label' }, TEXT.notCovered),
      why ? h('p', { class: 'state-detail' }, why) : null,
    );
  } else if (answer.state === 'unsure') {
    // No large lead: the closest clauses, for the referee to check.
    lead = h('div', { class: 'answer-state clause-answer unsure', 'data-state': 'unsure' }, h('p', { class: 'state-label' }, TEXT.unsure), sentences);
  } else {
    const [first, ...rest] = answer.sentences;
    // The short answer (a quantity) leads where there is one; the first sentence otherwise.
    const leadText = answer.short ?? first?.text;
    // A whole sentence in the largest type would fill a phone screen: a long lead is set a size smaller.
    const isLong = (leadText ?? '').split(/\s+/).length > LONG_LEAD_WORDS;
    const leadBlock = first
      ? h('div', { class: 'lead' }, cite(first.ref, first.citation, 'lead-rule'), h('p', { class: isLong ? 'lead-text long' : 'lead-text' }, leadText ?? ''))
      : null;
    const after = answer.short && first ? [h('p', { class: 'answer-sentence' }, first.text), ...rest.map((s) => sentenceWithCite(s.text, cite(s.ref, s.citation)))] : rest.map((s) => sentenceWithCite(s.text, cite(s.ref, s.citation)));
    lead = h('div', { class: 'answer-state clause-answer sure', 'data-state': 'sure' }, h('p', { class: 'state-label' }, TEXT.sure), leadBlock, after);
  }

  return h(
    'div',
    {},
    lead,
    h('h3', { class: 'clauses-heading' }, answer.covered ? TEXT.clauses : TEXT.nearest),
    clauseList,
  );
}

function sentenceWithCite(text: string, cite: HTMLElement): HTMLElement {
  return h('p', { class: 'answer-sentence' }, h('span', {}, text), ' ', cite);
}

function sectionButton(sectionTitle: string, ref: string, load: (title: string) => Promise<RuleUnit[]>): HTMLElement {
  const box = h('div', { class: 'section-context' });
  const button = h('button', { type: 'button', class: 'secondary' }, UI_TEXT.showSection);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      box.replaceChildren(h('h4', { class: 'section-title' }, sectionTitle), renderUnitList(await load(sectionTitle), ref));
      // Straight to the cited clause, marked, rather than the top of the section.
      const cited = box.querySelector<HTMLElement>('li[aria-current="true"]');
      cited?.scrollIntoView({ block: 'center' });
      cited?.focus({ preventScroll: true });
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
