// Whether a question names a defined term, or asks about the thing a definition defines. Read by the
// reranker. Pure; any thread.

import type { QuestionAnalysis } from './question';
import { containsRun, tokenize } from './text';

/**
 * Whether question tokens name a defined term: its words in order, next to each other ("tackle count in touch"
 * does not name Touch Count; "can my sub go on before the player…" does not name Substitute Player). A term
 * naming two things ("Tap and Tap Penalty", "Ruck/Rollball Area") is named by all its words, in any order.
 */
export function namesTermIn(tokens: readonly string[], term: string): boolean {
  const names = term.replace(/\(.*?\)/g, ' ').split(/\s+and\s+|\//).map((name) => tokenize(name));
  const words = names.flat();
  if (words.length === 0) return false;
  return names.length > 1 ? words.every((w) => tokens.includes(w)) : containsRun(tokens, words);
}

/** Whether a definition is of the thing a question asks about: its term's words all in the question's subject or words. */
export function definesSubject(q: QuestionAnalysis, termWords: readonly string[]): boolean {
  if (termWords.length === 0) return false;
  const pool = new Set(q.subject.length ? [...q.subject, ...q.subjectMeans] : q.tokens);
  if (!termWords.every((w) => pool.has(w))) return false;
  // The subject must be about this term, not a longer thing that contains it ("sin bin area" vs "sin bin").
  return q.subject.length === 0 || q.subject.length <= termWords.length + 1;
}
