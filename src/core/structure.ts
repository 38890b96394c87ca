// Rulebook structure recovery: clean page lines in, rule units out (front-matter text, numbered
// clauses with their "Ruling" lines, glossary definitions). Pure; runs in the rulebook worker and in Node.

import {
  definitionRef,
  formatLetteredRuleNumber,
  formatRuleNumber,
  isPlausibleNextRuleNumber,
  type RuleNumber,
} from './rule-numbers';
import {
  DEFINITIONS_HEADING,
  endsSentence,
  isReferenceLead,
  isTitleLike,
  isUnnumberedHeading,
  matchDefinitionStart,
  matchLetteredItem,
  matchNumberedLine,
  matchRuling,
  medianHeight,
} from './structure-lines';
import type { PageLine, RuleUnit } from './types';

/** A line this far (PDF units) right of where clauses of its depth start is a wrapped continuation. */
const INDENT_TOLERANCE = 5;
/** Clause numbers that skip at most this many siblings still count as the next clause. */
const MAX_NUMBER_GAP = 2;
/** A text unit with fewer words than this under its heading is decoration (a title page), not content. */
const MIN_TEXT_UNIT_WORDS = 4;

type Mode = 'text' | 'rules' | 'definitions';

interface Draft {
  unit: RuleUnit;
  /** Lines of the unit's text; a Ruling starts a new one. */
  parts: string[];
  pages: Set<number>;
  startX: number;
  height: number;
}

export interface RulebookStats {
  sections: number;
  clauses: number;
  /** Clauses with at least one "Ruling" line. */
  clausesWithRulings: number;
  rulingLines: number;
  definitions: number;
  texts: number;
}

/** Recovers the rulebook's units from its lines, in document order. */
export function parseRulebook(lines: readonly PageLine[]): RuleUnit[] {
  return new RulebookParser(lines).run();
}

export function summarizeRulebook(units: readonly RuleUnit[]): RulebookStats {
  const clauses = units.filter((u) => u.kind === 'clause');
  const rulingCounts = clauses.map((u) => u.text.split('\n').filter((part) => matchRuling(part)).length);
  return {
    sections: new Set(clauses.map((u) => `${u.sectionNumber}|${u.sectionTitle}`)).size,
    clauses: clauses.length,
    clausesWithRulings: rulingCounts.filter((n) => n > 0).length,
    rulingLines: rulingCounts.reduce((a, b) => a + b, 0),
    definitions: units.filter((u) => u.kind === 'definition').length,
    texts: units.filter((u) => u.kind === 'text').length,
  };
}

class RulebookParser {
  private readonly units: RuleUnit[] = [];
  private readonly bodyHeight: number;
  private readonly startXByDepth = new Map<number, number>();
  private readonly hasLayout: boolean;
  private mode: Mode = 'text';
  private section: { number?: string; title: string } = { title: '' };
  private lastSection: number | undefined;
  private lastClause: RuleNumber | undefined;
  /** How many leading parts of the last clause are numbers, when the book letters the next level ("5(a)"). */
  private letteredFrom: number | undefined;
  /** A numbered heading written without its title ("RULE 5"): the next heading-like line is its title. */
  private isAwaitingTitle = false;
  private draft: Draft | undefined;
  private previousText = '';
  private readonly seenRefs = new Map<string, number>();

  constructor(private readonly lines: readonly PageLine[]) {
    this.bodyHeight = medianHeight(lines);
    this.hasLayout = new Set(lines.map((l) => Math.round(l.x))).size > 1;
  }

  run(): RuleUnit[] {
    for (const line of this.lines) {
      const text = line.text.replace(/\s+/g, ' ').trim();
      if (!text) continue;
      this.consume({ ...line, text });
      this.previousText = text;
    }
    this.flush();
    return this.units;
  }

  private consume(line: PageLine): void {
    if (this.tryRuling(line)) return;
    if (this.tryNumbered(line)) return;
    if (this.tryLetteredItem(line)) return;
    if (this.tryTitle(line)) return;
    if (this.tryHeading(line)) return;
    if (this.mode === 'definitions' && this.tryDefinition(line)) return;
    this.append(line, line.text);
  }

  private tryRuling(line: PageLine): boolean {
    if (this.draft?.unit.kind !== 'clause' || !matchRuling(line.text)) return false;
    this.draft.parts.push(line.text);
    this.draft.pages.add(line.page);
    return true;
  }

  private tryNumbered(line: PageLine): boolean {
    const match = matchNumberedLine(line.text);
    if (!match) return false;
    const { number, rest, label, isPrefixed } = match;
    if (this.isIndented(number.length, line.x)) return false;
    if (number.length === 1) return this.trySectionStart(line, number[0], rest, isPrefixed);
    return this.tryClauseStart(line, number, rest, label);
  }

  /** "(b) Text" after "5(a) Text": the next lettered clause of the same rule. */
  private tryLetteredItem(line: PageLine): boolean {
    if (this.letteredFrom === undefined || !this.lastClause) return false;
    const match = matchLetteredItem(line.text);
    if (!match) return false;
    const number = [...this.lastClause.slice(0, -1), match.letter];
    if (!isPlausibleNextRuleNumber(this.lastClause, number, MAX_NUMBER_GAP)) return false;
    this.startClause(line, number, match.rest, formatLetteredRuleNumber(number, this.letteredFrom));
    return true;
  }

  /** The title line under a heading written as "RULE 5" alone. */
  private tryTitle(line: PageLine): boolean {
    if (!this.isAwaitingTitle) return false;
    this.isAwaitingTitle = false;
    if (this.draft || !(isTitleLike(line.text) || isUnnumberedHeading(line, this.bodyHeight, true))) return false;
    this.section = { ...this.section, title: line.text };
    if (DEFINITIONS_HEADING.test(line.text)) this.mode = 'definitions';
    return true;
  }

  /** "13 The Rollball" or "RULE 13 – THE ROLLBALL" (a heading) or, rarely, "13 A sentence..." (a top-level clause). */
  private trySectionStart(line: PageLine, n: number, rest: string, isPrefixed = false): boolean {
    // The first heading may have any number (an excerpt); later ones follow in sequence.
    const isFirst = this.lastSection === undefined;
    const inSequence = isFirst || (n > this.lastSection! && n <= this.lastSection! + 1 + MAX_NUMBER_GAP);
    if (!inSequence || this.continuesReference()) return false;
    if (!rest) {
      if (!isPrefixed) return false;
      this.startSection(n, line.text, line.x);
      this.isAwaitingTitle = true;
      return true;
    }
    const isTaller = line.height > this.bodyHeight * 1.1;
    if (isTitleLike(rest) || (isTaller && /^[A-Z]/.test(rest))) {
      this.startSection(n, rest, line.x);
      return true;
    }
    if (!isFirst && this.mode === 'rules' && /^[A-Z]/.test(rest) && endsSentence(rest)) {
      this.startSection(n, `Rule ${n}`, line.x);
      this.startClause(line, [n], rest);
      return true;
    }
    return false;
  }

  private tryClauseStart(line: PageLine, number: RuleNumber, rest: string, label?: string): boolean {
    if (!rest || /^[.,;:)]/.test(rest)) return false;
    const section = number[0];
    let inSequence: boolean;
    if (this.lastClause && this.lastClause[0] === section) {
      inSequence = isPlausibleNextRuleNumber(this.lastClause, number, MAX_NUMBER_GAP);
    } else if (section === this.lastSection || (this.lastSection === undefined && section <= 3)) {
      // First clause of a section: 13.1, or a little later when numbers were skipped.
      inSequence = number.slice(1).every((part, i) => (i === 0 ? part <= 1 + MAX_NUMBER_GAP : part === 1));
    } else {
      // A clause of the next section whose heading is missing.
      inSequence =
        this.lastSection !== undefined && section === this.lastSection + 1 && number.slice(1).every((p) => p === 1);
    }
    if (!inSequence) return false;
    if (this.continuesReference() && !this.isAtNumberColumn(number.length, line.x)) return false;
    if (section !== this.lastSection) this.startSection(section, `Rule ${section}`, undefined);
    this.startClause(line, number, rest, label);
    return true;
  }

  private tryHeading(line: PageLine): boolean {
    if (this.extendsHeading(line)) return true;
    const draftComplete = !this.draft || endsSentence(this.previousText) || this.previousText === this.draft.unit.ref;
    if (!isUnnumberedHeading(line, this.bodyHeight, draftComplete)) return false;
    this.flush();
    if (DEFINITIONS_HEADING.test(line.text)) {
      this.mode = 'definitions';
      this.section = { title: line.text };
      this.lastClause = undefined;
      this.openDraft(line, { kind: 'text', ref: line.text, sectionTitle: line.text, text: '', pages: [] });
      return true;
    }
    this.mode = 'text';
    this.section = { title: line.text };
    this.openDraft(line, { kind: 'text', ref: line.text, sectionTitle: line.text, text: '', pages: [] });
    return true;
  }

  /** A heading set over two lines ("FIT PLAYING RULES" / "5th EDITION"): same large type, no body yet. */
  private extendsHeading(line: PageLine): boolean {
    const draft = this.draft;
    if (!draft || draft.unit.kind !== 'text' || draft.parts.length > 0) return false;
    const isLarge = line.height > this.bodyHeight * 1.15 && Math.abs(line.height - draft.height) < 0.5;
    if (!isLarge || endsSentence(line.text) || line.text.length > 90) return false;
    draft.unit.ref = `${draft.unit.ref} ${line.text}`;
    draft.unit.sectionTitle = draft.unit.ref;
    if (this.section.number === undefined) this.section = { title: draft.unit.ref };
    return true;
  }

  private tryDefinition(line: PageLine): boolean {
    const match = matchDefinitionStart(line.text);
    if (!match) return false;
    const current = this.draft?.unit;
    // Indentation is no veto here: some layouts indent a few entries (a "Ruling:" entry styled like rulings).
    const isNewEntry = current?.kind !== 'definition' || endsSentence(this.previousText);
    if (!isNewEntry) return false;
    this.flush();
    this.openDraft(line, {
      kind: 'definition',
      ref: definitionRef(match.term),
      term: match.term,
      sectionNumber: this.section.number,
      sectionTitle: this.section.title,
      text: '',
      pages: [],
    });
    this.draft!.parts.push(match.rest);
    return true;
  }

  private startSection(n: number, title: string, x: number | undefined): void {
    this.flush();
    this.lastSection = n;
    this.lastClause = undefined;
    this.letteredFrom = undefined;
    this.isAwaitingTitle = false;
    this.section = { number: String(n), title };
    this.mode = DEFINITIONS_HEADING.test(title) ? 'definitions' : 'rules';
    if (x !== undefined && !this.startXByDepth.has(1)) this.startXByDepth.set(1, x);
  }

  private startClause(line: PageLine, number: RuleNumber, rest: string, label?: string): void {
    this.flush();
    this.lastClause = number;
    this.letteredFrom = label ? label.split('(')[0].split('.').length : undefined;
    if (!this.startXByDepth.has(number.length)) this.startXByDepth.set(number.length, line.x);
    const ref = label ?? formatRuleNumber(number);
    this.openDraft(line, {
      kind: 'clause',
      ref,
      number: ref,
      sectionNumber: this.section.number,
      sectionTitle: this.section.title,
      text: '',
      pages: [],
    });
    this.draft!.parts.push(rest);
  }

  private openDraft(line: PageLine, unit: RuleUnit): void {
    this.draft = { unit, parts: [], pages: new Set([line.page]), startX: line.x, height: line.height };
  }

  private append(line: PageLine, text: string): void {
    if (!this.draft && this.mode === 'rules' && this.section.number !== undefined && !this.lastClause) {
      // A numbered rule whose text follows its heading directly ("Rule 5 Scoring" / "A Try is worth one point."):
      // the text is the rule itself.
      this.startClause(line, [Number(this.section.number)], text);
      return;
    }
    if (!this.draft) {
      this.openDraft(line, { kind: 'text', ref: text, sectionTitle: text, text: '', pages: [] });
      return;
    }
    const parts = this.draft.parts;
    if (parts.length === 0) parts.push(text);
    else parts[parts.length - 1] = `${parts[parts.length - 1]} ${text}`;
    this.draft.pages.add(line.page);
  }

  private flush(): void {
    const draft = this.draft;
    this.draft = undefined;
    if (!draft) return;
    const unit = draft.unit;
    unit.text = draft.parts.map((p) => p.trim()).filter(Boolean).join('\n');
    unit.pages = [...draft.pages].sort((a, b) => a - b);
    if (unit.kind === 'text' && unit.text.split(' ').length < MIN_TEXT_UNIT_WORDS) return;
    if (!unit.text) return;
    unit.ref = this.uniqueRef(unit.ref);
    this.units.push(unit);
  }

  private uniqueRef(ref: string): string {
    const seen = this.seenRefs.get(ref) ?? 0;
    this.seenRefs.set(ref, seen + 1);
    return seen === 0 ? ref : `${ref} (${seen + 1})`;
  }

  /** Right of where numbers of this depth start: the number begins a wrapped line ("10 metres from..."). */
  private isIndented(depth: number, x: number): boolean {
    if (!this.hasLayout) return false;
    const start = this.startXByDepth.get(depth);
    return start !== undefined && x > start + INDENT_TOLERANCE;
  }

  private isAtNumberColumn(depth: number, x: number): boolean {
    const start = this.startXByDepth.get(depth);
    return this.hasLayout && start !== undefined && Math.abs(x - start) <= INDENT_TOLERANCE;
  }

  /** The previous line broke off right before a number ("...in accordance with" / "13.12.1 ..."). */
  private continuesReference(): boolean {
    return !!this.draft && !endsSentence(this.previousText) && isReferenceLead(this.previousText);
  }
}
