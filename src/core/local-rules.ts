// Several rulebooks at once, local rules on top of the laws: a question is asked of every active rulebook,
// every citation names its book, and when a local rule and a law both answer, the local rule leads, labelled,
// with the law under it ("Local rule 3.1 (Summer League) — the law is Rule 10.3"). Abstention looks at all the
// active books together. Pure composition over RulebookService.ask; runs in the rulebook worker and in Node.

import type { AnswerClause, AnswerSentence, ClauseAnswer } from './clause-answer';
import type { AnswerState, Coverage } from './coverage';
import type { AskResult } from './rulebook-service';

export type BookRole = 'laws' | 'local';

export interface ActiveBook {
  hash: string;
  name: string;
  role: BookRole;
}

/** One active book's answer, its citations naming the book ("Rule 10.3 (FIT 5th ed.)"). */
export interface BookAnswer {
  book: ActiveBook;
  answer: ClauseAnswer;
  coverage: Coverage;
  /** The answer's citations in order, each with the book's name. */
  citations: string[];
}

export interface LeadAnswer {
  book: ActiveBook;
  sentence?: AnswerSentence;
  clause?: AnswerClause;
  /** "Rule 3.1 (Summer League)" */
  citation: string;
}

export interface CombinedAnswer {
  /** The best state of any active book: one book that answers is enough, and only all silent is "not covered". */
  state: AnswerState;
  covered: boolean;
  /** A local rule when one answers, otherwise the law that answers best; absent when none does. */
  lead?: LeadAnswer;
  /** The law that also answers, shown under a local rule that leads. */
  law?: LeadAnswer;
  /** "Local rule 3.1 (Summer League) — the law is Rule 10.3"; absent unless a local rule leads. */
  label?: string;
  /** Every active book's answer: local rules first, then by confidence. */
  books: BookAnswer[];
}

const STATE_RANK: Record<AnswerState, number> = { sure: 2, unsure: 1, 'not-covered': 0 };

/** "Rule 10.3" → "Rule 10.3 (FIT 5th ed.)" */
export function citeInBook(citation: string, bookName: string): string {
  return `${citation} (${bookName})`;
}

/** Asks every active book (one at a time, so a phone's worker is never asked for two at once) and combines. */
export async function askActiveBooks(
  ask: (hash: string, question: string) => Promise<AskResult>,
  books: readonly ActiveBook[],
  question: string,
): Promise<CombinedAnswer> {
  const answers: { book: ActiveBook; result: Pick<AskResult, 'answer' | 'coverage'> }[] = [];
  for (const book of books) answers.push({ book, result: await ask(book.hash, question) });
  return combineAnswers(answers);
}

export function combineAnswers(answers: readonly { book: ActiveBook; result: Pick<AskResult, 'answer' | 'coverage'> }[]): CombinedAnswer {
  const books: BookAnswer[] = answers
    .map(({ book, result }) => ({
      book,
      answer: result.answer,
      coverage: result.coverage,
      citations: result.answer.sentences.map((s) => citeInBook(s.citation, book.name)),
    }))
    .sort((a, b) => roleRank(a.book) - roleRank(b.book) || b.coverage.confidence - a.coverage.confidence);
  const answering = books.filter((b) => b.answer.covered);
  const best = (role: BookRole) =>
    answering
      .filter((b) => b.book.role === role)
      .sort((a, b) => STATE_RANK[b.answer.state] - STATE_RANK[a.answer.state] || b.coverage.confidence - a.coverage.confidence)[0];
  const local = best('local');
  const law = best('laws');
  const state = books.reduce<AnswerState>((s, b) => (STATE_RANK[b.answer.state] > STATE_RANK[s] ? b.answer.state : s), 'not-covered');
  const lead = local ?? law;
  const combined: CombinedAnswer = { state, covered: answering.length > 0, books };
  if (!lead) return combined;
  combined.lead = leadOf(lead);
  if (local) {
    const localRef = combined.lead.sentence?.ref ?? combined.lead.clause?.ref ?? '';
    combined.label = `Local rule ${localRef} (${local.book.name})`;
    if (law) {
      combined.law = leadOf(law);
      combined.label += ` — the law is Rule ${combined.law.sentence?.ref ?? combined.law.clause?.ref ?? ''}`;
    }
  }
  return combined;
}

const roleRank = (book: ActiveBook) => (book.role === 'local' ? 0 : 1);

function leadOf(b: BookAnswer): LeadAnswer {
  const sentence = b.answer.sentences[0];
  const clause = b.answer.clauses.find((c) => c.ref === sentence?.ref) ?? b.answer.clauses[0];
  return { book: b.book, sentence, clause, citation: citeInBook(sentence?.citation ?? clause?.citation ?? '', b.book.name) };
}
