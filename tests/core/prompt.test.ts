import { SAMPLE_RULEBOOK_TEXT } from '../fixtures/sample-rulebook';
import { describe, expect, it } from 'vitest';
import {
  ANSWER_SETTINGS,
  MAX_PROMPT_TOKENS,
  MIN_TRUNCATED_CLAUSE_TOKENS,
  NOT_COVERED,
  SYSTEM_MESSAGE,
  buildAnswerMessages,
  estimateTokens,
  formatCitation,
  type PromptClause,
} from '../../src/core/prompt';

function clause(ref: string, words: number): PromptClause {
  const text = Array.from({ length: words }, (_, i) => `word${i % 10}`).join(' ');
  return { ref, citation: formatCitation(ref), text };
}

/** Counts one token per whitespace-separated piece: simple enough to reason about in the table. */
const wordCounter = { countTokens: (t: string) => t.split(/\s+/).filter(Boolean).length };

describe('buildAnswerMessages', () => {
  it('puts the system message first and the labelled clauses with the question in the user message', () => {
    const { messages, includedRefs } = buildAnswerMessages('How far do defenders retire at a Tap?', [
      { ref: '15.2', citation: 'Rule 15.2', text: 'At a Tap, defenders retire ten (10) metres.' },
      { ref: 'Definition: Tap', citation: 'Definition: Tap', text: 'The method of commencing play.' },
    ]);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0].content).toBe(SYSTEM_MESSAGE);
    expect(messages[0].content).toContain(NOT_COVERED);
    expect(messages[0].content).toContain('— Rule 11.1');
    expect(messages[1].content).toContain('[Rule 15.2] At a Tap, defenders retire ten (10) metres.');
    expect(messages[1].content).toContain('[Definition: Tap] The method of commencing play.');
    expect(messages[1].content.trim().endsWith('Question: How far do defenders retire at a Tap?')).toBe(true);
    expect(includedRefs).toEqual(['15.2', 'Definition: Tap']);
  });

  // Fixed part with wordCounter: system + skeleton + 2 x 5 template tokens.
  const fixed =
    wordCounter.countTokens(SYSTEM_MESSAGE) + wordCounter.countTokens('Rules:\n(no rules found)\n\nQuestion: Q?') + 10;
  // A clause line costs its words + 2 label tokens ("[Rule", "1.1]") + 1 newline.
  const cases: {
    name: string;
    budgetAfterFixed: number;
    sizes: number[];
    included: number[];
    truncated: number[];
    dropped: number[];
  }[] = [
    { name: 'all fit', budgetAfterFixed: 100, sizes: [20, 20, 20], included: [0, 1, 2], truncated: [], dropped: [] },
    { name: 'exact fit', budgetAfterFixed: 69, sizes: [20, 20, 20], included: [0, 1, 2], truncated: [], dropped: [] },
    { name: 'last one truncated', budgetAfterFixed: 90, sizes: [20, 20, 60], included: [0, 1, 2], truncated: [2], dropped: [] },
    { name: 'too little room to truncate: dropped, a shorter later one still fits', budgetAfterFixed: 70, sizes: [20, 20, 60, 5], included: [0, 1, 3], truncated: [], dropped: [2] },
    { name: 'first clause longer than the whole budget is truncated', budgetAfterFixed: 60, sizes: [200, 5], included: [0], truncated: [0], dropped: [1] },
    { name: 'no room at all', budgetAfterFixed: 3, sizes: [20], included: [], truncated: [], dropped: [0] },
  ];
  it.each(cases)('budget: $name', ({ budgetAfterFixed, sizes, included, truncated, dropped }) => {
    const clauses = sizes.map((n, i) => clause(`${i + 1}.1`, n));
    const maxPromptTokens = fixed + budgetAfterFixed;
    const result = buildAnswerMessages('Q?', clauses, { maxPromptTokens, tokenCounter: wordCounter });
    expect(result.includedRefs).toEqual(included.map((i) => clauses[i].ref));
    expect(result.truncatedRefs).toEqual(truncated.map((i) => clauses[i].ref));
    expect(result.droppedRefs).toEqual(dropped.map((i) => clauses[i].ref));
    expect(result.promptTokens).toBeLessThanOrEqual(maxPromptTokens);
    for (const i of truncated) expect(result.messages[1].content).toMatch(new RegExp(`\\[Rule ${i + 1}\\.1\\][^\\n]* …`));
  });

  it('keeps a truncated clause at least MIN_TRUNCATED_CLAUSE_TOKENS long', () => {
    const clauses = [clause('1.1', 300)];
    const maxPromptTokens = fixed + MIN_TRUNCATED_CLAUSE_TOKENS;
    const result = buildAnswerMessages('Q?', clauses, { maxPromptTokens, tokenCounter: wordCounter });
    expect(result.truncatedRefs).toEqual(['1.1']);
    const line = result.messages[1].content.split('\n').find((l) => l.startsWith('[Rule 1.1]'))!;
    expect(wordCounter.countTokens(line)).toBeGreaterThan(MIN_TRUNCATED_CLAUSE_TOKENS - 5);
  });

  it('skips a repeated ref', () => {
    const result = buildAnswerMessages('Q?', [clause('2.1', 5), clause('2.1', 5)]);
    expect(result.includedRefs).toEqual(['2.1']);
  });

  it('stays within the default budget of ~600 tokens with the estimate', () => {
    const clauses = Array.from({ length: 12 }, (_, i) => clause(`${i + 1}.2`, 80));
    const result = buildAnswerMessages('How far must the defenders retire at a Tap?', clauses);
    expect(result.promptTokens).toBeLessThanOrEqual(MAX_PROMPT_TOKENS);
    expect(result.includedRefs.length).toBeGreaterThan(1);
    expect(result.droppedRefs.length).toBeGreaterThan(0);
  });

  it('uses a low temperature and a short answer length', () => {
    expect(ANSWER_SETTINGS.temperature).toBeLessThanOrEqual(0.2);
    expect(ANSWER_SETTINGS.max_tokens).toBeLessThanOrEqual(64);
  });
});

describe('formatCitation', () => {
  it.each([
    ['15.2', 'Rule 15.2'],
    ['13.2.1', 'Rule 13.2.1'],
    ['Definition: Advantage', 'Definition: Advantage'],
  ])('%s -> %s', (ref, citation) => expect(formatCitation(ref)).toBe(citation));
});

describe('estimateTokens', () => {
  it.each([
    ['', 0],
    ['Tap', 1],
    ['ten (10) metres', 6],
    ['Interchange', 3],
  ])('%j -> %i', (text, n) => expect(estimateTokens(text)).toBe(n));

  it('errs high against the ~4 characters per token of English BPE', () => {
    const text = SAMPLE_RULEBOOK_TEXT;
    expect(estimateTokens(text)).toBeGreaterThan(text.length / 4.5);
    expect(estimateTokens(text)).toBeLessThan(text.length / 2);
  });
});
