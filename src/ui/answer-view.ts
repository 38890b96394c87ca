// Renders a clause answer: the best sentence(s) with their rule numbers first, then the retrieved
// clauses in full, each of which a citation button opens in place. Main thread.

import type { ClauseAnswer } from '../core/clause-answer';
import { h } from './dom';
import { TEXT } from './messages';

export function renderClauseAnswer(answer: ClauseAnswer): HTMLElement {
  const clauseList = h('ol', { class: 'clauses', 'aria-label': answer.covered ? TEXT.clauses : TEXT.nearest });
  const clauseById = new Map<string, HTMLDetailsElement>();
  answer.clauses.forEach((clause, i) => {
    const id = `clause-${slug(clause.ref)}`;
    const details = h(
      'details',
      { id, class: 'clause', open: answer.covered && i === 0 },
      h('summary', {}, h('span', { class: 'citation' }, clause.citation), ' ', h('span', { class: 'section' }, clause.sectionTitle)),
      h('p', { class: 'clause-text' }, clause.text),
      h('p', { class: 'pages' }, formatPages(clause.pages)),
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

  const lead = answer.covered
    ? h(
        'div',
        { class: 'clause-answer' },
        answer.sentences.map((s) =>
          h(
            'p',
            { class: 'answer-sentence' },
            h('span', {}, s.text),
            ' ',
            h('button', { type: 'button', class: 'cite', onclick: () => openClause(s.ref) }, s.citation),
          ),
        ),
      )
    : h('p', { class: 'not-covered' }, TEXT.notCovered);

  return h(
    'div',
    {},
    lead,
    h('h3', { class: 'clauses-heading' }, answer.covered ? TEXT.clauses : TEXT.nearest),
    clauseList,
  );
}

function formatPages(pages: number[]): string {
  if (pages.length === 0) return '';
  return pages.length === 1 ? `Page ${pages[0]}` : `Pages ${pages[0]}–${pages[pages.length - 1]}`;
}

function slug(ref: string): string {
  return ref.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
