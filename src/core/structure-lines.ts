// Line-level tests used by structure recovery: numbered lines, headings, rulings, definition entries.
// Pure; runs in the rulebook worker and in Node.

import { parseRuleNumber, type RuleNumber } from './rule-numbers';
import type { PageLine } from './types';

/** A heading that opens the glossary ("DEFINITIONS AND TERMINOLOGY", "26 Definitions", "Glossary"). */
export const DEFINITIONS_HEADING = /\b(definitions?|glossary|terminology)\b/i;

const CONNECTOR_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with', 'v', 'vs',
]);
/** A number after these words is a cross-reference, not the start of a clause ("in accordance with 13.12.1"). */
const REFERENCE_LEAD = /(?:\b(?:with|clauses?|rules?|sections?|under|see|per|in accordance)|\d\s+(?:and|or|to))$/i;
/** "10 metres from the Mark": a measurement that a wrapped line happens to start with. */
// Lower case only: "1.1 Metres are measured ..." starts a clause with a sentence.
const UNIT_AFTER_NUMBER = /^(?:metres?|meters?|m|cm|mm|km|kg|seconds?|secs?|minutes?|mins?|hours?|per ?cent|%)(?![A-Za-z])/;
const RULING = /^Ruling(?:\s+[A-Z0-9]{1,2})?\s*[=:–—-]\s*\S/;
const DEFINITION_START = /^([A-Z][A-Za-z0-9'’()/&,\- ]{0,60}?)\s*:\s+(\S.*)$/;

export function matchRuling(text: string): boolean {
  return RULING.test(text);
}

export interface NumberedLine {
  number: RuleNumber;
  rest: string;
  /** The reference as the book writes it, when it letters a level ("5(a)"); otherwise undefined. */
  label?: string;
  /** Written after a word such as "Rule", "Law" or "Section" ("Law 9.7 ..."). */
  isPrefixed: boolean;
}

/** The words some rulebooks put before a rule number ("RULE 5 – THE BALL", "Law 9.7 A player must not ..."). */
const NUMBER_PREFIX = /^(?:rule|law|section|article)\s+(?=\d)/i;

/**
 * "13.2.1 Text", "Rule 5 The Ball", "Law 9.7 Text", "5(a) Text" → the number, the text after it and how it
 * is written; undefined when the line does not start with a rule number.
 */
export function matchNumberedLine(text: string): NumberedLine | undefined {
  const prefix = NUMBER_PREFIX.exec(text);
  // A prefix counts only when capitalised, as headings and clause labels are ("Rule 5", never "rule 5 says").
  const isPrefixed = !!prefix && /^[A-Z]/.test(text);
  const body = isPrefixed ? text.slice(prefix![0].length) : text;
  const match = /^(\d{1,3}(?:\.\d{1,3})*)((?:\([a-z]\))*)\.?(?:\s+(.*))?$/.exec(body);
  if (!match) return undefined;
  const number = parseRuleNumber(match[1] + match[2]);
  let rest = (match[3] ?? '').trim();
  if (isPrefixed) rest = rest.replace(/^[-–—:.]\s*/, '');
  if (!number || UNIT_AFTER_NUMBER.test(rest)) return undefined;
  return { number, rest, label: match[2] ? `${match[1]}${match[2].toLowerCase()}` : undefined, isPrefixed };
}

/** "(b) Text" → the letter's position (2) and the text; lettered items continue a "5(a)" numbering. */
export function matchLetteredItem(text: string): { letter: number; rest: string } | undefined {
  const match = /^\(([a-z])\)\s+(\S.*)$/.exec(text);
  return match ? { letter: match[1].charCodeAt(0) - 96, rest: match[2] } : undefined;
}

/** Ends a sentence or a list item, so the next line may start something new. */
export function endsSentence(text: string): boolean {
  return /[.!?;:]["'”’]?$/.test(text.trim());
}

export function isReferenceLead(text: string): boolean {
  return REFERENCE_LEAD.test(text.trim());
}

/** Short, capitalised, no closing punctuation: "The Field of Play", "Team Coach and Team Officials". */
export function isTitleLike(text: string): boolean {
  if (!/^[A-Z]/.test(text) || /[.;:,?!]$/.test(text) || text.length > 80) return false;
  const words = text.split(' ').filter((w) => /[A-Za-z]/.test(w));
  if (words.length === 0 || words.length > 10) return false;
  const content = words.filter((w) => !CONNECTOR_WORDS.has(w.toLowerCase()));
  const capitalised = content.filter((w) => /^[("'‘“]?[A-Z0-9]/.test(w));
  return capitalised.length >= content.length * 0.75;
}

/**
 * An unnumbered heading: mostly capitals ("MODE OF PLAY") or clearly taller than body text, short,
 * without closing punctuation, and not in the middle of a sentence.
 */
export function isUnnumberedHeading(line: PageLine, bodyHeight: number, previousComplete: boolean): boolean {
  const text = line.text;
  if (text.length > 90 || endsSentence(text) || text.split(' ').length > 12) return false;
  if (matchRuling(text) || DEFINITION_START.test(text)) return false;
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length < 3) return false;
  const upperShare = letters.replace(/[^A-Z]/g, '').length / letters.length;
  const isTaller = bodyHeight > 0 && line.height > bodyHeight * 1.15;
  if (upperShare >= 0.8) return previousComplete || isTaller;
  return isTaller && previousComplete && isTitleLike(text);
}

/** "Mark (for a Tap): The centre of ..." → term and definition; undefined for ordinary text. */
export function matchDefinitionStart(text: string): { term: string; rest: string } | undefined {
  const match = DEFINITION_START.exec(text);
  if (!match) return undefined;
  const term = match[1].trim();
  const outsideBrackets = term.replace(/\([^)]*\)/g, ' ');
  const words = outsideBrackets.split(/[\s/]+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return undefined;
  const isCapitalised = words.every((w) => CONNECTOR_WORDS.has(w.toLowerCase()) || /^[A-Z0-9]/.test(w));
  return isCapitalised ? { term, rest: match[2].trim() } : undefined;
}

export function medianHeight(lines: readonly PageLine[]): number {
  const heights = lines.map((l) => l.height).filter((h) => h > 0).sort((a, b) => a - b);
  return heights.length === 0 ? 0 : heights[Math.floor(heights.length / 2)];
}
