// Rule numbers ("13", "13.2", "13.2.1"): parsing, ordering, parent/child relations and citations.
// Pure; runs on every thread and in Node.

/** A parsed clause number: "13.2.1" is [13, 2, 1]. */
export type RuleNumber = readonly number[];

const DEFINITION_PREFIX = 'Definition: ';
const NUMBER_PATTERN = /^(?:(?:rule|law|clause|section|article|r)\s*\.?\s*)?(\d{1,3}(?:\.\d{1,3})*)((?:\([a-z]\))*)\.?$/i;

/**
 * Parses "13.2", "Rule 15.2", "Law 9.7", "clause 15.2", "r15.2", "13.2." into its parts. A lettered part
 * ("5(a)", "5.1(b)") counts as one more level, numbered from 1 (a → 1), so it orders like a sub-clause.
 * Returns undefined for anything else (including "0" parts, which no rulebook uses).
 */
export function parseRuleNumber(value: string): RuleNumber | undefined {
  const match = NUMBER_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const parts = match[1].split('.').map(Number);
  for (const letter of match[2].matchAll(/\(([a-z])\)/gi)) parts.push(letter[1].toLowerCase().charCodeAt(0) - 96);
  if (parts.some((part) => part < 1)) return undefined;
  return parts;
}

/** Whether a reference is written with a lettered part ("5(a)"), which citations keep as written. */
export function isLetteredRef(ref: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3})*(?:\([a-z]\))+$/i.test(ref);
}

/** "5.1(a)" from its number when the book letters that level: every part after `numericDepth` is a letter. */
export function formatLetteredRuleNumber(number: RuleNumber, numericDepth: number): string {
  const head = number.slice(0, numericDepth).join('.');
  const letters = number.slice(numericDepth).map((n) => `(${String.fromCharCode(96 + n)})`);
  return head + letters.join('');
}

export function formatRuleNumber(number: RuleNumber): string {
  return number.join('.');
}

/** Orders rule numbers as a reader would: 2 < 2.1 < 2.1.1 < 2.2 < 10. */
export function compareRuleNumbers(a: RuleNumber, b: RuleNumber): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/** Sorts reference strings; clause numbers in rule order first, then other refs alphabetically. */
export function sortRuleRefs(refs: readonly string[]): string[] {
  return [...refs].sort((a, b) => {
    const na = parseRuleNumber(a);
    const nb = parseRuleNumber(b);
    if (na && nb) return compareRuleNumbers(na, nb);
    if (na) return -1;
    if (nb) return 1;
    return a.localeCompare(b);
  });
}

export function parentRuleNumber(number: RuleNumber): RuleNumber | undefined {
  return number.length > 1 ? number.slice(0, -1) : undefined;
}

/** True when `ancestor` is a strict prefix of `descendant` (13.2 contains 13.2.1 but not 13.20). */
export function isAncestorRuleNumber(ancestor: RuleNumber, descendant: RuleNumber): boolean {
  if (ancestor.length >= descendant.length) return false;
  return ancestor.every((part, i) => part === descendant[i]);
}

export function isSameRuleNumber(a: RuleNumber, b: RuleNumber): boolean {
  return a.length === b.length && compareRuleNumbers(a, b) === 0;
}

/**
 * The numbers that may follow `current` in a rulebook: its first child (13.2 → 13.2.1)
 * and the next sibling of itself or of any ancestor (13.2.1 → 13.2.2, 13.3, 14).
 */
export function nextRuleNumbers(current: RuleNumber): RuleNumber[] {
  const next: RuleNumber[] = [[...current, 1]];
  for (let depth = current.length; depth >= 1; depth--) {
    const sibling = current.slice(0, depth);
    next.push([...sibling.slice(0, -1), sibling[depth - 1] + 1]);
  }
  return next;
}

/**
 * Whether `candidate` can follow `current`, allowing up to `maxGap` numbers skipped
 * (rulebooks sometimes delete a clause and keep the numbering).
 */
export function isPlausibleNextRuleNumber(current: RuleNumber, candidate: RuleNumber, maxGap = 0): boolean {
  if (candidate.length === current.length + 1) {
    return isAncestorRuleNumber(current, candidate) && candidate[candidate.length - 1] <= 1 + maxGap;
  }
  if (candidate.length > current.length) return false;
  const depth = candidate.length;
  for (let i = 0; i < depth - 1; i++) {
    if (candidate[i] !== current[i]) return false;
  }
  const step = candidate[depth - 1] - current[depth - 1];
  return step >= 1 && step <= 1 + maxGap;
}

export function isDefinitionRef(ref: string): boolean {
  return ref.startsWith(DEFINITION_PREFIX);
}

export function definitionRef(term: string): string {
  return `${DEFINITION_PREFIX}${term}`;
}

/** "15.2" → "Rule 15.2"; "Definition: Advantage" stays; any other ref (a heading) is returned as is. */
export function formatCitation(ref: string): string {
  if (isDefinitionRef(ref)) return ref;
  if (isLetteredRef(ref)) return `Rule ${ref.toLowerCase()}`;
  const number = parseRuleNumber(ref);
  return number ? `Rule ${formatRuleNumber(number)}` : ref;
}

/** Every clause number written in free text ("see 13.2 or Rule 15"), as canonical strings. */
export function findRuleNumbersInText(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\b(?:rules?|clauses?|r)\s*\.?\s*(\d{1,3}(?:\.\d{1,3})*)|\b(\d{1,3}(?:\.\d{1,3})+)\b/gi)) {
    const number = parseRuleNumber(match[1] ?? match[2]);
    if (number) found.add(formatRuleNumber(number));
  }
  return [...found];
}
