// Rulebook text on screen: sections in rulebook order, one section's clauses (also "the whole section"
// under an answer), and find-as-you-type matching with the matched words marked. Main thread; text only,
// never HTML.

import type { RuleUnit } from '../core/types';
import { h } from './dom';

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

/** The element id a unit gets on the Rulebook screen and in a section under an answer. */
export function unitElementId(prefix: string, ref: string): string {
  return `${prefix}-${ref.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** A section's units as a list; `currentRef` marks (and ids) the clause the reader came from. */
export function renderUnitList(units: RuleUnit[], currentRef?: string): HTMLElement {
  return h(
    'ol',
    { class: 'units' },
    units.map((unit) =>
      h(
        'li',
        { class: unit.ref === currentRef ? 'current' : '', 'aria-current': unit.ref === currentRef ? 'true' : undefined, tabindex: unit.ref === currentRef ? -1 : undefined },
        unitLabel(unit) ? h('strong', {}, unitLabel(unit), ' ') : null,
        unit.text,
      ),
    ),
  );
}

/** Lower-case words of a find query (one letter words are too common to mark). */
export function findTerms(query: string): string[] {
  return [...new Set(query.toLowerCase().split(/[^\p{L}\p{N}.]+/u).map((w) => w.replace(/^\.+|\.+$/g, '')).filter((w) => w.length > 1))];
}

/** Units whose label or text holds every term, in rulebook order. */
export function findUnits(units: RuleUnit[], terms: string[]): RuleUnit[] {
  if (terms.length === 0) return [];
  return units.filter((unit) => {
    const haystack = `${unitLabel(unit)} ${unit.sectionTitle} ${unit.text}`.toLowerCase();
    return terms.every((t) => haystack.includes(t));
  });
}

/** The text with every occurrence of the terms wrapped in <mark>. */
export function highlightText(text: string, terms: string[]): (Node | string)[] {
  if (terms.length === 0) return [text];
  const escaped = [...terms].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${escaped.join('|')})`, 'giu');
  return text.split(pattern).map((part, i) => (i % 2 === 1 ? h('mark', {}, part) : part)).filter((p) => p !== '');
}
