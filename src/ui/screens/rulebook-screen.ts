// The Rulebook screen: the chosen rulebook by section, find-as-you-type with the matches marked, and on each
// clause Share (or Copy) and Pin. Other screens open a clause here by its reference. Main thread.

import type { RuleUnit } from '../../core/types';
import { findTerms, findUnits, groupBySection, highlightText, unitElementId, unitLabel } from '../browse-view';
import { formatClauseForSharing, shareClauseText } from '../clause-share';
import { clear, h } from '../dom';
import type { Library } from '../library';
import { describeError, UI_TEXT } from '../messages';
import type { Pins } from '../pins';
import type { Screen } from '../shell';

export const MAX_FIND_RESULTS = 40;
const ID_PREFIX = 'rule';

export interface RulebookScreenOptions {
  library: Library;
  pins: Pins;
  /** A large "Add rulebook (PDF)" button, for when no rulebook is stored. */
  createPickButton(): HTMLButtonElement;
  show(id: string): void;
}

export function createRulebookScreen({ library, pins, createPickButton, show }: RulebookScreenOptions) {
  const heading = h('h2', { class: 'screen-heading' }, UI_TEXT.rulebookTitle);
  const find = h('input', { type: 'search', id: 'find', autocomplete: 'off', placeholder: UI_TEXT.findPlaceholder, enterkeyhint: 'search' });
  const findCount = h('p', { class: 'find-count', 'aria-live': 'polite' });
  const findResults = h('ol', { class: 'find-results', 'aria-label': UI_TEXT.findResults });
  const sections = h('div', { class: 'sections' });
  const note = h('p', { class: 'share-note', 'aria-live': 'polite' });
  const empty = h('div', { class: 'empty', hidden: true }, h('p', {}, UI_TEXT.rulebookEmpty), createPickButton());
  const body = h(
    'div',
    {},
    h('div', { class: 'find' }, h('label', { for: 'find' }, UI_TEXT.find), find),
    findCount,
    findResults,
    note,
    sections,
  );
  const element = h('section', { class: 'rulebook-screen', 'aria-labelledby': 'rulebook-heading' }, heading, empty, body);
  heading.id = 'rulebook-heading';

  let shownHash: string | undefined;
  let units: RuleUnit[] = [];
  let loading: Promise<void> | undefined;
  const sectionByRef = new Map<string, { details: HTMLDetailsElement; fill(): void }>();

  function clauseItem(unit: RuleUnit, hash: string): HTMLElement {
    const label = unitLabel(unit);
    const labelId = unitElementId(`${ID_PREFIX}-label`, unit.ref);
    const canShare = typeof navigator.share === 'function';
    const share = h('button', { type: 'button', class: 'secondary small', 'aria-describedby': labelId }, canShare ? UI_TEXT.share : UI_TEXT.copy);
    share.addEventListener('click', async () => {
      const book = library.books().find((b) => b.hash === hash)?.name ?? '';
      const outcome = await shareClauseText(formatClauseForSharing(label || unit.ref, book, unit.text));
      note.textContent = UI_TEXT.shareOutcome[outcome];
    });
    const pin = h('button', { type: 'button', class: 'secondary small', 'aria-describedby': labelId, 'aria-pressed': String(pins.isPinned(hash, unit.ref)) }, UI_TEXT.pin);
    pin.addEventListener('click', () => pin.setAttribute('aria-pressed', String(pins.toggle(hash, unit, label || unit.ref))));
    return h(
      'li',
      { id: unitElementId(ID_PREFIX, unit.ref), class: 'unit', tabindex: -1 },
      h('p', { class: 'unit-text' }, label ? h('strong', { id: labelId }, label, ' ') : null, unit.text),
      h('div', { class: 'unit-actions' }, share, pin),
    );
  }

  function renderSections(hash: string) {
    clear(sections);
    sectionByRef.clear();
    for (const group of groupBySection(units)) {
      const list = h('ol', { class: 'units' });
      let filled = false;
      const fill = () => {
        if (filled) return;
        filled = true;
        list.append(...group.units.map((u) => clauseItem(u, hash)));
      };
      const details = h('details', { class: 'section' }, h('summary', {}, group.title), list);
      details.addEventListener('toggle', () => details.open && fill());
      for (const unit of group.units) sectionByRef.set(unit.ref, { details, fill });
      sections.append(details);
    }
  }

  function renderFind() {
    const terms = findTerms(find.value);
    clear(findResults);
    if (terms.length === 0) return void (findCount.textContent = '');
    const found = findUnits(units, terms);
    findCount.textContent = UI_TEXT.findCount(found.length, MAX_FIND_RESULTS);
    for (const unit of found.slice(0, MAX_FIND_RESULTS)) {
      const label = unitLabel(unit) || unit.sectionTitle;
      findResults.append(
        h(
          'li',
          {},
          h('button', { type: 'button', class: 'link find-hit', onclick: () => void openClause(unit.ref) }, label),
          h('p', { class: 'unit-text' }, highlightText(unit.text, terms)),
        ),
      );
    }
  }
  find.addEventListener('input', renderFind);

  function showHeading(): string | undefined {
    const hash = library.current();
    empty.hidden = Boolean(hash);
    body.hidden = !hash;
    heading.textContent = library.currentBook()?.name ?? UI_TEXT.rulebookTitle;
    return hash;
  }

  /** Lets the shown rulebook's sections go (the next refresh draws the current one's). */
  function forgetSections() {
    shownHash = undefined;
    loading = undefined;
    units = [];
    clear(sections);
    sectionByRef.clear();
    clear(findResults);
  }

  /** Loads the current rulebook's clauses once per rulebook and draws its sections. */
  function refresh(): Promise<void> {
    const hash = showHeading();
    if (!hash) {
      forgetSections();
      return Promise.resolve();
    }
    if (hash === shownHash && loading) return loading;
    shownHash = hash;
    loading = library.loadUnits(hash).then(
      (loaded) => {
        if (hash !== library.current()) return;
        units = loaded;
        renderSections(hash);
        renderFind();
      },
      (error: unknown) => {
        loading = undefined;
        shownHash = undefined;
        sections.replaceChildren(h('p', {}, describeError(error).text));
      },
    );
    return loading;
  }

  /** The clause with this reference in the current rulebook, if there is one. */
  async function findClause(ref: string): Promise<RuleUnit | undefined> {
    await refresh();
    return units.find((u) => u.ref === ref);
  }

  /** Shows the Rulebook screen at the clause: its section open, the clause marked, in view and focused. */
  async function openClause(ref: string): Promise<boolean> {
    await refresh();
    const entry = sectionByRef.get(ref);
    if (!entry) return false;
    show('rulebook');
    entry.fill();
    entry.details.open = true;
    for (const marked of sections.querySelectorAll('.unit.current')) marked.classList.remove('current');
    const item = sections.querySelector<HTMLElement>(`#${CSS.escape(unitElementId(ID_PREFIX, ref))}`);
    if (!item) return false;
    item.classList.add('current');
    item.scrollIntoView({ block: 'center' });
    item.focus({ preventScroll: true });
    return true;
  }

  /**
   * Another rulebook chosen, or a rename. While the screen is hidden, the previous rulebook's sections are
   * let go rather than the new one's drawn: a 534-page rulebook has over 600 sections, each a <details> with
   * its own shadow tree (about 0.7 MB of page memory, measured with the soak of `bench:browser`), and a
   * referee switching rulebooks on the Ask screen never looks at them. They are drawn when the screen is
   * shown or a clause is opened.
   */
  library.onChange((change) => {
    if (change === 'indexing') return;
    if (!element.hidden) return void refresh();
    if (showHeading() !== shownHash) forgetSections();
  });

  const screen: Screen = { id: 'rulebook', label: UI_TEXT.navRulebook, element, onShow: () => void refresh() };
  return { screen, openClause, findClause };
}
