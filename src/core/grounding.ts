// Checks a generated answer against the clauses it was given: every cited rule must have been
// retrieved, and every number in the answer must be written in a cited clause. Any thread.

import { collectNumberValues, findNumbers } from './number-words';
import { NOT_COVERED } from './prompt';

export interface GroundingClause {
  ref: string;
  text: string;
}

export interface GroundingResult {
  grounded: boolean;
  /** The answer is the abstention "Not covered by the rules" (which counts as grounded). */
  abstained: boolean;
  /** Retrieved refs the answer cites, in the order cited. */
  citedRefs: string[];
  /** One line per failed check, for the "unverified" detail. */
  problems: string[];
}

// "Rule 15.2", "Rules 15.2 and 15.3", "Clause 13.1", "r. 9.4", "R15.2".
// Listed numbers after the first must be dotted, so "Rule 15.2, 10 metres" keeps 10 as a quantity.
const RULE_CITATION = /\b(?:rules?|clauses?|sections?|r\.?)\s*(\d+(?:\.\d+)*)((?:\s*(?:,|&|\/|and|or)\s*\d+(?:\.\d+)+)*)/gi;
// A bare clause number with two or more dots ("13.2.1") can only be a reference.
const BARE_REF = /(?<![\w.])\d+\.\d+\.\d+(?:\.\d+)*(?![\w.])/g;
const DEFINITION_CITATION = /\bdefinitions?\s*:\s*([^.,;:()[\]\n—–]+)/gi;

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

export function isAbstention(answer: string): boolean {
  return normalize(answer) === normalize(NOT_COVERED);
}

interface Citation {
  /** As written in the answer, for messages. */
  label: string;
  /** Retrieved clauses it designates (empty when it designates none). */
  matches: GroundingClause[];
  start: number;
  end: number;
}

function findCitations(answer: string, retrieved: GroundingClause[]): Citation[] {
  const citations: Citation[] = [];
  const numbered = retrieved.filter((c) => /^\d+(?:\.\d+)*$/.test(c.ref));
  const matchNumber = (num: string) => {
    const exact = numbered.filter((c) => c.ref === num);
    // A parent citation ("Rule 15") covers the retrieved sub-clauses it heads ("15.2").
    return exact.length > 0 ? exact : numbered.filter((c) => c.ref.startsWith(num + '.'));
  };

  for (const m of answer.matchAll(RULE_CITATION)) {
    const start = m.index ?? 0;
    const numbers = [m[1], ...(m[2].match(/\d+(?:\.\d+)+/g) ?? [])];
    for (const num of numbers) {
      citations.push({ label: `Rule ${num}`, matches: matchNumber(num), start, end: start + m[0].length });
    }
  }
  for (const m of answer.matchAll(BARE_REF)) {
    const start = m.index ?? 0;
    if (citations.some((c) => start >= c.start && start < c.end)) continue;
    citations.push({ label: `Rule ${m[0]}`, matches: matchNumber(m[0]), start, end: start + m[0].length });
  }

  const definitions = retrieved.filter((c) => /^definition:/i.test(c.ref));
  for (const m of answer.matchAll(DEFINITION_CITATION)) {
    const start = m.index ?? 0;
    const cited = normalize(m[1]);
    // The captured words run to the next punctuation; the term is their start.
    const matches = definitions.filter((d) => {
      const term = normalize(d.ref.replace(/^definition:/i, ''));
      return term.length > 0 && (cited === term || cited.startsWith(term + ' '));
    });
    const label = matches.length > 0 ? matches[0].ref : `Definition: ${m[1].trim()}`;
    citations.push({ label, matches, start, end: start + m[0].length });
  }
  return citations.sort((a, b) => a.start - b.start);
}

/** Removes the citation text so its clause numbers are not read as quantities. */
function withoutCitations(answer: string, citations: Citation[]): string {
  let out = '';
  let at = 0;
  for (const c of citations) {
    if (c.start < at) continue;
    out += answer.slice(at, c.start) + ' ';
    at = c.end;
  }
  return out + answer.slice(at);
}

export function checkGrounding(answer: string, retrieved: GroundingClause[]): GroundingResult {
  const trimmed = answer.trim();
  if (trimmed === '') {
    return { grounded: false, abstained: false, citedRefs: [], problems: ['The answer is empty.'] };
  }
  if (isAbstention(trimmed)) {
    return { grounded: true, abstained: true, citedRefs: [], problems: [] };
  }

  const problems: string[] = [];
  const citations = findCitations(trimmed, retrieved);
  const citedRefs: string[] = [];
  const citedClauses: GroundingClause[] = [];
  for (const c of citations) {
    if (c.matches.length === 0) {
      problems.push(`Cites ${c.label}, which was not among the retrieved clauses.`);
      continue;
    }
    for (const clause of c.matches) {
      if (citedRefs.includes(clause.ref)) continue;
      citedRefs.push(clause.ref);
      citedClauses.push(clause);
    }
  }
  if (citations.length === 0) problems.push('The answer cites no rule.');

  // A number must stand in what a citation designates. A parent citation ("Rule 15") over several retrieved
  // sub-clauses only vouches for numbers that all of them state: otherwise "7 m — Rule 15" would pass on
  // the strength of 15.1 (seven metres) while the question was about 15.2 (ten metres).
  const allowed = new Set<number>();
  for (const c of citations) {
    if (c.matches.length === 0) continue;
    const [first, ...rest] = c.matches.map((clause) => new Set(collectNumberValues(clause.text)));
    for (const v of first) if (rest.every((set) => set.has(v))) allowed.add(v);
  }
  const reported = new Set<string>();
  for (const n of findNumbers(withoutCitations(trimmed, citations))) {
    if (allowed.has(n.value) || reported.has(n.text.toLowerCase())) continue;
    reported.add(n.text.toLowerCase());
    problems.push(
      citedClauses.length > 0
        ? `The number "${n.text}" is not in the cited clause${citedClauses.length > 1 ? 's' : ''}.`
        : `The number "${n.text}" cannot be checked without a valid citation.`,
    );
  }

  return { grounded: problems.length === 0, abstained: false, citedRefs, problems };
}
