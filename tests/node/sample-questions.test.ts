// The sample rulebook's own questions through the real Node pipeline (pdf.js, the shipped embedding model,
// the store on fake-indexeddb): each covered question's clause answer cites its clause, the others abstain.

import { beforeAll, describe, expect, it } from 'vitest';
import type { RulebookService } from '../../src/core/rulebook-service';
import { createNodeService } from '../../src/node/pipeline';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';

let service: RulebookService;
let hash: string;

beforeAll(async () => {
  service = await createNodeService();
  ({ rulebook: { hash } } = await service.addRulebook('sample-rules.pdf', await buildRulebookPdf()));
});

const covered = SAMPLE_QUESTIONS.filter((q) => q.expectedRef !== null);
const uncovered = SAMPLE_QUESTIONS.filter((q) => q.expectedRef === null);

describe('sample questions through the Node pipeline', () => {
  it.each(covered.map((q) => [q.question, q.expectedRef!] as const))('"%s" is answered from %s', async (question, ref) => {
    const { answer } = await service.ask(hash, question);
    expect(answer.covered).toBe(true);
    // The first sentence is the one the referee reads; it must come from the expected unit.
    expect(answer.sentences[0]?.ref).toBe(ref);
    // Every sentence shown cites its own unit, and that unit's text holds the sentence.
    for (const sentence of answer.sentences) {
      const clause = answer.clauses.find((c) => c.ref === sentence.ref);
      expect(clause?.text).toContain(sentence.text);
    }
  });

  it.each(uncovered.map((q) => [q.question] as const))('"%s" is not covered', async (question) => {
    const { answer, coverage } = await service.ask(hash, question);
    expect(coverage.covered).toBe(false);
    expect(answer.covered).toBe(false);
    expect(answer.sentences).toEqual([]);
    expect(answer.clauses.length).toBeGreaterThan(0);
  });
});
