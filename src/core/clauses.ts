// Clauses from chunks: the one step that turns retrieved chunks into the rulebook units they hold, read
// from each chunk's recorded spans (never from its text), plus the per-unit search data the reranker and
// the coverage check read. Pure; any thread.

import { buildBm25, type Bm25Index } from './bm25';
import { buildLexicon, type Lexicon } from './question';
import { formatCitation, parseRuleNumber, formatRuleNumber } from './rule-numbers';
import { runAt, tokenize } from './text';
import type { Chunk, RuleUnit, UnitKind } from './types';
import type { CompiledVocabulary } from './vocabulary';

/** A unit as every later stage sees it: the answer, the prompt, the coverage check and the UI. */
export interface ResolvedClause {
  /** Index into the index's units. */
  unit: number;
  ref: string;
  kind: UnitKind;
  /** Defined term, for definitions. */
  term?: string;
  citation: string;
  text: string;
  pages: number[];
  sectionNumber?: string;
  sectionTitle: string;
}

/** Per-unit search data, built once when an index is loaded. */
export interface ClauseIndex {
  units: readonly RuleUnit[];
  /** BM25 over each unit's search text (section title, defined term, parent clause's lead, own text). */
  bm25: Bm25Index;
  /** Each unit's search terms, as a set. */
  terms: ReadonlySet<string>[];
  /** Search terms of the unit's own text only (no title or parent). */
  ownTerms: ReadonlySet<string>[];
  /** Search terms of each unit's own text without its rulings: what the clause states (see twins.ts). */
  statedTerms: ReadonlySet<string>[];
  /** Search terms of each unit's section title. */
  titleTerms: ReadonlySet<string>[];
  /**
   * The referees' words for what each unit states: the terms of every vocabulary entry whose rulebook phrase
   * the unit's own text holds, each with the fewest units such an entry points at (see saidTerms).
   */
  said: ReadonlyMap<string, number>[];
  /** Each clause's parent clause ("13.12" for "13.12.1"), as a unit index; -1 where there is none. */
  parent: number[];
  /** Terms of the condition each clause opens with ("If ...,", "Should ...,"; see conditionOf); undefined for none. */
  conditionTerms: (string[] | undefined)[];
  /** Terms of each definition's term ("sin", "bin"); empty for other units. */
  termWords: string[][];
  lexicon: Lexicon;
  byRef: ReadonlyMap<string, number>;
}

export function toResolvedClause(units: readonly RuleUnit[], id: number): ResolvedClause {
  const u = units[id];
  return {
    unit: id,
    ref: u.ref,
    kind: u.kind,
    term: u.term,
    citation: u.kind === 'text' ? `Section: ${titleCase(u.ref)}` : formatCitation(u.ref),
    text: u.text,
    pages: u.pages,
    sectionNumber: u.sectionNumber,
    sectionTitle: u.sectionTitle,
  };
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/\b([a-z])/g, (c) => c.toUpperCase()).replace(/\b(Of|And|The|In|On|For|To|A)\b/g, (w, _c, i) => (i === 0 ? w : w.toLowerCase()));
}

/**
 * The unit ids a chunk holds, in order. Chunks of an older layout carry no spans: their refs are looked up
 * instead (an unknown ref is skipped).
 */
export function chunkUnitIds(chunk: Chunk, byRef?: ReadonlyMap<string, number>): number[] {
  if (chunk.spans?.length) return [...new Set(chunk.spans.map((s) => s.unit))];
  return chunk.refs.flatMap((ref) => (byRef?.has(ref) ? [byRef.get(ref)!] : []));
}

/** The clauses of ranked chunks, each once, in rank order. */
export function resolveClauses(chunks: readonly Chunk[], units: readonly RuleUnit[], byRef?: ReadonlyMap<string, number>): ResolvedClause[] {
  const seen = new Set<number>();
  const out: ResolvedClause[] = [];
  for (const chunk of chunks) {
    for (const id of chunkUnitIds(chunk, byRef)) {
      if (seen.has(id) || !units[id]) continue;
      seen.add(id);
      out.push(toResolvedClause(units, id));
    }
  }
  return out;
}

/** A "Ruling = ..." line of a clause's text. */
export const RULING_LINE = /(?:^|\n)Ruling\b/;

/** A clause's text without its "Ruling = ..." lines. */
export function withoutRuling(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^Ruling\b/.test(line))
    .join('\n');
}

/** The text a unit is searched by: its section title, defined term and, for a sub-clause, its parent's lead. */
export function unitSearchText(units: readonly RuleUnit[], id: number, byRef: ReadonlyMap<string, number>): string {
  const u = units[id];
  const parts = [u.sectionTitle];
  if (u.term) parts.push(u.term);
  const number = u.number ? parseRuleNumber(u.number) : undefined;
  if (number && number.length > 2) {
    const parent = byRef.get(formatRuleNumber(number.slice(0, -1)));
    if (parent !== undefined) parts.push(units[parent].text.split('\n')[0]);
  }
  parts.push(u.text);
  return parts.join('\n');
}

/**
 * The condition a clause opens with, up to its first comma: "If a player in Possession is Touched while on or
 * behind their Defending Try Line", "At the commencement of the Drop-Off, if there is a player serving time in
 * the Sin Bin". A clause for a case the question never mentions is seldom its answer.
 */
export function conditionOf(text: string): string | undefined {
  const first = text.split('\n')[0];
  return /^(?:[^,.]{0,60}?,\s*)?(?:if|should|in the case of|where|unless)\b([^,]*)/i.exec(first)?.[1];
}

/** Whether referees say `term` for what a unit states, by a vocabulary entry reaching at most `maxUnits` units. */
export function saidFor(index: Pick<ClauseIndex, 'said'>, unit: number, term: string, maxUnits: number): boolean {
  return (index.said[unit].get(term) ?? Infinity) <= maxUnits;
}

/** The most units an entry may reach and still lend them its words; rerank.saidUnits reads up to this. */
export const MAX_SAID_UNITS = 10;

/**
 * For each unit, the terms referees say for the rules it states: every vocabulary entry whose rulebook phrase
 * occurs in the unit's own text as a run of terms ("without delay" in 13.4) lends the unit the terms of all
 * its phrases ("time wasting", "taking all day", "dawdling"), each marked with the number of units the entry
 * reaches (an entry whose phrase many units hold says little about any one of them). A question's words then
 * reach the clause even when none of its phrases is typed whole ("he was wasting time").
 */
export function saidTerms(sequences: readonly (readonly string[])[], vocabulary: Pick<CompiledVocabulary, 'targets'>): Map<string, number>[] {
  // Each phrase is looked for where its rarest term occurs: "player" is in most units, "delay" in a few.
  const counts = new Map<string, number>();
  for (const terms of sequences) for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const anchorOf = (run: readonly string[]) => run.reduce((best, term, j) => ((counts.get(term) ?? 0) < (counts.get(run[best]) ?? 0) ? j : best), 0);
  const anchors = new Set(vocabulary.targets.flatMap((target) => target.means.map((run) => run[anchorOf(run)])));
  const postings = new Map<string, [number, number][]>();
  sequences.forEach((terms, unit) =>
    terms.forEach((term, at) => {
      if (!anchors.has(term)) return;
      const list = postings.get(term);
      if (list) list.push([unit, at]);
      else postings.set(term, [[unit, at]]);
    }),
  );
  const out = sequences.map(() => new Map<string, number>());
  for (const { means, said } of vocabulary.targets) {
    const reached = new Set<number>();
    for (const run of means) {
      const anchor = anchorOf(run);
      for (const [unit, at] of postings.get(run[anchor]) ?? []) {
        if (runAt(sequences[unit], run, at - anchor)) reached.add(unit);
      }
    }
    // An entry reaching more units than any setting reads lends nothing (and a large book's common phrases
    // would cost a map entry per unit).
    if (reached.size > MAX_SAID_UNITS) continue;
    for (const unit of reached) {
      const terms = out[unit];
      for (const term of said) terms.set(term, Math.min(terms.get(term) ?? Infinity, reached.size));
    }
  }
  return out;
}

export function buildClauseIndex(units: readonly RuleUnit[], vocabulary?: Pick<CompiledVocabulary, 'targets'>): ClauseIndex {
  const byRef = new Map(units.map((u, i) => [u.ref, i]));
  const texts = units.map((_, i) => unitSearchText(units, i, byRef));
  const own = units.map((u) => tokenize(u.text));
  const ownTerms = own.map((terms) => new Set(terms));
  return {
    units,
    bm25: buildBm25(texts),
    terms: texts.map((t) => new Set(tokenize(t))),
    ownTerms,
    // Only a unit with a ruling states less than its own text.
    statedTerms: units.map((u, i) => (RULING_LINE.test(u.text) ? new Set(tokenize(withoutRuling(u.text))) : ownTerms[i])),
    said: vocabulary ? saidTerms(own, vocabulary) : units.map(() => new Map()),
    titleTerms: units.map((u) => new Set(tokenize(u.sectionTitle))),
    parent: units.map((u) => {
      const number = u.number ? parseRuleNumber(u.number) : undefined;
      return (number && number.length > 1 ? byRef.get(formatRuleNumber(number.slice(0, -1))) : undefined) ?? -1;
    }),
    conditionTerms: units.map((u) => {
      const condition = u.kind === 'clause' ? conditionOf(u.text) : undefined;
      return condition === undefined ? undefined : tokenize(condition);
    }),
    termWords: units.map((u) => (u.kind === 'definition' && u.term ? tokenize(u.term.replace(/\(.*?\)/g, ' ')) : [])),
    lexicon: buildLexicon(units.map((u) => `${u.term ?? ''} ${u.sectionTitle} ${u.text}`)),
    byRef,
  };
}
