// The instant answer without an LLM: the one or two sentences of the top chunks that best answer the
// question, each with the rule it came from, then the retrieved clauses in full. Pure; any thread.

import { documentFrequency, inverseDocumentFrequency, type Bm25Index } from './bm25';
import { sectionHeading, unitLabel } from './chunking';
import type { Coverage } from './coverage';
import { formatCitation } from './rule-numbers';
import { contentTerms, splitSentences, tokenize } from './text';
import type { Chunk, RuleUnit, ScoredChunk } from './types';

export interface AnswerSentence {
  text: string;
  ref: string;
  citation: string;
  /** Index of the chunk the sentence was found through. */
  chunkIndex: number;
}

export interface AnswerClause {
  ref: string;
  citation: string;
  text: string;
  pages: number[];
  sectionTitle: string;
}

export interface ClauseAnswer {
  covered: boolean;
  sentences: AnswerSentence[];
  clauses: AnswerClause[];
}

export interface ClauseAnswerOptions {
  maxSentences: number;
  /** Top results whose sentences compete. */
  sentenceChunks: number;
  /** A second sentence from the best sentence's clause must score at least this share of the best one. */
  secondSentenceRatio: number;
  /** The same for a second sentence from another clause. */
  otherClauseRatio: number;
  maxClauses: number;
  /** Clauses shown when the question is not covered ("the nearest clauses"). */
  nearestClauses: number;
  /** Index statistics for idf weights; without it, idf is taken over the candidate sentences. */
  bm25?: Bm25Index;
}

export const CLAUSE_ANSWER_DEFAULTS: ClauseAnswerOptions = {
  maxSentences: 2,
  sentenceChunks: 5,
  secondSentenceRatio: 0.7,
  otherClauseRatio: 0.9,
  maxClauses: 8,
  nearestClauses: 3,
};

const DEFINITION_PREFIX = 'Definition: ';
/** Score added for sentences from the 1st and 2nd ranked chunk: retrieval already weighed the whole chunk. */
const RANK_BONUS = [0.15, 0.07];
const RULING_BONUS = 0.25;
/** A ruling within this share of the best sentence's score answers a consequence question first. */
const CONSEQUENCE_RULING_RATIO = 0.6;
const NUMBER_BONUS = 0.15;
const DEFINITION_BONUS = 0.2;

const ASKS_CONSEQUENCE =
  /\b(happens?|happened|penalised|penalized|punish\w*|sanction\w*|consequences?|ruling|result|what (is|'s) the (call|penalty|decision)|what (do|should|does) (i|you|we|the referee) (do|give|award))\b/i;
const ASKS_QUANTITY = /\b(how (many|much|far|long|often|big|wide|close|old)|what (distance|size|length|width|number)|minimum|maximum|number of)\b/i;
const ASKS_MEANING = /\b(what (is|are|does)|who (is|are)|(what|who) counts as|define|definition|meaning|mean)\b/i;
/** A sentence stating a number of the very thing asked about ("six (6) touches" for "how many touches"). */
const QUANTITY_MATCH_BONUS = 0.25;
/** Units a question's form asks for: "how far" wants a distance, "how long" a time or a length. */
const QUANTITY_UNITS: [RegExp, string[]][] = [
  [/\bhow (far|close|deep|wide|big|high)\b|\bwhat distance\b/i, ['metre', 'centimetre', 'yard', 'feet', 'foot']],
  [/\bhow long\b/i, ['minute', 'second', 'hour', 'metre', 'centimetre']],
  [/\bhow (soon|often)\b/i, ['minute', 'second', 'hour']],
];

interface Candidate {
  text: string;
  unit: AnswerClause;
  chunk: Chunk;
  rank: number;
  position: number;
  isRuling: boolean;
  isDefinition: boolean;
  terms: Set<string>;
  score: number;
}

export function buildClauseAnswer(
  question: string,
  results: readonly ScoredChunk[],
  coverage: Coverage,
  units: readonly RuleUnit[] = [],
  options: Partial<ClauseAnswerOptions> = {},
): ClauseAnswer {
  const opts = { ...CLAUSE_ANSWER_DEFAULTS, ...options };
  const byRef = new Map(units.map((u) => [u.ref, u]));
  const unitsPerResult = results.map((r) => resolveUnits(r.chunk, byRef));
  if (!coverage.covered) {
    return { covered: false, sentences: [], clauses: dedupe(unitsPerResult.flat()).slice(0, opts.nearestClauses) };
  }
  const candidates = collectCandidates(results, unitsPerResult, opts.sentenceChunks);
  scoreCandidates(question, candidates, opts.bm25);
  const chosen = chooseSentences(question, candidates, opts);
  const unitScore = new Map<string, number>();
  for (const c of candidates) unitScore.set(c.unit.ref, Math.max(unitScore.get(c.unit.ref) ?? 0, c.score));
  const ordered = [
    ...chosen.map((c) => c.unit),
    ...unitsPerResult.flatMap((list) => [...list].sort((a, b) => (unitScore.get(b.ref) ?? 0) - (unitScore.get(a.ref) ?? 0))),
  ];
  return {
    covered: true,
    sentences: chosen.map((c) => ({ text: c.text, ref: c.unit.ref, citation: c.unit.citation, chunkIndex: c.chunk.index })),
    clauses: dedupe(ordered).slice(0, opts.maxClauses),
  };
}

function dedupe(clauses: readonly AnswerClause[]): AnswerClause[] {
  const seen = new Set<string>();
  return clauses.filter((c) => !seen.has(c.ref) && seen.add(c.ref));
}

function toClause(unit: RuleUnit): AnswerClause {
  return { ref: unit.ref, citation: formatCitation(unit.ref), text: unit.text, pages: unit.pages, sectionTitle: unit.sectionTitle };
}

/** The units a chunk covers: looked up by ref, or cut out of the chunk text at their labels. */
export function resolveUnits(chunk: Chunk, byRef: ReadonlyMap<string, RuleUnit>): AnswerClause[] {
  if (chunk.refs.every((ref) => byRef.has(ref))) return chunk.refs.map((ref) => toClause(byRef.get(ref)!));
  return segmentChunk(chunk);
}

/** Splits chunk text at the line that starts each ref's label ("15.2 ...", "Advantage: ..."). */
export function segmentChunk(chunk: Chunk): AnswerClause[] {
  const heading = sectionHeading({ kind: 'text', ref: '', sectionNumber: chunk.sectionNumber, sectionTitle: chunk.sectionTitle, text: '', pages: [] });
  const lines = chunk.text.split('\n');
  if (lines[0] === heading && lines.length > 1) lines.shift();
  const labels = chunk.refs.map((ref) => labelOf(ref));
  const texts: string[][] = chunk.refs.map(() => []);
  let current = 0;
  for (const line of lines) {
    const next = labels.findIndex((label, i) => i >= current && label !== '' && line.startsWith(`${label} `));
    if (next >= 0) {
      current = next;
      texts[current].push(line.slice(labels[current].length + 1));
    } else if (texts.length > 0) {
      texts[current].push(line);
    }
  }
  return chunk.refs.map((ref, i) => ({
    ref,
    citation: formatCitation(ref),
    text: texts[i].join('\n').trim(),
    pages: chunk.pages,
    sectionTitle: chunk.sectionTitle,
  }));
}

function labelOf(ref: string): string {
  if (ref.startsWith(DEFINITION_PREFIX)) return `${ref.slice(DEFINITION_PREFIX.length)}:`;
  return unitLabel({ kind: /^\d/.test(ref) ? 'clause' : 'text', ref, number: ref, sectionTitle: '', text: '', pages: [] });
}

function collectCandidates(results: readonly ScoredChunk[], unitsPerResult: AnswerClause[][], depth: number): Candidate[] {
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  results.slice(0, depth).forEach((result, rank) => {
    for (const unit of unitsPerResult[rank]) {
      const isDefinition = unit.ref.startsWith(DEFINITION_PREFIX);
      // A definition's sentences are about its term even where they do not repeat it.
      const termWords = isDefinition ? tokenize(unit.ref.slice(DEFINITION_PREFIX.length)) : [];
      splitSentences(unit.text).forEach((text, position) => {
        const key = `${unit.ref}\u0000${text}`;
        if (seen.has(key)) return;
        seen.add(key);
        candidates.push({
          text,
          unit,
          chunk: result.chunk,
          rank,
          position,
          isRuling: /^Ruling\b/.test(text),
          isDefinition,
          terms: new Set([...tokenize(text), ...termWords]),
          score: 0,
        });
      });
    }
  });
  return candidates;
}

function scoreCandidates(question: string, candidates: Candidate[], bm25: Bm25Index | undefined): void {
  const terms = contentTerms(question);
  const weight = (term: string): number => {
    if (bm25) return inverseDocumentFrequency(bm25, term);
    const df = candidates.filter((c) => c.terms.has(term)).length;
    return Math.log(1 + (candidates.length + 1) / (df + 0.5));
  };
  // A term the rulebook never uses cannot tell sentences apart; left in, it only dilutes the differences.
  const known = bm25 ? terms.filter((t) => documentFrequency(bm25, t) > 0) : terms;
  const weights = new Map(known.map((t) => [t, weight(t)]));
  const total = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
  const asksConsequence = ASKS_CONSEQUENCE.test(question);
  const asksQuantity = ASKS_QUANTITY.test(question);
  const asksMeaning = ASKS_MEANING.test(question);
  const questionTerms = new Set(tokenize(question));
  const quantityTargets = asksQuantity ? quantityTerms(question) : new Set<string>();
  for (const c of candidates) {
    let overlap = 0;
    for (const [term, w] of weights) if (c.terms.has(term)) overlap += w;
    let score = overlap / total + (RANK_BONUS[c.rank] ?? 0);
    if (asksConsequence && c.isRuling) score += RULING_BONUS;
    if (asksQuantity && [...c.terms].some((t) => /^\d/.test(t))) score += NUMBER_BONUS;
    if (quantityTargets.size > 0 && statesQuantityOf(c.text, quantityTargets)) score += QUANTITY_MATCH_BONUS;
    if (asksMeaning && c.isDefinition && tokenize(c.unit.ref.slice(DEFINITION_PREFIX.length)).every((t) => questionTerms.has(t))) {
      score += DEFINITION_BONUS;
    }
    c.score = overlap > 0 ? score : 0;
  }
}

/** The terms a quantity question counts or measures: the noun after "how many", or the units its form asks for. */
export function quantityTerms(question: string): Set<string> {
  const targets = new Set<string>();
  const counted = /\b(?:how many|how much|number of|what number of)\s+([a-z-]+)/i.exec(question);
  if (counted) tokenize(counted[1]).forEach((t) => targets.add(t));
  for (const [pattern, units] of QUANTITY_UNITS) if (pattern.test(question)) units.forEach((u) => targets.add(u));
  return targets;
}

/** True when a number in the text is followed, within two terms, by one of the targets ("six (6) touches"). */
export function statesQuantityOf(text: string, targets: ReadonlySet<string>): boolean {
  const terms = tokenize(text);
  return terms.some((t, i) => /^\d/.test(t) && terms.slice(i + 1, i + 3).some((next) => targets.has(next)));
}

function chooseSentences(question: string, candidates: Candidate[], opts: ClauseAnswerOptions): Candidate[] {
  const ranked = candidates.filter((c) => c.score > 0).sort((a, b) => b.score - a.score || a.rank - b.rank || a.position - b.position);
  let best = ranked[0];
  if (!best || opts.maxSentences < 1) return [];
  if (!best.isRuling && ASKS_CONSEQUENCE.test(question)) {
    // "What's the call?" is answered by a ruling that is nearly as close as the best plain sentence.
    const ruling = ranked.find((c) => c.isRuling && c.score >= best.score * CONSEQUENCE_RULING_RATIO);
    if (ruling) best = ruling;
  }
  let second: Candidate | undefined;
  const sameUnit = ranked.filter((c) => c !== best && c.unit.ref === best.unit.ref);
  if (best.isRuling) {
    // A ruling reads best after the sentence it rules on.
    second = sameUnit.find((c) => !c.isRuling);
  } else if (ASKS_CONSEQUENCE.test(question)) {
    second = candidates.find((c) => c.unit.ref === best.unit.ref && c.isRuling);
  }
  // Otherwise a close runner-up: from the same clause more easily than from another one (which is more
  // often a neighbouring rule for a different situation); a ruling only when consequences were asked.
  second ??= ranked.find(
    (c) =>
      c !== best &&
      !c.isRuling &&
      c.score >= best.score * (c.unit.ref === best.unit.ref ? opts.secondSentenceRatio : opts.otherClauseRatio),
  );
  const chosen = second && opts.maxSentences >= 2 ? [best, second] : [best];
  if (chosen.length === 2 && chosen[0].unit.ref === chosen[1].unit.ref) chosen.sort((a, b) => a.position - b.position);
  return chosen;
}
