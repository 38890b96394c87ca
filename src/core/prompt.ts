// Builds the chat messages that ask the on-device model for a short, cited answer from the retrieved
// clauses, within a prompt token budget (on phones the prompt length is the latency). Any thread.

import type { TokenCounter } from './types';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A retrieved clause as it goes into the prompt. */
export interface PromptClause {
  /** Canonical reference: "15.2", "Definition: Advantage". */
  ref: string;
  /** How the answer must cite it: "Rule 15.2", "Definition: Advantage" (see formatCitation). */
  citation: string;
  text: string;
}

export interface AnswerPromptOptions {
  /** Whole prompt budget in tokens, system message and chat template included. */
  maxPromptTokens?: number;
  /** A tokenizer to count with; defaults to estimateTokens. */
  tokenCounter?: TokenCounter;
}

export interface AnswerPrompt {
  messages: ChatMessage[];
  /** Refs whose clause went in, in prompt order (truncated ones included). */
  includedRefs: string[];
  /** Refs whose clause went in cut short. */
  truncatedRefs: string[];
  /** Refs left out for lack of budget. */
  droppedRefs: string[];
  promptTokens: number;
}

/** The exact abstention the model is told to give. */
export const NOT_COVERED = 'Not covered by the rules';

export const MAX_PROMPT_TOKENS = 600;
/** A clause cut to fewer tokens than this says too little to answer from: it is dropped instead. */
export const MIN_TRUNCATED_CLAUSE_TOKENS = 40;
/** Per-message chat template tokens (Llama 3: header ids, role, blank line, end of turn). */
export const MESSAGE_OVERHEAD_TOKENS = 5;
export const MAX_ANSWER_WORDS = 15;

/** Sampling settings for answers: low temperature, room for ~15 words plus a citation. */
export const ANSWER_SETTINGS = {
  temperature: 0.1,
  top_p: 0.9,
  max_tokens: 48,
} as const;
export type AnswerSettings = { temperature: number; top_p: number; max_tokens: number };

export const SYSTEM_MESSAGE = [
  'You are an expert referee on these Touch rules.',
  `Answer in at most ${MAX_ANSWER_WORDS} words, using only the rules given with the question.`,
  'Copy numbers exactly as the rule states them.',
  'End with the citation of the rule you used, written as its label, for example "— Rule 11.1" or "— Definition: Advantage".',
  `If the rules given do not answer the question, reply exactly: ${NOT_COVERED}`,
].join(' ');

/** "15.2" -> "Rule 15.2"; definitions and section headings keep their ref. */
export function formatCitation(ref: string): string {
  return /^\d+(?:\.\d+)*$/.test(ref) ? `Rule ${ref}` : ref;
}

/**
 * Token estimate for Llama/Qwen BPE tokenizers on English rule text without loading one:
 * a word is about one token per 5 letters, digits go in groups of three, punctuation is one each.
 * It errs high (tests compare it with real counts in the rulebook), so the budget is not overrun.
 */
export function estimateTokens(text: string): number {
  let count = 0;
  for (const m of text.matchAll(/[A-Za-z]+|\d+|[^\sA-Za-z\d]/g)) {
    const piece = m[0];
    if (/^\d/.test(piece)) count += Math.ceil(piece.length / 3);
    else if (/^[A-Za-z]/.test(piece)) count += Math.ceil(piece.length / 5);
    else count += 1;
  }
  return count;
}

function clauseLine(clause: PromptClause, text: string): string {
  return `[${clause.citation}] ${text.replace(/\s+/g, ' ').trim()}`;
}

/** Cuts `text` at a word boundary so that the clause line fits `budget` tokens; '' when nothing fits. */
function truncateToFit(clause: PromptClause, budget: number, count: (t: string) => number): string {
  const words = clause.text.replace(/\s+/g, ' ').trim().split(' ');
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = clauseLine(clause, words.slice(0, mid).join(' ') + ' …');
    if (count(candidate) + 1 <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : clauseLine(clause, words.slice(0, lo).join(' ') + ' …');
}

function userMessage(question: string, clauseLines: string[]): string {
  const rules = clauseLines.length > 0 ? clauseLines.join('\n') : '(no rules found)';
  return `Rules:\n${rules}\n\nQuestion: ${question.trim()}`;
}

/**
 * Clauses go in by rank. One that does not fit whole is cut at a word boundary if at least
 * MIN_TRUNCATED_CLAUSE_TOKENS remain (which uses up the budget), otherwise dropped while later,
 * shorter clauses may still fit. A truncated clause ends with "…".
 */
export function buildAnswerMessages(
  question: string,
  clauses: PromptClause[],
  opts: AnswerPromptOptions = {},
): AnswerPrompt {
  const count = opts.tokenCounter ? (t: string) => opts.tokenCounter!.countTokens(t) : estimateTokens;
  const maxTokens = opts.maxPromptTokens ?? MAX_PROMPT_TOKENS;
  const fixed = count(SYSTEM_MESSAGE) + count(userMessage(question, [])) + 2 * MESSAGE_OVERHEAD_TOKENS;
  let remaining = maxTokens - fixed;

  const lines: string[] = [];
  const includedRefs: string[] = [];
  const truncatedRefs: string[] = [];
  const droppedRefs: string[] = [];
  const seen = new Set<string>();
  for (const clause of clauses) {
    if (seen.has(clause.ref)) continue;
    seen.add(clause.ref);
    const whole = clauseLine(clause, clause.text);
    // +1 for the newline joining the lines.
    const cost = count(whole) + 1;
    if (cost <= remaining) {
      lines.push(whole);
      includedRefs.push(clause.ref);
      remaining -= cost;
      continue;
    }
    if (remaining >= MIN_TRUNCATED_CLAUSE_TOKENS) {
      const cut = truncateToFit(clause, remaining, count);
      if (cut) {
        lines.push(cut);
        includedRefs.push(clause.ref);
        truncatedRefs.push(clause.ref);
        remaining -= count(cut) + 1;
        continue;
      }
    }
    droppedRefs.push(clause.ref);
  }

  const messages: ChatMessage[] = [
    { role: 'system', content: SYSTEM_MESSAGE },
    { role: 'user', content: userMessage(question, lines) },
  ];
  const promptTokens = messages.reduce((sum, m) => sum + count(m.content) + MESSAGE_OVERHEAD_TOKENS, 0);
  return { messages, includedRefs, truncatedRefs, droppedRefs, promptTokens };
}
