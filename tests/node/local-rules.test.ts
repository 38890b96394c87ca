// Local rules on top of the laws with two fixture PDFs through the real pipeline: a local rule that contradicts
// a law leads, labelled, with the law under it; a question only the laws answer is answered from them; every
// citation names its book; abstention looks at both books.

import { beforeAll, describe, expect, it } from 'vitest';
import { combineAnswers, askActiveBooks, type ActiveBook } from '../../src/core/local-rules';
import type { RulebookService } from '../../src/core/rulebook-service';
import { createNodeService } from '../../src/node/pipeline';
import { SUMMER_LEAGUE_BYLAWS } from '../fixtures/local-bylaws';
import { buildRulebookPdf } from '../fixtures/make-pdf';

let service: RulebookService;
let laws: ActiveBook;
let local: ActiveBook;

beforeAll(async () => {
  service = await createNodeService();
  const lawBook = await service.addRulebook('Sample Rules', await buildRulebookPdf());
  const localBook = await service.addRulebook('Summer League', await buildRulebookPdf({ book: SUMMER_LEAGUE_BYLAWS }));
  laws = { hash: lawBook.rulebook.hash, name: 'Sample Rules', role: 'laws' };
  local = { hash: localBook.rulebook.hash, name: 'Summer League', role: 'local' };
});

const ask = (hash: string, question: string) => service.ask(hash, question);

describe('local rules on top of the laws', () => {
  it('puts the local rule first when it contradicts the law, and shows the law under it', async () => {
    const combined = await askActiveBooks(ask, [laws, local], 'How long does a player stay in the sin bin?');
    expect(combined.covered).toBe(true);
    expect(combined.lead).toMatchObject({ book: { name: 'Summer League' }, citation: 'Rule 3.1 (Summer League)' });
    expect(combined.lead?.sentence?.text).toMatch(/five \(5\) minutes/);
    expect(combined.law).toMatchObject({ book: { name: 'Sample Rules' }, citation: 'Rule 10.3 (Sample Rules)' });
    expect(combined.law?.sentence?.text).toMatch(/three \(3\) minutes/);
    expect(combined.label).toBe('Local rule 3.1 (Summer League) — the law is Rule 10.3');
  });

  it('names the book in every citation, local rules first', async () => {
    const combined = await askActiveBooks(ask, [laws, local], 'How long is each half?');
    expect(combined.books.map((b) => b.book.name)).toEqual(['Summer League', 'Sample Rules']);
    for (const b of combined.books) for (const c of b.citations) expect(c.endsWith(` (${b.book.name})`)).toBe(true);
  });

  it('answers from the laws when the local rules say nothing about it', async () => {
    const combined = await askActiveBooks(ask, [local, laws], 'How far back must defenders retire at a penalty?');
    expect(combined.lead?.book.name).toBe('Sample Rules');
    expect(combined.label).toBeUndefined();
    expect(combined.law).toBeUndefined();
  });
});

describe('combining answers', () => {
  const answer = (state: 'sure' | 'unsure' | 'not-covered', ref: string, confidence: number) => ({
    answer: {
      state,
      covered: state !== 'not-covered',
      sentences: state === 'not-covered' ? [] : [{ text: `Text of ${ref}.`, ref, citation: `Rule ${ref}`, unit: 0 }],
      clauses: [],
    },
    coverage: { covered: state !== 'not-covered', state, confidence, reason: '' },
  });

  it.each([
    ['every book silent', 'not-covered', 'not-covered', 'not-covered', false, undefined],
    ['only the law answers', 'sure', 'not-covered', 'sure', true, 'Sample Rules'],
    ['only the local rule answers, unsure', 'not-covered', 'unsure', 'unsure', true, 'Summer League'],
    ['both answer: the local rule leads even when the law is surer', 'sure', 'unsure', 'sure', true, 'Summer League'],
  ] as const)('%s', (_name, lawState, localState, state, covered, leadBook) => {
    const combined = combineAnswers([
      { book: laws, result: answer(lawState, '10.3', 0.9) },
      { book: local, result: answer(localState, '3.1', 0.4) },
    ]);
    expect(combined).toMatchObject({ state, covered });
    expect(combined.lead?.book.name).toBe(leadBook);
  });

  it('leads with the surest law when two law books answer', () => {
    const other: ActiveBook = { hash: 'b'.repeat(64), name: 'Other Laws', role: 'laws' };
    const combined = combineAnswers([
      { book: laws, result: answer('unsure', '10.3', 0.5) },
      { book: other, result: answer('sure', '7.1', 0.8) },
    ]);
    expect(combined.lead?.citation).toBe('Rule 7.1 (Other Laws)');
    expect(combined.label).toBeUndefined();
  });
});
