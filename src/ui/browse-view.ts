// Browsing a rulebook by section: each section opens to its clauses, loaded from the worker on first open.
// Also renders one section's clauses for "more context" under an answer. Main thread; text only, never HTML.

import type { RuleUnit } from '../core/types';
import { clear, h } from './dom';
import { describeError, UI_TEXT } from './messages';

export interface SectionGroup {
  title: string;
  units: RuleUnit[];
}

/** Sections in rulebook order, each with its units; headed by number and title ("13 The Rollball"). */
export function groupBySection(units: RuleUnit[]): SectionGroup[] {
  const groups = new Map<string, SectionGroup>();
  for (const unit of units) {
    const title = [unit.sectionNumber, unit.sectionTitle].filter(Boolean).join(' ');
    let group = groups.get(title);
    if (!group) groups.set(title, (group = { title, units: [] }));
    group.units.push(unit);
  }
  return [...groups.values()];
}

export function unitLabel(unit: RuleUnit): string {
  if (unit.kind === 'clause' && unit.number) return `Rule ${unit.number}`;
  if (unit.kind === 'definition' && unit.term) return `Definition: ${unit.term}`;
  return '';
}

/** A section's units as a list; `currentRef` marks the clause the reader came from. */
export function renderUnitList(units: RuleUnit[], currentRef?: string): HTMLElement {
  return h(
    'ol',
    { class: 'units' },
    units.map((unit) =>
      h(
        'li',
        { class: unit.ref === currentRef ? 'current' : '', 'aria-current': unit.ref === currentRef ? 'true' : undefined },
        unitLabel(unit) ? h('strong', {}, unitLabel(unit), ' ') : null,
        unit.text,
      ),
    ),
  );
}

export interface BrowseView {
  element: HTMLElement;
  /** Forget loaded sections (another rulebook was chosen). */
  reset(): void;
}

export function createBrowseView(opts: { loadUnits(): Promise<RuleUnit[]> }): BrowseView {
  const body = h('div', { class: 'browse-body' });
  const element = h('details', { class: 'browse' }, h('summary', {}, UI_TEXT.browse), body);
  let loaded = false;

  element.addEventListener('toggle', async () => {
    if (!element.open || loaded) return;
    loaded = true;
    body.replaceChildren(h('p', {}, UI_TEXT.browseLoading));
    try {
      const sections = groupBySection(await opts.loadUnits());
      clear(body);
      for (const section of sections) {
        body.append(h('details', { class: 'section' }, h('summary', {}, section.title), renderUnitList(section.units)));
      }
    } catch (error) {
      loaded = false;
      body.replaceChildren(h('p', {}, describeError(error).text));
    }
  });

  return {
    element,
    reset() {
      loaded = false;
      element.open = false;
      clear(body);
    },
  };
}
