// Random Unicode against the question path and the grounding check: whatever a referee (or a pasted page)
// types, reading the question and checking an answer never throws.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from '../../src/core/answer-tuning';
import { buildClauseIndex } from '../../src/core/clauses';
import { linkGlossary } from '../../src/core/glossary';
import { checkGrounding, isAbstention } from '../../src/core/grounding';
import { analyzeQuestion, type AnalysisContext } from '../../src/core/question';
import { findRuleNumbersInText, formatCitation, parseRuleNumber } from '../../src/core/rule-numbers';
import { contentTerms, expandContractions, normalizeText, splitSentences, splitWords, tokenize } from '../../src/core/text';
import { compileVocabulary } from '../../src/core/vocabulary';
import { clause, definition } from '../fixtures/units';

const SEED = 424242;
const units = [
  clause('13.1', 'The Rollball', 'A Rollball is performed on the Mark after a Touch.'),
  clause('15.2', 'Offside', 'Defenders must retire seven (7) metres from the Mark.'),
  definition('Sin Bin', 'The defined area in which a player must remain.'),
];
const index = buildClauseIndex(units);
const ctx: AnalysisContext = { lexicon: index.lexicon, vocabulary: compileVocabulary(), tuning: DEFAULT_TUNING.question };

/** Any code points (lone surrogates, combining marks, RTL, emoji), with rule-ish pieces mixed in. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc
    .array(fc.oneof(fc.constantFrom('Rule 15.2', '13.1.', '(a)', 'Definition: Sin Bin', '—', "don't", 'ﬁ', 'İ', '\u200b', '\u0301'), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 30 })
    .map((parts) => parts.join(' ')),
);

describe('random Unicode', () => {
  it('text helpers never throw and never return empty tokens', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(typeof normalizeText(text)).toBe('string');
        expect(typeof expandContractions(text.toLowerCase())).toBe('string');
        for (const list of [tokenize(text), contentTerms(text), splitWords(text)]) expect(list.every((t) => t.length > 0)).toBe(true);
        expect(Array.isArray(splitSentences(text))).toBe(true);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('reading a question, glossary links included, never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const q = linkGlossary(analyzeQuestion(text, ctx), index, ctx.tuning);
        expect(typeof q.embeddingText).toBe('string');
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('rule numbers in any text parse or are refused, never throw', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const number = parseRuleNumber(text);
        expect(number === undefined || number.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
        for (const found of findRuleNumbersInText(text)) expect(parseRuleNumber(found)).toBeDefined();
        expect(typeof formatCitation(text)).toBe('string');
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('the grounding check never throws on any answer against any clauses', () => {
    const clauses = fc.array(fc.record({ ref: fc.oneof(fc.constantFrom('15.2', '13.1', 'Definition: Sin Bin', '5(a)'), anyText), text: anyText }), { maxLength: 5 });
    fc.assert(
      fc.property(anyText, clauses, (answer, retrieved) => {
        const result = checkGrounding(answer, retrieved);
        expect(typeof result.grounded).toBe('boolean');
        expect(Array.isArray(result.citedRefs) && Array.isArray(result.problems)).toBe(true);
        expect(typeof isAbstention(answer)).toBe('boolean');
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});
