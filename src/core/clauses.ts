// Clauses from chunks: the one step that turns retrieved chunks into the rulebook units they hold, read
// from each chunk's recorded spans (never from its text), plus the per-unit search data the reranker and
// the coverage check read. Pure; any thread.

import { buildBm25, type Bm25Index } from './bm25';
import { buildLexicon, type Lexicon } from './question';
import { formatCitation, parseRuleNumber, formatRuleNumber } from './rule-numbers';
import { tokenize } from './text';
import type { Chunk, RuleUnit, UnitKind } from './types';

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
  /** Search terms of each unit's section title. */
  titleTerms: ReadonlySet<string>[];
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

export function buildClauseIndex(units: readonly RuleUnit[]): ClauseIndex {
  const byRef = new Map(units.map((u, i) => [u.ref, i]));
  const texts = units.map((_, i) => unitSearchText(units, i, byRef));
  return {
    units,
    bm25: buildBm25(texts),
    terms: texts.map((t) => new Set(tokenize(t))),
    ownTerms: units.map((u) => new Set(tokenize(u.text))),
    titleTerms: units.map((u) => new Set(tokenize(u.sectionTitle))),
    termWords: units.map((u) => (u.kind === 'definition' && u.term ? tokenize(u.term.replace(/\(.*?\)/g, ' ')) : [])),
    lexicon: buildLexicon(units.map((u) => `${u.term ?? ''} ${u.sectionTitle} ${u.text}`)),
    byRef,
  };
}
